"""People an English question names in pinyin ('Wu Qiang', 'Yu Huan'), found as the Chinese names the hits write.

Pinyin alone cannot say which characters a name has (Wu Qiang: 吴强, 武强, 伍强 …), but the retrieved
passages can: a run of two to four Chinese characters whose toneless pinyin spells the name is that
person. Names found this way join the question's topic as its most specific term.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:(?: [A-Z]|-[A-Za-z])[a-z]+){0,2}\b")
MAX_SPELLED = 12  # letters of one word of a name: a two-syllable given name (Baoying, Zhuangzhuang)
MAX_NAMES = 3  # each name is looked for in every hit's text: a question listing dozens costs no more
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_SENTENCE_WORDS = {"in", "the", "a", "an", "what", "which", "who", "how", "did", "does", "is", "was", "were", "when",
                   "why", "where", "can", "could", "should", "would", "under", "after", "before", "for", "of", "and",
                   "guiding", "case", "no", "court", "article", "supreme", "people", "procuratorate", "china"}


def spelled_names(question: str) -> list[str]:
    """'In the ring led by Wu Qiang, …' -> ['wuqiang']: capitalised runs of two or three words (or one
    hyphenated word), lower-cased and joined, that are not English sentence or legal words."""
    found = []
    for match in _CAPITALISED.finditer(question):
        words = [w for w in re.split(r"[ -]", match.group()) if w]
        while words and words[0].lower() in _SENTENCE_WORDS:
            words = words[1:]
        if len(words) >= 2 and all(2 <= len(w) <= MAX_SPELLED and w.lower() not in _SENTENCE_WORDS for w in words):
            found.append("".join(words).lower())
    return list(dict.fromkeys(found))[:MAX_NAMES]


@lru_cache(maxsize=65536)
def _sounds(char: str) -> frozenset[str]:
    """The character's readings without tones ('曾' -> céng, zēng -> {ceng, zeng}); ü is written v or u."""
    from pypinyin.pinyin_dict import pinyin_dict  # per-character readings only: the phrase data costs 0.3 s

    decomposed = unicodedata.normalize("NFD", pinyin_dict.get(ord(char), "")).replace("u\u0308", "v")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return frozenset(form for r in plain.split(",") if r for form in (r, r.replace("v", "u")))


def _spells(run: str, spelled: str) -> bool:
    """Some reading of each character, in order, spells exactly `spelled`."""
    if not run:
        return not spelled
    return any(spelled.startswith(sound) and _spells(run[1:], spelled[len(sound):]) for sound in _sounds(run[0]))


def chinese_names(spelled: str, texts: list[str]) -> list[str]:
    """The two-to-four-character runs in the texts whose pinyin spells the name, most frequent first."""
    counts: dict[str, int] = {}
    for text in texts:
        for run in _CJK_RUN.findall(text):
            for start in range(len(run) - 1):
                if not any(spelled.startswith(sound) for sound in _sounds(run[start])):
                    continue  # most characters: not how the name begins
                for length in (2, 3, 4):
                    name = run[start:start + length]
                    if len(name) == length and _spells(name, spelled):
                        counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda name: -counts[name])


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable a character is read as."""
    from pypinyin.pinyin_dict import pinyin_dict

    return frozenset(sound for code in pinyin_dict for sound in _sounds(chr(code)))


@lru_cache(maxsize=4096)
def is_pinyin(spelled: str) -> bool:
    """'boxilai': pinyin syllables end to end (a name spelled so); 'michaeljordan' is not."""
    if not spelled:
        return True
    return any(spelled.startswith(s) and is_pinyin(spelled[len(s):]) for s in _syllables() if len(s) <= len(spelled))
