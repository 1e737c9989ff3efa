"""Extractive (offline) answers: the question taken apart, then composed from the hits' own sentences."""

from __future__ import annotations

from collections.abc import Callable

from retrieval.answer.composer import NOT_FOUND, NOT_FOUND_PLACE, OFFLINE_NOTE, Extract, compose
from retrieval.answer.ground import language_of
from retrieval.answer.question import Asked, analyse
from retrieval.index.lexical import tokenize
from retrieval.types import Hit

__all__ = ["EXTRACTIVE_LABEL", "NOT_FOUND", "NOT_FOUND_PLACE", "Extract", "asked_of", "extractive_answer", "term_rarity"]
EXTRACTIVE_LABEL = OFFLINE_NOTE  # the line that says no model was used (last line of an extractive answer)


def term_rarity(token_idf: Callable[[str], float]) -> Callable[[str], float]:
    """A term's weight: the rarest of its BM25 tokens (a term may be several tokens)."""
    def weight(term: str) -> float:
        values = [token_idf(t) for t in tokenize(term)]
        return max(values) if values else token_idf(term)

    return weight


def asked_of(question: str, language: str, idf: Callable[[str], float] | None = None) -> Asked:
    """The question taken apart, its topic terms weighted by their rarity in the collection."""
    return analyse(question, language, term_rarity(idf) if idf else None)


def extractive_answer(question: str, hits: list[Hit], language: str | None = None,
                      idf: Callable[[str], float] | None = None) -> Extract:
    """Answer from the hits' sentences: a lead line that answers, then cited evidence, in the asker's language."""
    return compose(asked_of(question, language or language_of(question), idf), hits)
