"""The articles a question cites ('慈善法第十条第二款', 'Article 10, paragraph 2'), read from their law's text:
an article's lines run from '第十条 …' to the next article or heading; each paragraph (款) is a line of its own,
its items ('（一）名称和住所；') lines of their own after it.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from retrieval.answer.english import NATIONAL
from retrieval.answer.english_figures import english_names, titled
from retrieval.answer.phrases import NOT_HELD_ARTICLE
from retrieval.answer.question import Asked
from retrieval.answer.units import LISTED_ITEM
from retrieval.ingest.clean import index_form
from retrieval.search.numbers import NUMERAL_CHARS, chinese_numeral, parse_chinese_numeral
from retrieval.types import Hit

_NUMBER = rf"([0-9]{{1,4}}|[{NUMERAL_CHARS}]{{1,8}})"
_PART_ZH = re.compile(rf"第\s*{_NUMBER}\s*条(?:\s*第\s*{_NUMBER}\s*款)?(?:\s*第\s*{_NUMBER}\s*项)?")
_PART_EN = re.compile(r"\barticle\s+(\d{1,4})(?:\s*\(\s*(\d{1,2})\s*\)|,?\s*(?:paragraph|para\.?)\s*(\d{1,2}))?"
                      r"(?:,?\s*(?:item|subparagraph|point)\s*(\d{1,2}))?", re.I)
# where an article ends in a law's text: the next article, or a chapter's or section's heading
_ARTICLE_END = re.compile(rf"^(?:【?\s*第[{NUMERAL_CHARS}\d]+[章节编]|第[{NUMERAL_CHARS}\d]+条)")
MAX_ARTICLE_HITS = 3
# a law's sentence saying when it took effect ('本法自2024年1月1日起施行。', '本规定自发布之日起施行。')
TAKES_EFFECT = re.compile(r"(?:自|于|从)\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起?\s*(?:施行|生效|实施)|"
                          r"自(?:公布|发布|颁布|印发)之日起(?:施行|生效|实施)")

_NUMBERED_ITEM = re.compile(r"^[一二三四五六七八九十]{1,3}、")  # older laws list items '一、中国人的近亲属；' 


def article_opening(article: int) -> re.Pattern:
    """The start of the article's first line, in either spelling ('第十条', '第10条'), not '第十条之一'."""
    return re.compile(rf"^第(?:{chinese_numeral(article)}|{article})条(?![之\d{NUMERAL_CHARS}])")


class CitedPart(BaseModel):
    """An article by number, and the paragraph and item of it a question asks for (None: the whole)."""

    article: int
    paragraph: int | None = None
    item: int | None = None


def numeral_value(text: str | None) -> int | None:
    """'十七' or '17' -> 17; None for nothing."""
    if not text:
        return None
    return int(text) if text.isdigit() else parse_chinese_numeral(text) or None


def cited_parts(question: str) -> list[CitedPart]:
    """The articles a question cites, each with the paragraph and item it names."""
    found = [CitedPart(article=a, paragraph=numeral_value(p), item=numeral_value(i))
             for a, p, i in ((numeral_value(m.group(1)), m.group(2), m.group(3)) for m in _PART_ZH.finditer(index_form(question)))
             if a]
    found += [CitedPart(article=int(m.group(1)), paragraph=numeral_value(m.group(2) or m.group(3)), item=numeral_value(m.group(4)))
              for m in _PART_EN.finditer(question)]
    return found


def article_text(law_text: str, article: int) -> str:
    """The article's lines in the law's text, from '第十条 …' to the line before the next article or heading;
    '' when the law has no such article."""
    lines = [line.strip() for line in law_text.splitlines()]
    opening = article_opening(article)
    start = next((n for n, line in enumerate(lines) if opening.match(line)), None)
    if start is None:
        return ""
    kept = [lines[start]]
    for line in lines[start + 1:]:
        if _ARTICLE_END.match(line):
            break
        if line:
            kept.append(line)
    return "\n".join(kept)


def paragraphs(article: str) -> list[list[str]]:
    """The article's paragraphs, each its own line with the items listed after it."""
    found: list[list[str]] = []
    for line in article.splitlines():
        if found and (LISTED_ITEM.match(line) or _NUMBERED_ITEM.match(line)):
            found[-1].append(line)
        else:
            found.append([line])
    return found


def article_hits(searcher, asked: Asked, sources: list[str]) -> list[Hit]:
    """Each cited article of the laws named (their `sources`), read whole from the law's text, as a hit cited at
    the passage where the article begins: an article cut over two passages is still one answer."""
    parts = cited_parts(asked.question)
    found = []
    for source in sources:
        doc = searcher.documents().get(source)
        if doc is None:
            continue
        for part in {p.article: p for p in parts}.values():
            text = article_text(doc.text, part.article)
            passage = _passage_of(searcher.index.catalog.passages_of(source), text)
            if passage is not None:
                found.append(Hit(rank=0, score=0.0, source=source, title=doc.title or source, section=passage.section,
                                 text=text, regions=[], passage_id=passage.id, date=doc.date))
    return found[:MAX_ARTICLE_HITS]


def _passage_of(passages: list, article: str):
    """The passage in which the article's first line begins."""
    head = article.split("\n", 1)[0][:40]
    return next((p for p in passages if head and head in p.text), None) if article else None


def last_article(law_text: str) -> int:
    """The number of a law's last article (its articles are numbered in order)."""
    numbers = [numeral_value(m.group(1)) or 0 for m in re.finditer(rf"^第([{NUMERAL_CHARS}\d]+)条", law_text, re.M)]
    return max(numbers, default=0)


def unheld_articles(searcher, asked: Asked, sources: list[str]) -> list[str]:
    """'数据安全法没有第六十条（最后一条是第五十五条）': the articles the question cites that the law it names has
    not (a missing article had been answered with other articles' fragments)."""
    parts, missing = cited_parts(asked.question), []
    for source in sources if parts else []:  # a law's text is scanned only when the question cites an article
        doc = searcher.documents().get(source)
        last = last_article(doc.text) if doc else 0
        for part in parts:
            if last and part.article > last:
                missing.append((doc.title or source, part.article, last))
    if asked.language == "zh":
        return [NOT_HELD_ARTICLE["zh"].format(law=title.removeprefix(NATIONAL), article=f"第{chinese_numeral(n)}条",
                                              last=f"第{chinese_numeral(last)}条") for title, n, last in missing]
    return [NOT_HELD_ARTICLE["en"].format(law=law_in_english(title), article=n, last=last) for title, n, last in missing]


def law_in_english(title: str) -> str:
    """'Procurators Law (检察官法)', or its Chinese short title when the glossary has no English name."""
    short = title.removeprefix(NATIONAL)
    english = titled(english_names().get(index_form(short), ""))
    return f"{english} ({short})" if english else short


def effective_passages(searcher, asked: Asked, sources: list[str]) -> list[Hit]:
    """The passage of each law named that says when it took effect, as a hit (ranked first by the caller)."""
    found = []
    for source in sources:
        doc = searcher.documents().get(source)
        passage = next((p for p in reversed(searcher.index.catalog.passages_of(source)) if TAKES_EFFECT.search(p.text)),
                       None)
        if doc is not None and passage is not None:
            found.append(Hit(rank=0, score=0.0, source=source, title=doc.title or source, section=passage.section,
                             text=passage.text, regions=[], passage_id=passage.id, date=doc.date))
    return found
