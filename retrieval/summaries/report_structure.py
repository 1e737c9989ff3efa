"""A report's own structure: its sections, their 一是/二是 items with the sentences that carry them, and the
part of a report summary (background, measures, results, problems, next steps) each sentence belongs to.

Works on the stored passages (whole sentences, each with its section path), so every sentence keeps the
passage it is cited to. A compilation (several regions' or cases' reports under 事例N / XX检察院 headings)
is recognised so that the summary can give one block per region or case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from retrieval.summaries.core import MEASURE_CUES, count_figures
from retrieval.types import Passage

PARTS = ("background", "measures", "results", "problems", "next")
# Sentences end at 。！？； and before an item that follows a colon ('…新台阶：一是…').
_SENTENCE = re.compile(r".+?(?:[。！？；!?;]+[”’」』）)]*|[:：](?=\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[)）]))|$)")
ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+[是要来]|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.、．])")
HEADLINE_CHARS = 32            # a paragraph's first sentence up to this long, without figures, is its headline
MIN_SENTENCE = 8
SECTION_CUES = {  # headings -> part; the first part whose cue a heading has wins, in this order
    "problems": ("存在的问题", "存在问题", "问题和困难", "问题与困难", "困难和问题", "不足"),
    "next": ("下一步", "打算", "展望", "今后工作"),
    "results": ("成效", "成果", "成绩", "典型意义"),
    "background": ("背景", "总体情况", "基本情况", "概况", "改革情况"),
    "measures": ("主要做法", "做法", "措施", "整改落实", "落实情况"),
}
DROPPED_SECTIONS = ("关键词",)
FUTURE_CUES = ("下一步", "下步", "今后", "将在", "将继续", "将进一步", "将坚持", "将持续", "将切实")
PROBLEM_CUES = ("存在", "不足", "差距", "有待", "需进一步", "欠缺", "不够", "不多", "落差", "短板", "尚未", "仍")
MEASURES_LEAD_IN = re.compile(r"(主要做法|具体做法|主要措施|工作措施|做法如下|措施如下)[为是有]?[:：]?$")
# Formalities: salutations, 'as arranged, I now report …', '特此报告', bare lead-ins ('市人大常委会：').
FORMALITY = re.compile(r"^(主任|各位|尊敬的)|按照会议安排|现将.{0,40}报告如下|报告如下|特此报告|^[^，,。]{0,24}[:：]$|"
                       r"^[（(]?生效裁判审判人员")  # a case's closing line naming its judges
SALUTATION = re.compile(r"^(主任|各位|尊敬的)")
COMPILATION_HEADING = re.compile(r"^(事例|案例)\s*\d+\s*[:：]|^[\u3400-\u9fff]{2,20}(人民)?(检察院|檢察院|检察机关|檢察機關)(\s·|$)")
MIN_COMPILATION_BLOCKS = 3


@dataclass
class Unit:
    """One sentence of the document, with the passage it is cited to."""

    text: str
    passage: Passage
    paragraph: int
    order: int

    @property
    def figures(self) -> int:
        return count_figures(self.text)


@dataclass
class Entry:
    """What a bullet shows: an item (its headline and the sentences under it) or one sentence."""

    units: list[Unit]
    headline: bool = False
    section: str = ""
    part: str = "measures"

    @property
    def content(self) -> list[Unit]:
        return self.units[1:] if self.headline else self.units

    @property
    def order(self) -> int:
        return self.units[0].order

    @property
    def score(self) -> float:
        text = "".join(u.text for u in self.units)
        figures = min(sum(u.figures for u in self.units), 4)
        cues = sum(cue in text for cue in MEASURE_CUES)
        significance = "典型意义" in self.section
        return 3 * figures + 2 * self.headline + min(cues, 3) - 3 * significance


@dataclass
class Structure:
    """A document as its headings and entries, in document order."""

    entries: list[Entry] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)  # top-level headings of a compilation, else empty

    @property
    def compilation(self) -> bool:
        return len(self.blocks) >= MIN_COMPILATION_BLOCKS

    def part(self, part: str) -> list[Entry]:
        return [e for e in self.entries if e.part == part]

    def block(self, heading: str) -> list[Entry]:
        return [e for e in self.entries if top_heading(e.section) == heading]

    def sections(self) -> list[tuple[str, list[str]]]:
        """(section path, the parts its entries map to), in document order."""
        seen: dict[str, list[str]] = {}
        for entry in self.entries:
            parts = seen.setdefault(entry.section, [])
            if entry.part not in parts:
                parts.append(entry.part)
        return list(seen.items())


def top_heading(section: str) -> str:
    return section.split(" / ")[0] if section else ""


def last_heading(section: str) -> str:
    return section.split(" / ")[-1] if section else ""


def section_parts(heading: str) -> list[str]:
    """The parts a heading's cues name, in SECTION_CUES order."""
    return [part for part, cues in SECTION_CUES.items() if any(cue in heading for cue in cues)]


def is_formality(sentence: str) -> bool:
    return bool(FORMALITY.search(sentence.strip()))


def is_keyword_line(line: str) -> bool:
    """'数字检察 技术支撑 法律监督模型应用': words separated by spaces, no sentence punctuation."""
    return len(line.split()) >= 2 and not re.search(r"[。！？；，,：:]", line)


# -- sentences --------------------------------------------------------------------------------
def _units(passages: list[Passage], doc_text: str) -> list[Unit]:
    units: list[Unit] = []
    paragraph = 0
    for passage in passages:
        offset = passage.start
        for line in passage.text.split("\n"):
            start, offset = offset, offset + len(line) + 1
            if start == 0 or doc_text[start - 1:start] == "\n" or units == []:
                paragraph += 1
            stripped = line.strip()
            if not stripped or is_keyword_line(stripped):
                continue
            for sentence in _sentences(stripped):
                units.append(Unit(sentence, passage, paragraph, len(units)))
    return units


def _sentences(line: str) -> list[str]:
    """Sentences of a line; a '；' inside quotes (“个性问题、立说立行；共性问题…”) does not end one."""
    out: list[str] = []
    for match in _SENTENCE.finditer(line):
        piece = match.group().strip()
        if not piece:
            continue
        if out and out[-1].count("“") > out[-1].count("”"):
            out[-1] += piece
        else:
            out.append(piece)
    return out


# -- entries ----------------------------------------------------------------------------------
def _is_headline(unit: Unit, is_first: bool, has_more: bool) -> bool:
    if ENUMERATOR.match(unit.text):
        return True
    return (is_first and has_more and len(unit.text) <= HEADLINE_CHARS and not re.search(r"\d", unit.text)
            and unit.text.endswith(("。", "；")))


def _paragraph_entries(units: list[Unit]) -> list[Entry]:
    """Split one paragraph (same section) into items and single sentences; a bare item absorbs the bare items
    after it ('强化素能提升。一是…。二是…。' is one bullet), a heading-only item with nothing after it goes."""
    entries: list[Entry] = []
    current: Entry | None = None
    for i, unit in enumerate(units):
        if _is_headline(unit, i == 0, i + 1 < len(units)):
            current = Entry([unit], headline=True)
            entries.append(current)
        elif current is not None:
            current.units.append(unit)
        else:
            entries.append(Entry([unit]))
    merged: list[Entry] = []
    absorbing = False  # the last entry was bare and is taking the bare sub-items after it as its content
    for entry in entries:
        previous = merged[-1] if merged else None
        bare = entry.headline and len(entry.units) == 1
        if previous and previous.headline and bare and (absorbing or not previous.content):
            previous.units.append(entry.units[0])
            absorbing = True
            continue
        merged.append(entry)
        absorbing = False
    # a numbered point that is a whole statement ('1.对正在进行的非法限制他人人身自由的行为，应当认定为…') is
    # content of its own, not a heading left without content
    kept = [Entry(e.units) if e.headline and not e.content and len(e.units[0].text) > HEADLINE_CHARS else e
            for e in merged]
    return [e for e in kept if not (e.headline and not e.content)]


def _groups(units: list[Unit]) -> list[list[Unit]]:
    """Runs of units that share a paragraph and a section."""
    runs: list[list[Unit]] = []
    for unit in units:
        if runs and runs[-1][-1].paragraph == unit.paragraph and runs[-1][-1].passage.section == unit.passage.section:
            runs[-1].append(unit)
        else:
            runs.append([unit])
    return runs


def _kept(run: list[Unit]) -> list[Unit]:
    """A paragraph without its formalities; a salutation paragraph keeps only its items."""
    if SALUTATION.match(run[0].text):
        first_item = next((i for i, u in enumerate(run) if ENUMERATOR.match(u.text)), len(run))
        run = run[first_item:]
    return [u for u in run if not is_formality(u.text) and (len(u.text) >= MIN_SENTENCE or ENUMERATOR.match(u.text))]


# -- parts ------------------------------------------------------------------------------------
class _PartTracker:
    """The part each entry belongs to: from its headings, switched by lead-ins ('主要做法为：') and, in a
    section on both problems and next steps, by the first sentence about the future."""

    def __init__(self) -> None:
        self.top = None
        self.switched: str | None = None

    def lead_in(self, section: str, sentence: str) -> None:
        self._enter(section)
        if MEASURES_LEAD_IN.search(sentence.strip()):
            self.switched = "measures"

    def part(self, section: str, entry: Entry) -> str:
        self._enter(section)
        headings = reversed(section.split(" / ")) if section else []
        by_heading = [p for heading in headings for p in section_parts(heading)]
        text = "".join(u.text for u in entry.units)
        if {"problems", "next"} <= set(by_heading) or (by_heading[:1] == ["problems"] and self.switched == "next"):
            if self.switched == "next" or any(cue in text for cue in FUTURE_CUES):
                self.switched = "next"
                return "next"
            return "problems"
        if self.switched:
            return self.switched
        if by_heading:
            return by_heading[0]
        return "background" if not section else "measures"

    def _enter(self, section: str) -> None:
        top = top_heading(section)
        if top != self.top:
            self.top, self.switched = top, None


def parse(passages: list[Passage], doc_text: str) -> Structure:
    """The document's entries with their sections and parts, formalities and keyword lines dropped."""
    structure = Structure()
    tracker = _PartTracker()
    for run in _groups(_units(passages, doc_text)):
        section = run[0].passage.section
        if any(label in last_heading(section) for label in DROPPED_SECTIONS):
            continue
        lead_ins = [u for u in run if MEASURES_LEAD_IN.search(u.text)]
        for entry in _paragraph_entries(_kept(run)):
            while lead_ins and lead_ins[0].order < entry.order:
                tracker.lead_in(section, lead_ins.pop(0).text)
            entry.section = section
            entry.part = tracker.part(section, entry)
            structure.entries.append(entry)
        for unit in lead_ins:  # a lead-in closing a paragraph ('主要做法为：') opens the next ones
            tracker.lead_in(section, unit.text)
    tops = list(dict.fromkeys(top_heading(e.section) for e in structure.entries if e.section))
    if sum(bool(COMPILATION_HEADING.match(t)) for t in tops) >= MIN_COMPILATION_BLOCKS:
        structure.blocks = [t for t in tops if COMPILATION_HEADING.match(t)]
    return structure
