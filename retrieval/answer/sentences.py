"""Sentences and figures: the units that extractive answers, summaries and grounding checks work on."""

from __future__ import annotations

import re

from retrieval.search.numbers import PERCENT_WORDS, percent_in_words

_SENTENCE = re.compile(r"[^。！？；!?;\n]+(?:[。！？；!?;]+[”’」』）)]*|\n|$)")
_CN_DIGITS = "零〇一二三四五六七八九十百千万亿两"
# Figures: numbers with units, percentages, ratios (1∶2.29), dates, money, counts written in digits or Chinese.
FIGURE = re.compile(
    PERCENT_WORDS  # '税率为百分之十' is 10%
    + r"|\d+(?:[.,]\d+)*\s*(?:%|％|‰)"
    r"|\d+(?:\.\d+)?\s*[∶:]\s*\d+(?:\.\d+)?"
    r"|\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?"
    r"|\d+(?:[.,]\d+)*\s*(?:万|亿|千|百)?(?:元|件|人|次|个|项|家|名|条|份|起|宗|所|天|日|月|年|倍|余|多|篇|批|户|类|小项|人次)?"
    r"|[一二三四五六七八九十百两]{1,3}(?:周岁|年|倍|岁)"  # in words: "有效期为十年", "二倍以上", not 二〇二〇年 (deadlines: time_limit)
    r"|[" + _CN_DIGITS + r"]{2,}(?:万|亿)?(?:元|件|人|次|个|项|家|名|条)",
)


def split_sentences(text: str) -> list[str]:
    """Whole sentences, closing quotes kept with their sentence; blank pieces dropped."""
    sentences = [m.group().strip() for m in _SENTENCE.finditer(text) if m.group().strip()]
    for at in range(len(sentences) - 1):
        # a straight quote after 。 closes the sentence it ends when that sentence opened one ('…处理权。"第四十七条')
        if sentences[at].count('"') % 2 and sentences[at + 1].startswith('"'):
            sentences[at], sentences[at + 1] = sentences[at] + '"', sentences[at + 1][1:].lstrip()
    return [sentence for sentence in sentences if sentence]


def figures(text: str) -> list[str]:
    """Normalised figures in a text: '84.4%', '1:1.35', '2024年', '485件', '3421'."""
    found = []
    for match in FIGURE.finditer(text):
        value = re.sub(r"\s+", "", match.group()).replace("∶", ":").replace("％", "%").replace(",", "")
        if value.startswith("百分之"):
            value = percent_in_words(value)
            if value is None:
                continue
        if re.fullmatch(r"\d", value):  # a lone digit ('一是 1') is not a figure worth checking
            continue
        found.append(value)
    return found

