"""Which tier of a rule an amount the question states falls in: statutes set a penalty by the value involved
('货值金额不足1万元的，并处5万元以上15万元以下罚款；货值金额1万元以上的，并处…15倍以上30倍以下罚款'), and a
question telling its case ('查获的货值大约8000元') is answered by the tier its amount meets, not the others."""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.search.numbers import BIG_UNITS, NUMERAL_CHARS, parse_chinese_numeral

_NUMBER = rf"(\d+(?:\.\d+)?|[{NUMERAL_CHARS}]+)\s*(万|亿)?\s*元"
_STATED = re.compile(_NUMBER)
# A condition on the amount, as the clause before '的' words it: below ('不足1万元的'), from ('1万元以上的'), or
# between ('1万元以上不足10万元的'); the penalty's own range ('处5万元以上15万元以下罚款') is no condition.
_BELOW = re.compile(rf"(?:不足|低于|少于|未满|未达到?|不满){_NUMBER}(?=的|，)")
_FROM = re.compile(rf"(?:超过|在)?{_NUMBER}(?:以上|，)(?=的|不足|不满|未满|，)")


def _value(number: str, scale: str | None) -> float | None:
    value = float(number) if number[0].isdigit() else parse_chinese_numeral(number)
    return None if value is None else value * BIG_UNITS.get(scale or "", 1)


@lru_cache(maxsize=2048)
def stated_amount(question: str) -> float | None:
    """The one amount of money the (simplified) question states ('货值大约8000元', '约8万元'), else None."""
    amounts = {v for m in _STATED.finditer(question) if (v := _value(m.group(1), m.group(2))) is not None}
    return amounts.pop() if len(amounts) == 1 else None


@lru_cache(maxsize=16384)
def tier_fit(simplified: str, amount: float) -> int:
    """+1 when the sentence's conditions on an amount all hold for `amount`, -1 when one fails, 0 with none."""
    below = [v for m in _BELOW.finditer(simplified) if (v := _value(m.group(1), m.group(2))) is not None]
    start = [v for m in _FROM.finditer(simplified) if (v := _value(m.group(1), m.group(2))) is not None]
    if not below and not start:
        return 0
    return 1 if all(amount < v for v in below) and all(amount >= v for v in start) else -1
