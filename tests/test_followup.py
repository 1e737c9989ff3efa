"""Which messages lean on the previous question: a place plus a cue, never a question of its own."""

import pytest

from retrieval.answer.followup import heuristic_rewrite, is_followup
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


@pytest.mark.parametrize("message", ["具体数字是多少？", "效果怎么样？", "有哪些数据？", "为什么？", "还有别的做法吗？",
                                     "存在哪些问题？", "下一步有什么打算？", "取得了哪些成效？",
                                     "What were the results?", "Any figures?", "Why?"])
def test_asking_another_aspect_leans_on_the_subject(message):
    from retrieval.answer.followup import is_aspect_followup

    assert is_aspect_followup(message)


@pytest.mark.parametrize("message", ["公开听证有哪些做法？", "数字检察是什么？", "谢谢", "好的", "那浙江呢？",
                                     "How did Henan reduce petitions?", "What about Zhejiang?"])
def test_a_subject_or_a_place_of_its_own_is_not_an_aspect_follow_up(message):
    from retrieval.answer.followup import is_aspect_followup

    assert not is_aspect_followup(message)


def test_an_aspect_is_asked_of_the_last_subject_and_a_place_follows_it():
    history = [Turn(role="user", text="河南是怎么减少信访的？"), Turn(role="assistant", text="… [1]"),
               Turn(role="user", text="那昆明呢？"), Turn(role="assistant", text="… [1]")]
    assert heuristic_rewrite(history, "具体数字是多少？") == "昆明是怎么减少信访的，具体数字是多少？"
    history += [Turn(role="user", text="具体数字是多少？"), Turn(role="assistant", text="… [1]")]
    assert heuristic_rewrite(history, "为什么？") == "昆明是怎么减少信访的，为什么？"  # aspects do not pile up
    assert heuristic_rewrite(history, "那河南呢？") == "河南是怎么减少信访的，具体数字是多少？"
    english = [Turn(role="user", text="How did Henan reduce petitions?")]
    assert heuristic_rewrite(english, "What were the results?") == "How did Henan reduce petitions; what were the results?"


def test_the_figures_asked_after_a_place_follow_up_are_that_places(engine):
    """'具体数字是多少？' after '那昆明呢？' asks Kunming's petition figures, not about 数字检察 anywhere."""
    history = [Turn(role="user", text="河南是怎么减少信访的？"), Turn(role="assistant", text="… [1]"),
               Turn(role="user", text="那昆明呢？"), Turn(role="assistant", text="… [1]")]
    answer = engine.answer(history, "具体数字是多少？").answer
    assert answer.startswith("昆明") and "67.52%" in answer.splitlines()[0], answer


def test_a_reports_problems_and_plans_asked_next_are_that_reports(engine):
    """After '重庆整改报告讲了什么？', '存在哪些问题？' and '下一步怎么做？' ask about that report, not every report."""
    history = [Turn(role="user", text="重庆整改报告讲了什么？"), Turn(role="assistant", text="… [1]")]
    problems = engine.answer(history, "存在哪些问题？").answer
    assert "信息赋能建设需进一步强化" in problems and "登门问策" not in problems, problems
    history += [Turn(role="user", text="存在哪些问题？"), Turn(role="assistant", text="… [1]")]
    plans = engine.answer(history, "下一步怎么做？").answer
    assert "持续推进信息化建设" in plans and "登门问策" not in plans, plans
