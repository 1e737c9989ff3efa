"""A place typed as a homophone: pinyin input methods offer the wrong characters for the right sound ('昆名' for
昆明, '重亲' for 重庆). A question naming no place is read with the place whose pinyin a word of it spells, when
that word is no dictionary word and the pinyin names one province or city only; the answer says how it was read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.index.lexical import inside_words, known_word
from retrieval.search.regions import gazetteer

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_LEVELS = ("province", "city")
# what follows a place's name in a question ('昆名检察院…', '广溪的…', '那重亲呢'): '按顺序' is no 安顺
_PLACE_FOLLOWS = {"", *"市省县区检法的人有是和与及、在呢怎如今去近全两各"}  # a county's short name is too often a homophone of some word


@lru_cache(maxsize=1)
def _by_sound() -> dict[str, str]:
    """Toneless pinyin of a province's or city's short name -> that name, for sounds one place only has."""
    from pypinyin import lazy_pinyin

    sounds: dict[str, set[str]] = {}
    for region in gazetteer().by_code.values():
        if region.level in _LEVELS and region.short and 2 <= len(region.short) <= 3:
            sounds.setdefault("".join(lazy_pinyin(region.short)), set()).add(region.short)
    return {sound: names.pop() for sound, names in sounds.items() if len(names) == 1}


@lru_cache(maxsize=1)
def _provinces() -> frozenset[str]:
    return frozenset(r.short for r in gazetteer().by_code.values() if r.level == "province" and r.short)


def read_places(question: str) -> tuple[str, list[tuple[str, str]]]:
    """The question with a homophone of a place put right ('昆名检察院建立了多少名听证员？' -> '昆明检察院…'), and
    (typed, read as) for each; the question unchanged when it names a place or spells none."""
    if gazetteer().find_in_question(question) or not _CJK_RUN.search(question):
        return question, []
    from pypinyin import lazy_pinyin

    read: list[tuple[str, str]] = []
    for run in _CJK_RUN.findall(question):
        inside = inside_words(run)  # splitting no word ('贪污还是' is no 乌海, '进行安全' no 兴安)
        for size in (3, 2):
            for start in range(len(run) - size + 1):
                typed = run[start:start + size]
                if {start, start + size} & inside:
                    continue
                place = _by_sound().get("".join(lazy_pinyin(typed)))
                overlaps = any(typed in seen or seen in typed for seen, _ in read)
                after = run[start + size:start + size + 1]
                followed = after in _PLACE_FOLLOWS or place in _provinces()  # '宁下认罪认罚…': a province is distinct
                if place and place != typed and not known_word(typed) and not overlaps and followed:
                    read.append((typed, place))
    for typed, place in read:
        question = question.replace(typed, place)
    return question, read
