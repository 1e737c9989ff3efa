"""A year asked about that the quoted sources never mention is said first: the figures quoted are another year's."""

from retrieval.answer.asked_year import with_year_caveat
from retrieval.answer.extract import Extract
from retrieval.answer.phrases import OTHER_YEARS
from retrieval.answer.question import analyse
from retrieval.eval.answers import is_refusal
from retrieval.types import Hit

REPORT = "全市检察机关共受理司法救助324件，为360人发放救助金407万元。"


def _cited(date: str | None, text: str = REPORT, title: str = "昆明市人民检察院工作报告") -> Extract:
    hit = Hit(rank=1, score=1.0, source="kunming.txt", title=title, section="", text=text, regions=["昆明市"],
              passage_id="p-1", date=date)
    return Extract(text=f"昆明：为360人发放救助金407万元[1]\n- {text}[1]", cited=[hit])


def test_a_year_no_quoted_passage_mentions_is_said_first_with_the_sources_years():
    answer = with_year_caveat(_cited("2022-12-22"), analyse("昆明2023年司法救助发放了多少钱？", "zh"))
    first, rest = answer.text.split("\n", 1)
    assert first == OTHER_YEARS["zh"].format(year="2023", dates="2022")
    assert rest == _cited("2022-12-22").text and not is_refusal(answer.text, "zh")
    english = with_year_caveat(_cited("2022-12-22"), analyse("How much aid did Kunming pay out in 2023?", "en"))
    assert english.text.splitlines()[0] == OTHER_YEARS["en"].format(year="2023", dates="2022")


def test_a_year_the_sources_give_in_text_title_or_date_needs_no_caveat():
    for extract in (_cited("2023-03-01"), _cited(None, text=f"2023年以来，{REPORT}"),
                    _cited(None, title="昆明市人民检察院2023年工作报告")):
        assert with_year_caveat(extract, analyse("昆明2023年司法救助发放了多少钱？", "zh")) == extract


def test_years_told_in_a_story_or_compared_and_refusals_are_left_alone():
    story = analyse("2019年，张某借给李某10万元，约定一年后还。法院最后怎么判的？", "zh")
    assert with_year_caveat(_cited("2022-12-22"), story) == _cited("2022-12-22")
    compared = analyse("昆明2021年和2023年相比怎么样？", "zh")
    assert with_year_caveat(_cited("2022-12-22"), compared) == _cited("2022-12-22")
    nothing = Extract(text="检索到的资料中没有找到能回答这个问题的内容。")
    assert with_year_caveat(nothing, analyse("昆明2023年发放了多少钱？", "zh")) == nothing


def test_the_engine_warns_that_the_seeded_kunming_report_is_not_2023s(engine):
    warned = engine.answer([], "昆明2023年司法救助发放了多少钱？").answer
    assert warned.splitlines()[0] == OTHER_YEARS["zh"].format(year="2023", dates="2022"), warned
    assert "407万元" in warned
    plain = engine.answer([], "昆明2022年司法救助发放了多少钱？").answer
    assert not plain.startswith(OTHER_YEARS["zh"][:3]) and "407万元" in plain.splitlines()[0], plain
