"""Which messages lean on the previous question: a place plus a cue, never a question of its own."""

import pytest

from retrieval.answer.chain import heuristic_rewrite, is_followup
from retrieval.types import Turn


@pytest.mark.parametrize("message", ["那浙江呢？", "浙江", "那么广西的做法呢", "and Zhejiang?", "What about Zhejiang province?"])
def test_follow_ups(message):
    assert is_followup(message)


@pytest.mark.parametrize("message", ["河南是怎么减少信访的？", "广西案-件比优化到多少？", "How did Henan reduce petitions?",
                                     "公开听证有哪些做法？"])
def test_new_questions_even_short_ones_naming_a_place(message):
    assert not is_followup(message)


def test_a_new_question_in_a_conversation_is_not_rewritten():
    history = [Turn(role="user", text="广西案-件比优化到多少？"), Turn(role="assistant", text="1:1.20 [1]")]
    assert heuristic_rewrite(history, "河南是怎么减少信访的？") == "河南是怎么减少信访的？"
    assert heuristic_rewrite(history, "那河南呢？") == "河南案-件比优化到多少？"
