"""Questions across regions: a comparison, or 'how do the regions do X', that names fewer than two places
(those get a block per place from the composer instead) — answered by the per-region summary."""

from __future__ import annotations

import re

from retrieval.answer.cues import GENERIC
from retrieval.answer.question import asks_comparison
from retrieval.index.lexical import tokenize
from retrieval.ingest.clean import index_form
from retrieval.search.crosslingual import STOPWORDS
from retrieval.search.regions import gazetteer

_ACROSS = re.compile(r"各地|各省|各市|各区|哪些地方|哪些省|不同地区|\b(?:provinces|regions|cities|places|localities)\b|"
                     r"across (?:china|the country)", re.I)
_COMPARE_WORDING = re.compile(r"^\s*(?:please\s+)?(?:compare|contrast|comparison of)\s+|比较一下|对比一下|比较|对比|"
                              r"\bwhat (?:different )?(?:provinces|regions|cities|places) (?:do|did|have done)"
                              r"(?: about| on| for| with)?\s*|\b(?:across|between|among) (?:provinces|regions|places|china)\b|"
                              r"在?(?:各省份|各地|各省|各市)(?:之间)?在?的?|方面|的?做法|的?经验(?=[?？。]?\s*$)|有什么不同|有何不同|[?？。]", re.I)


def without_comparison_wording(text: str) -> str:
    """'compare public hearings across provinces' / '比较各地公开听证的做法' -> the topic alone."""
    return " ".join(_COMPARE_WORDING.sub(" ", text).split()).strip(" ,，")


# 'How do the regions do X?' without comparing: 各地是怎么做的, 有哪些做法, how do provinces handle …
_REGIONS_EN = r"(?:the )?(?:provinces|regions|cities|places|localities)"
_HOW_REGIONS_EN = rf"\bhow (?:do|did|have|are) {_REGIONS_EN}"
_WHAT_REGIONS_EN = rf"\bwhat (?:do|did|have) {_REGIONS_EN} (?:do|done)"
_HOW_ACROSS = re.compile(rf"(?:怎么|怎样|如何)(?:做|开展|推进|落实)|有(?:哪些|什么).{{0,12}}?(?:做法|经验|举措)|"
                         rf"(?:情况|成效|效果)?(?:怎么样|怎样|如何)[?？]?$|(?:分别)?是多少|(?:情况|成效|效果)[?？]?$|"
                         rf"(?:怎么|怎样|如何)(?=[\u4e00-\u9fff-]{{2,12}}?的?[?？]?$)|"
                         rf"{_HOW_REGIONS_EN}\b|{_WHAT_REGIONS_EN}\b", re.I)
_HOW_WORDING = re.compile(rf"是?(?:怎么|怎样|如何)(?:做|开展|推进|落实)的?|有(?:哪些|什么)|的?(?:做法|经验|举措)|"
                          rf"的?(?:情况|成效|效果)?(?:怎么样|怎样|如何)|(?:分别)?是多少|的?(?:情况|成效|效果)(?=[?？]?$)|"
                          rf"是?(?:怎么|怎样|如何)|的(?=[?？]?$)|"
                          rf"{_HOW_REGIONS_EN}(?: (?:handle|handled|do|did|deal with|dealt with|approach|approached|run|"
                          rf"use|used))?|{_WHAT_REGIONS_EN}(?: about| on| for| with)?", re.I)


def comparison_topic(question: str) -> str | None:
    """'compare what provinces do about public hearings' -> 'public hearings': a comparison across regions
    that names fewer than two of them (those get their own blocks from the composer instead)."""
    places = gazetteer().find_in_question(question)
    if len(places) >= 2 or not (asks_comparison(question) and _ACROSS.search(question)):
        return None
    return without_comparison_wording(question) or None


def across_topic(question: str) -> str | None:
    """'公开听证各地是怎么做的？' / 'How do provinces handle public hearings?' -> the topic: what each region
    does about it, asked without naming one (a question naming a place is that place's)."""
    if gazetteer().find_in_question(question) or asks_comparison(question):
        return None
    if not (_ACROSS.search(question) and _HOW_ACROSS.search(question)):
        return None
    topic = practice_asked(question)
    # A follow-up without its own topic ('那各地是怎么做的？', 'how do provinces handle it?') is the chat's to
    # read with its history, not a summary of nothing.
    return topic if _topical_words(topic) else None


def practice_asked(question: str) -> str:
    """'河南是怎么减少信访的？' -> '河南减少信访': what a question asks how it is done, without its asking words."""
    return _SPOKEN_LEAD.sub("", without_comparison_wording(_HOW_WORDING.sub(" ", question))).strip()


_SPOKEN_LEAD = re.compile(r"^(?:那么|那个|那|还有|另外|then|and|so)\s*|[在上]$|(?<=\S)上(?=\s|$)", re.I)


def _topical_words(topic: str) -> bool:
    if re.fullmatch(r"[A-Za-z\s'-]+", topic):
        return any(word.lower() not in STOPWORDS for word in re.findall(r"[A-Za-z]{3,}", topic))
    return any(len(t) >= 2 and t not in GENERIC for t in tokenize(index_form(topic)))
