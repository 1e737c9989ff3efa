"""Numbers written the Chinese way, as statutes number their articles: 133 -> 一百三十三, 10 -> 十."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese_numeral(number: int) -> str:
    """The statute form of 0 <= number < 10000 (十二 not 一十二; 一百零五; 一千零一十)."""
    if not 0 <= number < 10000:
        return str(number)
    if number < 10:
        return _DIGITS[number]
    out, zero_pending = "", False
    rest = number
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if zero_pending:
                out += "零"
                zero_pending = False
            out += ("" if (unit == "十" and digit == 1 and not out) else _DIGITS[digit]) + unit
        elif out:
            zero_pending = True
    if rest:
        out += ("零" if zero_pending else "") + _DIGITS[rest]
    return out
