"""A message asking several things ('…有没有这一档？…改判了什么刑罚？', 'Within what time…, and how long…?'):
its parts, each taken apart and answerable alone."""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.answer.question import SENTENCE_END, Asked, Kind

_PART_END = re.compile(r"(?<=[？?])\s*")
# One English sentence asking two things: 'Within what time must X pass it on, and how long does Y have …?'
_SECOND_ASK_EN = re.compile(r",\s+and\s+(?=(?:how|what|which|who|when|where|whether|within|is|are|does|do|did|can|"
                            r"could|must|should|will|would|has|have|may)\b)", re.I)
# One Chinese sentence asking two things: '线索由谁统一管理，基层的侦查力量怎么配置？' (a question word on each side)
_ASK_ZH = re.compile(r"怎么|怎样|如何|哪些|哪个|哪里|多少|多久|多长|几年|几天|是否|能否|能不能|可不可以|要不要|是不是|"
                     r"有没有|由谁|谁来|什么|吗")
_CLAUSE_ZH = re.compile(r"(?<=[，；,;])")
MIN_PART_TERMS = 2


def _told_first(piece: str) -> str:
    """The facts a message tells before its first question ('我院正在审查起诉一起案件，…没有委托辩护人。')."""
    sentences = [s for s in SENTENCE_END.split(piece) if s.strip()]
    return "".join(s for s in sentences[:-1] if not s.rstrip().endswith(("?", "？")))


def question_parts(asked: Asked, analyse_part: Callable[[str], Asked]) -> list[Asked]:
    """The questions a message asks one after another ('…有没有这一档？…改判了什么刑罚？'), each taken apart;
    [asked] itself unless every part names enough of its own topic to be answered alone. A later part that
    names too little of its own ('有没有时间上的要求？') is read with the facts the message told first."""
    pieces = [part for piece in _PART_END.split(asked.question.strip()) if piece.strip()
              for part in (_SECOND_ASK_EN.split(piece) if asked.language == "en" else _asks_zh(piece)) if part.strip()]
    if len(pieces) < 2 or asked.kind in (Kind.COMPARE, Kind.DOCUMENT) or asked.named_cases:
        return [asked]
    told = _told_first(pieces[0])
    parts = [analyse_part(piece) for piece in pieces]
    parts = [part if n == 0 or len(part.topic) >= MIN_PART_TERMS or not told
             else analyse_part(f"{told} {piece}".strip()) for n, (part, piece) in enumerate(zip(parts, pieces))]
    if not all(len(part.topic) + bool(part.places) >= MIN_PART_TERMS for part in parts):
        return [asked]
    # a part naming no place asks about the message's ('辽宁…是怎么做的？线索由谁统一管理…')
    return [part if part.places or not asked.places else
            part.model_copy(update={"places": asked.places, "place_forms": asked.place_forms}) for part in parts]


def _asks_zh(piece: str) -> list[str]:
    """A Chinese question split where a clause asking something follows one that already asked."""
    clauses = [c for c in _CLAUSE_ZH.split(piece) if c.strip()]
    asks: list[str] = []
    for clause in clauses:
        if asks and _ASK_ZH.search(clause) and _ASK_ZH.search(asks[-1]):
            asks.append(clause)
        elif asks:
            asks[-1] += clause
        else:
            asks.append(clause)
    return asks
