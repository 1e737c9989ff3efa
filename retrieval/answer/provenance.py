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


def last_question(history: list[Turn]) -> tuple[list[Turn], str, list[str]] | None:
    """The history before the last user message, that message (what the last answer answered), and the documents
    the answer to it cited (Turn.sources; empty when the front-end kept none)."""
    at = next((i for i in range(len(history) - 1, -1, -1) if history[i].role == "user"), None)
    if at is None:
        return None
    replies = [turn for turn in history[at + 1:] if turn.role == "assistant"]
    return history[:at], history[at].text, replies[0].sources if replies else []


def sources_answer(again: Result, cited: list[str], language: str) -> Result:
    """The last answer's sources as an answer, each document with its date and section, cited. `again` is the last
    question answered again without a model; of its citations, those of the documents the last answer cited
    (`cited`: a model's answer may have cited fewer), renumbered."""
    kept = [c for c in again.citations if not cited or c.title in cited]
    if not kept:
        return Result(answer=SOURCES_OF_NOTHING[language], mode="extractive", language=language)
    kept = [citation.model_copy(update={"n": n}) for n, citation in enumerate(kept, start=1)]
    lines = [SOURCES_OF_LAST[language]] + [f"- {_named(citation, language)}[{citation.n}]" for citation in kept]
    return Result(answer="\n".join(lines), citations=kept, mode="extractive", language=language)


def _named(citation: Citation, language: str) -> str:
    title = citation.title or citation.source
    dated = ("，" if language == "zh" else ", ").join(filter(None, [citation.date, citation.issuer]))
    if language == "zh":
        return f"{book_title(title)}{f'（{dated}）' if dated else ''}{f'，“{citation.section}”' if citation.section else ''}"
    return f"{title}{f' ({dated})' if dated else ''}{f', “{citation.section}”' if citation.section else ''}"
