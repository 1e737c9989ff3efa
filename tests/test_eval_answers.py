"""`jiancha eval answers` judges what a user sees: facts anywhere in the answer, and whether the first line
already quotes one."""

from retrieval.eval.answers import AnswerQuestion, judge, summarise

QUESTION = AnswerQuestion(id="q-zh-1", lang="zh", question="拘留审查的期限最长是多久？", kind="figure",
                          expected=["拘留审查的期限不得超过三十日", "可以延长至六十日"], min_facts=1)


def test_a_lead_quoting_an_expected_phrase_answers_on_the_first_line():
    direct = judge(QUESTION, "拘留审查的期限不得超过三十日[1]\n- 案情复杂的，可以延长至六十日。[1]", 1.0)
    buried = judge(QUESTION, "实施拘留审查，应当出示拘留审查决定书[1]\n- 拘留审查的期限不得超过三十日。[1]", 1.0)
    assert direct.ok and direct.lead_fact
    assert buried.ok and not buried.lead_fact  # the facts are there, but the first line does not give them
    row = summarise("set", False, [direct, buried])
    assert row["facts_ok"] == 1.0 and row["lead_answers_zh"] == 0.5


def test_a_refusal_has_no_lead_fact():
    from retrieval.answer.phrases import NOT_FOUND

    refused = judge(QUESTION, NOT_FOUND["zh"], 1.0)
    assert refused.refused and not refused.lead_fact and not refused.ok


def test_a_conversation_is_asked_in_turn_and_only_its_last_answer_judged(engine):
    from retrieval.eval.answers import score_answers

    follow_up = AnswerQuestion(id="c-zh-1", lang="zh", before=["河南是怎么减少信访的？"], question="那昆明呢？",
                               kind="followup_place", expected=["信访总量同比下降67.52%"], min_facts=1)
    alone = follow_up.model_copy(update={"before": []})
    with_history, without = score_answers(engine, [follow_up, alone])
    assert with_history.ok and not without.ok  # '那昆明呢？' alone asks nothing about petitions


def test_a_miss_says_which_way_it_missed():
    """Refused, quoted its source without the facts, quoted another document, or answered what is out of scope:
    counted per set as miss_kinds."""
    from retrieval.answer.phrases import NOT_FOUND

    sourced = QUESTION.model_copy(update={"sources": ["规定.txt"]})
    out_of_scope = sourced.model_copy(update={"kind": "out_of_scope", "expected": [], "min_facts": 0, "sources": []})
    wrong = "实施拘留审查，应当出示拘留审查决定书[1]"
    scores = [judge(sourced, NOT_FOUND["zh"], 1.0), judge(sourced, wrong, 1.0, ["规定.txt"]),
              judge(sourced, wrong, 1.0, ["另一部法.txt"]), judge(out_of_scope, wrong, 1.0, ["规定.txt"]),
              judge(sourced, "拘留审查的期限不得超过三十日[1]", 1.0, ["规定.txt"])]
    assert [s.miss for s in scores] == ["refused", "other sentences", "other document", "answered", ""]
    assert summarise("set", False, scores)["miss_kinds"] == {"refused": 1, "other sentences": 1, "other document": 1,
                                                             "answered": 1}
