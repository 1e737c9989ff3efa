"""Report summary: one document in full (not top-k), following its own structure.

An ordinary report maps its sections onto background, measures, results, problems and next steps; each
bullet is one of its 一是/二是 items (headline plus the sentences under it) or one concrete sentence, and
sub-parts ((一)(二)…) become sub-headings. A compilation of several regions' or cases' reports gets one
block per region or case. Formalities, keyword lines and bare headings never become bullets.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from retrieval.answer.english import is_statute, names_a_case
from retrieval.answer.phrases import ALSO_ABOUT
from retrieval.ingest.clean import index_form, to_simplified
from retrieval.search.regions import gazetteer
from retrieval.settings import LLMSettings
from retrieval.summaries.core import (Numbering, SummaryBudget, as_drafted, citations, count_figures, extractive_result,
                                      map_reduce, run_model)
from retrieval.summaries.export import attach_docx
from retrieval.summaries.report_structure import (PARTS, PROBLEM_CUES, Entry, Structure, last_heading, parse,
                                                  section_parts, top_heading)
from retrieval.summaries.resolve import also_about, resolve_in
from retrieval.types import Citation, Document, Passage, Result

Section = tuple[str, list[str]]  # (heading, lines): a line is a cited bullet '- …[n]' or a sub-heading '### …'

REPORT_BATCH = 8  # passages per map call; a long report takes several calls, never one huge prompt
REPORT_PARTS = PARTS
REPORT_HEADINGS = {
    "zh": {"background": "背景", "measures": "主要做法", "results": "成效与数据", "problems": "存在问题",
           "next": "下一步打算", "overview": "概述"},
    "en": {"background": "Background", "measures": "Measures", "results": "Results and figures",
           "problems": "Open problems", "next": "Next steps", "overview": "Overview"},
}
REPORT_TITLE = {"zh": "报告摘要：{title}", "en": "Report summary: {title}"}
CASE_TITLE = {"zh": "案例摘要：{title}", "en": "Case summary: {title}"}
STATUTE_TITLE = {"zh": "法规摘要：{title}", "en": "Statute summary: {title}"}
NOT_COVERED = {"zh": "（原文未涉及）", "en": "(not covered in the document)"}
START_LABEL = {"zh": "（开头）", "en": "(opening)"}
REPORT_LIMITS = {"background": 3, "measures": 10, "results": 8, "problems": 4, "next": 6}
OVERVIEW_LIMIT = 2            # sentences of a compilation's own introduction
BLOCK_LIMIT = 4               # bullets per region or case of a compilation
ENTRY_CHARS = 200             # quoted characters per bullet (headline plus the sentences under it)
BLOCK_ENTRY_CHARS = 160
SENTENCE_CHARS = 150          # a longer sentence keeps its first clauses and those with figures
MIN_CLIP = 60                 # a sentence with figures is added to a bullet if this much room is left
RESULT_CUES = ("取得", "提升", "提高", "下降", "上升", "增长", "优化", "达到", "实现", "成效", "%", "％", "共", "累计",
               "核查", "纠正", "办理", "发现")


def report(index, name: str, language: str | None = None, chat_model=None,
           settings: LLMSettings | None = None) -> Result:
    """One document in full, by its own structure, every bullet cited; `name` may be a file name, a part of
    the title or a place (see retrieval.summaries.resolve). The model's part is bounded by
    settings.summary_timeout_s (default: the index's LLM settings)."""
    found = resolve_in(index, name)
    passages = index.catalog.passages_of(found.name)
    structure = parse(passages, found.text)
    doc = found.model_copy(update={"issuer": shown_issuer(found, structure)})
    language = language or "zh"
    title = (CASE_TITLE if names_a_case(doc.title or "") else STATUTE_TITLE if is_statute(doc.title or "")
             else REPORT_TITLE)[language].format(
        title=as_drafted(doc.title or ""))
    docs = {doc.name: doc}
    result = _llm_report(chat_model, doc, passages, structure, language,
                         SummaryBudget(settings or index.settings.llm)) if chat_model is not None else None
    if result is None or result.mode != "llm":
        result = _extractive(doc, structure, language, result.warnings if result else [])
    meta = " · ".join(x for x in (doc.issuer, doc.date, doc.name) if x)
    others = also_about(index.documents(), name, found)
    see_also = ALSO_ABOUT[language].format(titles="；".join(f"{d.title or d.name}（{d.name}）" for d in others)) if others else ""
    result.answer = f"# {title}\n\n{meta}\n\n{result.answer}" + (f"\n\n{see_also}" if see_also else "")
    return attach_docx(result, title, docs, f"report-{Path(doc.name).stem}.docx")


class DocumentSections(BaseModel):
    """One document's extractive report as data: (heading, lines) per section — a line is a cited bullet
    '- …[n]' or a sub-heading '### …' — and the citations its markers number."""

    sections: list[tuple[str, list[str]]]
    citations: list[Citation]


def extractive_document(index, doc: Document, language: str) -> DocumentSections:
    """The extractive report of one known document as sections (no title block, no .docx): for answers about it."""
    structure = parse(index.catalog.passages_of(doc.name), doc.text)
    sections, numbering = extractive_sections(structure, language, names_a_case(doc.title or ""), is_statute(doc.title or ""))
    shown = doc.model_copy(update={"issuer": shown_issuer(doc, structure)})
    return DocumentSections(sections=sections, citations=citations(numbering.passages, {doc.name: shown}))


def _extractive(doc: Document, structure: Structure, language: str, warnings: list[str]) -> Result:
    sections, numbering = extractive_sections(structure, language, names_a_case(doc.title or ""), is_statute(doc.title or ""))
    return extractive_result(render_sections(sections), numbering, {doc.name: doc}, language, warnings)


def shown_issuer(doc: Document, structure: Structure) -> str | None:
    """A compilation's issuer only when it names no place (a compiler such as 检察日报社, not one province)."""
    if not structure.compilation or not doc.issuer:
        return doc.issuer
    return None if gazetteer().find_in_text(index_form(doc.issuer)) else doc.issuer


# -- bullets ----------------------------------------------------------------------------------
def clip(sentence: str, limit: int = SENTENCE_CHARS) -> str:
    """A long sentence shortened to its first clauses and the clauses with figures, gaps marked '…'."""
    if len(sentence) <= limit:
        return sentence
    kept, length, gap = [], 0, False
    for i, clause in enumerate(re.findall(r"[^，,]+[，,]?", sentence)):
        wanted = i == 0 or count_figures(clause) or length + len(clause) <= limit * 0.6
        if wanted and length + len(clause) <= limit:
            kept += ["…", clause] if gap and kept else [clause]
            length, gap = length + len(clause), False
        else:
            gap = True
    text = "".join(kept).rstrip("，,") or sentence[:limit]
    return text + ("…" if gap or not kept else "")


def _units_shown(entry: Entry, budget: int) -> list[tuple]:
    """(sentence, clip limit): the headline, the first sentence under it, then its sentences with figures
    (clipped to what the budget leaves) and others while under half the budget; document order."""
    if not entry.headline:
        return [(entry.units[0], SENTENCE_CHARS)]
    first, rest = entry.content[0], entry.content[1:]
    shown = [(entry.units[0], SENTENCE_CHARS), (first, SENTENCE_CHARS)]
    used = len(entry.units[0].text) + min(len(first.text), SENTENCE_CHARS)
    for unit in sorted(rest, key=lambda u: (-u.figures, u.order)):
        room = min(budget - used, SENTENCE_CHARS)
        if (unit.figures and room >= MIN_CLIP) or (len(unit.text) <= room and used < budget // 2):
            shown.append((unit, room))
            used += min(len(unit.text), room)
    return sorted(shown, key=lambda item: item[0].order)


def bullet(entry: Entry, numbering: Numbering, used: set[int], budget: int = ENTRY_CHARS) -> str:
    """'- quoted sentences[n][m]': the sentences as a draft quotes them (see as_drafted), their passages' markers
    at the end (a marker inside a bullet read as the end of a thought)."""
    shown = _units_shown(entry, budget)
    text = ""
    for unit, limit in shown:
        used.add(unit.order)
        text += as_drafted(clip(unit.text, limit))
    marks = "".join(dict.fromkeys(numbering.cite(unit.passage) for unit, _ in shown))
    return f"- {text}{marks}"


def pick(entries: list[Entry], limit: int) -> list[Entry]:
    """The best entry of each section (so every sub-part shows), then the most concrete others; document order."""
    ranked = sorted(entries, key=lambda e: (-e.score, e.order))
    best: dict[str, Entry] = {}
    for entry in ranked:
        if sub_heading(entry.section):
            best.setdefault(entry.section, entry)
    chosen = sorted(best.values(), key=lambda e: (-e.score, e.order))[:limit]
    chosen += [e for e in ranked if e not in chosen][:max(0, limit - len(chosen))]
    return sorted(chosen, key=lambda e: e.order)


def sub_heading(section: str) -> str | None:
    """A section's own label when it is a sub-part ((一)…, or a heading that names no part), else None."""
    if not section:
        return None
    if " / " in section or not section_parts(section):
        return last_heading(section)
    return None


def _render(entries: list[Entry], numbering: Numbering, used: set[int], budget: int = ENTRY_CHARS) -> list[str]:
    """Bullets, with a '### sub-heading' line where a section's sub-part changes (when it has several)."""
    labels = {sub_heading(e.section) for e in entries} - {None}
    lines, current = [], None
    for entry in entries:
        label = sub_heading(entry.section)
        if len(labels) > 1 and label and label != current:
            lines.append(f"### {to_simplified(label)}")
            current = label
        lines.append(bullet(entry, numbering, used, budget))
    return lines


# -- an ordinary report ------------------------------------------------------------------------
def _key_figures(structure: Structure, used: set[int]) -> list[Entry]:
    """Sentences stating results with figures, from any part, not shown yet (for a report with no results part)."""
    found = []
    for entry in structure.entries:
        if entry.part in ("background", "problems", "next"):
            continue
        for unit in entry.content:
            if unit.order not in used and unit.figures and any(cue in unit.text for cue in RESULT_CUES):
                found.append(Entry([unit], section="", part="results"))
    return found


def _part_entries(structure: Structure, part: str, used: set[int]) -> list[Entry]:
    entries = structure.part(part)
    if part == "background":
        return entries[:REPORT_LIMITS[part]]
    if part == "problems":  # '一年来…取得一定进展' opens the section but states no problem
        entries = [e for e in entries if e.headline or any(c in e.units[0].text for c in PROBLEM_CUES)] or entries
    if part == "results" and not entries:
        entries = _key_figures(structure, used)
    return pick(entries, REPORT_LIMITS[part])


def _ordinary(structure: Structure, language: str, numbering: Numbering) -> list[Section]:
    used: set[int] = set()
    chosen: dict[str, list[Entry]] = {}
    for part in ("background", "measures", "problems", "next", "results"):  # results last: figures not yet shown
        chosen[part] = _part_entries(structure, part, used)
        used.update(u.order for e in chosen[part] for u, _ in _units_shown(e, ENTRY_CHARS))
    # rendered in reading order, so markers number 1, 2, … down the page
    return [(REPORT_HEADINGS[language][part], _render(chosen[part], numbering, set()) or [NOT_COVERED[language]])
            for part in REPORT_PARTS]


# -- a compilation: one block per region or case --------------------------------------------------
def block_label(heading: str, language: str) -> str:
    """'吉林省 · 试点考评推动…' from '吉林省检察院 · 试点考评推动…'; 'Jilin (吉林省) · …' in English."""
    body, _, subtitle = heading.partition(" · ")
    places = gazetteer().find_in_text(index_form(body))
    chain = [r for p in places[:1] for r in [p, *gazetteer().ancestors(p)]]
    province = next((r for r in chain if r.level == "province"), None)
    rest = subtitle or body
    if province is None:
        return rest
    name = f"{province.pinyin} ({province.name})" if language == "en" and province.pinyin else province.name
    return f"{name} · {rest}"


def _compilation(structure: Structure, language: str, numbering: Numbering) -> list[Section]:
    used: set[int] = set()
    overview = [e for e in structure.entries if not e.section][:OVERVIEW_LIMIT]
    sections = [(REPORT_HEADINGS[language]["overview"], [bullet(e, numbering, used) for e in overview])] \
        if overview else []
    for heading in structure.blocks:
        chosen = pick(structure.block(heading), BLOCK_LIMIT)
        lines = [bullet(e, numbering, used, BLOCK_ENTRY_CHARS) for e in chosen] or [NOT_COVERED[language]]
        sections.append((block_label(heading, language), lines))
    return sections


# -- a court's or a procuratorate's case: its own headings, not a report's parts ---------------------
CASE_HEADINGS_EN = {"裁判要点": "Key points of the ruling", "要旨": "Gist", "基本案情": "Facts",
                    "裁判结果": "Judgment", "裁判理由": "Reasoning", "相关法条": "Provisions applied",
                    "检察机关履职过程": "What the procuratorate did", "指导意义": "Guiding significance"}
CASE_LIMITS = {"裁判要点": 4, "要旨": 4, "基本案情": 4, "裁判结果": 6, "裁判理由": 3, "相关法条": 2}
CASE_LIMIT = 3
OUTCOME_HEADINGS = {"裁判结果"}


def _case(structure: Structure, language: str, numbering: Numbering) -> list[Section]:
    """One section per heading of the case, in its order; what comes before the first (the web address, the
    title again on two lines) is no part of it, and the reasoning's own sub-headings ('一、关于于欢的捅刺行为
    性质') are part of the section they stand in. The judgment shows how it ended: its first sentence and its
    last ones (an appeal's decision comes last)."""
    by_heading: dict[str, list[Entry]] = {}
    current = None
    for entry in (e for e in structure.entries if e.section):
        name = top_heading(entry.section).strip("【】[] ")
        current = name if name in CASE_HEADINGS_EN or current is None else current
        by_heading.setdefault(current, []).append(entry)
    sections = []
    for name, entries in by_heading.items():
        limit = CASE_LIMITS.get(name, CASE_LIMIT)
        chosen = entries[:1] + entries[1:][-(limit - 1):] if name in OUTCOME_HEADINGS else pick(entries, limit)
        label = CASE_HEADINGS_EN.get(name, name) if language == "en" else name
        sections.append((label, [bullet(e, numbering, set()) for e in chosen]))
    return sections


# -- a statute: its chapters, each with its articles' openings --------------------------------------
STATUTE_LIMIT = 4       # articles shown per chapter
ARTICLES_LIMIT = 12     # articles shown of a statute without chapters
ARTICLES_HEADING = {"zh": "条文要点", "en": "Articles"}
_ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+条")
_CHAPTER = re.compile(r"^第[一二三四五六七八九十百\d]+[章编节]")


def _statute(structure: Structure, language: str, numbering: Numbering) -> list[Section]:
    """A law's own outline, not a work report's parts (it has no 'results' nor 'next steps'): per chapter, the
    opening sentences of its first articles; a law without chapters, of its articles."""
    by_chapter: dict[str, list[Entry]] = {}
    for entry in structure.entries:
        if _ARTICLE.match(entry.units[0].text):
            chapter = top_heading(entry.section)
            by_chapter.setdefault(chapter if _CHAPTER.match(chapter) else "", []).append(entry)
    if not by_chapter:
        return _ordinary(structure, language, numbering)
    one = list(by_chapter) == [""]
    return [(ARTICLES_HEADING[language] if not chapter else chapter,
             [bullet(Entry(e.units[:1], section=e.section), numbering, set()) for e in
              entries[:ARTICLES_LIMIT if one else STATUTE_LIMIT]])
            for chapter, entries in by_chapter.items()]


def extractive_sections(structure: Structure, language: str, case: bool = False,
                        statute: bool = False) -> tuple[list[Section], Numbering]:
    """The report's sections: a case's own headings (`case`), a law's chapters (`statute`), a compilation's
    blocks, or a report's parts."""
    numbering = Numbering()
    render = _case if case and any(e.section for e in structure.entries) else _statute if statute else \
        _compilation if structure.compilation else _ordinary
    return render(structure, language, numbering), numbering


NONE_OF = {"zh": "原文未涉及：{parts}。", "en": "Not covered in the document: {parts}."}


def render_sections(sections: list[Section]) -> str:
    """The sections as Markdown: '## heading', its lines, a blank line between sections and sub-headings; the
    parts the document does not cover named in one line at the end, not as headings over nothing (pasted into
    a briefing, an empty heading reads as something lost)."""
    lines: list[str] = []
    empty = {language: [heading for heading, body in sections if body == [NOT_COVERED[language]]]
             for language in NOT_COVERED}
    for heading, body in sections:
        if body in ([NOT_COVERED["zh"]], [NOT_COVERED["en"]]):
            continue
        lines += [f"## {to_simplified(heading)}", ""]  # a traditional report's headings, as its quotes, simplified
        for line in body:
            lines += ["", line, ""] if line.startswith("### ") else [line]
        lines.append("")
    for language, headings in empty.items():
        if headings:
            lines.append(NONE_OF[language].format(parts=("、" if language == "zh" else ", ").join(
                heading if language == "zh" else heading.lower() for heading in headings)))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# -- with a model: the same structure, as batch labels and a section map ----------------------------
def _target(structure: Structure, section: str, part: str, language: str) -> str:
    if structure.compilation:
        top = top_heading(section)
        return block_label(top, language) if top in structure.blocks else REPORT_HEADINGS[language]["overview"]
    return REPORT_HEADINGS[language][part]


def passage_labels(structure: Structure, language: str) -> dict[str, str]:
    """Each passage's label for the model: the heading it goes under and the document's own section."""
    labels: dict[str, str] = {}
    for entry in structure.entries:
        target = _target(structure, entry.section, entry.part, language)
        for unit in entry.units:
            labels.setdefault(unit.passage.id, f"{target} ← {entry.section or START_LABEL[language]}")
    return labels


def structure_map(structure: Structure, language: str) -> tuple[list[str], str]:
    """The headings a model's report uses, in order, and the document's sections with the heading each maps to."""
    if structure.compilation:
        headings = [REPORT_HEADINGS[language]["overview"], *(block_label(h, language) for h in structure.blocks)]
    else:
        headings = [REPORT_HEADINGS[language][part] for part in REPORT_PARTS]
    lines = []
    for section, parts in structure.sections():
        targets = list(dict.fromkeys(_target(structure, section, part, language) for part in parts))
        lines.append(f"- {section or START_LABEL[language]} → {'、'.join(targets)}")
    return headings, "\n".join(lines)


def _llm_report(chat_model, doc: Document, passages: list[Passage], structure: Structure, language: str,
                budget: SummaryBudget) -> Result:
    labels = passage_labels(structure, language)
    numbered = [(n, p) for n, p in enumerate(passages, start=1) if p.id in labels]
    batches: list[tuple[str, list[tuple[int, Passage]]]] = []
    for n, passage in numbered:
        label = labels[passage.id]
        if not batches or batches[-1][0] != label or len(batches[-1][1]) >= REPORT_BATCH:
            batches.append((label, []))
        batches[-1][1].append((n, passage))
    headings, sections = structure_map(structure, language)
    variables = {"topic": doc.title, "headings": "\n".join(f"## {h}" for h in headings), "structure": sections}
    return run_model(lambda: map_reduce(chat_model, "report", language, batches, variables, {doc.name: doc}, budget),
                     passages, {doc.name: doc}, language, budget)
