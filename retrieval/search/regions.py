"""Gazetteer of Chinese divisions (province / city / county) with pinyin and English names.

Data: `retrieval/resources/regions.tsv`, built by `scripts/build_regions.py` from the cpca package's
adcode table. Detects places in Chinese text and in Chinese or English questions, and knows the
hierarchy (柯城区 is in 衢州市, 浙江省).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel

from retrieval.index.lexical import inside_words

_LEVEL_RANK = {"province": 0, "city": 1, "county": 2}
# Short forms that are also everyday words in these reports.
_COMMON_WORDS = {"长治", "安康", "中山", "阿里", "和平", "城关", "新华", "朝阳", "开发", "市中", "城中", "永安",
                 "太平", "新城", "东区", "西区", "南区", "北区", "长安", "平安", "江南", "河东", "河西", "城北",
                 "城南", "城东", "城西", "白云", "青山", "南山", "北山", "东山", "西山", "鼓楼", "普陀", "海口",
                 "通化", "新区", "吉安", "延长", "安全", "公安", "万全", "宁安", "和顺", "永和", "东方", "兴业"}


class Region(BaseModel):
    adcode: str
    level: str
    name: str
    short: str
    parent: str | None
    pinyin: str
    en: list[str]

    @property
    def forms(self) -> list[str]:
        """The names a text may call it by (name, short name, pinyin, English), two characters or more."""
        return [f for f in {self.name, self.short, self.pinyin, *self.en} if f and len(f) > 1]


def without_places(text: str, places: list[Region]) -> str:
    """The text with every name of the places taken out (longest first, any case), spaces collapsed."""
    for form in sorted({f for region in places for f in region.forms}, key=lambda f: (-len(f), f)):
        text = re.sub(re.escape(form), " ", text, flags=re.I)
    return " ".join(text.split())


# English phrases whose first word is also a place's pinyin: Guiding Case No. 84 is not 贵定县.
_NOT_PLACES = re.compile(r"\bGuiding\s+(?:Cases?|Opinions?)\b|\bProcuratorial\s+Cases?\b", re.I)


# The first characters of two-character counties that read as the end of the word before them (和, 与: conjunctions;
# 任 of 担任 / 主任 / 责任): in a document's text such a county counts only beside its city or province.
_WORD_ENDINGS = "和与及同任"

class Gazetteer:
    """Names, aliases and hierarchy of divisions; lookups in text and in questions."""

    def __init__(self, regions: list[Region]) -> None:
        self.by_code = {r.adcode: r for r in regions}
        self._asked = lru_cache(maxsize=4096)(self._find_in_question)  # one answer asks ~5 times per question
        self.by_name: dict[str, list[Region]] = {}
        self._zh_forms: dict[str, list[Region]] = {}
        self._latin_forms: dict[str, list[Region]] = {}
        for region in regions:
            self.by_name.setdefault(region.name, []).append(region)
            self._zh_forms.setdefault(region.name, []).append(region)
            if region.short and len(region.short) >= 2 and region.short not in _COMMON_WORDS:
                self._zh_forms.setdefault(region.short, []).append(region)
            for alias in [region.pinyin.lower(), *region.en]:
                if alias:
                    self._latin_forms.setdefault(alias, []).append(region)
        self._max_zh = max(len(form) for form in self._zh_forms)
        self._conjoined = {r.adcode for r in regions
                           if r.level == "county" and len(r.name) == 2 and r.name[0] in _WORD_ENDINGS}
        latin = sorted(self._latin_forms, key=len, reverse=True)
        self._latin_re = re.compile(r"\b(" + "|".join(re.escape(a) for a in latin) + r")\b", re.I)

    # -- hierarchy -------------------------------------------------------------------------
    def ancestors(self, region: Region) -> list[Region]:
        chain = []
        parent = region.parent
        while parent and parent in self.by_code:
            chain.append(self.by_code[parent])
            parent = self.by_code[parent].parent
        return chain

    def with_ancestors(self, regions: list[Region]) -> list[str]:
        """Full names of the regions and their ancestors, most general first, no duplicates."""
        names: dict[str, int] = {}
        for region in regions:
            for item in [*reversed(self.ancestors(region)), region]:
                names.setdefault(item.name, _LEVEL_RANK[item.level])
        return sorted(names, key=lambda n: names[n])

    def lookup(self, name: str) -> Region | None:
        """A region by full name, short name, pinyin or English name."""
        found = self._zh_forms.get(name) or self._latin_forms.get(name.lower().strip())
        return _pick(found) if found else None

    # -- detection -------------------------------------------------------------------------
    def find_in_text(self, text: str, allow_county_short: bool = False) -> list[Region]:
        """Places named in Chinese text (longest match first; ambiguous county names need their city nearby)."""
        mentions: list[list[Region]] = []
        # a question's short name splits none of its words ('河道里' is no 道里区)
        inside = inside_words(text) if allow_county_short else frozenset()
        i = 0
        while i < len(text):
            for length in range(min(self._max_zh, len(text) - i), 1, -1):
                candidates = self._zh_forms.get(text[i:i + length])
                if candidates:
                    full = any(c.name == text[i:i + length] for c in candidates)
                    if not full and {i, i + length} & inside:
                        continue
                    usable = [c for c in candidates if full or c.level != "county" or allow_county_short]
                    if usable:
                        mentions.append(usable)
                        i += length
                        break
            else:
                i += 1
        return self._resolve(mentions, conjoined_need_context=not allow_county_short)

    def find_in_question(self, question: str) -> list[Region]:
        """Places a question names, in Chinese characters, pinyin or English (remembered per question)."""
        return list(self._asked(question))

    def _find_in_question(self, question: str) -> tuple[Region, ...]:
        found = self.find_in_text(question, allow_county_short=True)
        for match in self._latin_re.finditer(_NOT_PLACES.sub(" ", question)):
            candidates = self._latin_forms[match.group(1).lower()]
            if not match.group(1)[0].isupper():
                candidates = [c for c in candidates if c.level != "county"]
            top = min((_LEVEL_RANK[c.level] for c in candidates), default=None)
            # Pinyin is ambiguous (Yulin is 榆林 and 玉林): keep every place of the highest level.
            found.extend(c for c in candidates if _LEVEL_RANK[c.level] == top)
        unique = {r.adcode: r for r in found}
        return tuple(unique.values())

    def _resolve(self, mentions: list[list[Region]], conjoined_need_context: bool = False) -> list[Region]:
        """One region per mention: an ambiguous name the one under a place also named; in a document's text
        (`conjoined_need_context`), a county whose name reads as the end of the word before it and 县 (和县: '省、市和
        县级人民政府', '军分区和县人民武装部'; 任县: '担任县级以上人民代表大会代表') only beside its city or province."""
        sure = {m[0].adcode for m in mentions if len(m) == 1}
        chosen: dict[str, Region] = {}
        def near(candidates: list[Region]) -> list[Region]:
            return [c for c in candidates if any(a.adcode in sure for a in self.ancestors(c))]

        for candidates in mentions:
            if conjoined_need_context and any(c.adcode in self._conjoined for c in candidates):
                candidates = [c for c in candidates if c.adcode not in self._conjoined or c in near([c])]
                if not candidates:
                    continue
            if len(candidates) > 1:
                candidates = near(candidates) or candidates
            pick = _pick(candidates)
            if pick is not None:
                chosen[pick.adcode] = pick
        return list(chosen.values())


def _pick(candidates: list[Region]) -> Region | None:
    """The highest-level candidate; an ambiguous county name with no context names nothing."""
    best = min(_LEVEL_RANK[c.level] for c in candidates)
    top = [c for c in candidates if _LEVEL_RANK[c.level] == best]
    if len(top) > 1 and top[0].level == "county":
        return None
    return top[0]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once on first use."""
    text = resources.files("retrieval").joinpath("resources/regions.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    regions = [
        Region(adcode=row["adcode"], level=row["level"], name=row["name"], short=row["short"] or "",
               parent=row["parent"] or None, pinyin=row["pinyin"] or "",
               en=[a.strip().lower() for a in (row["en"] or "").split("|") if a.strip()])
        for row in rows
    ]
    return Gazetteer(regions)
