"""What a 'how much' / 'how many' question wants: the unit it counts (多少件 -> 件, money -> 元) and what it
measures (…修复费用一共是多少 -> 修复, 费用), so the figure that answers beats the case's other figures."""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.answer.question import CASES_COUNTED, GENERIC
from retrieval.index.lexical import tokenize
from retrieval.ingest.clean import index_form

_COUNTED = re.compile(r"(?:多少|几)(件|人|元|次|名|份|起|家|户|个)|\bhow many (?:[\w'-]+ ){0,3}?(cases|people|persons|"
                      r"times|companies|enterprises|firms|suggestions|recommendations|prosecutors|defendants|suspects|"
                      r"victims|staff|officers|judges|minors|children)\b|\bhow much money\b", re.I)
_PEOPLE = ("people", "persons", "prosecutors", "defendants", "suspects", "victims", "staff", "officers", "judges",
           "minors", "children")
_COUNTED_EN = {"cases": "件", "times": "次", "companies": "家", "enterprises": "家", "firms": "家",
               "suggestions": "件", "recommendations": "件", **{word: "人" for word in _PEOPLE}}


# 'How much' of money ('修复费用一共是多少？', 'how much was it ordered to pay'): the figure wanted is in yuan.
_MONEY_ASKED = re.compile(r"(?:费用|金额|钱|赔偿|赔了|罚款|罚金|损失|款项|报酬|工资|奖金|赔付)[^？?。]{0,12}(?:多少|几)|"
                          r"(?:多少|几)[^？?。]{0,6}(?:费用|金额|钱|赔偿|罚款|罚金|损失)|"
                          r"\bhow much\b[^?.]{0,60}\b(?:pay|paid|compensat\w*|damages|fined?|fines|award\w*|costs?|"
                          r"owe[ds]?|get|receive[ds]?)\b|\bwhat (?:total |)(?:compensation|damages|fine|amount)\b", re.I)


@lru_cache(maxsize=2048)
def counted_unit(question: str) -> str | None:
    """What 'how many' counts, when the question says (多少件 / how many cases -> 件; money -> 元): the figure
    wanted carries that measure word."""
    found, cases = _COUNTED.search(question), CASES_COUNTED.search(question)
    if cases and (not found or cases.start() <= found.start()):  # '办了多少案件': cases are counted in 件
        return "件"
    if not found:
        return "元" if _MONEY_ASKED.search(question) else None
    chinese, english = found.groups()
    return chinese or _COUNTED_EN.get((english or "").lower()) or "元"


_HOW_MUCH = re.compile(r"([^，,；;。！!？?]*)(?:多少|几[个件人次项名条])([^，,；;。！!？?]*)")  # not 几年: a term


@lru_cache(maxsize=2048)
def measured_terms(question: str) -> tuple[str, ...]:
    """What a Chinese 'how much' measures: the two words before it and the one after ('…生态环境修复费用一共是
    多少' -> 修复, 费用; '判了多少罚金' -> 罚金), so a figure of that (修复费用873.579万元) beats another figure
    of the case (非法获利2243.333万元)."""
    terms: list[str] = []
    for before, after in _HOW_MUCH.findall(index_form(question)):
        words = [t for t in tokenize(before) if len(t) >= 2 and t not in GENERIC]
        following = [t for t in tokenize(after) if len(t) >= 2 and t not in GENERIC]
        terms += [t for t in words if not any(t != w and t in w for w in words)][-2:] + following[:1]
    return tuple(dict.fromkeys(terms))
