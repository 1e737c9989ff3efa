"""Results to Telegram HTML: everything from the model or the documents escaped, split under 4,096."""

from __future__ import annotations

import html
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from retrieval.types import Citation, Result

LIMIT = 4000  # Telegram allows 4,096; a margin for the entities' own characters
BUTTONS_PER_ROW = 8
QUOTE_CHARS = 3000
MAX_MESSAGES = 3  # an answer longer than this many messages is cut (a runaway model)
TRUNCATED = "<i>…… 答案过长，已截断。 Answer truncated: too long.</i>"
_REPEATED_MARKER = re.compile(r"(\[\d{1,3}\])(?:\s*\1)+")


def esc(text: str | None) -> str:
    """Text safe for parse_mode=HTML."""
    return html.escape(text or "", quote=False)


_WIDTH = {"&": 5, "<": 4, ">": 4}  # what esc() makes of a character, in characters
_BREAKS = ("。", "；", ". ", "! ", "? ")


def _hard_split(raw: str, limit: int) -> list[str]:
    """Cut raw text so that each piece, escaped, fits; prefer line breaks, then sentence ends. Linear."""
    pieces: list[str] = []
    start, end_of_text = 0, len(raw)
    while start < end_of_text:
        end, size = start, 0
        while end < end_of_text and size + _WIDTH.get(raw[end], 1) <= limit:
            size += _WIDTH.get(raw[end], 1)
            end += 1
        if end < end_of_text:
            window = raw[start:end]
            best = max(window.rfind("\n"), *(window.rfind(mark) + len(mark) - 1 for mark in _BREAKS))
            if best > len(window) // 2:
                end = start + best + 1
        piece = raw[start:end].rstrip()
        if piece.strip():
            pieces.append(piece)
        start = end
        while start < end_of_text and raw[start].isspace():
            start += 1
    return pieces


_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.M)


def blocks_of(raw: str, limit: int = LIMIT) -> list[str]:
    """Escaped HTML blocks, one per paragraph (over-long paragraphs cut), each within limit; a summary's Markdown
    headings ('## 安徽省') are shown bold, as a phone cannot show '#'."""
    blocks = []
    for paragraph in re.split(r"\n\s*\n", raw.strip()):
        if paragraph.strip():
            blocks.extend(_HEADING.sub(r"<b>\1</b>", esc(piece)) for piece in _hard_split(paragraph.strip(), limit))
    return blocks


def pack(blocks: list[str], limit: int = LIMIT, sep: str = "\n\n") -> list[str]:
    """Join pre-rendered HTML blocks (each within limit) into as few messages as fit."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        if current and len(current) + len(sep) + len(block) > limit:
            messages.append(current)
            current = block
        else:
            current = f"{current}{sep}{block}" if current else block
    if current:
        messages.append(current)
    return messages or ["…"]


def _source_line(c: Citation) -> str:
    where = " · ".join(part for part in (c.date, c.section) if part)
    return f"[{c.n}] <b>{fit(c.title, 300)}</b>" + (f" — {fit(where, 300)}" if where else "")


def collapse_markers(text: str) -> str:
    """[1][1][1] or [1] [1] → [1]: a runaway model repeating a citation."""
    return _REPEATED_MARKER.sub(r"\1", text)


def answer_messages(result: Result, limit: int = LIMIT, max_messages: int = MAX_MESSAGES) -> list[str]:
    """The answer, its warnings and a list of its sources, as HTML messages each within limit; an answer
    that would take more than `max_messages` messages is cut, with a note saying so."""
    answer = collapse_markers(result.answer)
    tail: list[str] = []
    for warning in result.warnings:
        tail.extend(f"<i>{block}</i>" for block in blocks_of(warning, limit - 7))
    if result.citations:
        lines = ["<b>来源 Sources</b>"] + [_source_line(c) for c in result.citations]
        tail.extend(pack(lines, limit, sep="\n"))
    messages = pack(blocks_of(answer, limit) + tail, limit)
    if len(messages) <= max_messages:
        return messages
    tail_messages = pack(tail, limit)[: max_messages - 1] if tail else []
    room = limit - len(TRUNCATED) - 2
    body = pack(blocks_of(answer, room), room)[: max(1, max_messages - len(tail_messages))]
    body[-1] += "\n\n" + TRUNCATED
    return body + tail_messages


def answer_keyboard(answer_id: str, result: Result) -> InlineKeyboardMarkup:
    """[1] [2] … open passages; 👍 👎 rate the answer; a .docx button when there is an attachment."""
    rows: list[list[InlineKeyboardButton]] = []
    buttons = [InlineKeyboardButton(f"[{c.n}]", callback_data=f"c:{answer_id}:{c.n}") for c in result.citations]
    rows.extend(buttons[i:i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW))
    if result.attachment is not None:
        rows.append([InlineKeyboardButton("📄 Word (.docx)", callback_data=f"d:{answer_id}")])
    rows.append([InlineKeyboardButton("👍", callback_data=f"f:{answer_id}:up"),
                 InlineKeyboardButton("👎", callback_data=f"f:{answer_id}:down")])
    return InlineKeyboardMarkup(rows)


def fit(text: str | None, budget: int, one_line: bool = True) -> str:
    """The text escaped, cut (with …) so that the escaped form is at most `budget` characters."""
    text = " ".join((text or "").split()) if one_line else (text or "")
    if len(text) * 5 <= budget or len(esc(text)) <= budget:
        return esc(text)
    size, end = 1, 0  # 1 for the …
    while end < len(text) and size + _WIDTH.get(text[end], 1) <= budget:
        size += _WIDTH.get(text[end], 1)
        end += 1
    return esc(text[:end]) + "…"


def passage_message(c: Citation, limit: int = LIMIT) -> str:
    """One cited passage: title, date, issuer, section, then the passage text; every part capped."""
    head = [f"<b>[{c.n}] {fit(c.title, 400)}</b>"]
    meta = " · ".join(part for part in (c.date, c.issuer) if part)
    if meta:
        head.append(fit(meta, 200))
    if c.section:
        head.append(f"<i>{fit(c.section, 400)}</i>")
    head.append(f"<code>{fit(c.source, 200)}</code>")
    top = "\n".join(head) + "\n\n<blockquote></blockquote>"
    quote = fit(c.quote, min(QUOTE_CHARS, limit - len(top)), one_line=False)
    return "\n".join(head) + f"\n\n<blockquote>{quote}</blockquote>"


def streaming_preview(text: str, limit: int = LIMIT) -> str:
    """The tail end of a partial answer, escaped, within one message."""
    text = text.strip() or "…"
    if len(esc(text)) > limit:
        text = "…" + text[-(limit // 2):]
    return esc(text) + " ▌"
