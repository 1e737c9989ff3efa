"""English question -> Chinese query terms, offline: a shipped glossary plus the gazetteer's place names."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel

from retrieval.search.regions import gazetteer


class Translation(BaseModel):
    """Chinese terms found for an English question, and the English phrases they came from."""

    terms: list[str]
    matched: list[str]

    @property
    def query(self) -> str:
        return " ".join(self.terms)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _normalise(text: str) -> str:
    words = re.findall(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", text.lower().replace("’", "'"))
    return " ".join(_singular(w) for w in words)


class Glossary:
    """English phrasings -> Chinese terms; longest phrases win, each word is used once."""

    def __init__(self, pairs: list[tuple[str, list[str]]]) -> None:
        self._terms: dict[str, list[str]] = {}
        for english, chinese in pairs:
            for phrase in english.split("|"):
                key = _normalise(phrase)
                if key:
                    self._terms.setdefault(key, [])
                    self._terms[key].extend(t for t in chinese if t not in self._terms[key])
        self._max_words = max((len(k.split()) for k in self._terms), default=1)

    def __len__(self) -> int:
        return len(self._terms)

    def translate(self, question: str) -> Translation:
        words = _normalise(question).split()
        terms: list[str] = []
        matched: list[str] = []
        i = 0
        while i < len(words):
            for size in range(min(self._max_words, len(words) - i), 0, -1):
                key = " ".join(words[i:i + size])
                if key in self._terms:
                    terms.extend(t for t in self._terms[key] if t not in terms)
                    matched.append(key)
                    i += size
                    break
            else:
                i += 1
        return Translation(terms=terms, matched=matched)


@lru_cache(maxsize=1)
def glossary() -> Glossary:
    text = resources.files("retrieval").joinpath("resources/glossary.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    return Glossary([(row["en"], [t.strip() for t in row["zh"].split("|") if t.strip()]) for row in rows])


def translate_question(question: str) -> Translation:
    """Chinese terms for an English question: glossary terms, then the places it names."""
    translation = glossary().translate(question)
    for region in gazetteer().find_in_question(question):
        for name in (region.short or region.name, region.name):
            if name not in translation.terms:
                translation.terms.append(name)
    return translation
