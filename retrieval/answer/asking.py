"""Which part of a message asks: the sentences ending in a question mark, the clause of a Chinese sentence
from its question word on, and the asks of one Chinese sentence asking two things."""

from __future__ import annotations

import re
from functools import lru_cache

SENTENCE_END = re.compile(r"(?<=[。！!？?])|(?<=\.)(?=\s+[A-Z])")  # '.' ends an English sentence before a capital


def asking_part(question: str) -> str:
    """The sentences that ask ('…怎么判的？'), without the facts told before them ('被十几个同学围殴。')."""
    asking = [s for s in SENTENCE_END.split(question) if s.rstrip().endswith(("?", "？")) and s.strip(" ？?")]
    return "".join(asking) if asking else question


ASK_WORD_ZH = re.compile(r"怎么|怎样|如何|哪些|哪个|哪里|多少|多久|多长|几年|几天|是否|能否|能不能|可不可以|要不要|"
                         r"是不是|有没有|由谁|谁来|什么|吗")
_CLAUSE_END = re.compile(r"(?<=[，,；;])")


def asking_clause(sentence: str) -> str:
    """The clauses of a Chinese sentence from the first one with a question word on ('…，拘留审查的期限最长是多久？')."""
    clauses = [c for c in _CLAUSE_END.split(sentence.strip()) if c.strip()]
    first = next((i for i, clause in enumerate(clauses) if ASK_WORD_ZH.search(clause)), 0)
    return "".join(clauses[first:])


def asks_zh(piece: str) -> list[str]:
    """A Chinese question split where a clause asking something follows one that already asked ('线索由谁统一
    管理，基层的侦查力量怎么配置？': a question word on each side)."""
    clauses = [c for c in _CLAUSE_END.split(piece) if c.strip()]
    asks: list[str] = []
    for clause in clauses:
        if asks and ASK_WORD_ZH.search(clause) and ASK_WORD_ZH.search(asks[-1]):
            asks.append(clause)
        elif asks:
            asks[-1] += clause
        else:
            asks.append(clause)
    return asks


@lru_cache(maxsize=2048)
def asking_text(question: str, language: str) -> str:
    """What the question asks, without the story told before: its asking sentences, and in Chinese each from its
    asking clause on."""
    sentences = [s for s in SENTENCE_END.split(asking_part(question)) if s.strip()]
    return "".join(asking_clause(s) for s in sentences) if language == "zh" else "".join(sentences)
