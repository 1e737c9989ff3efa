"""Results to Telegram HTML: everything from the model or the documents escaped, split under 4,096."""

from __future__ import annotations

import html
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from retrieval.types import Citation, Result

LIMIT = 4000  # Telegram allows 4,096; a margin for the entities' own characters
BUTTONS_PER_ROW = 8
QUOTE_CHARS = 3000


def esc(text: str | None) -> str:
    """Text safe for parse_mode=HTML."""
    return html.escape(text or "", quote=False)


def _hard_split(raw: str, limit: int) -> list[str]:
    """Cut raw text so that each piece, escaped, fits; prefer line breaks, then sentence ends."""
    pieces: list[str] = []
    rest = raw
    while len(esc(rest)) > limit:
        cut = limit
        while len(esc(rest[:cut])) > limit:  # escaping grows the text; shrink until it fits
            cut = max(1, cut - max(1, (len(esc(rest[:cut])) - limit)))
        window = rest[:cut]
        best = max(window.rfind("\n"), *(window.rfind(mark) + len(mark) - 1 for mark in ("。", "；", ". ", "! ", "? ")))
        if best > cut // 2:
            cut = best + 1
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest.strip():
        pieces.append(rest)
    return pieces


def blocks_of(raw: str, limit: int = LIMIT) -> list[str]:
    """Escaped HTML blocks, one per paragraph (over-long paragraphs cut), each within limit."""
    blocks = []
    for paragraph in re.split(r"\n\s*\n", raw.strip()):
        if paragraph.strip():
            blocks.extend(esc(piece) for piece in _hard_split(paragraph.strip(), limit))
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
    where = " · ".join(part for part in (c.date, c.section[:200]) if part)
    return f"[{c.n}] <b>{esc(c.title[:300])}</b>" + (f" — {esc(where)}" if where else "")


def answer_messages(result: Result, limit: int = LIMIT) -> list[str]:
    """The answer, its warnings and a list of its sources, as HTML messages each within limit."""
    blocks = blocks_of(result.answer, limit)
    for warning in result.warnings:
        blocks.extend(f"<i>{block}</i>" for block in blocks_of(warning, limit - 7))
    if result.citations:
        lines = ["<b>来源 Sources</b>"] + [_source_line(c) for c in result.citations]
        blocks.extend(pack(lines, limit, sep="\n"))
    return pack(blocks, limit)


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


def passage_message(c: Citation) -> str:
    """One cited passage: title, date, issuer, section, then the passage text."""
    quote = c.quote if len(c.quote) <= QUOTE_CHARS else c.quote[:QUOTE_CHARS] + "…"
    head = [f"<b>[{c.n}] {esc(c.title)}</b>"]
    meta = " · ".join(part for part in (c.date, c.issuer) if part)
    if meta:
        head.append(esc(meta))
    if c.section:
        head.append(f"<i>{esc(c.section)}</i>")
    head.append(f"<code>{esc(c.source)}</code>")
    return "\n".join(head) + f"\n\n<blockquote>{esc(quote)}</blockquote>"


def streaming_preview(text: str, limit: int = LIMIT) -> str:
    """The tail end of a partial answer, escaped, within one message."""
    text = text.strip() or "…"
    if len(esc(text)) > limit:
        text = "…" + text[-(limit // 2):]
    return esc(text) + " ▌"
