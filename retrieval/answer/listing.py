"""'有哪些关于个人信息保护的指导案例？' / 'Which guiding cases deal with …?': the answer is the cases, each named
and quoted once (its holding when that is on topic), not one case's sentences."""

from __future__ import annotations

from retrieval.answer.companions import MIN_COVERAGE_SPREAD
from retrieval.answer.extract import Extract, HitNumbering
from retrieval.answer.english import CASE_NUMBER, case_in_english, names_a_case
from retrieval.answer.phrases import CASES_FOUND, OFFLINE_NOTE
from retrieval.answer.question import Asked
from retrieval.answer.scoring import Scored, candidates
from retrieval.answer.traits import HOLDING, PARTY_CLAIM, simple_form
from retrieval.types import Hit

MAX_CASES = 5
NAME_CHARS = 30  # of a case's name in its label
HOLDING_BONUS = 0.3  # the rule a case stands for says best what it is about
RELATIVE_CASE_COVERAGE = 0.5  # of the best case's share of the topic: a case naming half as much is listed too


def list_cases(asked: Asked, hits: list[Hit]) -> Extract | None:
    """The cases among the hits that carry the topic, in search's order, each with its best sentence; None when
    the question does not ask for cases or no case carries the topic."""
    if not asked.asks_cases:
        return None
    by_case: dict[str, list[Hit]] = {}
    for hit in hits:
        # '除指导案例144号外，有哪些…' / 'cases like No. 144': the case named is what they are like, not one of them
        if names_a_case(hit.title or "") and not asked.names_document(hit.source, hit.title):
            by_case.setdefault(hit.source, []).append(hit)
    texts = {source: simple_form(" ".join(h.readable for h in own)) for source, own in by_case.items()}
    # a case must name the question's most specific term: '共同海损' is not carried by 海上货物运输 cases
    shares = {source: asked.coverage(text) for source, text in texts.items() if asked.core_found([text])}
    best = max(shares.values(), default=0.0)
    kept = [source for source, share in shares.items()
            if share >= max(MIN_COVERAGE_SPREAD, RELATIVE_CASE_COVERAGE * best)][:MAX_CASES]
    chosen = [(source, sentence) for source in kept if (sentence := _best_sentence(asked, by_case[source]))]
    if not chosen:
        return None
    numbering = HitNumbering(hits)
    language = asked.language
    titles = {source: by_case[source][0].title or source for source, _ in chosen}
    numbers = [_number(title, language) for title in titles.values()]
    labels = {source: _label(title, language) for source, title in titles.items()}
    lines = [CASES_FOUND[language].format(cases=("、" if language == "zh" else ", ").join(numbers))]
    colon = "：" if language == "zh" else ": "
    lines += [f"- {labels[source]}{colon}{s.unit.text}{numbering.mark_unit(s.unit)}" for source, s in chosen]
    return Extract(text="\n".join(lines + [OFFLINE_NOTE[language]]), cited=numbering.cited())


def _best_sentence(asked: Asked, own: list[Hit]) -> Scored | None:
    """The case's sentence that best carries the topic, its holding (裁判要点) favoured; a party's argument
    ('…以其系正当防卫、不构成犯罪为由提出上诉', '辩护人认为…') says what was claimed, not what the case holds, and
    stands for it only when no other sentence carries the topic."""
    scored = [s for s in candidates(own, asked) if s.coverage > 0]
    held = [s for s in scored if not PARTY_CLAIM.search(simple_form(s.unit.text))] or scored
    return max(held, key=lambda s: s.score + HOLDING_BONUS * (s.under(HOLDING) or bool(HOLDING.search(s.unit.section))),
               default=None)


def _number(title: str, language: str) -> str:
    """'指导性案例194号' / 'Guiding Case No. 194'."""
    found = CASE_NUMBER.search(title)
    if not found:
        return title
    return found.group() if language == "zh" else case_in_english(title)


def _label(title: str, language: str) -> str:
    """'指导性案例194号（熊昌恒等侵犯公民个人信息案）' / 'Guiding Case No. 194 (熊昌恒等侵犯公民个人信息案)'."""
    found = CASE_NUMBER.search(title)
    name = title[found.end():].strip(" ：:") if found else ""
    name = name if len(name) <= NAME_CHARS else name[:NAME_CHARS] + "…"
    number = _number(title, language)
    if not name:
        return number
    return f"{number}（{name}）" if language == "zh" else f"{number} ({name})"
