"""'“六个聚焦”分别是什么？': a report's numbered slogan names the headings it is made of (聚焦领导监督, 聚焦上级监督,
…); answered by sentences, it had got the report's opening and a few practices, never the six."""

from __future__ import annotations

import re

from retrieval.answer.extract import Extract
from retrieval.answer.phrases import OFFLINE_NOTE
from retrieval.ingest.clean import index_form
from retrieval.search.hybrid import passage_hit
from retrieval.search.numbers import parse_chinese_numeral
from retrieval.types import Hit

NAMED_LIST = re.compile(r"([一二三四五六七八九十两]|\d{1,2})(?:个|项|大|条|种)([\u4e00-\u9fff]{2,4})[”」’\"']?"
                        r"(?:分别|具体|都|各)?(?:是|指|包括|有)(?:什么|哪些|哪几|啥|哪[一二三四五六七八九十两\d]{1,2})")
DOCUMENTS_READ = 3  # the slogan's document is among the first hits
_TITLE_END = re.compile(r"[,，:：。；;]")


def named_list(searcher, question: str, pool: list[Hit]) -> Extract | None:
    """The headings of the first hits' document that begin with the slogan's word, as many as it counts (or at
    least two), each cited to its first passage; None when no document has them."""
    asked = NAMED_LIST.search(index_form(question))
    if asked is None:
        return None
    count, word = asked.group(1), asked.group(2)
    wanted = int(count) if count.isdigit() else parse_chinese_numeral(count)
    for source in dict.fromkeys(hit.source for hit in pool[:DOCUMENTS_READ]):
        doc, headed = searcher.documents().get(source), {}
        for passage in searcher.index.catalog.passages_of(source):
            for heading in passage.section.split(" / "):
                if index_form(heading).startswith(word) and heading not in headed:
                    headed[heading] = passage_hit(len(headed) + 1, 0.0, passage, doc)
        if len(headed) >= 2 and (not wanted or len(headed) == wanted):
            return _answer(f"{count}个{word}", headed)
    return None


def _answer(slogan: str, headed: dict[str, Hit]) -> Extract:
    titles = [_TITLE_END.split(heading, 1)[0] for heading in headed]
    marks = "".join(f"[{n}]" for n in range(1, len(headed) + 1))
    lines = [f"“{slogan}”是：{'；'.join(titles)}{marks}"]
    lines += [f"- {heading}[{n}]" for n, heading in enumerate(headed, start=1)]
    return Extract(text="\n".join(lines + [OFFLINE_NOTE["zh"]]), cited=list(headed.values()))
