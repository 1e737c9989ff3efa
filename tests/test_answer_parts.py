"""One Chinese sentence asking two things ('线索由谁统一管理，基层的侦查力量怎么配置？') is answered part by part,
each part about the place the message names, and no part repeats what an earlier one quoted."""

import pytest

from retrieval.answer.extractive import asked_of
from retrieval.answer.parts import about_places_of, question_parts

QUESTION = "辽宁检察机关的检察侦查一体化是怎么做的？线索由谁统一管理，基层的侦查力量怎么配置？"



def test_a_chinese_sentence_asking_two_things_is_two_parts_about_the_asked_place():
    parts = question_parts(asked_of(QUESTION, "zh"), lambda part: asked_of(part, "zh"))
    assert [p.question for p in parts] == ["辽宁检察机关的检察侦查一体化是怎么做的？", "线索由谁统一管理，",
                                           "基层的侦查力量怎么配置？"]
    message = asked_of(QUESTION, "zh")
    placed = [about_places_of(part, message) or part for part in parts]
    assert all("辽宁省" in [r.name for r in p.places] for p in placed), [p.places for p in placed]


@pytest.mark.parametrize("question", ["线索由谁统一管理？", "检察侦查一体化是怎么做的，效果如何"])
def test_one_ask_or_one_clause_without_a_question_word_stays_whole(question):
    parts = question_parts(asked_of(question, "zh"), lambda part: asked_of(part, "zh"))
    assert len(parts) == 1


def test_each_part_is_answered_from_the_asked_places_block_and_quoted_once(engine):
    """The 2024 reform cases: Liaoning's block answers both asks; Xuzhou's block of the same compilation (its
    own 线索 and 管理 system) does not, and a sentence one part quoted is not repeated as another's lead."""
    answer = engine.answer([], QUESTION).answer
    assert "至少2人的侦查团队" in answer, answer  # the second ask, answered
    assert "6个版块" not in answer and "徐州" not in answer, answer
    assert answer.count("坚持所有线索均由省检察院侦查部门统一管理") == 1, answer


SAND_RULES = """# 长江河道采砂管理条例

第二条 在长江宜宾以下干流河道内从事开采砂石及其管理活动的，应当遵守本条例。

第九条 从事长江采砂活动的单位和个人应当向水行政主管部门申请河道采砂许可证。

第十八条 违反本条例规定，未办理河道采砂许可证，擅自在长江采砂的，由县级以上地方人民政府水行政主管部门责令停止违法行为，没收违法开采的砂石和违法所得，并处违法开采的砂石货值金额2倍以上20倍以下的罚款，货值金额不足10万元的，并处20万元以上200万元以下的罚款。
"""


def test_a_place_that_is_a_fact_of_the_rule_does_not_filter_a_later_part():
    """'在长江宜宾以下干流偷采江砂…罚款幅度是多少？': 宜宾 names the river's stretch, not whose practice; the part
    asking the fine is answered from the penalty article, which names no place."""
    from retrieval.answer.extractive import compose_parts
    from retrieval.types import Hit

    question = "某村民没办采砂许可证，在长江宜宾以下干流偷采江砂。水行政部门应当怎么处罚他？罚款幅度是多少？"
    articles = [a for a in SAND_RULES.split("\n\n")[1:]]
    hits = [Hit(rank=n, score=1.0 / n, source="长江河道采砂管理条例.md", title="长江河道采砂管理条例", section="",
                text=text.strip(), regions=["四川省宜宾市"] if "宜宾" in text else [], passage_id=f"sand-{n}")
            for n, text in enumerate(articles, 1)]
    message = asked_of(question, "zh")
    assert message.places, message
    parts = question_parts(message, lambda part: asked_of(part, "zh"))
    assert len(parts) == 2 and not parts[1].places
    answer = compose_parts(parts, hits, message).text
    assert "20万元以上200万元以下的罚款" in answer, answer
