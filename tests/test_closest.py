"""A refusal points at the closest passage: a lay story's words miss the article that answers it, search does not."""

from fakes import engine_over
from retrieval.answer.closest import with_closest
from retrieval.answer.extract import Extract
from retrieval.answer.extractive import asked_of
from retrieval.answer.phrases import CLOSEST, NOT_FOUND, NOT_FOUND_PLACE
from retrieval.eval.answers import AnswerQuestion, is_refusal, judge, summarise
from retrieval.types import Hit

ARTICLE = ("第四十一条 作为统计调查对象的企业事业单位拒绝提供统计资料或者提供不真实的统计资料的，由县级以上人民政府"
           "统计机构责令改正，给予警告。企业事业单位有前款所列行为之一的，可以并处五万元以下的罚款。")
OTHER = "第三条 国家建立集中统一的统计系统，实行统一领导、分级负责的统计管理体制。"
STORY = "区统计局催了好几次，一家民营食品厂就是不交年报，后来交上去的产值数据还是编的。统计机构能怎么处理这家厂？"


def _idf(known: set[str]):
    return lambda token: 1.0 if token in known else 9.0  # every other word: one no passage uses


def _hits(*texts: str) -> list[Hit]:
    return [Hit(rank=n, score=1.0 / n, source=f"统计法_{n}.txt", title="统计法", section="第六章 法律责任", text=text,
                regions=[], passage_id=f"p-{n}") for n, text in enumerate(texts, start=1)]


def test_a_lay_story_refused_is_shown_the_first_hits_closest_sentences():
    idf = _idf({"统计机构", "统计", "机构", "处理", "企业"})
    asked = asked_of(STORY, "zh", idf)
    answer = with_closest(Extract(text=NOT_FOUND["zh"]), asked, _hits(ARTICLE, OTHER), idf)
    lines = answer.text.splitlines()
    # the closest sentences say whose they are: a fine under a refusal about another law reads as that law's
    assert lines[:2] == [NOT_FOUND["zh"], CLOSEST["zh"].format(title="统计法")], answer.text
    assert "出自《统计法》" in lines[1]
    assert any("统计机构责令改正" in line and line.endswith("[1]") for line in lines[2:]), answer.text
    assert [hit.rank for hit in answer.cited] == [1] and "第三条" not in answer.text  # the first hit only
    assert is_refusal(answer.text, "zh")  # still says first that nothing answers


def test_a_subject_no_passage_mentions_gets_a_plain_refusal():
    """洗钱 is a legal term (the glossary words it 洗钱罪 too) no passage uses: nothing is close to it."""
    idf = _idf({"犯罪", "案件", "统计机构"})
    asked = asked_of("洗钱犯罪案件怎么办", "zh", idf)
    refused = Extract(text=NOT_FOUND["zh"])
    assert with_closest(refused, asked, _hits(ARTICLE), idf) == refused


def test_a_short_question_whose_subject_the_first_hit_lacks_gets_a_plain_refusal():
    idf = _idf({"统计机构", "统计", "罚款", "网约车"})
    asked = asked_of("网约车没办证要罚款吗？", "zh", idf)
    refused = Extract(text=NOT_FOUND["zh"])
    assert with_closest(refused, asked, _hits(ARTICLE), idf) == refused


def test_answers_and_places_never_named_are_left_alone():
    idf = _idf({"统计机构", "统计"})
    asked = asked_of(STORY, "zh", idf)
    answered = Extract(text="答：责令改正[1]", cited=_hits(ARTICLE))
    place = Extract(text=NOT_FOUND_PLACE["zh"].format(place="海南"))
    assert with_closest(answered, asked, _hits(ARTICLE), idf) == answered
    assert with_closest(place, asked, _hits(ARTICLE), idf) == place
    assert with_closest(Extract(text=NOT_FOUND["zh"]), asked, [], idf).text == NOT_FOUND["zh"]


def test_the_eval_counts_a_pointing_refusal_as_a_refusal_and_says_whether_it_pointed_at_the_facts():
    question = AnswerQuestion(id="q", lang="zh", question=STORY, kind="how", expected=["统计机构责令改正", "五万元以下"],
                              min_facts=2)
    pointing = "\n".join([NOT_FOUND["zh"], CLOSEST["zh"].format(title="统计法"), f"- {ARTICLE}[1]"])
    score = judge(question, pointing, 1.0, ["统计法_1.txt"])
    assert score.refused and not score.ok and score.pointed and score.miss == "refused"
    scoped = judge(question.model_copy(update={"kind": "out_of_scope"}), pointing, 1.0)
    assert scoped.ok and not scoped.pointed
    assert summarise("s", False, [score, judge(question, NOT_FOUND["zh"], 1.0)])["refused_pointing"] == "1/2"


def test_the_engine_points_a_refused_lay_story_at_the_article(fake_index, tmp_path):
    engine = engine_over(fake_index, tmp_path, {"统计法(2009-06-27).txt": f"中华人民共和国统计法\n{ARTICLE}\n{OTHER}\n"})
    result = engine.answer([], STORY)
    assert result.answer.splitlines()[0] == NOT_FOUND["zh"], result.answer
    assert "责令改正" in result.answer and [c.source for c in result.citations] == ["统计法(2009-06-27).txt"]
    plain = engine.answer([], "洗钱犯罪案件怎么办")
    assert plain.answer.strip() == NOT_FOUND["zh"] and not plain.citations


def test_a_case_named_by_a_number_the_collection_lacks_gets_a_plain_refusal():
    """'检例第1号讲什么' of a collection without it: another case's sentences are not close to it."""
    idf = _idf({"统计机构", "统计"})
    asked = asked_of("检例第1号讲什么？统计机构怎么处罚？", "zh", idf)
    refused = Extract(text=NOT_FOUND["zh"])
    assert with_closest(refused, asked, _hits(ARTICLE), idf) == refused
