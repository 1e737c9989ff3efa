"""What a 'how much' / 'how many' question wants: the unit it counts (多少件 -> 件, money -> 元) and what it
measures (…修复费用一共是多少 -> 修复, 费用), so the figure that answers beats the case's other figures."""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.answer.cues import GENERIC
from retrieval.answer.question import CASES_COUNTED
from retrieval.answer.traits import real_figures
from retrieval.index.lexical import tokenize
from retrieval.ingest.clean import index_form
from retrieval.search.crosslingual import translate_question
from retrieval.search.numbers import NUMERAL_CHARS
from retrieval.search.regions import gazetteer

_COUNTED_NOUNS = (r"(cases|people|persons|times|companies|enterprises|firms|suggestions|recommendations|prosecutors|"
                  r"defendants|suspects|victims|staff|officers|judges|minors|children|days|months|years|hours)\b")
_COUNTED = re.compile(rf"(?:多少|几)(件|人|元|次|名|份|起|家|户|个月|个小时|个工作日|个|天|小时)|"
                      rf"\bhow many (?:[\w'-]+ ){{0,3}}?{_COUNTED_NOUNS}|\bhow much money\b", re.I)
_COUNTED_KIND = re.compile(rf"\bhow many ((?:[\w'-]+ ){{1,3}}?){_COUNTED_NOUNS}", re.I)  # 'public interest' cases
_CASES_OF_A_KIND = re.compile(r"(?:多少|几)(?:起|个|宗)?[^，,。？?；;！!]{1,8}?(?:案件|案子)")  # 多少公益诉讼案件
_PEOPLE = ("people", "persons", "prosecutors", "defendants", "suspects", "victims", "staff", "officers", "judges",
           "minors", "children")
_COUNTED_EN = {"cases": "件", "times": "次", "companies": "家", "enterprises": "家", "firms": "家",
               "suggestions": "件", "recommendations": "件", **{word: "人" for word in _PEOPLE},
               "days": "天", "months": "个月", "years": "年", "hours": "小时"}


# 'How much' of money ('修复费用一共是多少？', 'how much was it ordered to pay'): the figure wanted is in yuan.
_MONEY_ASKED = re.compile(r"(?:费用|金额|钱|赔偿|赔了|罚款|罚金|损失|款项|报酬|工资|奖金|赔付)[^？?。]{0,12}(?:多少|几)|"
                          r"(?:多少|几)[^？?。]{0,6}(?:费用|金额|钱|赔偿|罚款|罚金|损失)|"
                          r"\bhow much\b[^?.]{0,60}\b(?:pay|paid|compensat\w*|damages|fined?|fines|award\w*|costs?|"
                          r"owe[ds]?|get|receive[ds]?)\b|\bwhat (?:total |)(?:compensation|damages|fine|amount)\b", re.I)


@lru_cache(maxsize=2048)
def counted_unit(question: str) -> str | None:
    """What 'how many' counts, when the question says (多少件 / how many cases -> 件; money -> 元): the figure
    wanted carries that measure word."""
    found, cases = _COUNTED.search(question), CASES_COUNTED.search(question) or _CASES_OF_A_KIND.search(question)
    if cases and (not found or cases.start() <= found.start()):  # '办了多少案件': cases are counted in 件
        return "件"
    if not found:
        return "元" if _MONEY_ASKED.search(question) else None
    chinese, english = found.groups()
    return ("小时" if chinese == "个小时" else chinese) or _COUNTED_EN.get((english or "").lower()) or "元"


_HOW_MUCH = re.compile(r"([^，,；;。！!？?]*)(?:多少|几[个件人次项名条])([^，,；;。！!？?]*)")  # not 几年: a term


@lru_cache(maxsize=2048)
def measured_terms(question: str) -> tuple[str, ...]:
    """What a Chinese 'how much' measures: the word after it ('判了多少罚金' -> 罚金; '办理了多少公益诉讼案件' ->
    公益, not the verb 办理), else the two words before it ('…生态环境修复费用一共是多少' -> 修复, 费用), so a figure of
    that (修复费用873.579万元) beats another figure of the case (非法获利2243.333万元)."""
    kind = _COUNTED_KIND.search(question)
    if kind:  # 'how many public interest cases': the Chinese terms for 'public interest'
        translation = translate_question(kind.group(1))
        return tuple(dict.fromkeys(index_form(t) for group in translation.groups or translation.weak_groups
                                   for t in group))
    terms: list[str] = []
    for before, after in _HOW_MUCH.findall(index_form(question)):
        words = [t for t in tokenize(before) if len(t) >= 2 and t not in GENERIC]
        following = [t for t in tokenize(after) if len(t) >= 2 and t not in GENERIC]
        terms += following[:1] or [t for t in words if not any(t != w and t in w for w in words)][-2:]
    # the place asked about is where, not what is measured ('云南办理了多少公益诉讼案件')
    return tuple(t for t in dict.fromkeys(terms) if not gazetteer().lookup(t))


COUNT = r"\d[\d.,]*\s*(?:余|多)?(?:万|亿)?"  # a number before its measure word ('110余条', '1.2万件')
_COUNT_ANY = rf"(?:\d[\d.,]*|[{NUMERAL_CHARS}万]+)\s*(?:余|多)?(?:万|亿)?"  # '1074件', '五千元'
_PART = re.compile(r"[；;。]")


@lru_cache(maxsize=16384)
def measures_asked(simplified: str, question: str) -> bool:
    """The sentence gives a figure of what the question measures: after the measured word, in the same part of
    the sentence, in the unit asked when the question says one. '公益诉讼立案1074件' answers '办理了多少公益诉讼案件',
    not '受理审查起诉12536件…公益诉讼业务规模持续增长…上升42.63%'; '单位违反本法规定，…处五千元以上五万元以下罚款'
    answers '对这个单位能罚多少钱'."""
    terms, unit = measured_terms(question), counted_unit(question)
    for part in _PART.split(simplified):
        starts = [part.find(t) for t in terms if t in part]
        if not starts:
            continue
        rest = part[min(starts):]
        if re.search(rf"{_COUNT_ANY}{unit}", rest) if unit else real_figures(rest):
            return True
    return False
