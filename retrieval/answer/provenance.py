"""'出处是哪份文件？', 'Which document is that from?': a follow-up asking where the last answer came from is
answered with the documents and sections that answer cited, not searched for as a question of its own."""

from __future__ import annotations

import re

from retrieval.answer.phrases import SOURCES_OF_LAST, SOURCES_OF_NOTHING
from retrieval.types import Citation, Result, Turn, book_title

MAX_SOURCE_CHARS = 40  # a message asking only where the answer came from is short; a longer one asks more
SOURCE_ASKED = re.compile(
    r"出处|来源|出自(?:哪|什么)|(?:哪|什么)(?:份|个|篇|一份|一篇)?(?:文件|材料|文章|报告|资料|文书)(?:里|中|上)?(?:说|讲|写|提)的|"
    r"(?:引用|摘自|来自)(?:哪|什么)|从哪(?:里|儿)?(?:来|找|摘)的?|"
    r"\b(?:which|what) (?:document|source|report|file|text)s?\b.{0,30}\b(?:from|in|say|said|is (?:that|this|it))\b|"
    r"\bwhere (?:is|was|did|does) (?:that|this|it)\b.{0,20}\bfrom\b|\bwhat(?:'s| is| are) (?:the|your) sources?\b|"
    r"^\s*sources?\s*\??\s*$", re.I)


def asks_for_sources(message: str, history: list[Turn]) -> bool:
    """A short follow-up asking where the last answer came from, when there is a last answer."""
    answered = any(turn.role == "assistant" for turn in history)
    return answered and len(message.strip()) <= MAX_SOURCE_CHARS and bool(SOURCE_ASKED.search(message))


def last_question(history: list[Turn]) -> tuple[list[Turn], str] | None:
    """The history before the last user message, and that message: what the last answer answered."""
    at = next((i for i in range(len(history) - 1, -1, -1) if history[i].role == "user"), None)
    return None if at is None else (history[:at], history[at].text)


def sources_answer(last: Result, language: str) -> Result:
    """The last answer's sources as an answer: each cited document with its date and section, marked as cited."""
    if not last.citations:
        return Result(answer=SOURCES_OF_NOTHING[language], mode="extractive", language=language)
    lines = [SOURCES_OF_LAST[language]] + [f"- {_named(citation, language)}[{citation.n}]" for citation in last.citations]
    return Result(answer="\n".join(lines), citations=last.citations, mode="extractive", language=language)


def _named(citation: Citation, language: str) -> str:
    title = citation.title or citation.source
    dated = "，".join(filter(None, [citation.date, citation.issuer])) if language == "zh" else \
        ", ".join(filter(None, [citation.date, citation.issuer]))
    if language == "zh":
        return f"{book_title(title)}{f'（{dated}）' if dated else ''}{f'，“{citation.section}”' if citation.section else ''}"
    return f"{title}{f' ({dated})' if dated else ''}{f', “{citation.section}”' if citation.section else ''}"
