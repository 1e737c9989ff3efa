"""Practice summary: what each region did about a topic, across all documents, grouped by province, cited.

Report summaries (one document in full) live in retrieval.summaries.report and are re-exported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from retrieval.ingest.clean import index_form, to_simplified
from retrieval.summaries.export import attach_docx
from retrieval.search.regions import gazetteer
from retrieval.search.crosslingual import glossary
from retrieval.search.hybrid import Query, Searcher
from retrieval.answer.across import without_comparison_wording
from retrieval.answer.english import names_a_case
from retrieval.answer.lead import CLAUSE
from retrieval.answer.question import DIRECTION
from retrieval.answer.sentences import split_sentences
from retrieval.answer.units import is_bare_heading, without_ordinal
from retrieval.summaries.core import (MEASURE_CUES, Numbering, as_drafted, SummaryBudget, count_figures,
                                    detect_language, extractive_result, map_reduce, run_model, undated_figures)
from retrieval.summaries.report import report  # noqa: F401  (one import for both summaries)
from retrieval.summaries.report_structure import HEADLINE_CHARS, is_keyword_line
from retrieval.settings import LLMSettings
from retrieval.types import Document, Passage, Result

SEARCH_DEPTH = 40            # hits taken before grouping by region
MAX_PASSAGES = 48            # passages a summary may rest on (bounds the model's total context)
MAP_BATCH = 6                # passages per map call
SENTENCES_PER_REGION = 6
TABLE_MEASURES = 3
TABLE_FIGURES = 6
CLIP_CHARS = 48
COMPARE_PREFIX = re.compile(r"^\s*(compare|comparison of|比较|对比)\s*", re.I)
# Query words that say nothing about the topic: a passage must match something else to count as on-topic.
GENERIC_TERMS = {"公开", "检察", "检察院", "检察机关", "案件", "工作", "优化", "各地", "各省", "比较", "对比", "地区",
                 "全国", "全省", "做法", "经验", "情况", "提升", "推进", "加强", "省份", "compare", "across",
                 "provinces", "regions", "practice", "practices", "summary", "summarise", "summarize"}

LABELS = {
    "zh": {"title": "{topic}：各地做法摘要", "compare_title": "{topic}：各地做法对比", "other": "其他",
           "case_title": "{topic}：相关案例摘要", "case_compare_title": "{topic}：相关案例对比",
           "table": ("地区", "主要做法", "数据", "来源"), "empty": "（检索到的材料中没有关于“{topic}”的做法。）"},
    "en": {"title": "Practice summary: {topic}", "compare_title": "Comparison across regions: {topic}",
           "case_title": "Cases on: {topic}", "case_compare_title": "Comparison across cases: {topic}",
           "other": "Other", "table": ("Region", "Measures", "Figures", "Sources"),
           "empty": "(The indexed reports say nothing about “{topic}”.)"},
}


@dataclass
class _Group:
    """Passages and chosen sentences about one region or body."""

    label: str
    passages: list[Passage] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    picked: list[tuple[float, int, str, Passage]] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(item[0] for item in self.picked)


# -- public entry points -------------------------------------------------------------------
def is_comparison(topic: str) -> bool:
    """True for 'compare X across provinces', '比较…', '对比…'."""
    return bool(COMPARE_PREFIX.match(topic))


def summarize(source, topic: str, language: str | None = None, compare: bool = False,
              chat_model=None, settings: LLMSettings | None = None) -> Result:
    """What each region did about a topic, grouped by region, every sentence cited; the model's part is bounded
    by settings.summary_timeout_s (default: the index's LLM settings)."""
    searcher = source if isinstance(source, Searcher) else Searcher(source)
    compare = compare or is_comparison(topic)
    language = language or detect_language(topic)
    subject = _subject(topic)
    docs = {d.name: d for d in searcher.index.documents()}
    groups = _gather(searcher, subject, docs)
    labels = LABELS[language]
    by_case = bool(groups) and all(names_a_case(group.label) for group in groups)  # a block per case, not region
    title = labels[("case_" if by_case else "") + ("compare_title" if compare else "title")].format(topic=subject)
    result = None
    if chat_model is not None and groups:
        budget = SummaryBudget(settings or searcher.index.settings.llm)
        result = _llm_summary(chat_model, subject, groups, docs, language, compare, budget)
    if result is None or result.mode != "llm":
        body, numbering = _extractive_summary(groups, language, compare, subject)
        result = extractive_result(body, numbering, docs, language, result.warnings if result else [])
    result.answer = f"# {title}\n\n{result.answer}"
    return attach_docx(result, title, docs, f"summary-{_slug(subject)}.docx")


# -- gathering -----------------------------------------------------------------------------
def _subject(topic: str) -> str:
    """The topic without 'compare … across provinces' framing (the wording chat questions are read with)."""
    return without_comparison_wording(topic) or topic.strip()


def topic_terms(topic: str) -> list[str]:
    """Specific Chinese terms of a topic (English topics go through the glossary), longest first."""
    terms = {t for t in Query(topic).tokens if len(t) >= 2 and t.lower() not in GENERIC_TERMS}
    return sorted(terms, key=lambda t: (-len(t), t))


def _term_weight(text: str, terms: list[str]) -> int:
    simplified = index_form(text)
    return sum(len(t) for t in terms if t in simplified)


GENERIC_HEAD = 0.5  # a core's last word this much less rare than the core names other kinds of it


def core_terms(terms: list[str], texts: list[str], idf, language: str) -> list[str]:
    """The terms a sentence must name to be about the topic, the first of them its core: its longest term the found
    passages (`texts`, index
    form) use, and the rarer word inside it ('公开听证' or 听证, not 公开; '人大监督' or 人大, not 监督;
    产权 of 知识产权保护, 信访 of 减少信访, a direction being no subject). A sentence saying only 保护 or 减少
    is not about the topic. English topics are guesses at the Chinese (several renderings per word): every
    term counts."""
    used = [t for t in terms if not DIRECTION.match(t) and any(t in text for text in texts)]
    if language != "zh" or not used:
        return terms
    core = max(used, key=lambda t: (len(t), idf(t)))
    part = max((t for t in used if t != core and t in core), key=idf, default=None)
    if part and core.endswith(part) and idf(part) < GENERIC_HEAD * idf(core):
        part = None  # the kind of thing, common alone: 建议 of 检察建议 is 代表建议 and 量刑建议 as often
    return [core, *(t for t in terms if t != core and (core in t or t == part))]  # the core first


def _glossary_core(topic: str) -> str | None:
    """An English topic's specific Chinese term when the glossary renders the whole topic ('self-defence' ->
    正当防卫); None when its terms are word-by-word guesses."""
    rendered = glossary().of_phrase(topic.strip())
    return max(rendered, key=len) if rendered else None


def _gather(searcher: Searcher, topic: str, docs: dict[str, Document]) -> list[_Group]:
    """On-topic passages (hits that name the topic's most specific term, plus their on-topic sections), grouped
    by province."""
    hits = searcher.search(topic, k=SEARCH_DEPTH, context=False)
    catalog = searcher.index.catalog
    by_id = catalog.passages([h.passage_id for h in hits])
    texts = [index_form(p.section + p.text) for p in by_id.values()]
    english_whole = glossary().of_phrase(topic.strip()) if detect_language(topic) == "en" else []
    # an English topic the glossary renders whole ('plea leniency' -> 认罪认罚从宽|认罪认罚) is those terms, not also
    # its words guessed one by one ('plea', 'leniency': Beijing's tax model had been a block of it)
    terms = sorted({index_form(t) for t in english_whole}, key=lambda t: (-len(t), t)) if english_whole else \
        core_terms(topic_terms(topic), texts, searcher.index.bm25().idf, detect_language(topic))
    core = terms[0] if terms and detect_language(topic) == "zh" else _glossary_core(topic)
    chosen: dict[str, Passage] = {}
    documents: dict[str, list[Passage]] = {}
    for hit in hits:
        passage = by_id.get(hit.passage_id)
        if passage is None or (terms and not _term_weight(passage.section + passage.text, terms)):
            continue
        whole = documents.setdefault(passage.doc, catalog.passages_of(passage.doc))
        doc = docs.get(passage.doc)
        if core and doc and names_a_case(doc.title or "") and not any(core in index_form(p.section + p.text)
                                                                     for p in whole):
            # 防卫 of 正当防卫 inside 中国防卫科技学院: a court case on the topic names it (a report's 检察听证 is
            # about 公开听证, though it never says so)
            continue
        for sibling in _on_topic_section(whole, passage, terms) or [passage]:
            chosen.setdefault(sibling.id, sibling)
        if len(chosen) >= MAX_PASSAGES:
            break
    groups: dict[str, _Group] = {}
    # Cut by relevance (insertion order), then read each document in order.
    for passage in sorted(list(chosen.values())[:MAX_PASSAGES], key=lambda p: (p.doc, p.ordinal)):
        doc = docs.get(passage.doc)
        case = doc.title.strip() if doc and doc.title and names_a_case(doc.title) else None
        label = case or _region_of(passage, doc)  # a court case is its own block, not its court's province
        body = None if case else _local_body(doc, label)
        # a city's own report is a block of its own beside its province's practice (云南省检察院's 2020 exchange
        # is not 昆明市人民检察院's 2022 report)
        group = groups.setdefault(f"{label}|{body or ''}", _Group(label))
        group.passages.append(passage)
        if body and body not in group.bodies:
            group.bodies.append(body)
    for group in groups.values():
        _pick_sentences(group, terms, docs)
    ranked = [g for g in groups.values() if g.picked]
    return sorted(ranked, key=lambda g: (-g.score, g.label))


def _on_topic_section(passages: list[Passage], passage: Passage, terms: list[str]) -> list[Passage]:
    """Every passage under the heading that names the topic, if one of this passage's headings does."""
    parts = passage.section.split(" / ") if passage.section else []
    for depth, part in enumerate(parts, start=1):
        if terms and _term_weight(part, terms):
            prefix = " / ".join(parts[:depth])
            return [p for p in passages if p.section == prefix or p.section.startswith(prefix + " / ")]
    return []


def _province(name: str) -> str | None:
    found = gazetteer().by_name.get(name) or []
    if not found:
        return None
    chain = [found[0], *gazetteer().ancestors(found[0])]
    return next((r.name for r in chain if r.level == "province"), None)


def _provinces(names: list[str]) -> list[str]:
    return list(dict.fromkeys(p for p in (_province(n) for n in names) if p))


def _region_of(passage: Passage, doc: Document | None) -> str:
    """Province from the section heading, else the passage, else the document, else its issuer."""
    heading = passage.section.split(" / ")[0] if passage.section else ""
    candidates = [
        _provinces([r.name for r in gazetteer().find_in_text(heading)]),
        _provinces(passage.regions),
        _provinces(doc.regions) if doc else [],
        _provinces([r.name for r in gazetteer().find_in_text(doc.issuer or "")]) if doc else [],
    ]
    for provinces in candidates:
        if len(provinces) == 1:
            return provinces[0]
    return (doc.issuer if doc and doc.issuer else "") or ""


def _local_body(doc: Document | None, province: str) -> str | None:
    """The issuing body when it is a city or county body inside the province (worth naming in the heading)."""
    places = gazetteer().find_in_text(doc.issuer or "") if doc else []
    if places and all(p.level != "province" for p in places) and _provinces([p.name for p in places]) == [province]:
        return doc.issuer
    return None


def _pick_sentences(group: _Group, terms: list[str], docs: dict[str, Document]) -> None:
    """Sentences that name the topic or sit in an on-topic section, favouring figures and measures; not the
    document's title again ('张那木拉正当防卫案'); each as a draft quotes it (see as_drafted)."""
    scored = []
    for passage in group.passages:
        in_section = bool(terms) and _term_weight(passage.section, terms) > 0
        doc = docs.get(passage.doc)
        title = index_form(doc.title or "") if doc else ""
        for position, sentence in enumerate(_with_headlines(passage.text)):
            weight = _term_weight(sentence, terms) if terms else 1
            if len(sentence) < 8 or not (weight or in_section) or (title and index_form(sentence) in title):
                continue
            score = min(weight, 6) + 2 * min(count_figures(sentence), 3) + any(c in sentence for c in MEASURE_CUES)
            drafted = as_drafted(sentence, doc.date if doc else None)
            scored.append((float(score), passage.ordinal * 1000 + position, drafted, passage))
    best = sorted(scored, key=lambda item: (-item[0], item[1]))[:SENTENCES_PER_REGION]
    group.picked = sorted(best, key=lambda item: (item[3].doc, item[1]))


def _with_headlines(text: str) -> list[str]:
    """The sentences of a passage, a paragraph's headline ('狠抓机制建设,促进公开听证规范化。') joined to the
    sentence after it: alone it is a bare heading, saying what was done in name only."""
    sentences = []
    for paragraph in text.split("\n"):
        if is_keyword_line(paragraph.strip()):
            continue  # '反向审视 数字赋能 一体履职': a case's keywords, no sentence
        found = split_sentences(paragraph)
        last, joins = (found[0] if found else ""), 0
        # '狠抓高位推动,…常态化。一是注重示范引领,发挥“头雁”效应。' is two headlines: joined up to what they head
        while len(found) > 1 and joins < 2 and _headline(last):
            last, found, joins = found[1], [found[0] + found[1], *found[2:]], joins + 1
        # '…一是持续优化队伍结构。要求各分院…': an item's title inside the paragraph heads the sentence after it
        for sentence in found:
            if sentences and is_bare_heading(sentences[-1]) and not sentences[-1].endswith(sentence):
                sentences[-1] += sentence
            else:
                sentences.append(sentence)
    return sentences


def _headline(sentence: str) -> bool:
    return len(sentence) <= HEADLINE_CHARS and not re.search(r"\d", sentence)


# -- extractive rendering ------------------------------------------------------------------
def _heading(group: _Group, language: str) -> str:
    found = gazetteer().by_name.get(group.label)
    label = group.label or LABELS[language]["other"]
    if language == "en" and found:
        return f"{found[0].pinyin} ({'; '.join([label, *group.bodies])})"
    # a body's name as a heading, in the summary's script ('榆林市檢察院' is 榆林市检察院 there)
    return f"{label}（{'、'.join(to_simplified(body) for body in group.bodies)}）" if group.bodies else label


def _extractive_summary(groups: list[_Group], language: str, compare: bool, topic: str) -> tuple[str, Numbering]:
    numbering = Numbering()
    if not groups:
        return LABELS[language]["empty"].format(topic=topic), numbering
    if compare:
        return _table(groups, language, numbering), numbering
    lines = []
    for group in groups:
        lines += [f"## {_heading(group, language)}", ""]
        # out of its list and among other regions' sentences, '二是…' numbers nothing: pasted, it would mislead
        lines += [f"- {without_ordinal(sentence)}{numbering.cite(passage)}" for _, _, sentence, passage in group.picked]
        lines.append("")
    return "\n".join(lines).strip(), numbering


def _cell(text: str) -> str:
    return text.replace("|", "｜").replace("\n", " ").strip()


def _clip(sentence: str) -> str:
    """The sentence's first clauses that fit a table cell, cut between clauses or words, never inside one."""
    sentence = without_ordinal(sentence).rstrip("。；;")
    if len(sentence) <= CLIP_CHARS:
        return sentence
    kept = ""
    for clause in (c.group() for c in CLAUSE.finditer(sentence)):
        if len(kept) + len(clause) > CLIP_CHARS:
            break
        kept += clause
    return (kept or _word_cut(sentence, CLIP_CHARS)).rstrip("，,、；;：:") + "…"


# where a phrase may be cut and still read: after these, a new word begins
_WORD_BOUNDARY = re.compile(r"[，,、的从由较在和及与对将把]|同比|比去年")


def _word_cut(text: str, limit: int, from_end: bool = False) -> str:
    """At most `limit` characters of the text, its start (or end) kept, cut where a word begins or ends."""
    if len(text) <= limit:
        return text
    if from_end:
        starts = [m.end() for m in _WORD_BOUNDARY.finditer(text) if len(text) - m.end() <= limit]
        return text[min(starts):] if starts else text[-limit:]
    ends = [m.start() for m in _WORD_BOUNDARY.finditer(text) if 0 < m.start() <= limit]
    return text[:max(ends)] if ends else text[:limit]


FIGURE_SAID_CHARS = 36


def figures_said(sentence: str) -> list[str]:
    """The sentence's figures with what they measure, as its clauses say it ('信访总量同比下降19.7%', not
    '19.7%'; '全区总体退查率较去年下降27.8个百分点', its unit whole), each clause once, its last FIGURE_SAID_CHARS
    characters; a list of figures ('…下降27.8个百分点、延期率下降54.6个百分点') split at its 、. A bare number
    (the 12309 hotline) is a name, not a figure."""
    said = []
    for found in CLAUSE.finditer(sentence.replace("∶", ":")):
        clause = found.group().rstrip("，,；;：:。！？")
        pieces = clause.split("、")
        pieces = pieces if len(pieces) > 1 and all(undated_figures(p) for p in pieces) else [clause]
        for piece in (p.strip() for p in pieces):
            if any(not figure.isdigit() for figure in undated_figures(piece)):
                said.append(piece if len(piece) <= FIGURE_SAID_CHARS else
                            "…" + _word_cut(piece, FIGURE_SAID_CHARS, from_end=True))
    return list(dict.fromkeys(said))


def _table(groups: list[_Group], language: str, numbering: Numbering) -> str:
    header = LABELS[language]["table"]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for group in groups:
        measures = [_clip(s) for _, _, s, _ in group.picked if not count_figures(s)][:TABLE_MEASURES]
        measures = measures or [_clip(group.picked[0][2])]
        found = [said for _, _, s, _ in group.picked for said in figures_said(s)]
        marks = "".join(dict.fromkeys(numbering.cite(p) for _, _, _, p in group.picked))
        cells = [_heading(group, language), "；".join(measures),
                 "；".join(list(dict.fromkeys(found))[:TABLE_FIGURES]) or "—", marks]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(rows)


# -- with a model ----------------------------------------------------------------------------
def _llm_summary(chat_model, topic: str, groups: list[_Group], docs: dict[str, Document], language: str,
                 compare: bool, budget: SummaryBudget) -> Result:
    given = [p for g in groups for p in g.passages][:MAX_PASSAGES]
    number = {p.id: n for n, p in enumerate(given, start=1)}
    batches = []
    for group in groups:
        numbered = [(number[p.id], p) for p in group.passages if p.id in number]
        batches += [(_heading(group, language), numbered[i:i + MAP_BATCH])
                    for i in range(0, len(numbered), MAP_BATCH)]
    return run_model(lambda: map_reduce(chat_model, "compare" if compare else "reduce", language, batches,
                                        {"topic": topic}, docs, budget), given, docs, language, budget)


def _slug(text: str) -> str:
    return re.sub(r"[^\w\u3400-\u9fff]+", "-", text).strip("-")[:40] or "summary"
