"""Numbered references a question makes: the cases it names ('指导案例84号', 'Guiding Case No. 84', '检例第12号')
and the articles it cites ('刑法第168条', '第一百六十八条'), in the forms documents write them."""

from __future__ import annotations

import re

from retrieval.ingest.clean import index_form
from retrieval.search.crosslingual import pattern_terms
from retrieval.search.numbers import NUMERAL_CHARS, chinese_numeral, parse_chinese_numeral

# Askers write a case's number every way: 指导案例84号, 第84号指导案例, 84号案例, 案例84 (a court guiding case), 检例第12号.
NAMED_CASE = re.compile(r"指导性?案例第?\s*(\d{1,3})\s*号|检例第?\s*(\d{1,3})\s*号|"
                        r"(?<!\d)第?\s*(\d{1,3})\s*号\s*(?:(?:指导性?)?案例|案(?![件号]))|(?<![指导性典型])案例\s*(\d{1,3})(?![\d.])(?:\s*号)?|"
                        # '186号和188号有什么区别？', '回到188号，…': a number alone, in a short message (see named_cases)
                        r"(?<![\d〕\]）)第A-Za-z年月])(\d{1,3})号(?=\s*(?:和|与|跟|同|、|的|呢|有|是|[，,？?]|$))")
# A message this short naming 'N号' alone points at a case; a story's '住在5号的邻居' names a house
MAX_BARE_NUMBER_CHARS = 20


# '指导案例193号和194号', '检例第12号、第13号': the numbers listed after the first are cases of the same kind.
_LISTED_CASES = re.compile(r"(指导性?案例|检例)第?\s*\d{1,3}\s*号((?:\s*(?:和|与|及|以及|、|跟|同|,|，)\s*第?\s*\d{1,3}\s*号)+)")


def named_cases(question: str) -> list[str]:
    """指导案例84号 / 指导性案例84号 / 检例第12号 for 'Guiding Case No. 84', '指导案例84号', '84号案例', '检例第12号'."""
    form = index_form(question)
    bare = len(form.strip()) <= MAX_BARE_NUMBER_CHARS
    found = [f"检例第{b}号" if b else f"指导案例{a or c or d or e}号" for a, b, c, d, e in NAMED_CASE.findall(form)
             if a or b or c or d or bare]
    found += [f"检例第{n}号" if kind == "检例" else f"指导案例{n}号" for kind, listed in _LISTED_CASES.findall(form)
              for n in re.findall(r"(\d{1,3})\s*号", listed)]
    found += [term for term in pattern_terms(question) if term.startswith(("指导案例", "检例"))]
    forms = [*found, *(t.replace("指导案例", "指导性案例") for t in found if t.startswith("指导案例"))]
    return list(dict.fromkeys(forms))


# An article cited by number ('刑法第168条', '第一百六十八条第二款'): statutes write it in Chinese numerals,
# tables and judgments often in digits; either way it is one term, not '第一百' and '六十八条'.
ARTICLE_REF = re.compile(rf"第\s*([0-9]{{1,4}}|[{NUMERAL_CHARS}]{{1,8}})\s*条")


def article_groups(text: str) -> list[list[str]]:
    """The articles a (simplified) question cites, each as its two spellings (第一百六十八条, 第168条)."""
    groups = []
    for match in ARTICLE_REF.finditer(text):
        number = int(match.group(1)) if match.group(1).isdigit() else parse_chinese_numeral(match.group(1))
        if number:
            group = [f"第{chinese_numeral(number)}条", f"第{number}条"]
            if group not in groups:
                groups.append(group)
    return groups
