"""A year the question asks about that the quoted sources never mention: said first, not left for the asker
to discover. Asked '昆明2023年司法救助发放了多少钱？' of a report dated 2022-12, the composer quotes that
report's figures, which are the closest there are but not 2023's; a clerk pasting them into a report needs to
be told."""

from __future__ import annotations

from retrieval.answer.asking import asking_part
from retrieval.answer.composer import Extract
from retrieval.answer.phrases import OTHER_YEARS
from retrieval.answer.question import Asked, years_in
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
