"""Places in a lead. 'Which province…?', '哪些地方…？': the answer is a place, so the lead names the places of the
sentences that answer it — the regions their passages speak about — as a question naming a place gets that place
as its label (`side_label`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from retrieval.answer.english import place_name
from retrieval.search.regions import Region, gazetteer

if TYPE_CHECKING:
    from retrieval.answer.question import Asked

PLACE_ASKED = re.compile(r"哪(?:个|些|一个|一些|家|几个)?(?:省|市|县|区|地方|地区|地市|省份|城市|检察院|检察机关)|哪里|什么地方|"
                         r"\bwhich (?:[\w'-]+ ){0,2}?(?:provinces?|cities|city|regions?|places?|procuratorates?|"
                         r"prefectures?|counties|county|districts?|areas?)\b|\bwhere (?:did|was|were|has|have|is|are)\b",
                         re.I)
_SEVERAL = re.compile(r"哪些|哪几|\bwhich (?:[\w'-]+ ){0,2}?(?:provinces|cities|regions|places|procuratorates|prefectures|"
                      r"counties|districts|areas)\b", re.I)
MAX_PLACES = 3


def places_asked(question: str) -> int:
    """How many places a 'which place' question wants named: several ('哪些地方…', 'which provinces…') or one."""
    return MAX_PLACES if _SEVERAL.search(question) else 1


def _region_of(names: list[str]) -> tuple[Region, Region] | None:
    """(province, most specific place) of the regions a passage speaks about (full names, ancestors first)."""
    found = [region for name in names if (region := gazetteer().lookup(name))]
    return (found[0], found[-1]) if found else None


def _named(regions: tuple[Region, Region], language: str, question: str) -> str:
    province, place = regions
    if language == "en":
        return place_name(place, question) + ("" if place is province else f" ({place_name(province, question)})")
    short = province.short or province.name
    return short if place is province else f"{short}{place.name}"


def places_answering(passages_best_first: list[list[str]], language: str, question: str) -> str:
    """The places of the passages whose sentences answer (each passage's regions), best first, as a lead
    label ('广西', '浙江柯城区', 'Anhui and Yulin (Shaanxi)'); empty when they name none."""
    names: list[str] = []
    for passage in passages_best_first:
        regions = _region_of(passage)
        if regions and (name := _named(regions, language, question)) not in names:
            names.append(name)
    names = names[:places_asked(question)]
    return " and ".join(names) if language == "en" else "、".join(names)


def sentence_regions(unit) -> list[str]:
    """The places a sentence (a unit) answers for, ancestors first: those it names itself ('齐齐哈尔市人民检察院…'),
    else those its section heading names, else its passage's — which include places a passage only mentions in
    passing ('又如，龙江县人民检察院…') and must not label a sentence about its city."""
    for text in (unit.text, unit.section):
        named = gazetteer().find_in_text(text) if text else []
        if named:
            return gazetteer().with_ancestors(named)
    return unit.regions


def side_label(asked: Asked, language: str, places=None) -> str:
    """'河南、昆明'; a place asked with its city ('衢州柯城') is one place, named as '衢州柯城', not '衢州、柯城'."""
    places = asked.places if places is None else places
    if not places:
        return ""
    codes = {r.adcode for r in places}
    within = {r.adcode: [a for a in gazetteer().ancestors(r) if a.adcode in codes] for r in places}
    inner = {a.adcode for found in within.values() for a in found}
    places = [r for r in places if r.adcode not in inner]  # the city of a district asked is part of its name
    if language == "en":
        return " and ".join(dict.fromkeys(
            place_name(r, asked.question) + "".join(f" ({place_name(a, asked.question)})" for a in within[r.adcode])
            for r in places))
    return "、".join(dict.fromkeys("".join(a.short or a.name for a in reversed(within[r.adcode])) + (r.short or r.name)
                                  for r in places))


# a sentence naming its jurisdiction only as 'the whole province' or 'this city' ('全区检察机关刑事“案-件比”…')
_UNNAMED_JURISDICTION = re.compile(r"全(?:省|区|市|州|县)|本(?:省|市|区|县)|我(?:省|市|区|县)|自治区检察院|省检察院|市检察院")


def whose_jurisdiction(unit, question: str) -> str:
    """'广西' for a lead sentence (a unit) saying '全区检察机关…' under Guangxi's section, asked without a place:
    whose figure it is; '' when the sentence names its place or says no 全省/本市."""
    if not _UNNAMED_JURISDICTION.search(unit.text) or gazetteer().find_in_question(unit.text):
        return ""
    return places_answering([unit.regions], "zh", question)
