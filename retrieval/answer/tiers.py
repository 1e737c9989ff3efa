"""Which tier of a rule a quantity the question states falls in: statutes set a penalty by the value involved
('货值金额不足1万元的，并处5万元以上15万元以下罚款；货值金额1万元以上的，并处…15倍以上30倍以下罚款') and an
entitlement by a span ('职工累计工作已满1年不满10年的，年休假5天；已满10年不满20年的，年休假10天'), and a question
telling its case ('查获的货值大约8000元', '工作了12年', 'an employee with 12 years of service') is answered by the
tier its quantity meets, not the others."""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.search.numbers import BIG_UNITS, NUMERAL_CHARS, parse_chinese_numeral

# A quantity's unit as statutes write it -> the one it is compared in (日 and 天 are one measure).
_UNITS = {"元": "元", "年": "年", "个月": "月", "月": "月", "日": "日", "天": "日", "周岁": "岁", "岁": "岁",
          "小时": "小时", "吨": "吨", "公斤": "公斤", "千克": "公斤", "亩": "亩", "平方米": "平方米"}
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_NUMBER = rf"(\d+(?:\.\d+)?|[{NUMERAL_CHARS}]+)\s*(万|亿)?\s*({_UNIT})"
_STATED = re.compile(_NUMBER)
# A condition on the quantity, as the clause before '的' words it: below ('不足1万元的'), from ('1万元以上的',
# '已满20年的'), or between ('1万元以上不足10万元的', '已满10年不满20年的'); the penalty's own range
# ('处5万元以上15万元以下罚款', '处三年以上七年以下有期徒刑') is no condition.
_BELOW = re.compile(rf"(?:不足|低于|少于|未满|未达到?|不满){_NUMBER}(?=的|，)")
_FROM = re.compile(rf"(?:超过|在)?{_NUMBER}(?:以上|，)(?=的|不足|不满|未满|，)|(?:已满|年满|(?<![不未])满){_NUMBER}(?=的|不足|不满|未满|，)")
# '12 years of service', '8,000 yuan', '2 million yuan': an English question's quantity, in the same units
_STATED_EN = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million\s+|thousand\s+)?"
                        r"(yuan|rmb|years?|months?|days?|hours?|tons?|tonnes?|kg|kilograms?)\b", re.I)
_UNITS_EN = {"yuan": "元", "rmb": "元", "year": "年", "month": "月", "day": "日", "hour": "小时", "ton": "吨",
             "tonne": "吨", "kg": "公斤", "kilogram": "公斤"}
_SCALE_EN = {"million": 1_000_000, "thousand": 1_000}


def _value(number: str, scale: str | None) -> float | None:
    value = float(number) if number[0].isdigit() else parse_chinese_numeral(number)
    return None if value is None else value * BIG_UNITS.get(scale or "", 1)


def _calendar_year(value: float, unit: str) -> bool:
    return unit == "年" and value >= 1900  # '2023年' dates, it measures nothing


@lru_cache(maxsize=2048)
def stated_amount(question: str) -> tuple[float, str] | None:
    """The one quantity of one unit the (simplified) question states ('货值大约8000元' -> (8000, '元'), '工作了12年'
    -> (12, '年')), else None (none, or two of a unit: '罚了5万元还是8万元？')."""
    found = {(v, _UNITS[m.group(3)]) for m in _STATED.finditer(question)
             if (v := _value(m.group(1), m.group(2))) is not None and not _calendar_year(v, _UNITS[m.group(3)])}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=2048)
def stated_amount_en(question: str) -> tuple[float, str] | None:
    """The one quantity an English question states ('an employee with 12 years of service' -> (12, '年'))."""
    found = set()
    for m in _STATED_EN.finditer(question):
        unit = _UNITS_EN[m.group(3).lower().rstrip("s")]  # 'years' -> 'year'; 'rmb' has no 's' to lose
        value = float(m.group(1).replace(",", "")) * _SCALE_EN.get((m.group(2) or "").strip().lower(), 1)
        if not _calendar_year(value, unit):
            found.add((value, unit))
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=16384)
def tier_fit(simplified: str, stated: tuple[float, str]) -> int:
    """+1 when the sentence's conditions on a quantity of the stated one's unit all hold for it, -1 when one
    fails, 0 with none."""
    amount, unit = stated

    def values(pattern: re.Pattern) -> list[float]:
        found = []
        for m in pattern.finditer(simplified):
            number, scale, said = next((m.group(i), m.group(i + 1), m.group(i + 2)) for i in (1, 4) if m.group(i))
            if _UNITS[said] == unit and (v := _value(number, scale)) is not None:
                found.append(v)
        return found

    below, start = values(_BELOW), values(_FROM)
    if not below and not start:
        return 0
    return 1 if all(amount < v for v in below) and all(amount >= v for v in start) else -1
