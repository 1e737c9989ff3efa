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
                                     "存在哪些问题？", "下一步有什么打算？", "取得了哪些成效？", "这个案子最后怎么判的",
                                     "What did the court decide in that case?", "What was the court's reasoning?",
                                     "检察院起诉要求赔多少",
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
    # the aspect asked now replaces how the subject was asked ('是怎么…的'): the answer is not the last one again
    assert heuristic_rewrite(history, "具体数字是多少？") == "昆明减少信访，具体数字是多少？"
    history += [Turn(role="user", text="具体数字是多少？"), Turn(role="assistant", text="… [1]")]
    assert heuristic_rewrite(history, "为什么？") == "昆明减少信访，为什么？"  # aspects do not pile up
    assert heuristic_rewrite(history, "那河南呢？") == "河南减少信访，具体数字是多少？"
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


def test_plans_asked_after_a_reports_problems_replace_them_and_a_place_with_an_aspect_is_asked_of_it():
    """'下一步打算怎么解决？' after '重庆整改报告里说了哪些问题？' was answered by the problems again (the rewrite
    kept '哪些问题'); '安徽具体怎么做的？' after hearings was asked alone and refused."""
    problems = [Turn(role="user", text="重庆整改报告里说了哪些问题？"), Turn(role="assistant", text="… [1]")]
    assert heuristic_rewrite(problems, "下一步打算怎么解决？") == "重庆整改报告里，下一步打算怎么解决？"
    hearings = [Turn(role="user", text="哪些地方在搞公开听证？"), Turn(role="assistant", text="… [1]")]
    assert heuristic_rewrite(hearings, "安徽具体怎么做的？") == "安徽哪些地方在搞公开听证，具体怎么做的？"
    assert heuristic_rewrite(hearings, "安徽是怎么减少信访的？") == "安徽是怎么减少信访的？"  # a topic of its own


@pytest.mark.parametrize("message", ["和昆明比呢？", "跟浙江相比有什么不同？", "与昆明对比一下", "How does that compare with Kunming?",
                                     "Compared with Kunming?"])
def test_a_comparison_with_another_place_is_a_compare_follow_up(message):
    from retrieval.answer.followup import is_compare_followup

    assert is_compare_followup(message) and not is_followup(message)


def test_a_comparison_asks_the_subject_of_both_places_and_a_place_after_it_replaces_the_pair():
    history = [Turn(role="user", text="河南是怎么减少信访的？"), Turn(role="assistant", text="… [1]")]
    assert heuristic_rewrite(history, "和昆明比呢？") == "河南和昆明是怎么减少信访的，有什么不同？"
    history += [Turn(role="user", text="和昆明比呢？"), Turn(role="assistant", text="… [1]")]
    # an aspect asked of places compared is compared too ('效果怎么样？' had a block for Kunming only, labelled 河南、昆明)
    assert heuristic_rewrite(history, "具体数字是多少？") == "河南和昆明减少信访，具体数字是多少，有什么不同？"
    assert heuristic_rewrite([Turn(role="user", text="河南和昆明在减少信访方面有什么不同？")], "那浙江和广西呢？") \
        == "浙江、广西在减少信访方面有什么不同？"
    english = [Turn(role="user", text="How did Henan reduce petitions?")]
    assert heuristic_rewrite(english, "How does that compare with Kunming?") \
        == "How did Henan and Kunming reduce petitions; how do they compare?"


def test_compared_with_another_place_each_gets_its_block(engine):
    history = [Turn(role="user", text="河南是怎么减少信访的？"), Turn(role="assistant", text="… [1]")]
    answer = engine.answer(history, "和昆明比呢？").answer
    blocks = [line for line in answer.splitlines() if not line.startswith("- ")]
    assert blocks[0].startswith("河南") and any(line.startswith("昆明") for line in blocks[1:]), answer


def test_how_the_case_just_discussed_ended_is_asked_of_that_case():
    history = [Turn(role="user", text="指导案例62号王新明合同诈骗那个"), Turn(role="assistant", text="… [1]")]
    assert heuristic_rewrite(history, "这个案子最后怎么判的") == "指导案例62号王新明合同诈骗那个，这个案子最后怎么判的"


@pytest.mark.parametrize("message, back", [("when did it go live", True), ("领导监督那块具体干了啥，有数吗", True),
                                           ("那协办的呢？", True), ("And the minors?", True), ("What about Zhejiang?", False),
                                           ("Is it legal to record a phone call without consent?", False),
                                           ("How did Henan reduce petitions?", False), ("指导案例24号这个案子怎么判的", False)])
def test_a_short_message_pointing_back_leans_on_the_subject(message, back):
    from retrieval.answer.followup import refers_back

    assert refers_back(message) == back


def test_what_it_refers_to_is_the_subject_just_discussed():
    history = [Turn(role="user", text="What's the Xuzhou procuratorate's management system for procuratorial suggestions"),
               Turn(role="assistant", text="… [1]")]
    assert heuristic_rewrite(history, "when did it go live") == \
        "What's the Xuzhou procuratorate's management system for procuratorial suggestions; when did it go live"


def test_what_about_something_else_is_asked_in_the_same_frame(engine):
    """'那协办的呢？' after '主办了几件代表建议？' asks how many Kunming co-handled: 协办1件."""
    history = [Turn(role="user", text="昆明市人民检察院主办了几件代表建议？"), Turn(role="assistant", text="… [1]")]
    assert heuristic_rewrite(history, "那协办的呢？") == "昆明市人民检察院主办了几件代表建议，那协办的呢？"
    assert "协办1件" in engine.answer(history, "那协办的呢？").answer.splitlines()[0]


def test_a_case_compared_with_another_by_number_asks_about_both():
    history = [Turn(role="user", text="Guiding Case No. 243 - did the man shot by a policeman get state compensation?")]
    assert heuristic_rewrite(history, "how's that different from 244") == \
        "Guiding Case No. 243 - did the man shot by a policeman get state compensation; how does it compare with " \
        "Guiding Case No. 244?"
    assert heuristic_rewrite([Turn(role="user", text="指导案例24号讲的是什么")], "和25号比有什么不同") == \
        "指导案例24号讲的是什么，和指导案例25号有什么不同？"
    # a number without a case asked about before is no case
    assert heuristic_rewrite([Turn(role="user", text="河南是怎么减少信访的？")], "和2023年比有什么不同") == "和2023年比有什么不同"


def test_how_much_money_asks_more_of_the_case_just_discussed():
    history = [Turn(role="user", text="指导案例24号讲的是什么？"), Turn(role="assistant", text="交通事故的受害人没有过错… [1]")]
    assert heuristic_rewrite(history, "赔了多少钱？") == "指导案例24号，赔了多少钱？"


def test_a_short_message_on_what_the_last_answer_said_asks_more_of_its_subject():
    """'违约金是怎么确定的？' just after an answer about a streamer's liquidated damages is about that case; the same
    message after an answer that never mentions 违约金 is a new question."""
    question = "有没有关于网络主播跳槽违约的指导案例？"
    said = "网络主播违反约定的排他性合作条款…应当依法承担违约责任[1]\n- 网络主播主张合同约定的违约金明显过高…[1]"
    history = [Turn(role="user", text=question), Turn(role="assistant", text=said)]
    assert heuristic_rewrite(history, "违约金是怎么确定的？") == "有没有关于网络主播跳槽违约的指导案例，违约金是怎么确定的？"
    other = [Turn(role="user", text=question), Turn(role="assistant", text="网络主播违反约定的排他性合作条款…[1]")]
    assert heuristic_rewrite(other, "违约金是怎么确定的？") == "违约金是怎么确定的？"
    assert heuristic_rewrite(history, "河南的违约金是怎么确定的？") == "河南的违约金是怎么确定的？"  # names a place


def test_he_or_she_points_back_at_the_person_just_discussed():
    history = [Turn(role="user", text="Tell me about the case where a pedestrian was hit at a crossing"),
               Turn(role="assistant", text="Guiding Case No. 24 … [1]")]
    assert heuristic_rewrite(history, "Was he compensated?") == \
        "Tell me about the case where a pedestrian was hit at a crossing; was he compensated?"


def test_a_pronoun_points_back_at_the_place_just_asked_about():
    """'他们是怎么做到的？' after '那广西呢？' asks how Guangxi did it, not who '做到' anything anywhere."""
    history = [Turn(role="user", text="昆明的案件比是多少？"), Turn(role="assistant", text="1:1.056 [1]"),
               Turn(role="user", text="那广西呢？"), Turn(role="assistant", text="1:1.20 [1]")]
    assert heuristic_rewrite(history, "他们是怎么做到的？") == "广西的案件比是多少，他们是怎么做到的？"


@pytest.mark.parametrize("message, language", [
    ("Summarise that in English", "en"), ("in English please", "en"), ("请用英文回答", "en"), ("请用中文回答", "zh"),
    ("Can you say it in Chinese?", "zh"), ("How did Henan reduce petitions in English law?", None),
    ("英文的法律文件有哪些？", None), ("公开听证有哪些做法？", None),
])
def test_asking_for_the_last_answer_in_the_other_language(message, language):
    from retrieval.answer.followup import switches_language

    assert switches_language(message) == language


def test_the_last_question_is_answered_again_in_the_language_asked_for(engine):
    history = [Turn(role="user", text="广西的案件比是多少？"), Turn(role="assistant", text="1:1.20 [1]")]
    assert heuristic_rewrite(history, "Summarise that in English") == "广西的案件比是多少？"
    result = engine.answer(history, "Summarise that in English")
    assert result.language == "en" and result.answer.startswith("Guangxi"), result.answer
    assert "1:1.20" in result.answer


def test_an_english_question_asked_again_in_chinese_is_read_in_english_and_answered_in_chinese(engine):
    """'in Chinese please' after 'And Kunming?': the question to read is the English one, the answer Chinese."""
    history = [Turn(role="user", text="How did Kunming reduce petitions?"), Turn(role="assistant", text="… [1]")]
    result = engine.answer(history, "in Chinese please")
    assert result.language == "zh" and result.answer.startswith("昆明"), result.answer
    assert "67.52%" in result.answer


@pytest.mark.parametrize("message, expected", [
    ("它们有什么不同？", "河南和昆明是怎么减少信访的，有什么不同？"), ("有什么区别？", "河南和昆明是怎么减少信访的，有什么不同？"),
])
def test_comparing_back_sets_the_places_just_discussed_side_by_side(message, expected):
    history = [Turn(role="user", text="河南是怎么减少信访的？"), Turn(role="assistant", text="… [1]"),
               Turn(role="user", text="那昆明呢？"), Turn(role="assistant", text="… [1]")]
    assert heuristic_rewrite(history, message) == expected
    english = [Turn(role="user", text="How did Henan reduce petitions?"), Turn(role="assistant", text="… [1]"),
               Turn(role="user", text="And Kunming?"), Turn(role="assistant", text="… [1]")]
    assert heuristic_rewrite(english, "How do they compare?") == \
        "How did Henan and Kunming reduce petitions; how do they compare?"
    # one place so far: nothing to set beside it, so no one-sided comparison
    assert heuristic_rewrite(history[:2], message) != "河南是怎么减少信访的，有什么不同？"


@pytest.mark.parametrize("subject, message, resolved", [
    ("昆明的报告里提到存在哪些问题？", "下一步打算怎么做？", "昆明的报告里，下一步打算怎么做？"),
    ("重庆是怎么清理挂案的？", "效果怎么样？", "重庆清理挂案，效果怎么样？"),
    ("指导案例144号的裁判要点是什么", "那二审最后怎么判的？", "指导案例144号，那二审最后怎么判的？"),
])
def test_another_aspect_replaces_the_words_the_subject_asked_with(subject, message, resolved):
    history = [Turn(role="user", text=subject), Turn(role="assistant", text="… [1]")]
    assert heuristic_rewrite(history, message) == resolved


def test_a_question_adding_words_of_its_own_is_new_though_the_last_answer_shares_one():
    """'人民检察院行使哪些职权？' after an answer quoting 柯城区人民检察院 asks about powers, not the cloud office."""
    history = [Turn(role="user", text="柯城区检察院的云办公室是什么？"),
               Turn(role="assistant", text="柯城：浙江省衢州市柯城区人民检察院聚焦…打造全国首个24小时线上值守的“云办公室”[1]")]
    assert heuristic_rewrite(history, "人民检察院行使哪些职权？") == "人民检察院行使哪些职权？"


def test_next_steps_and_results_asked_next_are_answered_not_the_last_answer_again(engine):
    """'下一步打算怎么做？' after the problems of a report gives its plans; '效果怎么样？' after how Chongqing cleared
    long-pending cases leads with what it achieved (撤案456件…办结率占81.1%), not the measures again."""
    history = [Turn(role="user", text="昆明的报告里提到存在哪些问题？")]
    history.append(Turn(role="assistant", text=engine.answer([], history[0].text).answer))
    plans = engine.answer(history, "下一步打算怎么做？").answer
    assert plans.splitlines()[0] != history[1].text.splitlines()[0]
    assert "细化统筹管理" in plans.splitlines()[0], plans
    history = [Turn(role="user", text="重庆是怎么清理挂案的？")]
    first = engine.answer([], history[0].text).answer
    history.append(Turn(role="assistant", text=first))
    results = engine.answer(history, "效果怎么样？").answer.splitlines()[0]
    assert "456" in results and "456" not in first.splitlines()[0], results


def test_an_english_aspect_asking_the_final_sentence_asks_it_of_the_case_just_discussed():
    history = [Turn(role="user", text="What is the holding of Guiding Case No. 93?"), Turn(role="assistant", text="… [1]")]
    assert heuristic_rewrite(history, "What was the final sentence?") == "Guiding Case No. 93: What was the final sentence?"


def test_a_comparison_naming_both_sides_replaces_the_pair_compared_before():
    """'Compare Anhui and Zhejiang.' after Henan and Kunming were compared asks about Anhui and Zhejiang only
    (it had repeated the Henan/Kunming blocks); '和安徽比呢？' still adds a side; a comparison is not asked twice."""
    english = [Turn(role="user", text="Compare how Henan and Kunming handle petitions."), Turn(role="assistant", text="…")]
    assert heuristic_rewrite(english, "Compare Anhui and Zhejiang.") == "Compare how Anhui and Zhejiang handle petitions."
    chinese = [Turn(role="user", text="河南和昆明在减少信访方面有什么不同？"), Turn(role="assistant", text="…")]
    assert heuristic_rewrite(chinese, "比较安徽和浙江") == "安徽、浙江在减少信访方面有什么不同？"
    assert heuristic_rewrite(chinese, "和安徽比呢？") == "河南和昆明和安徽在减少信访方面有什么不同？"


def test_a_follow_up_about_the_case_is_asked_of_the_one_case_the_last_answer_cited():
    """'滥伐林木的案子法院怎么确定生态修复义务？' is answered from 172号, which the user never named: '这个案子最后
    怎么判的？', '效果怎么样？' and 'What did the court decide in that case?' are about that case (they were refused)."""
    cited = ["指导性案例172号：秦家学滥伐林木刑事附带民事公益诉讼案"]
    history = [Turn(role="user", text="滥伐林木的案子法院怎么确定生态修复义务？"),
               Turn(role="assistant", text="…[1]", sources=cited)]
    assert heuristic_rewrite(history, "这个案子最后怎么判的？") == "指导性案例172号，这个案子最后怎么判的？"
    assert heuristic_rewrite(history, "效果怎么样？") == "指导性案例172号，效果怎么样？"
    assert heuristic_rewrite(history, "What did the court decide in that case?") == \
        "Guiding Case No. 172: What did the court decide in that case?"
    two = [*history[:1], Turn(role="assistant", text="…", sources=[*cited, "指导案例61号：马乐利用未公开信息交易案"])]
    assert heuristic_rewrite(two, "这个案子最后怎么判的？").startswith("滥伐林木")  # two cases cited: which one?


def test_what_about_another_case_by_name_asks_the_same_of_it():
    history = [Turn(role="user", text="马乐利用未公开信息交易案怎么判的？"),
               Turn(role="assistant", text="…", sources=["指导案例61号：马乐利用未公开信息交易案"])]
    assert heuristic_rewrite(history, "那胡克金案呢？") == "胡克金案怎么判的？"


def test_the_chat_state_keeps_the_documents_an_answer_cited(tmp_path):
    from bot.telegram.state import ChatState

    state = ChatState(tmp_path / "state.sqlite3")
    state.add_exchange(7, "滥伐林木的案子…？", "…[1]", ["指导性案例172号：秦家学滥伐林木刑事附带民事公益诉讼案"])
    turns = state.history(7, 10)
    assert [t.role for t in turns] == ["user", "assistant"]
    assert turns[1].sources == ["指导性案例172号：秦家学滥伐林木刑事附带民事公益诉讼案"] and turns[0].sources == []


def test_an_english_follow_up_asking_the_plans_replaces_the_problems_asked_before():
    """'What does it plan to do next?' after 'What problems does the Chongqing report admit?' was asked as both,
    and the problems came back again."""
    from retrieval.answer.followup import heuristic_rewrite
    from retrieval.types import Turn

    history = [Turn(role="user", text="What problems does the Chongqing report admit?"),
               Turn(role="assistant", text="The Chongqing document … [1]", sources=["重庆市人民检察院…报告"])]
    rewritten = heuristic_rewrite(history, "What does it plan to do next?")
    assert "Chongqing" in rewritten and "problems" not in rewritten, rewritten


def test_another_topic_of_the_same_place_keeps_the_place(engine):
    """'那公开听证方面呢？' after Kunming's petitions was answered with Kunming's petitions again; '检察建议呢？'
    lost Kunming; 'What about public hearings?' was glued to the last question."""
    history = [Turn(role="user", text="河南信访总量下降了多少？"), Turn(role="assistant", text="河南：…同比下降19.7%[1]"),
               Turn(role="user", text="那昆明呢？"), Turn(role="assistant", text="昆明：…信访总量同比下降67.52%[1]")]
    assert heuristic_rewrite(history, "那公开听证方面呢？") == "昆明公开听证方面有哪些做法？"
    assert heuristic_rewrite(history, "检察建议呢？") == "昆明检察建议方面有哪些做法？"
    assert heuristic_rewrite(history, "What about public hearings?") == "What did Kunming do about public hearings?"
    assert heuristic_rewrite(history, "效果呢？") != "昆明效果方面有哪些做法？"  # an aspect of what was asked
    first = engine.answer(history, "那公开听证方面呢？").answer.splitlines()[0]
    assert first.startswith("昆明") and ("听证" in first) and "信访" not in first, first


def test_how_many_people_after_a_place_and_topic_asks_of_them(engine):
    """'起诉多少人' after '昆明未检工作咋样' was 'not a question' (its unit 人 made it more than an aspect)."""
    history = [Turn(role="user", text="昆明未检工作咋样"), Turn(role="assistant", text="昆明：…未成年人保护…[1]")]
    assert heuristic_rewrite(history, "起诉多少人") == "昆明未检工作咋样，起诉多少人"
    first = engine.answer(history, "起诉多少人").answer.splitlines()[0]
    assert first.startswith("昆明") and "未成年" in first, first  # an answer about Kunming's minors, not 'ask a question'


def test_a_case_named_by_its_party_is_a_question_of_its_own():
    """'王某贞那个案子最后怎么处理的？' after Henan's petitions was glued to them ('那个' pointing back) and answered
    with the last answer again."""
    from retrieval.answer.followup import refers_back

    assert not refers_back("王某贞那个案子最后怎么处理的？")
    history = [Turn(role="user", text="昆明是怎么减少信访的？"), Turn(role="assistant", text="昆明：…[1]"),
               Turn(role="user", text="那河南呢？"), Turn(role="assistant", text="河南：…[1]")]
    assert heuristic_rewrite(history, "王某贞那个案子最后怎么处理的？") == "王某贞那个案子最后怎么处理的？"


def test_which_year_is_no_topic_word(engine):
    """'吉林省案件比优化是哪一年的数据？' was refused: 哪一年 weighed as a word the answer had to say."""
    from retrieval.answer.extractive import asked_of

    assert not any("哪一年" in term for group, _ in asked_of("吉林省案件比优化是哪一年的数据？", "zh").topic for term in group)
    assert "1:1.35" in engine.answer([], "吉林省案件比优化是哪一年的数据？").answer.replace("∶", ":")


def test_the_two_places_asked_last_are_ranked_not_an_earlier_one():
    """'哪个更多？' after '河南…' and '和昆明比呢？' ranked 重庆, asked about before Henan was asked again."""
    history = [Turn(role="user", text="河南信访总量下降了多少？"), Turn(role="assistant", text="河南：…[1]"),
               Turn(role="user", text="重庆检察建议多少件？"), Turn(role="assistant", text="重庆：…[1]"),
               Turn(role="user", text="河南信访总量下降了多少？"), Turn(role="assistant", text="河南：…[1]"),
               Turn(role="user", text="和昆明比呢？"), Turn(role="assistant", text="河南：…[1]\n昆明：…[2]")]
    assert heuristic_rewrite(history, "哪个更多？") == "河南和昆明信访总量下降了多少？哪个更多？"


def test_a_case_named_by_its_parties_after_another_is_a_question_of_its_own():
    history = [Turn(role="user", text="What did the court hold in the Michael Jordan trademark case?"),
               Turn(role="assistant", text="Guiding Case No. 113 — … [1]", sources=["指导案例113号：迈克尔·杰弗里·乔丹与国家工商行政管理总局商标评审委员会、乔丹体育股份有限公司“乔丹”商标争议行政纠纷案"])]
    assert heuristic_rewrite(history, "What about Qihoo 360 v Tencent?") == "What about Qihoo 360 v Tencent?"


def test_a_rules_fine_or_time_limit_asked_next_is_asked_of_the_last_question():
    """'罚款多少？' after a refused question had been asked alone (and answered from another law's fines);
    '可以延长吗？' had become the subject the next message was asked of."""
    refused = [Turn(role="user", text="进出口商品检验法实施条例里，逃避检验怎么处罚？"),
               Turn(role="assistant", text="检索到的资料中没有找到能回答这个问题的内容。")]
    assert heuristic_rewrite(refused, "罚款多少？").startswith("进出口商品检验法实施条例里，逃避检验")
    limits = [Turn(role="user", text="监察机关留置期限是多久？"), Turn(role="assistant", text="…"),
              Turn(role="user", text="可以延长吗？"), Turn(role="assistant", text="…")]
    assert heuristic_rewrite(limits[:2], "可以延长吗？").startswith("监察机关留置期限")
    assert heuristic_rewrite(limits, "这个期限从什么时候算？").startswith("监察机关留置期限")


def test_other_regions_asked_next_are_the_practice_region_by_region(engine):
    """'其他省份有类似做法吗？' after Fujian's quota exits had answered 'nothing about Fujian on this'; 'How many people
    were prosecuted?' after Kunming's minors had been asked alone."""
    def after(question: str) -> list[Turn]:
        return [Turn(role="user", text=question), Turn(role="assistant", text="…")]

    assert heuristic_rewrite(after("福建员额退出是怎么做的？"), "其他省份有类似做法吗？") == "员额退出各地是怎么做的？"
    assert heuristic_rewrite(after("What did Fujian do about prosecutors leaving the quota?"),
                             "Do other provinces do the same?") == "How do provinces handle prosecutors leaving the quota?"
    assert heuristic_rewrite(after("What did Kunming do to protect minors?"), "How many people were prosecuted?") \
        .startswith("What did Kunming do to protect minors;")
    assert heuristic_rewrite(after("What did Kunming do to protect minors?"), "How many hearing rooms has Anhui built?") \
        == "How many hearing rooms has Anhui built?"
    answer = engine.answer(after("福建员额退出是怎么做的？"), "其他省份有类似做法吗？").answer
    assert answer.startswith("# ") and "\n## 福建" in answer, answer  # the per-region summary


def test_how_many_were_sentenced_in_all_is_asked_of_the_case_discussed():
    """'一共判了多少人？' after a case's holding had been told to ask a question ('一共' was a word of its own)."""
    history = [Turn(role="user", text="指导案例194号的裁判要点"), Turn(role="assistant", text="…")]
    assert heuristic_rewrite(history, "一共判了多少人？").startswith("指导案例194号")
