"""One Chinese sentence asking two things ('线索由谁统一管理，基层的侦查力量怎么配置？') is answered part by part,
each part about the place the message names, and no part repeats what an earlier one quoted."""

import pytest

from retrieval.answer.extractive import asked_of
from retrieval.answer.parts import question_parts

QUESTION = "辽宁检察机关的检察侦查一体化是怎么做的？线索由谁统一管理，基层的侦查力量怎么配置？"



def test_a_chinese_sentence_asking_two_things_is_two_parts_about_the_asked_place():
    parts = question_parts(asked_of(QUESTION, "zh"), lambda part: asked_of(part, "zh"))
    assert [p.question for p in parts] == ["辽宁检察机关的检察侦查一体化是怎么做的？", "线索由谁统一管理，",
                                           "基层的侦查力量怎么配置？"]
    assert all("辽宁省" in [r.name for r in p.places] for p in parts), [p.places for p in parts]


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
