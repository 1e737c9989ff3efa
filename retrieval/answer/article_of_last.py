"""'依据哪条？', 'Which article says that?' after an answer from a law: the articles the last answer quoted, each
with its sentence. Searched as a question of its own, the message has no topic and was refused, or answered from
another law's article."""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.answer.articles import law_in_english, numeral_value
from retrieval.answer.english import is_statute
from retrieval.answer.ground import MARKER
from retrieval.answer.phrases import ARTICLES_OF_LAST
from retrieval.answer.provenance import MAX_SOURCE_CHARS, SOURCE_ASKED, asks_for_sources, last_question, sources_answer
from retrieval.search.numbers import NUMERAL_CHARS, chinese_numeral
from retrieval.types import Citation, Result, Turn, book_title

MAX_ARTICLES = 3
_MAX_CHARS = 24
ASKS_ARTICLE = re.compile(
    r"(?:依据|根据|出自|规定在|见于?)(?:的是|了)?(?:哪|第几|什么)一?(?:条|项|款|个条文|个规定|规定)|(?:是|在)?(?:哪|第几)一?条(?:规定)?|"
    r"法律依据|\b(?:which|what) (?:article|provision|section|clause)s?\b|\blegal basis\b|\bwhere does (?:it|the law) say\b",
    re.I)
_OWN_TOPIC = re.compile(r"[\u4e00-\u9fff]{2,}(?:法|条例|规定|办法|解释)(?![院官庭律])|《|\b(?:law|act|regulations?|rules)\b", re.I)
# an article's opening in a statute's text: '第六条 以在信息网络上…'
_OPENS = re.compile(rf"(?:^|(?<=[\s。；：]))第([{NUMERAL_CHARS}\d]+)条(?=[\s　])")


def about_last(history: list[Turn], message: str, language: str,
               answer_again: Callable[[list[Turn], str], Result]) -> Result | None:
    """The answer to a message asking where the last answer came from: its documents ('出处是哪份文件？') or, after
    an answer from a law, its articles ('依据哪条？'); `answer_again(earlier, question)` answers the last question
    again offline (the documents kept are those the answer cited). None for any other message."""
    last = last_question(history)
    if last is None:
        return None
    earlier, question, cited = last
    if asks_for_sources(message, history):
        return sources_answer(answer_again(earlier, question), cited, language)
    if asks_article_of_last(message, history):
        return articles_answer(answer_again(earlier, question), language)
    return None


def asks_article_of_last(message: str, history: list[Turn]) -> bool:
    """A short follow-up asking which article the last answer rests on, that answer having quoted a law first."""
    replies = [turn for turn in history if turn.role == "assistant"]
    if not replies or not replies[-1].sources or not is_statute(replies[-1].sources[0]):
        return False
    said = message.strip()
    return len(said) <= _MAX_CHARS * (3 if said.isascii() else 1) and _asks_article(said)


def about_last_answer(message: str) -> bool:
    """A message asking only where the last answer came from (its document or its article): no subject of its
    own for the follow-ups after it ('由哪个部门处罚？' after '依据哪条？' is asked of the question before)."""
    said = message.strip()
    short = len(said) <= (MAX_SOURCE_CHARS * 2 if said.isascii() else MAX_SOURCE_CHARS)
    return short and (bool(SOURCE_ASKED.search(said)) or _asks_article(said))


def _asks_article(said: str) -> bool:
    """Asks which article, naming no law of its own ('依据哪条？', not '依据刑法哪条？')."""
    return bool(ASKS_ARTICLE.search(said)) and not _OWN_TOPIC.search(said)


def articles_answer(again: Result, language: str) -> Result | None:
    """The articles of the sentences `again` (the last question answered again offline) quotes from laws, in its
    order, each with its sentence and citation; None when no sentence can be placed in an article."""
    by_n = {citation.n: citation for citation in again.citations}
    found: dict[tuple[str, int], tuple[str, Citation]] = {}
    for line in again.answer.splitlines():
        marks = [int(n) for n in MARKER.findall(line)]
        citation = by_n.get(marks[0]) if marks else None
        sentence = MARKER.sub("", line).lstrip("- ").strip()
        if citation is None or not is_statute(citation.title):
            continue
        number = _article_of(sentence, citation.quote)
        if number is not None:
            found.setdefault((citation.title, number), (sentence, citation))
    if not found:
        return None
    kept = list(found.items())[:MAX_ARTICLES]
    citations = list({citation.n: citation for _, (_, citation) in kept}.values())
    renumber = {citation.n: n for n, citation in enumerate(citations, start=1)}
    lines = [ARTICLES_OF_LAST[language]]
    for (title, number), (sentence, citation) in kept:
        sentence = _OPENS.sub("", sentence, count=1).strip()  # '第六条 以…': the article is named before it
        named = (f"{book_title(title)}第{chinese_numeral(number)}条" if language == "zh"
                 else f"Article {number} of the {law_in_english(title)}")
        lines.append(f"- {named}：{sentence}[{renumber[citation.n]}]" if language == "zh"
                     else f"- {named}: {sentence} [{renumber[citation.n]}]")
    return Result(answer="\n".join(lines), mode="extractive", language=language,
                  citations=[citation.model_copy(update={"n": renumber[citation.n]}) for citation in citations])


def _article_of(sentence: str, quote: str) -> int | None:
    """The article of the law's text (`quote`, a passage with its context) the sentence stands in: the last
    article opened at or before it, or the one it opens itself ('第三条 掩饰、隐瞒…', whose first words 第二条 says too)."""
    if own := _OPENS.match(sentence.strip()):
        return numeral_value(own.group(1))
    body = _OPENS.sub("", sentence, count=1).strip()  # found after its article's opening, which precedes it
    body = body.split("：", 1)[-1] if body not in quote else body
    at = next((quote.find(probe) for probe in (body[:16], body[-16:]) if probe and probe in quote), -1)
    if at < 0:
        return None
    opened = list(_OPENS.finditer(quote[:at]))
    return numeral_value(opened[-1].group(1)) if opened else None
