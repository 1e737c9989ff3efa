"""The paragraph (款) or item (项) of an article a question asks for ('慈善法第十条第二款', '第十一条第三项是什么？',
'Article 10, paragraph 2 of the Charity Law'): quoted whole with its items, it is the answer; before, the whole
article came back for '第二款呢？'.
"""

from __future__ import annotations

import re

from retrieval.answer.articles import CitedPart, article_opening, cited_parts, law_in_english, paragraphs
from retrieval.answer.extract import Extract, HitNumbering
from retrieval.answer.english import NATIONAL
from retrieval.answer.phrases import ARTICLE_LACKS, EVIDENCE, OFFLINE_NOTE
from retrieval.answer.question import Asked
from retrieval.answer.retrieve import interpretation_aliases
from retrieval.answer.units import ARTICLE_START
from retrieval.search.numbers import chinese_numeral
from retrieval.types import Hit


# what a question asking for an article's text says beside its number ('监狱法第30条规定了什么？')
_ONLY_THE_TEXT = re.compile(r"^(?:规定|规则|内容|条文|全文|原文|具体|说|讲|写)$")


def quoted_part(asked: Asked, hits: list[Hit]) -> Extract | None:
    """The paragraph or item of an article asked for, or the article itself when the question asks nothing
    else of it ('监狱法第30条'), quoted whole and cited; None otherwise, or when no hit is the article."""
    parts = cited_parts(asked.question)
    part = next((p for p in parts if p.paragraph or p.item), None)
    if part is None and len(parts) == 1 and asked.named_laws and all(
            group[0] in asked.articles or _ONLY_THE_TEXT.match(group[0]) for group, _ in asked.topic):
        part = parts[0]
    if part is None:
        return None
    opening = article_opening(part.article)
    hit = next((h for h in hits if opening.match(h.text)), None)
    if hit is None:
        return None
    numbering = HitNumbering(hits)
    mark = numbering.mark(hit.rank)
    article, title, language = paragraphs(hit.text), hit.title or hit.source, asked.language
    lines, lacking = _lines_of(article, part)
    if lacking:  # what the article lacks, then the whole article
        kind, count = lacking
        kind = "不分项" if kind == "项" and not count else kind
        named = part.model_copy(update={"paragraph": part.paragraph if kind == "项" else None, "item": None})
        numbers = (count, part.paragraph if kind == "款" else part.item)
        if language == "zh":
            numbers = tuple(map(chinese_numeral, numbers))
        lead = _name(named, title, language) + ARTICLE_LACKS[language][kind].format(*numbers) + mark
        lines = [line for paragraph in article for line in paragraph]
    elif language == "zh":
        lead, lines = f"{_name(part, title, language)}规定：{_without_number(lines[0])}{mark}", lines[1:]
    else:
        lead = f"{_name(part, title, language)} reads as quoted below. {mark}"
    body = [EVIDENCE["en"]] if language == "en" and lines else []
    body += [f"- {line}{mark}" for line in lines]
    return Extract(text="\n".join([lead, *body, OFFLINE_NOTE[language]]), cited=numbering.cited())


def _lines_of(article: list[list[str]], part: CitedPart) -> tuple[list[str], tuple[str, int] | None]:
    """The lines of the paragraph (and item) asked, or none and what the article lacks: ('款', its paragraphs) or
    ('项', the paragraph's items)."""
    if not part.paragraph and not part.item:  # the article itself: all of it
        return [line for paragraph in article for line in paragraph], None
    lines = article[0]
    if part.paragraph:
        if part.paragraph > len(article):
            return [], ("款", len(article))
        lines = article[part.paragraph - 1]
    elif part.item:  # '第三项' alone: the item of the paragraph that lists items
        lines = next((paragraph for paragraph in article if len(paragraph) > 1), lines)
    if part.item:
        items = lines[1:]
        if part.item > len(items):
            return [], ("项", len(items))
        return [items[part.item - 1]], None
    return lines, None


def _name(part: CitedPart, title: str, language: str) -> str:
    """'慈善法第十条第二款', 'Article 10, paragraph 2 of the Charity Law (慈善法)'."""
    short = title.removeprefix(NATIONAL)
    if language == "zh":
        short = next(iter(interpretation_aliases(title)), short)  # a court's long title as staff call it
        paragraph = f"第{chinese_numeral(part.paragraph)}款" if part.paragraph else ""
        item = f"第{chinese_numeral(part.item)}项" if part.item else ""
        return f"{short}第{chinese_numeral(part.article)}条{paragraph}{item}"
    named = law_in_english(title)
    law = f"the {named}" if named != short else short
    paragraph = f", paragraph {part.paragraph}" if part.paragraph else ""
    item = f", item {part.item}" if part.item else ""
    return f"Article {part.article}{paragraph}{item} of {law}"


def _without_number(line: str) -> str:
    """A paragraph's first line without the article's number ('第十条 设立慈善组织…' -> '设立慈善组织…')."""
    start = ARTICLE_START.match(line)
    return line[start.end():].strip() if start else line
