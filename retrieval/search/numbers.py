"""Numbers written the Chinese way, as statutes number their articles: 133 -> 一百三十三, 10 -> 十."""

from __future__ import annotations

import re

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


# -- reading numbers in every form: 三十, 二百零五, 两万, 一亿二千万, 百分之三十, 二〇二三年 -------------------
_DIGIT_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                "九": 9}
_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}  # what 万 and 亿 multiply by
NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"  # a Chinese numeral's characters below 万 (for [...] classes)
_RUN = f"[{NUMERAL_CHARS}万亿]+"
# A Chinese numeral is a figure (not a word such as 统一, 进一步, 一是, 千方百计) when it is a percentage, has a
# counter after it, or is a compound number that starts with a digit or 十 (三十, 二百零五, 两万, 十九).
COUNTERS = ("个|人次|人|件|项|家|名|条|次|起|所|批|户|类|倍|成|年|月|日|天|元|余|多|位|支|场|份|篇|宗|期|轮|处|座|"
            "本|级|届|岁|周|小时|分钟|亩|吨|公里|平方米|%|％")
_PERCENT = re.compile(rf"百分之({_RUN}|\d+(?:\.\d+)?)")
_COUNTED = re.compile(rf"({_RUN})(?={COUNTERS})")
_RUN_RE = re.compile(_RUN)


def _compound(run: str) -> bool:
    return len(run) > 1 and run[0] in "一二两三四五六七八九十" and any(ch in "十百千万亿" for ch in run)


def parse_chinese_numeral(text: str) -> int | None:
    """The value of a Chinese numeral: 三十 -> 30, 二百零五 -> 205, 两万 -> 20000, 二〇二三 -> 2023; None if not one."""
    if not text or any(ch not in _DIGIT_VALUE and ch not in _SMALL_UNIT and ch not in BIG_UNITS for ch in text):
        return None
    if len(text) > 1 and all(ch in _DIGIT_VALUE for ch in text):  # digit by digit, as years are written
        return int("".join(str(_DIGIT_VALUE[ch]) for ch in text))
    total, section, number, seen_digit = 0, 0, 0, False
    for ch in text:
        if ch in _DIGIT_VALUE:
            number, seen_digit = _DIGIT_VALUE[ch], True
        elif ch in _SMALL_UNIT:
            section += (number if seen_digit else 1) * _SMALL_UNIT[ch]
            number, seen_digit = 0, False
        else:
            section += number
            if BIG_UNITS[ch] > 10_000:
                total = (total + section) * BIG_UNITS[ch]
            else:
                total += (section or 1) * BIG_UNITS[ch]
            section, number, seen_digit = 0, 0, False
    return total + section + number


# '百分之十', '百分之零点五': a percentage in words, read by percent_in_words (which reads '千分之五' too)
PERCENT_WORDS = r"百分之[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?"


def percent_in_words(said: str) -> str | None:
    """'百分之二十' -> '20%', '百分之零点五' -> '0.5%', '千分之五' -> '0.5%'; None if not one."""
    per = {"百分之": 1, "千分之": 10}.get(said[:3])
    whole, _, decimals = said[3:].partition("点")
    value = parse_chinese_numeral(whole) if per else None
    if value is None or any(ch not in _DIGIT_VALUE for ch in decimals):
        return None
    number = float(f"{value}.{''.join(str(_DIGIT_VALUE[ch]) for ch in decimals)}") if decimals else value
    return f"{number / per:g}%"


def chinese_figures(text: str) -> set[int]:
    """Values of the Chinese numerals in a text that state figures (百分之三十 -> 30, 共三人 -> 3, 二百零五 -> 205)."""
    values: set[int] = set()
    for match in _PERCENT.finditer(text):
        raw = match.group(1)
        value = parse_chinese_numeral(raw) if not raw[0].isdigit() else None
        if value is not None:
            values.add(value)
    rest = _PERCENT.sub(lambda m: " " if not m.group(1)[0].isdigit() else m.group(1), text)
    runs = [m.group(1) for m in _COUNTED.finditer(rest) if not (len(m.group(1)) > 1 and m.group(1)[0] in "百千万亿")]
    runs += [m.group() for m in _RUN_RE.finditer(rest) if _compound(m.group())]  # not 千万, 百万, 万一 as words
    for raw in runs:
        value = parse_chinese_numeral(raw)
        if value is not None:
            values.add(value)
    return values


def with_thousands(amount: float) -> str:
    """An amount as an English reader writes it: 50000 -> '50,000', 1234.5 -> '1,234.50'."""
    return f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
