"""The hits an answer rests on: one search, or one per side when the question compares places; a case the
question names by number is searched within as well."""

from __future__ import annotations

from retrieval.answer.question import Asked, Kind
from retrieval.search.hybrid import rrf
from retrieval.search.regions import without_places
from retrieval.types import Filters, Hit

PER_SIDE = 5
NAMED_FOUND_WITHIN = 3  # a named case among the first three hits is read as search ranked it
FUSE_K = 10


def fuse(lists: list[list[Hit]], k: int) -> list[Hit]:
    """Several searches' hits merged by reciprocal rank (the first list wins ties), renumbered."""
    scores = rrf([[hit.passage_id for hit in hits] for hits in lists], FUSE_K)
    first: dict[str, Hit] = {}
    for hits in lists:
        for hit in hits:
            first.setdefault(hit.passage_id, hit)
    ranked = sorted(first, key=lambda pid: -scores[pid])[:k]
    return [first[pid].model_copy(update={"rank": n}) for n, pid in enumerate(ranked, start=1)]


def _named_documents(searcher, asked: Asked) -> list[str]:
    """The documents of the cases the question names by number ('指导案例122号', 'Guiding Case No. 122')."""
    if not asked.named_cases:
        return []
    return [source for source, doc in searcher.documents().items() if asked.names_document(source, doc.title)]


def retrieve(searcher, asked: Asked, k: int, also: list[str] | None = None) -> list[Hit]:
    """The k best hits; for 'how do A and B differ' the best hits about each side, interleaved and renumbered.

    `also` are other wordings of the question (a model's Chinese for an English question), searched too."""
    question, places = asked.question, asked.places
    if asked.kind != Kind.COMPARE or len(places) < 2:
        hits = searcher.search(question, k=k)
        named = _named_documents(searcher, asked)
        named = named if not any(hit.source in named for hit in hits[:NAMED_FOUND_WITHIN]) else []
        # '指导案例122号中转让给公司的四笔债权…': the number is one word among many, and other cases about 转让
        # and 公司 can crowd it out; the case named, when search did not put it first, is searched within too
        lists = [hits, *([searcher.search(question, k=k, filters=Filters(docs=named))] if named else []),
                 *(searcher.search(q, k=k) for q in also or [])]
        return fuse(lists, k) if len(lists) > 1 else hits
    sides = []
    for region in places:
        others = [r for r in places if r is not region]
        sides.append(searcher.search(without_places(question, others), k=PER_SIDE))
    merged: dict[str, Hit] = {}
    for rank in range(PER_SIDE):
        for side in sides:
            if rank < len(side) and side[rank].passage_id not in merged:
                merged[side[rank].passage_id] = side[rank]
    return [hit.model_copy(update={"rank": n}) for n, hit in enumerate(merged.values(), start=1)][:max(k, 2 * PER_SIDE)]
