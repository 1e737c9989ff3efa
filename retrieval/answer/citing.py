"""Citations of an answer: the hits it cites, numbered as its markers, each with what a reader needs to open it."""

from __future__ import annotations

import re

from retrieval.answer.asked_year import without_editors_notes
from retrieval.answer.ground import MARKER
from retrieval.types import Citation, Hit


def citations(searcher, hits: list[Hit], answer: str = "") -> list[Citation]:
    """Citations numbered 1..n for hits in marker order, with the document's date and issuer; a preview starts
    at the first sentence `answer` quotes from the citation (a neighbour's, in a reading window), else at the
    matched passage."""
    out = []
    answer = without_editors_notes(answer)  # '今年〔2020年〕以来' is quoted from '今年以来'
    for n, hit in enumerate(hits, start=1):
        doc = searcher.documents().get(hit.source)
        quote = hit.cited_text()
        start = _first_quoted(answer, n, quote)
        passage = quote[start:] if start >= 0 else (hit.text if hit.context else "")
        out.append(Citation(n=n, source=hit.source, title=hit.title, section=_quoted_section(hit, answer, n),
                            quote=quote, passage=passage, passage_id=hit.passage_id, date=hit.date,
                            issuer=doc.issuer if doc else None))
    return out


def _quoted(answer: str, n: int) -> list[str]:
    """The beginnings (30 characters) of the sentences the answer cites as [n], in order."""
    found = []
    for line in answer.splitlines():
        for sentence in re.split(rf"\[{n}\]", line)[:-1]:
            sentence = MARKER.sub("", sentence).removeprefix("- ").strip()
            if len(sentence) >= 8:
                found.append(sentence[:30])
    return found


def _first_quoted(answer: str, n: int, quote: str) -> int:
    """Where in `quote` the first sentence the answer cites as [n] starts (-1: none found there)."""
    return next((found for sentence in _quoted(answer, n) if (found := quote.find(sentence)) >= 0), -1)


def _quoted_section(hit: Hit, answer: str, n: int) -> str:
    """The heading of the passage holding the first sentence the answer cites as [n]: a reading window spans
    neighbours under other headings ('(四)…' beside '(五)…', a case's 裁判要点 beside 相关法条)."""
    for sentence in _quoted(answer, n):
        part = next((p for p in hit.parts if sentence in p.text), None)
        if part is not None:
            return part.section or hit.section
    return hit.section
