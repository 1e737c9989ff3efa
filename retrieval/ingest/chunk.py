"""Structure-aware chunking: passages of whole sentences that never span two sections.

Pure functions over the cleaned text; offsets index into it so a passage can always be shown in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = "一二三四五六七八九十"
_CASE = re.compile(r"^(事例|案例)\s*\d+\s*[:：]")
_BRACKET_LABEL = re.compile(r"^【[^】]{1,12}】$")
_LEVEL1 = re.compile(rf"^[{_NUM}]+\s*[、.．]")
_LEVEL2 = re.compile(rf"^[（(][{_NUM}]+[)）]")
_BODY_HEADING = re.compile(r"^[\u3400-\u9fff]{2,20}(人民)?(检察院|檢察院|检察机关|檢察機關)$")
_SENTENCE = re.compile(r".+?(?:[。！？；!?;][”’」』）)]*|$)", re.S)
_END_PUNCT = "。！？；：:!?;，,、"
HARD_MAX_CHARS = 800  # no passage is longer, whatever the text (a line without punctuation is cut here)
SECTION_MAX_CHARS = 120  # a section path longer than this is truncated with …


@dataclass
class Chunk:
    start: int
    end: int
    section: str


@dataclass
class _Line:
    start: int
    text: str


def _heading_rank(text: str, after_label: bool) -> int | None:
    """0 case/body, 1 numbered part or 【label】 or short title, 2 sub-part; None for body text."""
    if _BRACKET_LABEL.match(text):
        return 1
    if after_label:
        return None
    if (_CASE.match(text) and len(text) <= SECTION_MAX_CHARS) or _BODY_HEADING.match(text):
        return 0
    short = len(text) <= 40 and not re.search(r"[。！？；!?;]", text) and text[-1] not in _END_PUNCT
    if _LEVEL1.match(text) and short:
        return 1
    if _LEVEL2.match(text) and short:
        return 2
    if short and len(text) >= 4 and re.match(r"[\u3400-\u9fff“\"《]", text):
        return 3
    return None


def _list_item(text: str, after_label: bool) -> bool:
    """'（二）调查债务人财产状况，制作财产状况报告；': one enumerated sentence, not a heading ('一、整改落实情况')
    nor a sub-part that opens with its own heading sentence ('（一）线索管理一体化。坚持…')."""
    if not (_LEVEL2.match(text) or _LEVEL1.match(text)) or _heading_rank(text, after_label) is not None:
        return False
    return not re.search(r"[。！？!?]", text[:-1])


def _inline_heading(text: str) -> str | None:
    """'（一）线索管理一体化。坚持…' opens a sub-part whose heading is its first clause (so does a long case line)."""
    if _LEVEL2.match(text) or _LEVEL1.match(text) or _CASE.match(text):
        first = re.split(r"[。！？；!?;]", text, maxsplit=1)[0]
        if len(first) <= 40 or _CASE.match(text):  # a case is a section however long its opening (capped later)
            return first
    return None


def _sentences(line: _Line) -> list[tuple[int, int]]:
    spans = []
    for match in _SENTENCE.finditer(line.text):
        if match.group().strip():
            spans.append((line.start + match.start(), line.start + match.end()))
    return spans


def _split_long(span: tuple[int, int], text: str, limit: int, hard: int) -> list[tuple[int, int]]:
    """A sentence longer than twice the limit is cut at commas; any piece still over the hard cap is cut at it."""
    start, end = span
    if end - start <= min(2 * limit, hard):
        return [span]
    pieces, piece_start = [], start
    for match in re.finditer(r"[，,]", text[start:end]):
        cut = start + match.end()
        if cut - piece_start >= limit:
            pieces.append((piece_start, cut))
            piece_start = cut
    pieces.append((piece_start, end))
    return [cut for piece in pieces for cut in hard_cut(piece, hard)]


def hard_cut(span: tuple[int, int], hard: int) -> list[tuple[int, int]]:
    """The span in pieces of at most `hard` characters (the last may be shorter)."""
    start, end = span
    return [(at, min(at + hard, end)) for at in range(start, end, hard)] or [span]


def cap_section(section: str, limit: int = SECTION_MAX_CHARS) -> str:
    """A section path of at most `limit` characters, truncated with … (a runaway heading is not a title)."""
    return section if len(section) <= limit else section[:limit - 1].rstrip() + "…"


class _Builder:
    def __init__(self, text: str, min_chars: int, max_chars: int, hard_max: int) -> None:
        self.text, self.min_chars, self.max_chars, self.hard_max = text, min_chars, max_chars, hard_max
        self.chunks: list[Chunk] = []
        self.current: list[tuple[int, int]] = []
        self.section = ""

    def _length(self) -> int:
        return self.current[-1][1] - self.current[0][0] if self.current else 0

    def add(self, span: tuple[int, int]) -> None:
        if self.current and self._length() + (span[1] - span[0]) > self.max_chars:
            self.flush()
        self.current.append(span)

    def end_paragraph(self) -> None:
        if self._length() >= self.min_chars:
            self.flush()

    def flush(self) -> None:
        if not self.current:
            return
        start, end = self.current[0][0], self.current[-1][1]
        last = self.chunks[-1] if self.chunks else None
        if (last and last.section == self.section and end - start < self.min_chars // 2
                and end - last.start <= min(self.max_chars * 1.25, self.hard_max)):
            last.end = end
        else:
            self.chunks.append(Chunk(start, end, self.section))
        self.current = []


def chunk(text: str, min_chars: int = 150, max_chars: int = 400, skip: tuple[str, ...] = (),
          hard_max: int = HARD_MAX_CHARS, section_max: int = SECTION_MAX_CHARS) -> list[Chunk]:
    """Split cleaned text into passages; `skip` lists header lines (title, date) that are not content.

    No passage is longer than `hard_max` (at least `max_chars`) and no section path longer than `section_max`.
    """
    hard_max = max(hard_max, max_chars)
    lines, offset = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lines.append(_Line(offset + raw.index(stripped), stripped))
        offset += len(raw) + 1
    builder = _Builder(text, min_chars, max_chars, hard_max)
    stack: list[tuple[int, str]] = []
    previous_rank: int | None = None
    after_label = False
    listing = False  # inside an enumeration a colon opened ('管理人履行下列职责：' then （一）…；（二）…；)
    for line in lines:
        if line.text in skip:
            continue
        item = listing and _list_item(line.text, after_label)
        listing = item or line.text[-1] in "：:"
        if item:  # a list item stays with the sentence that announced it, not a section of its own
            for sentence in _sentences(line):
                for piece in _split_long(sentence, text, max_chars, hard_max):
                    builder.add(piece)
            builder.end_paragraph()
            continue
        rank = _heading_rank(line.text, after_label)
        after_label = bool(_BRACKET_LABEL.match(line.text))
        if rank is not None:
            builder.flush()
            if rank == 3 and previous_rank == 0 and stack:
                stack[-1] = (0, f"{stack[-1][1]} · {line.text}")  # subtitle of a body's section
            else:
                rank = min(rank, 1) if rank == 3 else rank
                stack = [entry for entry in stack if entry[0] < rank] + [(rank, line.text)]
            builder.section = cap_section(" / ".join(label for _, label in stack), section_max)
            previous_rank = rank
            continue
        inline = _inline_heading(line.text)
        if inline:
            builder.flush()
            rank = 2 if _LEVEL2.match(line.text) else 0 if _CASE.match(line.text) else 1
            stack = [entry for entry in stack if entry[0] < rank] + [(rank, inline)]
            builder.section = cap_section(" / ".join(label for _, label in stack), section_max)
        previous_rank = None
        for sentence in _sentences(line):
            for piece in _split_long(sentence, text, max_chars, hard_max):
                builder.add(piece)
        builder.end_paragraph()
    builder.flush()
    return builder.chunks
