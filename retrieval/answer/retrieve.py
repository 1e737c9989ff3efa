"""The hits an answer rests on: one search, or one per side when the question compares places."""

from __future__ import annotations

import re

from retrieval.answer.question import Kind, classify
from retrieval.search.regions import gazetteer
from retrieval.types import Hit

PER_SIDE = 5


def _without(question: str, forms: list[str]) -> str:
    for form in sorted(forms, key=len, reverse=True):
        question = re.sub(re.escape(form), " ", question, flags=re.I)
    return " ".join(question.split())


def _forms(region) -> list[str]:
    return [f for f in {region.name, region.short, region.pinyin, *region.en} if f and len(f) > 1]


def retrieve(searcher, question: str, k: int) -> list[Hit]:
    """The k best hits; for 'how do A and B differ' the best hits about each side, interleaved and renumbered."""
    places = gazetteer().find_in_question(question)
    if classify(question, places) != Kind.COMPARE or len(places) < 2:
        return searcher.search(question, k=k)
    sides = []
    for region in places:
        others = [f for r in places if r is not region for f in _forms(r)]
        sides.append(searcher.search(_without(question, others), k=PER_SIDE))
    merged: dict[str, Hit] = {}
    for rank in range(PER_SIDE):
        for side in sides:
            if rank < len(side) and side[rank].passage_id not in merged:
                merged[side[rank].passage_id] = side[rank]
    return [hit.model_copy(update={"rank": n}) for n, hit in enumerate(merged.values(), start=1)][:max(k, 2 * PER_SIDE)]
