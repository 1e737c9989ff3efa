"""A message asking several things ('…有没有这一档？…改判了什么刑罚？', 'Within what time…, and how long…?'):
its parts, each taken apart and answerable alone."""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.answer.asking import SENTENCE_END, asks_zh
from retrieval.answer.question import Asked, Kind

_PART_END = re.compile(r"(?<=[？?])\s*")
# One English sentence asking two things: 'Within what time must X pass it on, and how long does Y have …?'
_SECOND_ASK_EN = re.compile(r",\s+and\s+(?=(?:how|what|which|who|when|where|whether|within|is|are|does|do|did|can|"
                            r"could|must|should|will|would|has|have|may)\b)", re.I)
MIN_PART_TERMS = 2


def _told_first(piece: str) -> str:
    """The facts a message tells before its first question ('我院正在审查起诉一起案件，…没有委托辩护人。')."""
    sentences = [s for s in SENTENCE_END.split(piece) if s.strip()]
    return "".join(s for s in sentences[:-1] if not s.rstrip().endswith(("?", "？")))


def _clauses_en(sentence: str, analyse_part: Callable[[str], Asked]) -> list[str]:
    """An English sentence's asks ('Within what time must X…, and how long does Y have…?'); a second ask naming
    too little of its own ('…, and within what time limit?', '…, and can it be extended?') asks about the
    first and stays with it."""
    clauses: list[str] = []
    for clause in _SECOND_ASK_EN.split(sentence):
        if clauses and len(analyse_part(clause).topic) < MIN_PART_TERMS:
            clauses[-1] = f"{clauses[-1]}, and {clause}"
        else:
            clauses.append(clause)
    return clauses


def question_parts(asked: Asked, analyse_part: Callable[[str], Asked]) -> list[Asked]:
    """The questions a message asks one after another ('…有没有这一档？…改判了什么刑罚？'), each taken apart;
    [asked] itself unless every part names enough of its own topic to be answered alone. A later part that
    names too little of its own ('有没有时间上的要求？') is read with the facts the message told first."""
    pieces = [part for piece in _PART_END.split(asked.question.strip()) if piece.strip()
              for part in (_clauses_en(piece, analyse_part) if asked.language == "en" else asks_zh(piece))
              if part.strip()]
    if len(pieces) < 2 or asked.kind in (Kind.COMPARE, Kind.DOCUMENT) or asked.named_cases:
        return [asked]
    told = _told_first(pieces[0])
    parts = [analyse_part(piece) for piece in pieces]
    parts = [part if n == 0 or len(part.topic) >= MIN_PART_TERMS or not told
             else analyse_part(f"{told} {piece}".strip()) for n, (part, piece) in enumerate(zip(parts, pieces))]
    return parts if all(len(part.topic) + bool(part.places) >= MIN_PART_TERMS for part in parts) else [asked]


def about_places_of(part: Asked, message: Asked) -> Asked | None:
    """A part naming no place, asked about the message's places ('辽宁…是怎么做的？线索由谁统一管理…'); None when
    the part names its own or the message names none."""
    if part.places or not message.places:
        return None
    return part.model_copy(update={"places": message.places, "place_forms": message.place_forms})
