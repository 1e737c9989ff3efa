"""Figures, time limits and terms of a Chinese sentence as an English reader can take them.

'信访总量同比下降19.7%' gives '19.7%' and, with what it measures, 'total number of petitions down 19.7% year on
year': the measured term by its glossary name, the direction by the verb before the figure. Nothing is
translated beyond that; a figure whose term the glossary lacks stays bare.
"""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.answer.traits import time_limits
from retrieval.ingest.clean import index_form
from retrieval.search.crosslingual import glossary_rows
from retrieval.search.numbers import BIG_UNITS, PERCENT_WORDS, parse_chinese_numeral, percent_in_words, with_thousands

# '第15条' is Article 15, not 15 items, and '7个模型' seven of a noun left untranslated: neither is a figure an
# English reader can take as it is; a span with its unit is ('6个月', '10天', '20年', not the year '2023年').
_FIGURE = re.compile(r"(?<![第\d.])(?:\d+(?:\.\d+)?\s*(?:[%％]|个百分点)|" + PERCENT_WORDS +
                     r"|\d+(?:\.\d+)?\s*[∶:]\s*\d+(?:\.\d+)?"
                     r"|\d+(?:\.\d+)?\s*(?:万|亿)?(?:元|件|人|次|项|名|条)"
                     r"|\d+(?:\.\d+)?\s*(?:个工作日|个月|天|小时)|\d{1,2}\s*年(?![\d月]))")


_ENACTMENT = re.compile(r"(?:法|条例|规定|办法|细则|解释)$")
_ENACTMENT_EN = re.compile(r"\b(?:law|code|regulations?|provisions|measures|rules|interpretation)$", re.I)


_MINOR_WORDS = frozenset({"a", "an", "and", "by", "for", "in", "of", "on", "or", "the", "to"})


def titled(phrase: str) -> str:
    """'Law on the Protection of Minors', "People's Assessors Law", 'Anti-Unfair Competition Law': a name in
    title case (str.title() gives "People'S" and 'Law On The')."""
    def capitalised(word: str) -> str:
        return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))

    return " ".join(word if index and word in _MINOR_WORDS else capitalised(word)
                    for index, word in enumerate(phrase.split(" ")))


@lru_cache(maxsize=1)
def english_names() -> dict[str, str]:
    """Chinese term (index form) -> the English phrasing a translator would use first; for a statute's title its
    row's phrasing that names an enactment ('anti-unfair competition law' for 反不正当竞争法, not the row's first,
    'unfair competition', which is 不正当竞争's)."""
    names: dict[str, str] = {}
    for phrasings, chinese in glossary_rows():
        options = [p.strip() for p in phrasings.split("|") if p.strip()]
        for term in chinese:
            term = index_form(term)
            enacted = next((p for p in options if _ENACTMENT_EN.search(p)), None) if _ENACTMENT.search(term) else None
            if len(term) >= 2 and options:
                names.setdefault(term, enacted or options[0])
    return names


def english_figures(text: str) -> list[str]:
    """Figures a reader of English can take as they are: percentages, ratios, counts with their unit."""
    out = []
    for match in _FIGURE.finditer(text):
        out.append(_units(match.group()))
    return list(dict.fromkeys(out))


_SPAN_WORDS = {"工作日": "working day", "日": "day", "天": "day", "小时": "hour", "周": "week", "星期": "week",
               "月": "month", "年": "year"}


def _bound(pre: str) -> str:
    """The English for the word bounding a time limit (不得超过 -> 'no more than', 延长至 -> 'extendable to')."""
    if "超过" in pre or pre in ("最多", "最长"):
        return "no more than"
    if pre.startswith("延长"):
        return "extendable to"
    if pre.startswith("期限"):
        return "a term of"
    return "at least"  # 少于 / 短于 negated, 至少, 最短


def english_time_limits(text: str) -> list[str]:
    """The time limits a sentence states, in English: 'within 24 hours', 'no more than 30 days', 'at least 15 days
    before'; a bare span ('三十日') or a date ('2020年') is not a limit."""
    found = []
    for match in time_limits(text):
        pre, post = match.group("pre"), match.group("post")
        number = int(match.group("n")) if match.group("n").isdigit() else \
            parse_chinese_numeral(match.group("n").replace("两", "二"))
        if not number:
            continue
        span = f"{number} {_SPAN_WORDS[match.group('unit')]}{'s' if number != 1 else ''}"
        if pre:
            span = f"{_bound(pre)} {span}"
        found.append(f"within {span}" if post in ("内", "以内", "之内") and not pre else
                     f"{span} before" if post in ("前", "以前") else span)
    return list(dict.fromkeys(found))


UNIT_WORDS = {"元": " yuan", "件": " cases", "人": " people", "次": " times", "项": " items", "名": " people",
               "条": " items", "个工作日": " working days", "个月": " months", "天": " days", "小时": " hours",
               "年": " years"}


_SINGULAR = {" cases": " case", " people": " person", " times": " time", " items": " item",
             " working days": " working day", " months": " month", " days": " day", " hours": " hour",
             " years": " year"}


def _units(value: str) -> str:
    """'1,983 cases' for '1983件', '27.8 percentage points' for '27.8个百分点', '1:1.20' for '1∶1.20'."""
    value = value.replace("∶", ":").replace("％", "%").replace("个百分点", " percentage points")
    if value.startswith("百分之"):  # '百分之十' is 10%
        return percent_in_words(value) or value
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(万|亿)?(元|件|人|次|项|名|条|个工作日|个月|天|小时|年)", value)
    if not match:
        return value
    number, scale, unit = match.groups()
    amount = float(number) * BIG_UNITS.get(scale, 1)
    word = UNIT_WORDS[unit]
    return f"{with_thousands(amount)}{_SINGULAR.get(word, word) if amount == 1 else word}"


# What a figure measures is said in the clause holding it; a list of bare figures ('上升52.91%、45.62%') pairs
# them with terms in an order the words do not show, so a listed figure stays bare.
_CLAUSE = re.compile(r"[，。；;！？,：:（）()]")
_DIRECTIONS = [(re.compile(r"(?:下降|减少|降低|下滑|压缩|缩短)了?$"), "down"),
               (re.compile(r"(?:上升|增长|增加|提高|提升)了?$"), "up"),
               (re.compile(r"(?:优化|下降|降低|减少|提升|提高|上升|增长|增加|降|升)?(?:至|到)$"), "to"),
               (re.compile(r"从(?:去年|上年|前年)?的?$"), "from")]
MEASURE_CHARS = 40  # a longer English term would outweigh the figure it explains
MEASURE_TERM = 3  # a shorter Chinese term is a general word ('措施' is 'main practices' in the glossary's first phrasing)


def described_figures(text: str, generic: re.Pattern[str] | None = None) -> list[tuple[str, str]]:
    """(figure, what it says in English) for each figure of `english_figures`: 'total number of petitions down
    19.7% year on year' for '信访总量同比下降19.7%', 'petition backlog 1,983 cases' for '1983件重复信访积案',
    'case-to-matter ratio from 1:2.08 to 1:1.20' for '案-件比从去年的1:2.08优化至1:1.20'; the bare figure when
    its clause names no glossary term. `generic` names terms that measure nothing ('检察机关')."""
    said: list[tuple[str, str]] = []
    clause_start = 0
    for match in _FIGURE.finditer(text):
        figure = _units(match.group())
        before = text[:match.start()]
        # a second figure of a clause ('从…1:2.08优化至1:1.20') reads only the words since the first
        cut = max([m.end() for m in _CLAUSE.finditer(before)] + [clause_start])
        # the words of the list item holding the figure ('…听证员库”、155名…' names no 听证员 for 155)
        pre, post = before[cut:].rsplit("、", 1)[-1], _CLAUSE.split(text[match.end():], 1)[0]
        clause_start = match.end()
        direction, pre = _direction(pre)
        if direction == "to" and said and " from " in said[-1][1] and not _measured(pre, generic):
            said[-1] = (said[-1][0], f"{said[-1][1]} to {figure}")
            continue
        listed = bool(re.match(r"、\d", post) or re.search(r"[\d%％]、$", before))
        # a count names what it counts after it ('489名听证员'), else before it ('公益诉讼立案1074件')
        counted = _measured(post.split("、")[0].lstrip("“\"《")[:12], generic, first=True) \
            if match.group()[-1] in UNIT_WORDS else ""
        # a count whose noun follows unnamed ('…等79条措施') counts that noun, not the term before it
        unnamed = match.group()[-1] in UNIT_WORDS and not counted and bool(_NOUN_FOLLOWS.match(post))
        term = "" if listed or unnamed else counted or _measured(pre, generic)
        yearly = " year on year" if "同比" in before[cut:] and direction in ("up", "down") else ""
        owed = " (not owed)" if _NOT_OWED.search(before[cut:]) else ""  # '王山无需…支付…违约金200万元'
        said.append((figure, (" ".join(w for w in (term, direction, figure) if w) + yearly if term else figure) + owed))
    unique: dict[str, str] = {}
    for figure, shown in said:
        unique.setdefault(figure, shown)
    return list(unique.items())


_NOUN_FOLLOWS = re.compile(r"[\u4e00-\u9fff](?<![以余多左右次的之])")
_NOT_OWED = re.compile(r"(?:无需|无须|不需|不必|不再|不予|不应|不承担|免于|免除)[^，,；;。]{0,16}(?:支付|返还|赔偿|偿还|承担|缴纳)")
_COMPARED_WITH = re.compile(r"(?:同比|环比|较(?:去年|上年|前年)(?:同期)?|比(?:去年|上年)(?:同期)?)$")


def _direction(words: str) -> tuple[str, str]:
    """('down', the words before '同比下降') for the words before a figure: which way it moved, and the words
    left to name what moved (a verb or '同比' names nothing)."""
    for pattern, direction in _DIRECTIONS:
        found = pattern.search(words)
        if found:
            return direction, _COMPARED_WITH.sub("", words[:found.start()])
    return "", words


def _measured(words: str, generic: re.Pattern[str] | None, first: bool = False) -> str:
    """The English name of the glossary term ending last in `words` (or, `first`, starting first), the longest
    of those ending (starting) there; '' when there is none or its English is too long to explain a figure."""
    simplified = index_form(words)
    names = english_names()
    found = [(simplified.find(t) if first else simplified.rfind(t), t) for t in names
             if len(t) >= MEASURE_TERM and t in simplified and not (generic and generic.search(t))]
    if not found or (first and min(i for i, _ in found) > 0):  # '1983件重复信访积案': the counted noun follows
        return ""
    edge = (min if first else max)(found, key=lambda f: f[0] if first else f[0] + len(f[1]))
    at = [t for i, t in found if (i == edge[0] if first else i + len(t) == edge[0] + len(edge[1]))]
    english = names[max(at, key=len)]
    return english if len(english) <= MEASURE_CHARS else ""


MONTHS = "January February March April May June July August September October November December".split()
_DATE = re.compile(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?")


def date_in_english(text: str) -> str:
    """'September 2023' for '2023年9月管理系统正式上线', '1 January 2024' for '自2024年1月1日起施行': the first date the
    text states, as an English reader writes it; '' when it states none."""
    found = _DATE.search(text)
    if not found:
        return ""
    year, month, day = found.group(1), int(found.group(2) or 0), int(found.group(3) or 0)
    if not 1 <= month <= 12:
        return year
    return f"{day} {MONTHS[month - 1]} {year}" if day else f"{MONTHS[month - 1]} {year}"
