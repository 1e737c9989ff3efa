"""A year the question asks about that the quoted sources never mention: said first, not left for the asker
to discover. Asked '昆明2023年司法救助发放了多少钱？' of a report dated 2022-12, the composer quotes that
report's figures, which are the closest there are but not 2023's; a clerk pasting them into a report needs to
be told."""

from __future__ import annotations

import re

from retrieval.answer.asking import asking_part
from retrieval.answer.extract import Extract
from retrieval.answer.ground import MARKER
from retrieval.answer.phrases import OTHER_YEARS
from retrieval.answer.kinds import years_in
from retrieval.answer.question import Asked
from retrieval.types import Hit


def with_year_caveat(answer: Extract, asked: Asked) -> Extract:
    """The answer, headed by `year_caveat`'s line when there is one."""
    caveat = year_caveat(asked, answer.cited)
    return answer.model_copy(update={"text": f"{caveat}\n{answer.text}"}) if caveat else answer


def year_caveat(asked: Asked, cited: list[Hit]) -> str | None:
    """A line saying so when the one year the question's asking part names (a story's years are facts, not
    what is asked) appears in none of the cited passages, their titles or their documents' dates."""
    years = years_in(asking_part(asked.question))
    if len(years) != 1 or not cited or any(_mentions(hit, years[0]) for hit in cited):
        return None
    dated = sorted({hit.date[:4] for hit in cited if hit.date})
    language = asked.language
    dates = ("、" if language == "zh" else ", ").join(dated) or ("日期不详" if language == "zh" else "undated")
    return OTHER_YEARS[language].format(year=years[0], dates=dates)


def _mentions(hit: Hit, year: str) -> bool:
    return year in hit.readable or year in (hit.title or "") or (hit.date or "").startswith(year)


EDITORS_NOTE = re.compile(r"〔\d{4}年〕")  # what dated_relative_years adds: not the source's words


def without_editors_notes(text: str) -> str:
    """The text as its source words it: the years added to '今年' taken out again (for checking quotes)."""
    return EDITORS_NOTE.sub("", text)


# not '…以前年满18岁' (以前 + 年满): 前年 there is no year
RELATIVE_YEAR = re.compile(r"(今年|去年|(?<![以之])前年(?!满)|明年)(?![（(〔]?\d{4})")
_YEAR_OFFSET = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}


def dated_relative_years(sentence: str, date: str | None) -> str:
    """'今年1月至7月' as '今年〔2020年〕1月至7月' in a document dated 2020 (an editor's note, in 〔〕): quoted beside
    documents of other years, '今年' no longer says which."""
    year = int(date[:4]) if date and date[:4].isdigit() else None
    if year is None:
        return sentence
    return RELATIVE_YEAR.sub(lambda m: f"{m.group(1)}〔{year + _YEAR_OFFSET[m.group(1)]}年〕", sentence)


def with_years_dated(answer: Extract) -> Extract:
    """Each quoted line's '今年' / '去年' dated by the document of its first citation."""
    lines = []
    for line in answer.text.split("\n"):
        cited = MARKER.search(line)
        hit = answer.cited[int(cited.group(1)) - 1] if cited and int(cited.group(1)) <= len(answer.cited) else None
        lines.append(dated_relative_years(line, hit.date) if hit is not None else line)
    return answer.model_copy(update={"text": "\n".join(lines)})
