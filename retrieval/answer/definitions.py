"""'拐卖妇女儿童犯罪中的“儿童”是指多大年龄的人？', '什么是正当防卫？', 'X的含义是什么？': a question asking what
a term means is answered by the sentence that defines it ('本解释所称的儿童，是指不满十四周岁的人。'), which shares
few of the question's other words (it had been refused: the story around the term outweighed it).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import takewhile

from retrieval.answer.extract import Extract, HitNumbering
from retrieval.answer.phrases import OFFLINE_NOTE
from retrieval.answer.question import Asked
from retrieval.answer.units import LISTED_ITEM, units_of
from retrieval.index.lexical import tokenize
from retrieval.ingest.clean import index_form
from retrieval.types import Hit

_MEANS = r"(?:是指|指的是|系指|的定义|的含义|的意思|是什么意思|指什么|怎么理解|如何理解|如何界定|怎么界定)"
_QUOTED = re.compile(r"[“\"「‘]([^”\"」’]{2,16})[”\"」’]\s*" + _MEANS)
_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,16}?)" + _MEANS)
_WHAT_IS = re.compile(r"(?:什么是|什么叫做?|什么算(?:是)?|何为|何谓)([\u4e00-\u9fff]{2,16}?)[？?。，,]?\s*$")
MAX_ITEMS = 12  # of a list a definition announces
_GOES_ON = re.compile(r"^(?:其中|包括|但是?|前款|上述)")  # the definition's next sentence ('其中，不满一周岁的为婴儿…')


def defined_term(question: str) -> str | None:
    """The term a Chinese question asks the meaning of: quoted ('“儿童”是指'), after 什么是, or the word before 是指."""
    text = index_form(question)
    if found := _QUOTED.search(text) or _WHAT_IS.search(text):
        return found.group(1)
    if found := _BEFORE.search(text):
        words = [w for w in tokenize(found.group(1)) if len(w) >= 2]
        return words[-1] if words else None
    return None


def _defines(term: str) -> re.Pattern:
    """'…所称的儿童，是指…' anywhere; '数据处理，包括…' / '本法所称X是…' opening a sentence or an article."""
    said = re.escape(term) + r"[”\"」’]?\s*"
    opening = r"^(?:第[一二三四五六七八九十百千零〇\d]+条\s*)?(?:本\S{0,6}?所称的?)?[“\"]?"
    return re.compile(rf"{said}[，,]?\s*(?:是指|系指|指的是|，指)|{opening}{said}[，,]?\s*(?:包括|是)")


# '应当认定为刑法第二百九十一条之一的“严重扰乱社会秩序”', '属于…“情节严重”', '“恐怖信息”是指'
_QUOTED_DEFINED = re.compile(r"(?:认定为|属于|视为|所称的?)[^“。；]{0,30}“([^”]{2,20})”|“([^”]{2,20})”[，,]?\s*(?:是指|系指)")


@lru_cache(maxsize=16384)
def defines_term_of(simplified: str, question: str) -> bool:
    """Whether a (simplified) sentence defines, in quotes, a term of three or more characters the question uses:
    asked how '严重扰乱社会秩序' is judged, the article giving its cases, not the next one building on it."""
    return any(len(term) >= 3 and term in question
               for found in _QUOTED_DEFINED.finditer(simplified) for term in found.groups() if term)


_VALUE = r"(?:[^，。；：]{0,6}?(?:为|是|不得超过|不超过|不得少于|不少于)(?:人民币)?[\d一二三四五六七八九十两百千万]|" \
         r"[\d一二三四五六七八九十两]+(?:\.\d+)?(?:个工作日|个月|天|日|年|小时|元|万元)(?:[；;。，,]|$))"  # '年休假10天；'


@lru_cache(maxsize=16384)
def states_value_of(simplified: str, terms: tuple[str, ...]) -> bool:
    """Whether a (simplified) sentence gives one of the terms its value directly: asked how long a 记分周期 is,
    '记分周期为12个月', not the articles that count within one."""
    return bool(terms) and bool(re.search("(?:" + "|".join(map(re.escape, terms)) + ")" + _VALUE, simplified))


def defining_answer(asked: Asked, hits: list[Hit]) -> Extract | None:
    """The sentence defining the term asked about, and the one after it, cited; None when no question of
    meaning is asked or no hit defines the term."""
    term = defined_term(asked.question) if asked.language == "zh" else None
    if not term:
        return None
    pattern = _defines(term)
    for hit in hits:
        units = units_of(hit)
        at = next((n for n, unit in enumerate(units) if pattern.search(index_form(unit.text))), None)
        if at is None:
            continue
        numbering = HitNumbering(hits)
        mark = numbering.mark(hit.rank)
        if units[at].text.rstrip().endswith(("：", ":")):  # '…是指下列…资产：' then its items, as many as it lists
            after = list(takewhile(lambda u: LISTED_ITEM.match(u.text.strip()), units[at + 1:at + 1 + MAX_ITEMS]))
        else:
            after = [u for u in units[at + 1:at + 2] if _GOES_ON.match(u.text) or term in u.text]
        lines = [f"{units[at].text}{mark}", *(f"- {u.text}{mark}" for u in after)]
        return Extract(text="\n".join([*lines, OFFLINE_NOTE[asked.language]]), cited=numbering.cited())
    return None
