"""What a law or a judgment says happens to someone, in English, for the first line of an English answer:
fines, detention, prison terms, orders, liability, leniency. Chinese statutes word these in a few fixed
forms ('处五千元以上五万元以下罚款', '处五日以上十日以下拘留', '可以酌情从宽处罚'), so patterns read them
without a translation model; anything else stays in the quoted Chinese below the lead."""

from __future__ import annotations

import re

from retrieval.answer.units import ARTICLE_START
from retrieval.ingest.clean import index_form
from retrieval.search.numbers import BIG_UNITS, NUMERAL_CHARS, parse_chinese_numeral, percent_in_words, with_thousands

_NUMBER = rf"[\d.,]+|[{NUMERAL_CHARS}]+"
_AMOUNT = rf"(?:{_NUMBER})(?:万|亿)?元"
_SHARE = r"(?:[百千]分之[一二三四五六七八九十百]+|[\d.]+[%％]|[一二三四五六七八九十]+倍)"
_FINE_RANGE = re.compile(rf"处(?P<a>{_AMOUNT})以上(?P<b>{_AMOUNT})以下(?:的)?罚款")
_FINE_UP_TO = re.compile(rf"(?:处|或者)(?P<b>{_AMOUNT})以下(?:的)?罚款")
_FINE_SHARE = re.compile(rf"处[^，。；]{{2,20}}?(?P<a>{_SHARE})以上(?P<b>{_SHARE})以下(?:的)?罚款")
_DAYS = re.compile(rf"处(?:(?P<a>{_NUMBER})日以上)?(?P<b>{_NUMBER})日以下(?:行政)?拘留")
_YEARS = re.compile(rf"处(?:(?P<a>{_NUMBER})年以上)?(?P<b>{_NUMBER})年以下有期徒刑|处(?P<c>{_NUMBER})年以上有期徒刑")
# A judgment's own terms ('改判于欢有期徒刑五年', '判处有期徒刑三年，缓刑五年，并处罚金人民币1913万元'): the number follows.
_TERM = re.compile(rf"有期徒刑(?P<y>{_NUMBER})年(?:零?(?P<m>{_NUMBER})个月)?|有期徒刑(?P<only>{_NUMBER})个月")
_PROBATION = re.compile(rf"缓刑(?P<p>{_NUMBER})年")
_FINE_IMPOSED = re.compile(rf"(?:并处|判处)?罚金(?:人民币)?(?P<f>{_AMOUNT})")
_REPRIEVE = re.compile(r"死刑[，,]?缓期(?:二|两)年执行")
# Fixed wordings, most specific first; each says which way it went, the quoted sentence says when.
_PHRASES = [
    (re.compile(r"免予刑事处罚|免除处罚"), "exempted from punishment"),
    (re.compile(r"从宽处罚|从轻处罚|从轻或者减轻处罚|减轻处罚"), "more lenient punishment"),
    (re.compile(r"从重处罚"), "heavier punishment"),
    (re.compile(r"无期徒刑"), "life imprisonment"),
    (re.compile(r"拘役"), "criminal detention"),
    (re.compile(r"并处(?:或者单处)?罚金"), "plus a criminal fine"),
    (re.compile(r"没收[^，。；]{0,20}违法所得"), "illegal gains confiscated"),
    (re.compile(r"责令停产停业|责令停业"), "ordered to suspend business"),
    (re.compile(r"吊销[^，。；]{0,12}(?:许可证|执照|许可|资格|证书|证明文件|批准文件)"), "licence revoked"),
    (re.compile(r"责令改正|责令限期改正"), "ordered to correct"),
    (re.compile(r"给予警告|处警告|，警告"), "a warning"),
    (re.compile(r"给予处分|依法给予[^，。；]{0,6}处分"), "disciplinary sanctions"),
    (re.compile(r"连带责任"), "joint and several liability"),
    (re.compile(r"中标无效"), "the bid award is void"),
    (re.compile(r"依法追究刑事责任"), "criminal liability pursued"),
]
MAX_SANCTIONS = 4


def _value(text: str) -> str:
    """'五万元' -> '50,000 yuan', '10万元' -> '100,000 yuan', '百分之十' -> '10%', '二倍' -> '2 times'."""
    if text.startswith(("百分之", "千分之")):
        return percent_in_words(text) or "0%"
    if text.endswith("倍"):
        return f"{parse_chinese_numeral(text[:-1]) or text[:-1]} times"
    if text.endswith(("%", "％")):
        return text.replace("％", "%")
    body = text.removesuffix("元")
    scale = BIG_UNITS.get(body[-1:], 1)
    body = body[:-1] if scale > 1 else body
    number = float(body.replace(",", "")) if re.fullmatch(r"[\d.,]+", body) else parse_chinese_numeral(body)
    return text if number is None else f"{with_thousands(number * scale)} yuan"


def _range(low: str, high: str) -> str:
    """'5,000 yuan', '50,000 yuan' -> '5,000 to 50,000 yuan'; '15 times', '30 times' -> '15 to 30 times'."""
    for unit in (" yuan", " times"):
        if low.endswith(unit) and high.endswith(unit):
            return f"{low.removesuffix(unit)} to {high}"
    return f"{low} to {high}"


def _count(text: str | None) -> int | None:
    return None if text is None else int(text) if text.isdigit() else parse_chinese_numeral(text)


def _span(low: int | None, high: int | None, unit: str) -> str:
    if low and high:
        return f"{low} to {high} {unit}s"
    return f"up to {high} {unit}{'s' if high != 1 else ''}"


def sanctions(text: str) -> list[str]:
    """The sanctions and treatments a sentence states, in English, in the order it states them."""
    simplified = index_form(text)
    found: list[tuple[int, str]] = []
    for match in _FINE_RANGE.finditer(simplified):
        found.append((match.start(), f"a fine of {_range(_value(match['a']), _value(match['b']))}"))
    for match in _FINE_UP_TO.finditer(simplified):
        found.append((match.start(), f"a fine of up to {_value(match['b'])}"))
    for match in _FINE_SHARE.finditer(simplified):
        found.append((match.start(), f"a proportional fine of {_range(_value(match['a']), _value(match['b']))}"))
    for match in _DAYS.finditer(simplified):
        found.append((match.start(), f"{_span(_count(match['a']), _count(match['b']), 'day')}' detention"))
    for match in _YEARS.finditer(simplified):
        if match["c"]:
            found.append((match.start(), f"at least {_count(match['c'])} years' imprisonment"))
        else:
            found.append((match.start(), f"{_span(_count(match['a']), _count(match['b']), 'year')}' imprisonment"))
    found += _imposed(simplified)
    for pattern, english in _PHRASES:
        hit = pattern.search(simplified)
        if hit and not (english == "plus a criminal fine" and _FINE_IMPOSED.search(simplified)):
            found.append((hit.start(), english))
    return list(dict.fromkeys(english for _, english in sorted(found)))


def _imposed(simplified: str) -> list[tuple[int, str]]:
    """The terms a judgment imposed, with their numbers: '5 years' imprisonment', 'suspended for 5 years', 'a fine
    of 19,130,000 yuan', 'death with a two-year reprieve'."""
    found = []
    for match in _TERM.finditer(simplified):
        if match["only"]:
            found.append((match.start(), f"{_count(match['only'])} months' imprisonment"))
            continue
        months = f" {_count(match['m'])} months" if match["m"] else ""
        found.append((match.start(), f"{_count(match['y'])} years{months}' imprisonment"))
    found += [(m.start(), f"suspended for {_count(m['p'])} years") for m in _PROBATION.finditer(simplified)]
    found += [(m.start(), f"a fine of {_value(m['f'])}") for m in _FINE_IMPOSED.finditer(simplified)]
    found += [(m.start(), "death with a two-year reprieve") for m in _REPRIEVE.finditer(simplified)]
    return found


# '违反本条例第六条、第七条…规定的，…没收…并处以罚款': the articles whose breach a penalty article punishes
_ARTICLE = r"第[一二三四五六七八九十百千零〇\d]+条"
_BREACH = re.compile(rf"违反本(?:法|法典|条例|规定|办法|细则)((?:{_ARTICLE}(?:第[一二三四五六七八九十]+款)?[、，,和及或者]*)+)")


def punishes_breach_of(penalty: str, articles: list[str]) -> bool:
    """Whether a penalty article ('第十八条 违反本条例第六条、第七条…规定的，…并处以罚款') punishes the breach of
    one of the given articles (their texts, each opening with its number: '第六条 禁止采猎一级保护…')."""
    breached = _BREACH.search(penalty)
    if not breached:
        return False
    numbers = re.findall(_ARTICLE, breached.group(1))
    return any((own := ARTICLE_START.match(text)) and own.group() in numbers for text in articles)
