"""A question's kind — how, a figure, a comparison, a document, or general — from what it asks."""

from __future__ import annotations

import re
from enum import Enum

from retrieval.answer.asking import asking_part
from retrieval.answer.cues import COMPARE, DOCUMENT, DOCUMENT_NOUN, FIGURE, HOW, PLANS, RULE_OF_REPORT
from retrieval.answer.references import ARTICLE_REF, named_cases
from retrieval.search.regions import Region


class Kind(str, Enum):
    HOW = "how"
    FIGURE = "figure"
    COMPARE = "compare"
    DOCUMENT = "document"
    GENERAL = "general"


# 'What did Ningxia report on plea leniency?': report the verb, what a place told, not a report to summarise
_REPORT_VERB = re.compile(r"\b(did|does|do|has|have|had|will)\s+((?:[\w'-]+\s+){1,4})"
                          r"(?<!'s )(?<!’s )(?<!\bthe )(?<!\bits )(?<!\bthis )(?<!\bthat )(?<!\ba )(?<!\btheir )report"
                          r"(?=\s+(?:on|about|that|in|for|as|under|regarding)\b|\s*[?.!]?\s*$)", re.I)

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def years_in(question: str) -> list[str]:
    """The years a question names, in order ('in 2020 compared with 2023' -> ['2020', '2023'])."""
    return list(dict.fromkeys(_YEAR.findall(question)))


def classify(question: str, places: list[Region]) -> Kind:
    """The question's kind, from what it asks (a comparison needs two places or an explicit cue); the facts a
    question tells first ('十几个同学…') do not make it a 'how many'."""
    question = _REPORT_VERB.sub(r"\1 \2tell", asking_part(question))
    sides = len(places) >= 2 or len(years_in(question)) >= 2
    # '评估价和之前的评估相比差多少？' asks a figure; two places or years compared are two blocks
    sides = sides or len(named_cases(question)) >= 2  # two cases named: 'How does Guiding Case 105 differ from 106?'
    if COMPARE.search(question) and (sides or (re.search(r"和|与|跟|\band\b", question)
                                                and not FIGURE.search(question))):
        return Kind.COMPARE
    if PLANS.search(question):
        return Kind.DOCUMENT  # next steps are a part of a report: answered from the report's own structure
    # '广告法第九条说了什么？' asks what an article says, not for the law's outline
    of_document = DOCUMENT.search(question) and not RULE_OF_REPORT.search(question) and not ARTICLE_REF.search(question)
    if of_document and DOCUMENT_NOUN.search(question) and not FIGURE.search(question):
        return Kind.DOCUMENT  # 'what does the Chongqing report say about problems' asks about the document
    if FIGURE.search(question):
        return Kind.FIGURE
    if HOW.search(question):
        return Kind.HOW
    return Kind.DOCUMENT if of_document else Kind.GENERAL


