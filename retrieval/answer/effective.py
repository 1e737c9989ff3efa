"""'外国国家豁免法什么时候生效？', 'When does the Foreign State Immunity Law take effect?': the sentence of the
law naming when it took effect ('第二十三条 本法自2024年1月1日起施行。'), read from the law named, is the answer
(it shares none of the question's words but the law's name, and had been answered from other articles).
"""

from __future__ import annotations

from retrieval.answer.articles import TAKES_EFFECT, law_in_english
from retrieval.answer.extract import Extract, HitNumbering
from retrieval.answer.english_figures import date_in_english
from retrieval.answer.phrases import EVIDENCE, OFFLINE_NOTE
from retrieval.answer.question import Asked
from retrieval.answer.units import units_of
from retrieval.types import Hit


def effective_answer(asked: Asked, hits: list[Hit]) -> Extract | None:
    """The sentence saying when the law asked about took effect, cited; None when it is not asked or no hit of a
    law named says it."""
    if not asked.asks_effective or not asked.named_laws:
        return None
    for hit in hits:
        if (hit.title or hit.source) not in asked.named_laws:
            continue
        sentence = next((u.text for u in reversed(units_of(hit)) if TAKES_EFFECT.search(u.text)), None)
        if sentence is None:
            continue
        numbering = HitNumbering(hits)
        mark = numbering.mark(hit.rank)
        if asked.language == "zh":
            lines = [f"{sentence}{mark}"]
        else:
            lines = [f"{_english_date(sentence, hit.title or hit.source)} {mark}", EVIDENCE["en"], f"- {sentence}{mark}"]
        return Extract(text="\n".join([*lines, OFFLINE_NOTE[asked.language]]), cited=numbering.cited())
    return None


def _english_date(sentence: str, title: str) -> str:
    """'In force from 1 January 2024.' / 'In force from the day it was promulgated.'"""
    found = TAKES_EFFECT.search(sentence)
    when = date_in_english(found.group()) if found and found.group(1) else "the day it was promulgated"
    return f"The {law_in_english(title)}: in force from {when}."
