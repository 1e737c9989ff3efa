"""'哪个地方的案件比最低？', 'Which province held the most public hearings?', 'Which fell more, Kunming or Henan?':
the places ranked by the figure their sentences state for what is measured, each figure quoted and cited.

Only figures the documents state are ranked, and the lead says so: the indexed documents are not the country.
A figure measures the asked term when it stands in the same clause (the one nearest the term; after '至' or '到'
the last, '从1:2.08优化至1:1.20' being 1:1.20 now). Ratios, percentages and counts are not ranked together: the
kind most places state is ranked.
"""

from __future__ import annotations

import re

from retrieval.answer.extract import Extract, HitNumbering
from retrieval.answer.english import place_name
from retrieval.answer.english_figures import english_figures, english_names
from retrieval.answer.phrases import EVIDENCE, OFFLINE_NOTE
from retrieval.answer.cues import NOT_MEASURED
from retrieval.answer.question import Asked
from retrieval.answer.scoring import Scored, candidates
from retrieval.answer.traits import simple_form
from retrieval.index.lexical import tokenize
from retrieval.search.regions import gazetteer
from retrieval.types import Hit

_CLAUSE = re.compile(r"[，,；;。！？]")
_FIGURES = {"ratio": re.compile(r"1\s*[:∶]\s*(\d+(?:\.\d+)?)"),
            "percent": re.compile(r"(\d+(?:\.\d+)?)\s*[%％]"),
            "count": re.compile(r"(\d+(?:\.\d+)?)\s*(?:万)?(件|次|人|名|场|个|份)(?!百分点)")}

# what a measure's name says its figures are: a rate is a percentage, a 比 a ratio
_KIND_OF_MEASURE = [(re.compile(r"(?:率|比例|占比)$"), "percent"), (re.compile(r"比$"), "ratio")]
_COUNTED = re.compile(r"最(?:多|少)|更(?:多|少)|\b(?:most|fewest|more|fewer|least)\b", re.I)
_PEOPLE = re.compile(r"(?:员|人员|官|师|志愿者)$")
_ASKS_PEOPLE = re.compile(r"多少(?:人|名)|几(?:人|名)|人数|\bhow many (?:people|persons|officers|members)\b", re.I)
_FALLS = re.compile(r"降幅|下降|减少|降低|压降|\b(?:drops?|dropped|falls?|fell|declines?|declined|decreases?|"
                    r"decreased|reduc\w*)\b", re.I)
_FALL_WORDS = ["下降", "减少", "降低", "压降"]
MAX_RANKED = 5
MIN_PLACES = 2


def rank_places(asked: Asked, hits: list[Hit]) -> Extract | None:
    """The places ranked by the asked measure's figures, best first, with the sentence stating each; None when
    fewer than two places state one."""
    order, measure = asked.ranks, asked.measure
    if order is None or not measure:
        return None
    # the measure as worded, not its short alternatives ('救助' is in '包案+听证+救助', no 司法救助 figure)
    core = [term for term in measure if len(term) >= min(3, len(measure[0]))]
    # 'which fell most': the figures of clauses saying it fell ('同比下降67.52%'), not counts of petitions handled
    moved = _FALL_WORDS if _FALLS.search(asked.question) else []
    # '认罪认罚适用率' is worded '适用认罪认罚从宽制度…占…88%' as often, '领导干部办案' '领导干部共办案': its words, every
    # one, when it is not said whole (the rate's word aside)
    parts = [word for word in tokenize(core[0]) if len(word) >= 2 and word != core[0] and not word.endswith("率")]
    wanted = _kinds_wanted(asked.question, core[0], bool(moved))
    measured = [group for group, _ in asked.topic if not NOT_MEASURED.search(group[0]) and group is not measure]
    by_rank = {hit.rank: hit for hit in hits}
    asked_codes = {region.adcode for region in asked.places}
    stated: dict[str, dict[str, tuple[float, str, Scored]]] = {}  # kind -> place -> (value, figure, sentence)
    for scored in candidates(hits, asked):
        text = simple_form(scored.unit.text)
        # '领导干部办案最多': a sentence saying both, not any '办案' figure of another measure
        if order != "difference" and any(not any(term in text for term in group) for group in measured):
            continue
        figures = [found for found in _figures(text, core, moved) or _figures(text, parts, moved, every=True)
                   if wanted(found[0])]
        # whose figures they are, read only of a sentence stating one (the gazetteer scans the title and section)
        place = _place_of(scored, by_rank.get(scored.unit.hit_rank), asked, asked_codes) if figures else None
        for kind, value, figure in figures if place else []:
            best = stated.setdefault(kind, {}).get(place)
            if best is None or scored.score > best[2].score:
                stated[kind][place] = (value, figure, scored)
    if not stated:
        return None
    by_place = max(stated.values(), key=len)
    if len(by_place) < MIN_PLACES:
        return None
    if order == "difference":
        return _difference(asked, by_place, core[0], hits)
    ranked = sorted(by_place.items(), key=lambda item: -item[1][0] if order == "most" else item[1][0])[:MAX_RANKED]
    return _answer(ranked, "fall" if moved and order == "most" else order, core[0], asked.language, hits)


def _kinds_wanted(question: str, measure: str, falls: bool):
    """Which kinds of figure answer: a rate's percentages, a 比's ratios; for 'the most' or 'the fewest' of a
    thing, counts of it (not a share), unless it is how far something fell ('哪个降得更多？'); a count of people
    (489名听证员) only when people are asked."""
    named = next((kind for pattern, kind in _KIND_OF_MEASURE if pattern.search(measure)), None)
    counted = _COUNTED.search(question) and named is None and not falls
    people = _ASKS_PEOPLE.search(question) or _PEOPLE.search(measure)  # '听证员最多' counts hearing officers

    def wanted(kind: str) -> bool:
        if named:
            return kind == named
        if kind in ("count 人", "count 名") and not people:
            return False
        return kind.startswith("count") if counted else True

    return wanted


def _place_of(scored: Scored, hit: Hit | None, asked: Asked, codes: set[str]) -> str | None:
    """Whose figure the sentence gives, named for the lead: the place its document or section is about (the
    2020 compilation's '浙江省检察院' section, the Kunming report), else the one the sentence names, else its
    passage's city (or province); None when there is none or, the question naming places, not one of them (a province's
    section naming one of its cities in passing is still the province's)."""
    titled = gazetteer().find_in_text(f"{hit.title or '' if hit else ''} {scored.unit.section or ''}")
    named = titled or gazetteer().find_in_text(scored.unit.text)
    passage = [region for name in scored.unit.regions if (region := gazetteer().lookup(name))]
    # a city's report names its districts in passing: the city's is the figure
    regions = named or passage[min(1, len(passage) - 1):][:1]
    if not regions:
        return None
    place = max(regions, key=lambda region: len(gazetteer().ancestors(region)))
    if codes and not ({place.adcode, *(a.adcode for a in gazetteer().ancestors(place))} & codes):
        return None
    return place_name(place, asked.question) if asked.language == "en" else (place.short or place.name)


def _figures(text: str, terms: list[str], moved: list[str], every: bool = False) -> list[tuple[str, float, str]]:
    """(kind, value, figure as written) of each kind of figure the clause naming a term states, nearest the
    term, or the clause after it states ('认罪认罚…办结案件3421件，分别占…的88%'); a count's kind is its unit; with
    `moved` (下降, 减少: the question asks which fell most), only a clause saying so counts."""
    clauses = _CLAUSE.split(text)
    for n, clause in enumerate(clauses):
        at = next((clause.find(term) for term in terms if term in clause), -1)
        if every and not all(term in clause for term in terms):  # a measure's words, all of them ('领导干部共办案')
            at = -1
        if at < 0 or (moved and not any(word in clause for word in moved)):
            continue
        found: dict[str, tuple[float, str]] = {}
        for kind, pattern in _FIGURES.items():
            for words, near in ((clause, at), (clauses[n + 1] if n + 1 < len(clauses) else "", 0)):
                matches = list(pattern.finditer(words))
                if not matches:
                    continue
                # '从去年的1:2.08优化至1:1.20': what it is now; else the figure nearest the term
                chosen = matches[-1] if re.search(r"[至到]", words) and len(matches) > 1 else \
                    min(matches, key=lambda m: abs(m.start() - near))
                # counts of different things (485件 hearings, 16个 courts) are not ranked together
                named = f"count {chosen.group(2)}" if kind == "count" else kind
                found.setdefault(named, (float(chosen.group(1)), chosen.group().replace("∶", ":")))
                break
        if found:  # '自觉深化检察听证,…对214件案件组织开展检察听证': the first clause naming it and a figure
            return [(kind, value, figure) for kind, (value, figure) in found.items()]
    return []


_LEAD = {
    "zh": {"most": "按收录资料中的数字，{measure}最高（最多）的是{first}；其次是{rest}。",
           "least": "按收录资料中的数字，{measure}最低（最少）的是{first}；其次是{rest}。",
           "fall": "按收录资料中的数字，{measure}降幅最大的是{first}；其次是{rest}。"},
    "en": {"most": "By the figures in the indexed documents, the highest ({measure}) is {first}; then {rest}.",
           "least": "By the figures in the indexed documents, the lowest ({measure}) is {first}; then {rest}.",
           "fall": "By the figures in the indexed documents, the largest fall ({measure}) is {first}; then {rest}."},
}


_GAP = {"zh": "按收录资料中的数字，{a}比{b}{more}{gap}。",
        "en": "By the figures in the indexed documents, {a} against {b}: {gap} {more}."}


def _difference(asked: Asked, by_place: dict[str, tuple[float, str, Scored]], measure: str,
                hits: list[Hit]) -> Extract | None:
    """'昆明的听证员比榆林多多少人？': the two figures, in the order the question names the places, and how far apart
    they are (489名 against 327名: 162名 more); None unless both places state one."""
    language = asked.language
    names = list(dict.fromkeys(place_name(r, asked.question) if language == "en" else (r.short or r.name)
                               for r in asked.places))[:2]  # 'Yulin' is 榆林 and 玉林: one place asked
    if len(names) < 2 or not all(name in by_place for name in names):
        return None
    pair = [(name, by_place[name]) for name in names]
    (a_value, a_figure, _), (b_value, _, _) = by_place[names[0]], by_place[names[1]]
    unit = re.sub(r"[\d.:∶%\s]", "", a_figure)
    shown = f"{abs(a_value - b_value):,.2f}".rstrip("0").rstrip(".")
    numbering = HitNumbering(hits)
    a, b = (_figure_said(name, figure, said, numbering, language) for name, (_, figure, said) in pair)
    counted = bool(unit) and ":" not in a_figure
    if language == "zh":
        more = ("多" if a_value >= b_value else "少") if counted else ("高" if a_value >= b_value else "低")
        gap_said = f"{shown}{'个百分点' if '%' in a_figure else unit}"
    else:
        more = ("more" if a_value >= b_value else "fewer") if counted else ("higher" if a_value >= b_value else "lower")
        gap_said = f"{shown} percentage points" if "%" in a_figure else \
            (english_figures(f"{shown}{unit}") or [shown])[0] if unit else shown
    return _extract(_GAP[language].format(a=a, b=b, more=more, gap=gap_said), pair, numbering, language)


def _answer(ranked: list[tuple[str, tuple[float, str, Scored]]], order: str, measure: str, language: str,
            hits: list[Hit]) -> Extract:
    """The lead ranking the places, each figure cited (with its document's year when the years differ: Anhui's
    485 hearings are 2020's, Yulin's 214 2022's), then each place's sentence."""
    numbering = HitNumbering(hits)
    years = {rank: (hit.date or "")[:4] for rank, hit in numbering.by_rank.items()}
    dated = len({years.get(s.unit.hit_rank) for _, (_, _, s) in ranked} - {""}) > 1
    said = [_figure_said(place, figure, s, numbering, language, years.get(s.unit.hit_rank) if dated else "")
            for place, (_, figure, s) in ranked]
    joiner = "、" if language == "zh" else ", "
    if language == "en":
        english = english_names().get(measure, "")
        measure = f"{english}, {measure}" if english else measure
    lead = _LEAD[language][order].format(measure=measure, first=said[0], rest=joiner.join(said[1:]))
    return _extract(lead, ranked, numbering, language)


def _figure_said(place: str, figure: str, said: Scored, numbering: HitNumbering, language: str, year: str = "") -> str:
    """'昆明（1:1.056，2022年）[1]' / 'Kunming (1:1.056, 2022) [1]': a place's figure in a lead, cited."""
    mark = numbering.mark_unit(said.unit)
    if language == "zh":
        return f"{place}（{figure}{'，' + year + '年' if year else ''}）{mark}"
    return f"{place} ({(english_figures(figure) or [figure])[0]}{', ' + year if year else ''}) {mark}"


def _extract(lead: str, placed: list[tuple[str, tuple[float, str, Scored]]], numbering: HitNumbering,
             language: str) -> Extract:
    """The lead, then each place's sentence, cited."""
    colon = "：" if language == "zh" else ": "
    lines = [lead, *([EVIDENCE["en"]] if language == "en" else [])]
    lines += [f"- {place}{colon}{s.unit.text}{numbering.mark_unit(s.unit)}" for place, (_, _, s) in placed]
    return Extract(text="\n".join(lines + [OFFLINE_NOTE[language]]), cited=numbering.cited())
