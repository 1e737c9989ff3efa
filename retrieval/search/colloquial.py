"""Everyday Chinese → statutory wording: a lay question ('老公打我', '房东不退押金') also searches for the
words the law uses for the same thing (配偶, 家庭暴力, 出租人, 租赁).

The rows (`resources/colloquial.tsv`) are general vocabulary written from the statutes' own terms, not
mined from any question set. Their terms are guesses about the asker's meaning, so search weighs them
like dictionary guesses, below the question's own words.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def colloquial_rows() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(everyday phrasings, statutory terms) per row of the shipped table."""
    text = resources.files("retrieval").joinpath("resources/colloquial.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = []
    for record in csv.DictReader(lines, delimiter="\t"):
        rows.append((tuple(record["colloquial"].split("|")), tuple(record["statutory"].split("|"))))
    return tuple(rows)


def statutory_terms(question: str) -> list[str]:
    """The statutes' words for the everyday phrasings in a (simplified) Chinese question, not already in it."""
    terms: list[str] = []
    for phrasings, statutory in colloquial_rows():
        if any(phrase in question for phrase in phrasings):
            terms += [term for term in statutory if term not in question and term not in terms]
    return terms
