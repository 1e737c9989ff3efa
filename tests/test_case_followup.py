"""A conversation about one court case stays on it: follow-ups that do not name it are asked of it, and a
question about something the case never mentions says so first."""

import pytest

from answer_helpers import CASE_TEXT, answer_lines, beside_the_fishery_case
from retrieval.answer.followup import heuristic_rewrite
from retrieval.answer.phrases import NOT_IN_CASE
from retrieval.types import Turn

WANG = "指导案例62号：王新明合同诈骗案"
PROTEST_CASE = """# 指导案例905号：某甲合同诈骗案

## 裁判要点

数额犯中犯罪既遂部分与未遂部分分别对应不同法定刑幅度的，应当以处罚较重的法定刑幅度量刑。

## 裁判结果

一审法院判处某甲有期徒刑六年。宣判后，某区人民检察院提出抗诉认为，原判未评价未遂部分，系适用法律错误。二审法院认为，原审判决量刑适当，抗诉机关的抗诉理由不成立，不予采纳，裁定驳回抗诉，维持原判。
"""


def _after(question: str, sources: list[str], *more: tuple[str, list[str]]) -> list[Turn]:
    turns = [Turn(role="user", text=question), Turn(role="assistant", text="… [1]", sources=sources)]
    for text, cited in more:
        turns += [Turn(role="user", text=text), Turn(role="assistant", text="… [1]", sources=cited)]
    return turns


def test_a_question_about_the_case_just_answered_is_asked_of_it_in_either_language():
    """'法院采纳抗诉意见了吗？' names no case and asks no listed aspect: it was searched alone, and answered from 马乐案."""
    history = _after("王新明合同诈骗案，检察院为什么抗诉？", [WANG])
    assert heuristic_rewrite(history, "法院采纳抗诉意见了吗？") == "指导案例62号，法院采纳抗诉意见了吗？"
    english = _after("What happened in Guiding Case No. 93?", ["指导案例93号：于欢故意伤害案"])
    assert heuristic_rewrite(english, "Which law did the court apply?") == \
        "Guiding Case No. 93: Which law did the court apply?"
    assert heuristic_rewrite(english, "And if the defendant had not confessed?") == \
        "Guiding Case No. 93: And if the defendant had not confessed?"


def test_the_case_named_stays_in_focus_when_an_answer_wandered_to_others():
    history = _after("指导性案例193号的案情是什么？", ["指导性案例193号：闻巍等侵犯公民个人信息案"],
                     ("法院为什么没有采纳辩护意见？", ["指导案例3号：潘玉梅、陈宁受贿案", "指导案例61号：马乐利用未公开信息交易案"]))
    assert heuristic_rewrite(history, "罚金多少？") == "指导性案例193号，罚金多少？"


def test_asking_for_cases_or_about_what_the_case_never_says_is_a_new_question():
    history = _after("王新明合同诈骗案，检察院为什么抗诉？", [WANG])
    assert heuristic_rewrite(history, "有没有类似的案例？") == "有没有类似的案例？"
    assert heuristic_rewrite(history, "Are there similar cases?") == "Are there similar cases?"
    assert heuristic_rewrite(history, "洗钱罪怎么认定？", _Silent()) == "洗钱罪怎么认定？"
    assert heuristic_rewrite(history, "既遂怎么认定？", _Cases()) == "指导案例62号，既遂怎么认定？"


def test_a_question_of_its_own_after_a_case_is_not_asked_of_it():
    """A full question sharing one general word with the case ('确定') was answered from the self-defence case just
    discussed; an English question naming neither the case nor its court or parties was too."""
    from retrieval.answer.case_texts import SearcherCases

    class _Searcher:
        def documents(self):
            return {"93.md": type("Doc", (), {"title": "指导案例93号：于欢故意伤害案"})()}

    cases = SearcherCases(_Searcher())
    cases._texts["指导案例93号：于欢故意伤害案"] = "于欢 防卫过当 确定 刑事责任 故意伤害罪 辩护意见 采纳"
    history = _after("指导案例93号的裁判结果是什么？", ["指导案例93号：于欢故意伤害案"])
    new = "网络主播违反排他性合作条款的违约金如何确定？"
    assert heuristic_rewrite(history, new, cases) == new
    assert heuristic_rewrite(history, "法院为什么没有采纳辩护意见？", cases) == "指导案例93号，法院为什么没有采纳辩护意见？"
    english = "Is face information collected by an app protected personal information under criminal law?"
    assert heuristic_rewrite(_after("What was Pan Yumei sentenced to?", ["指导案例3号：潘玉梅、陈宁受贿案"]), english) == english


def test_another_case_by_its_number_or_its_place_in_a_list_gets_the_same_question():
    """'那144号呢？' asks the last question of case 144 (it was answered from 93); '第二个案例…' / 'the first one'
    after a list of cases is that case of the list (they were searched alone: a copyright case's '第二个争议焦点')."""
    history = _after("指导案例93号的裁判结果是什么？", ["指导案例93号：于欢故意伤害案"])
    assert heuristic_rewrite(history, "那144号呢？") == "指导案例144号的裁判结果是什么？"
    listed = ["指导案例144号：张那木拉正当防卫案", "指导性案例225号江某某正当防卫案", "指导案例93号：于欢故意伤害案"]
    history = _after("有哪些关于正当防卫的指导案例？", listed)
    assert heuristic_rewrite(history, "第二个案例的裁判理由是什么？") == "指导性案例225号的裁判理由是什么？"
    assert heuristic_rewrite(history, "最后一个呢？") == "指导案例93号呢？"
    assert heuristic_rewrite(history, "What did the court decide in the first one?") == \
        "What did the court decide in Guiding Case No. 144?"
    # the case's own second issue is no case of the list; a list of one has no second
    assert heuristic_rewrite(history, "第二个争议焦点是什么？") == "第二个争议焦点是什么？"
    assert heuristic_rewrite(_after("指导案例93号的裁判结果？", listed[2:]), "第二个案例呢？") == "第二个案例呢？"


def test_a_case_asked_about_what_its_text_never_says_says_so_first(fake_index, tmp_path):
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例905号_某甲合同诈骗案.md", PROTEST_CASE)
    lines = answer_lines(engine.answer([], "指导案例901号，检察院为什么抗诉？").answer)
    assert lines[0] == NOT_IN_CASE["zh"].format(case="指导案例901号", term="抗诉"), lines
    assert lines[1].startswith("- ") and "[1]" in lines[1]
    said = answer_lines(engine.answer([], "指导案例905号，检察院为什么抗诉？").answer)
    assert "没有出现" not in said[0], said


def test_why_a_case_was_protested_leads_with_the_protests_reason(fake_index, tmp_path):
    """The court's '抗诉理由不成立' names 抗诉 twice and had led; the reason is what '抗诉认为' says."""
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例905号_某甲合同诈骗案.md", PROTEST_CASE)
    first = answer_lines(engine.answer([], "指导案例905号，检察院为什么抗诉？").answer)[0]
    assert "原判未评价未遂部分" in first, first


LAW_CASE = PROTEST_CASE.replace("## 裁判结果", "## 相关法条\n\n《中华人民共和国刑法》第二百二十四条\n\n## 裁判结果")


def test_which_law_a_case_applied_is_answered_by_its_provisions(fake_index, tmp_path):
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例905号_某甲合同诈骗案.md", LAW_CASE)
    first = answer_lines(engine.answer([], "指导案例905号，依据的是哪条法律？").answer)[0]
    assert first.startswith("《中华人民共和国刑法》第二百二十四条"), first
    # the law named in the asking ('依据的是刑法哪一条？' had been searched alone: another case's article answered)
    named_law = answer_lines(engine.answer([], "指导案例905号，依据的是刑法哪一条？").answer)[0]
    assert named_law.startswith("《中华人民共和国刑法》第二百二十四条"), named_law
    english = answer_lines(engine.answer([], "Guiding Case No. 905: Which law did the court apply?").answer)[0]
    assert "provisions applied: Criminal Law (刑法), Article 224." in english, english


KEYWORD_CASE = LAW_CASE.replace("## 裁判要点", "**关键词** 刑事/合同诈骗/既遂/未遂\n\n## 裁判要点")


def test_a_cases_keywords_are_answered_from_its_keyword_line(fake_index, tmp_path):
    """The 关键词 line is no passage (keyword lines are noise in reports): asked for it, the case said its text
    never used '关键词'."""
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例905号_某甲合同诈骗案.md", KEYWORD_CASE)
    first = answer_lines(engine.answer([], "指导案例905号的关键词是什么？").answer)[0]
    assert first.startswith("刑事/合同诈骗/既遂/未遂"), first
    english = answer_lines(engine.answer([], "What are the keywords of Guiding Case No. 905?").answer)[0]
    assert "keywords: " in english and "合同诈骗" in english, english


def test_two_cases_listed_after_one_prefix_are_both_named():
    from retrieval.answer.references import named_cases

    assert {"指导案例193号", "指导案例194号"} <= set(named_cases("对比一下指导案例193号和194号的裁判要点"))
    assert {"检例第12号", "检例第13号"} <= set(named_cases("检例第12号、第13号有什么不同"))


def test_a_cases_provisions_are_read_from_its_text_up_to_its_next_part():
    """Short and titled, '《中华人民共和国刑法》第二十条' is taken for a heading when a case is cut into passages
    (189 of the 246 guiding cases have no passage holding their provisions), so they are read from the text."""
    from retrieval.answer.retrieve import provisions_of

    text = ("## 裁判要点\n\n可以进行正当防卫。\n\n**相关法条**\n\n《中华人民共和国刑法》第二十条\n"
            "《中华人民共和国刑事诉讼法》第五十条\n\n## 基本案情\n\n被告人于某的母亲经营一家公司。\n")
    assert provisions_of(text) == ["《中华人民共和国刑法》第二十条", "《中华人民共和国刑事诉讼法》第五十条"]
    assert provisions_of("## 裁判要点\n\n可以进行正当防卫。\n") == []


def test_a_case_named_by_its_parties_is_where_to_look():
    """'马乐案的争议焦点是什么？' weighed 马乐 as its rarest topic word, so the judgments naming him led; the party
    names the case (as a number does), in characters or in pinyin, when only one case's name begins so."""
    from retrieval.answer.case_parties import case_names, with_case_parties
    from retrieval.answer.extractive import asked_of

    names = case_names(["指导案例61号：马乐利用未公开信息交易案", "指导案例62号：王新明合同诈骗案",
                        "指导案例144号：张那木拉正当防卫案", "指导案例5号：张某某诉某公司案", "指导案例6号：张某甲诉某局案",
                        "中华人民共和国刑法"])
    asked = with_case_parties(asked_of("马乐案的争议焦点是什么？", "zh"), names)
    assert "指导案例61号" in asked.named_cases and not any("马乐" in term for group, _ in asked.topic for term in group)
    assert "指导案例62号" in with_case_parties(asked_of("王新明合同诈骗案，检察院为什么抗诉？", "zh"), names).named_cases
    assert "指导案例144号" in with_case_parties(asked_of("What was the outcome of the Zhang Namula case?", "en"),
                                                names).named_cases
    assert with_case_parties(asked_of("张某案怎么判的？", "zh"), names).named_cases == []  # two cases begin so


def test_a_case_named_by_its_parties_is_a_new_subject_in_a_conversation():
    history = _after("马乐案罚金多少？", ["指导案例61号：马乐利用未公开信息交易案"])
    assert heuristic_rewrite(history, "王新明合同诈骗案，检察院为什么抗诉？") == "王新明合同诈骗案，检察院为什么抗诉？"
    assert heuristic_rewrite(history, "What was the Yu Huan case about?") == "What was the Yu Huan case about?"
    assert heuristic_rewrite(history, "法院对本案怎么判的？") == "指导案例61号，法院对本案怎么判的？"


def test_how_much_a_fine_or_a_term_was_asks_how_the_case_ended():
    """So the final judgment answers, not the first instance's that a retrial set aside (马乐: 1884万 -> 1913万)."""
    from retrieval.answer.extractive import asked_of

    for question in ("马乐案罚金多少？", "一审判了几年？", "刑期是多久？"):
        assert asked_of(question, "zh").asks_outcome, question


def test_what_no_passage_mentions_is_said_first_and_counted_as_a_refusal(fake_index, tmp_path):
    """'有没有涉及网络主播偷税的案例？' was answered with a streamer's contract case, as if it were the answer."""
    from retrieval.answer.phrases import NOT_IN_COLLECTION
    from retrieval.eval.answers import is_refusal

    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例905号_某甲合同诈骗案.md", PROTEST_CASE)
    answer = engine.answer([], "有没有排放污水害了扇贝又涉及洗钱的案例？").answer
    lines = answer_lines(answer)
    assert lines[0] == NOT_IN_COLLECTION["zh"].format(term="洗钱") and lines[1].startswith("- "), answer
    assert is_refusal(answer, "zh")
    assert not is_refusal(answer_lines(engine.answer([], "船厂排放污水害了扇贝，法院判赔多少钱？").answer)[0], "zh")


def test_the_words_asking_for_guiding_cases_are_no_topic_and_harassment_is_no_indecent_assault():
    """'嫌疑人搞传销…有指导案例吗？' was answered with a gang case: 指导 (of 指导案例) was a topic word every case
    title carries; '猥亵女童…有没有相关指导案例？' got a workplace sexual-harassment case, the glossary having
    given 猥亵 and 性骚扰 as one meaning."""
    from retrieval.answer.extractive import asked_of

    topic = {term for group, _ in asked_of("嫌疑人搞传销，有指导案例吗？", "zh").topic for term in group}
    assert "传销" in topic and not any("指导" in term for term in topic), topic
    indecency = next(group for group, _ in asked_of("猥亵多名女童，有没有相关指导案例？", "zh").topic if "猥亵" in group)
    assert "性骚扰" not in indecency, indecency


def test_asking_for_cases_of_a_subject_the_last_answer_mentioned_is_a_new_question():
    """'有哪些关于正当防卫的指导案例？' after a list naming 江某某正当防卫案 was read as more of that list."""
    history = _after("哪些指导案例是检察院抗诉的？", ["指导案例61号：马乐利用未公开信息交易案", "指导性案例225号江某某正当防卫案"])
    history[1] = Turn(role="assistant", text="相关案例：指导案例61号、指导性案例225号（江某某正当防卫案）", sources=history[1].sources)
    assert heuristic_rewrite(history, "有哪些关于正当防卫的指导案例？") == "有哪些关于正当防卫的指导案例？"


def test_an_instance_or_a_case_aspect_asked_next_stays_on_the_case():
    """'二审呢？' and '为什么改判？' after 张那木拉案 went to a state-compensation case; '一审' asked of a case that
    words it otherwise ((2018)津01刑终326号…) is no word 'missing from the case'."""
    from retrieval.answer.extractive import asked_of
    from retrieval.answer.followup import names_an_aspect

    history = _after("张那木拉案一审怎么判的？", ["指导案例144号：张那木拉正当防卫案"])
    assert heuristic_rewrite(history, "二审呢？") == "指导案例144号，二审呢？"
    assert heuristic_rewrite(history, "为什么改判？") == "指导案例144号，为什么改判？"
    assert heuristic_rewrite(history, "辩护意见是什么，法院采纳了吗？") == "指导案例144号，辩护意见是什么，法院采纳了吗？"
    assert asked_of("指导案例144号，二审呢？", "zh").asks_outcome
    assert names_an_aspect("二审") and not names_an_aspect("抗诉")
    assert heuristic_rewrite([], "哪些案例涉及抗诉？") == "哪些案例涉及抗诉？"


def test_a_case_that_never_says_the_word_says_so_but_not_for_a_word_no_case_uses(fake_index, tmp_path):
    """'于欢案检察院抗诉了吗？' said only '没有找到'; '于欢案是怎么回事？' must not be told '怎么回事' is not in the case."""
    from retrieval.answer.phrases import NOT_IN_CASE_ONLY
    from retrieval.eval.answers import is_refusal

    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例905号_某甲合同诈骗案.md", PROTEST_CASE)
    answer = engine.answer([], "指导案例901号，检察院抗诉了吗？").answer
    assert answer.startswith(NOT_IN_CASE_ONLY["zh"].format(case="指导案例901号", term="抗诉")[:-1]), answer
    assert is_refusal(answer, "zh")
    asked_oddly = engine.answer([], "指导案例901号是怎么回事？").answer
    assert "没有出现" not in asked_oddly and "扇贝" in asked_oddly, asked_oddly


class _Silent:
    """CaseTexts of a case that says none of a message's words."""

    def says(self, case: str, message: str) -> bool:
        return False

    def keywords(self, case: str) -> list[str]:
        return []


class _Cases:
    """CaseTexts with one case's keywords, saying every word is in it."""

    def says(self, case: str, message: str) -> bool:
        return True

    def keywords(self, case: str) -> list[str]:
        return ["刑事", "正当防卫", "特殊防卫"] if "144" in case else []


def test_similar_cases_are_asked_for_by_the_case_keywords_without_the_case_itself(fake_index, tmp_path):
    """'Are there similar cases?' after Zhang Namula's case listed a copyright case (and 23号 listed itself)."""
    history = _after("张那木拉案最后怎么判的？", ["指导案例144号：张那木拉正当防卫案"])
    question = "除指导案例144号外，有哪些关于正当防卫的指导案例？"
    assert heuristic_rewrite(history, "有没有类似的案例？", _Cases()) == question
    assert heuristic_rewrite(history, "Are there similar cases?", _Cases()) == question
    assert heuristic_rewrite(history, "有没有类似的案例？") == "有没有类似的案例？"  # the cases unreadable: as asked
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例902号_行政协议案.md", OTHER_CASE_WITH_KEYWORDS)
    listed = engine.answer([], "除指导案例901号外，有哪些关于污水的指导案例？").answer
    assert "指导案例902号" in listed and "指导案例901号" not in answer_lines(listed)[0], listed


def test_similar_cases_after_an_answer_citing_several_are_those_of_the_case_it_led_with():
    """'还有类似的案例吗？' after an answer from 144 and another case was searched alone (a school-fight case)."""
    history = _after("正当防卫的界限怎么把握？", ["指导案例144号：张那木拉正当防卫案", "指导案例3号：潘玉梅、陈宁受贿案"])
    assert heuristic_rewrite(history, "还有类似的案例吗？", _Cases()) == "除指导案例144号外，有哪些关于正当防卫的指导案例？"


def test_an_aspect_after_an_answer_citing_several_cases_is_asked_of_the_case_it_led_with():
    """'依据哪条？' after an answer from cases 4 and 12 was searched alone and refused; it asks case 4's provisions."""
    history = _after("因恋爱纠纷杀害女友，能判死缓限制减刑吗？", ["指导案例4号：王志才故意杀人案", "指导案例12号：李飞故意杀人案"])
    assert heuristic_rewrite(history, "依据哪条？", _Cases()) == "指导案例4号，依据哪条？"


def test_a_keyword_line_printed_without_separators_is_cut_at_known_keywords():
    """Case 4's '关键词刑事故意杀人罪婚恋纠纷引发…限制减刑' was one keyword, so 'similar cases' found none sharing it;
    it is cut at the words other cases list (and the area of law it opens with, not 执行 inside 死刑缓期执行)."""
    from retrieval.answer.case_keywords import keywords_of

    text = "关键词刑事故意杀人罪婚恋纠纷引发死刑缓期执行限制减刑\n\n裁判要点"
    assert keywords_of(text, frozenset({"故意杀人罪", "限制减刑"})) == \
        ["刑事", "故意杀人罪", "婚恋纠纷引发死刑缓期执行", "限制减刑"]
    assert keywords_of(text) == ["刑事故意杀人罪婚恋纠纷引发死刑缓期执行限制减刑"]  # nothing to cut at
    assert keywords_of("关键词\n\n刑事/正当防卫/特殊防卫", frozenset({"故意杀人罪"})) == ["刑事", "正当防卫", "特殊防卫"]


def test_whether_the_instances_agreed_is_asked_of_the_case_and_of_how_it_ended():
    """'一审二审结果一样吗？' after a case had been searched alone (a jurisdiction case's 一审/二审)."""
    from retrieval.answer.extractive import asked_of

    history = _after("末位淘汰就解除劳动合同，合法吗？", ["指导案例18号：中兴通讯（杭州）有限责任公司诉王鹏劳动合同纠纷案"])
    assert heuristic_rewrite(history, "一审二审结果一样吗？") == "指导案例18号，一审二审结果一样吗？"
    assert asked_of("指导案例18号，一审二审结果一样吗？", "zh").asks_outcome


OTHER_CASE_WITH_KEYWORDS = """# 指导案例902号：某公司诉某区人民政府行政协议纠纷案

## 关键词

行政/行政协议/污水处理

## 裁判要点

行政机关在行政协议中约定的污水处理费用条款，对双方具有约束力，污水处理费用应按约定承担。
"""


def test_the_keywords_of_a_case_are_read_from_its_text(fake_index, tmp_path):
    from retrieval.answer.case_texts import SearcherCases

    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例902号_行政协议案.md", OTHER_CASE_WITH_KEYWORDS)
    cases = SearcherCases(engine.searcher)
    assert cases.keywords("指导案例902号") == ["行政", "行政协议", "污水处理"]
    assert cases.says("指导案例902号", "污水处理费用谁承担？") and not cases.says("指导案例902号", "洗钱罪怎么认定？")


def test_cases_compared_by_party_or_as_the_two_just_discussed():
    """'和于欢案比有什么不同？' showed 于欢案 only, '这两个案子有什么不同？' a patent case, '那李飞案呢？' after a case named
    by number both cases at once."""
    history = _after("张那木拉案最后怎么判的？", ["指导案例144号：张那木拉正当防卫案"])
    assert heuristic_rewrite(history, "和于欢案比有什么不同？") == "张那木拉案最后怎么判的，和于欢案有什么不同？"
    english = _after("What was the sentence in Guiding Case No. 144?", ["指导案例144号：张那木拉正当防卫案"])
    assert heuristic_rewrite(english, "How does that compare with the Yu Huan case?") == \
        "What was the sentence in Guiding Case No. 144; how does it compare with the Yu Huan case?"
    two = _after("指导案例4号最后怎么判的？", ["指导案例4号：王志才故意杀人案"])
    assert heuristic_rewrite(two, "那李飞案呢？") == "李飞案最后怎么判的？"
    two += _after("李飞案最后怎么判的？", ["指导案例12号：李飞故意杀人案"])
    assert heuristic_rewrite(two, "这两个案子有什么不同？") == "指导案例4号和指导案例12号有什么不同？"
    assert heuristic_rewrite(two, "How do the two cases differ?") == \
        "How do Guiding Case No. 4 and Guiding Case No. 12 compare?"


def test_a_two_syllable_given_name_in_pinyin_is_a_name():
    """'the Rong Baoying case' found no name ('Baoying' has seven letters) and read 宝应 (Baoying county) instead."""
    from retrieval.answer.case_parties import case_names, with_case_parties
    from retrieval.answer.extractive import asked_of
    from retrieval.answer.names import spelled_names

    assert spelled_names("What was decided in the Rong Baoying case?") == ["rongbaoying"]
    names = case_names(["指导案例24号：荣宝英诉王阳、永诚财产保险股份有限公司江阴支公司机动车交通事故责任纠纷案"])
    assert "指导案例24号" in with_case_parties(asked_of("What was decided in the Rong Baoying case?", "en"), names).named_cases


def test_a_defendant_named_with_what_he_got_is_the_subject():
    """'潘玉梅判了什么刑？' searched for 潘玉梅判 (jieba glued the verb to the name) and '刘某桂判了几年？' was told how
    to ask (刘 + 某桂判): the name is the topic word."""
    from retrieval.answer.extractive import asked_of

    for question, name in (("潘玉梅判了什么刑？", "潘玉梅"), ("刘某桂判了几年？", "刘某桂"), ("左勇判了几年？", "左勇")):
        assert [group[0] for group, _ in asked_of(question, "zh").topic] == [name], question
    history = _after("瑜煌公司案的基本案情是什么？", ["指导性案例204号：重庆市人民检察院第五分院诉重庆瑜煌电力设备制造有限公司"])
    assert heuristic_rewrite(history, "二审改了什么？") == "指导性案例204号，二审改了什么？"
    assert heuristic_rewrite(history, "这是哪个案例？判了多少钱？") == "指导性案例204号，这是哪个案例？判了多少钱？"


def test_a_case_named_before_a_court_question_and_a_name_glued_to_its_verb():
    """'刘某桂非法采矿案由哪个法院管辖？' (案由 read as a cause of action, 哪个法院 as asking for a law) stayed on the
    case before; '刘某桂要赔偿多少…' searched 刘某桂要."""
    from retrieval.answer.extractive import asked_of

    history = _after("黄某辉等8人非法捕捞案由哪个法院管辖？", ["指导性案例213号：黄某辉、陈某等8人非法捕捞水产品刑事附带民事公益诉讼案"])
    assert heuristic_rewrite(history, "刘某桂非法采矿案由哪个法院管辖？为什么？") == "刘某桂非法采矿案由哪个法院管辖？为什么？"
    assert not asked_of("刘某桂非法采矿案由哪个法院管辖？", "zh").asks_provisions
    assert asked_of("依据的是哪条法律？", "zh").asks_provisions
    assert asked_of("刘某桂要赔偿多少生态修复费用？", "zh").topic[0][0][0] == "刘某桂"


def test_an_english_case_named_by_its_parties_in_a_judgment_question_and_two_named_at_once():
    """'Why was the Zhang Namula judgment changed?' went to 江某某's case and led with the sentence set aside; a
    question naming two cases in a conversation was turned into a comparison with the last case."""
    from retrieval.answer.case_parties import case_names, with_case_parties
    from retrieval.answer.extractive import asked_of

    names = case_names(["指导案例144号：张那木拉正当防卫案", "指导案例93号：于欢故意伤害案"])
    asked = with_case_parties(asked_of("Why was the Zhang Namula judgment changed?", "en"), names)
    assert "指导案例144号" in asked.named_cases and asked.asks_outcome
    history = _after("What happened in the Zhang Namula case?", ["指导案例144号：张那木拉正当防卫案"])
    both = "How is the Zhang Namula case different from the Yu Huan case?"
    assert heuristic_rewrite(history, both) == both


CHANGED_CASE = """# 指导案例906号：某乙故意伤害案

## 裁判要点

防卫过当的，应当负刑事责任，但是应当减轻或者免除处罚。

## 裁判结果

一审法院判处某乙无期徒刑。二审法院认为，原判认定事实不全面，部分刑事判项适用法律错误，量刑过重，依法应予改判。二审法院判决撤销原判刑事部分，改判某乙有期徒刑五年。
"""


def test_why_a_judgment_was_changed_leads_with_the_grounds_not_the_new_judgment(fake_index, tmp_path):
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例906号_某乙故意伤害案.md", CHANGED_CASE)
    first = answer_lines(engine.answer([], "指导案例906号为什么改判？").answer)[0]
    assert "适用法律错误" in first, first


def test_a_follow_up_after_a_law_is_asked_of_that_law():
    """'那在国外应当向哪个机关提出申请？' after a Nationality Law answer was searched alone and answered from the
    Postal Law; '第二款呢？' after an article from an IP interpretation's '第二款'."""
    history = _after("加入中国国籍的申请由哪个机关审批？", ["中华人民共和国国籍法"])
    assert heuristic_rewrite(history, "那在国外应当向哪个机关提出申请？") == "国籍法，在国外应当向哪个机关提出申请？"
    assert heuristic_rewrite(history, "And if the person is a minor?").startswith("Under the ")
    assert heuristic_rewrite(history, "那浙江呢？") != "国籍法，浙江呢？"  # a place of its own
    article = _after("监狱法第三十三条怎么规定的？", ["中华人民共和国监狱法"])
    assert heuristic_rewrite(article, "第二款呢？") == "监狱法第三十三条第二款怎么规定的？"
    # after a report, not a law: no law to ask of
    assert heuristic_rewrite(_after("河南是怎么减少信访的？", ["“高质效办好每一个案件”检察改革典型事例(2024年)"]),
                             "那罚款多少？") == "那罚款多少？"
    # what the breach asked about costs, or who enforces it, not any of the law's ('罚多少？' got '每10年进行1次')
    census = _after("污染源普查对象拒绝提供普查资料，怎么处理？", ["全国污染源普查条例"])
    assert heuristic_rewrite(census, "罚多少？", _Cases()) == "全国污染源普查条例，污染源普查对象拒绝提供普查资料，怎么处理，罚多少？"
    assert heuristic_rewrite(census, "由哪个部门负责？", _Cases()).endswith("拒绝提供普查资料，怎么处理，由哪个部门负责？")


EXTORTION = "最高人民法院、最高人民检察院关于办理敲诈勒索刑事案件适用法律若干问题的解释"


def test_another_crime_or_tier_asked_after_a_threshold_is_the_same_question_of_it():
    """'那抢夺呢？' after extortion's thresholds had been asked of the extortion interpretation ('…解释，抢夺呢？')
    and refused; '那数额巨大呢？' asks the next tier of the crime just asked about."""
    history = _after("敲诈勒索多少钱算数额较大？", [EXTORTION])
    assert heuristic_rewrite(history, "那抢夺呢？") == "抢夺多少钱算数额较大？"
    assert heuristic_rewrite(history, "那数额巨大呢？") == "敲诈勒索多少钱算数额巨大？"
    assert heuristic_rewrite(_after("敲诈勒索多少钱算数额较大？", [EXTORTION], ("那抢夺呢？", [EXTORTION])),
                             "那数额巨大呢？") == "抢夺多少钱算数额巨大？"
    # a kind of what was asked stays a follow-up of the law ('情节严重的' is no other crime)
    assert heuristic_rewrite(history, "那情节严重的呢？").endswith("情节严重的呢？")
    # another thing done is no other crime in the question's place ('去外地出差对象想出国' had been asked)
    parole = _after("社区矫正对象想出国，要谁批准？", ["中华人民共和国社区矫正法"])
    assert heuristic_rewrite(parole, "那去外地出差呢？") == "社区矫正法，去外地出差呢？"


def test_what_a_breach_costs_asked_after_a_rule_is_asked_of_that_rule_and_law():
    """'What is the fine?' after an answer from the organ regulation was searched alone (the credit-reporting
    regulation's fines); '违反了要怎么办？' after '竞业限制最长几年？' likewise."""
    organs = _after("Is it legal to buy a kidney from a donor?", ["人体器官捐献和移植条例"])
    assert heuristic_rewrite(organs, "What is the fine?") == \
        "Under the 人体器官捐献和移植条例: Is it legal to buy a kidney from a donor; what is the fine?"
    snatching = _after("How much has to be snatched before it is a crime?", ["中华人民共和国国籍法"])
    assert heuristic_rewrite(snatching, "And if the amount is huge?").endswith(
        ": How much has to be snatched before it is a crime; and if the amount is huge?")
    labour = _after("竞业限制最长几年？", ["中华人民共和国劳动合同法"])
    assert heuristic_rewrite(labour, "违反了要怎么办？") == "竞业限制最长几年，违反了要怎么办？"
    # who is in charge, in everyday words (it had been searched alone: a table of crimes answered)
    assert heuristic_rewrite(organs, "Which authority is in charge?") == \
        "Under the 人体器官捐献和移植条例: Is it legal to buy a kidney from a donor; which authority is in charge?"
    assert heuristic_rewrite(organs, "Which department is responsible?").startswith("Under the 人体器官捐献和移植条例")
    # a breach named in general words is still the rule's ('What is the fine for violations?' had been searched alone)
    assert heuristic_rewrite(organs, "What is the fine for violations?") == \
        "Under the 人体器官捐献和移植条例: Is it legal to buy a kidney from a donor; what is the fine for violations?"


def test_a_list_of_cases_is_kept_while_the_conversation_drills_into_it():
    """After '第一个案例的裁判要点是什么？' (an answer citing one case), '第二个呢？' and '比较一下第一个和第二个案例' still
    mean the list's cases (they had been searched alone: a copyright case's '第二个争议焦点'); '那144号呢？' after
    '它适用了哪些法条？' asks 144's provisions, not its holding; a case named by its number alone is a case."""
    listed = ["指导案例144号：张那木拉正当防卫案", "指导性案例225号江某某正当防卫案", "指导案例93号：于欢故意伤害案"]
    history = _after("有哪些关于正当防卫的指导案例？", listed, ("指导案例144号的裁判要点是什么？", listed[:1]))
    assert heuristic_rewrite(history, "第二个呢？") == "指导性案例225号呢？"
    assert heuristic_rewrite(history, "比较一下第一个和第二个案例") == "比较一下指导案例144号和指导性案例225号"
    assert heuristic_rewrite(history, "Compare the first and second cases.") == \
        "Compare Guiding Case No. 144 and Guiding Case No. 225."
    provisions = _after("指导案例93号的裁判结果是什么？", listed[2:], ("它适用了哪些法条？", listed[2:]))
    assert heuristic_rewrite(provisions, "那144号呢？") == "指导案例144号，它适用了哪些法条？"
    # the noun said, anything may follow ('第二个案子最后怎么判的？' had been searched alone)
    assert heuristic_rewrite(history, "第二个案子最后怎么判的？") == "指导性案例225号最后怎么判的？"


def test_cases_named_by_their_number_alone():
    from retrieval.answer.references import named_cases
    from retrieval.search.crosslingual import pattern_terms

    assert {"指导案例186号", "指导案例188号"} <= set(named_cases("186号和188号有什么区别？"))
    assert "指导案例188号" in named_cases("回到188号，相关法条是哪些？")
    assert named_cases("国发〔2020〕3号文件") == [] and named_cases("2023年3号的会议") == []
    assert {"指导案例144号", "指导案例93号"} <= set(pattern_terms("Compare case 144 and case 93."))
    assert pattern_terms("procuratorial case 12") == ["检例第12号"]


def test_a_short_question_in_the_laws_words_is_asked_of_the_law():
    """'复议机关多长时间内作出决定？' after a question on the Administrative Reconsideration Law went to a kindergarten
    regulation; it uses the law's words, so it is asked of it. A question in other words is not."""
    class _Law:
        def says(self, case: str, message: str) -> bool:
            return "复议" in message

        def keywords(self, case: str) -> list[str]:
            return []

    history = _after("对具体行政行为不服，申请行政复议的期限是多长？", ["中华人民共和国行政复议法"])
    assert heuristic_rewrite(history, "复议机关多长时间内作出决定？", _Law()) == "行政复议法，复议机关多长时间内作出决定？"
    assert heuristic_rewrite(history, "醉驾怎么处罚？", _Law()) == "醉驾怎么处罚？"


def test_which_of_the_two_places_is_lower_ranks_them_and_a_place_sent_alone_frames_the_next_message():
    """'哪个更低？' after Guangxi's and Jilin's ratios was answered with an unrelated Jilin sentence; '昆明' then
    '信访总量下降了多少' (one question sent in two messages) lost Kunming and led with Henan's figure."""
    from retrieval.answer.question import analyse

    history = _after("广西今年的案件比是多少？", ["经验交流"], ("那吉林呢？", ["经验交流"]))
    ranked = heuristic_rewrite(history, "哪个更低？")
    assert "广西" in ranked and "吉林" in ranked and analyse(ranked, "zh").ranks == "least", ranked
    best = heuristic_rewrite(history, "哪个效果最好？")  # best of a ratio is its lowest (had been answered with Henan)
    assert "广西" in best and "吉林" in best and analyse(best, "zh").ranks == "least", best
    english = _after("How many public hearings did Anhui hold?", ["经验交流"], ("And Yulin?", ["榆林"]))
    assert heuristic_rewrite(english, "Which held more?").count("Yulin") == 1  # 榆林 and 玉林 are one 'Yulin'
    assert heuristic_rewrite(_after("昆明", ["昆明报告"]), "信访总量下降了多少").startswith("昆明")
    assert heuristic_rewrite(_after("昆明怎么样", ["昆明报告"]), "信访总量下降了多少") == "信访总量下降了多少"


def test_keywords_are_read_as_the_case_writes_them():
    from retrieval.answer.case_keywords import keywords_of

    assert keywords_of("**关键词** 刑事/组织、领导、参加黑社会性质组织罪/软暴力") == \
        ["刑事", "组织、领导、参加黑社会性质组织罪", "软暴力"]
    assert keywords_of("关键词：民事 合同 违约金") == ["民事", "合同", "违约金"]


def test_a_case_number_the_collection_does_not_hold_is_said_to_be_missing(fake_index, tmp_path):
    """'Guiding Case No. 300' (there is none) was answered with cases 70 and 226's sentences; traditional
    characters ask the same as simplified ones ('指導案例905號的關鍵詞是什麼？' had been refused)."""
    from retrieval.answer.phrases import NOT_HELD_CASE

    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例905号_某甲合同诈骗案.md", KEYWORD_CASE)
    assert engine.answer([], "指导案例300号的裁判要点是什么？").answer == NOT_HELD_CASE["zh"].format(case="指导案例300号")
    english = engine.answer([], "What sentence did the defendant receive in Guiding Case No. 300?").answer
    assert english == NOT_HELD_CASE["en"].format(case="Guiding Case No. 300")
    # asked to summarise it, a case whose number holds its number is not it ('No. 5' is not 905)
    assert engine.answer([], "Summarise Guiding Case No. 5").answer == NOT_HELD_CASE["en"].format(case="Guiding Case No. 5")
    assert "没有" not in engine.answer([], "指导案例905号和300号有什么不同？").answer.splitlines()[0]
    first = answer_lines(engine.answer([], "指導案例905號的關鍵詞是什麼？").answer)[0]
    assert first.startswith("刑事/合同诈骗/既遂/未遂"), first


def test_a_comparison_of_two_listed_cases_does_not_replace_the_list():
    """'And the third one?' after 'Compare the first and second cases' repeated the comparison: the answer citing
    two cases had become the list."""
    listed = ["指导案例144号：张那木拉正当防卫案", "指导性案例225号江某某正当防卫案", "指导案例93号：于欢故意伤害案"]
    history = _after("Which guiding cases deal with self-defence?", listed,
                     ("Compare the first and second cases", listed[:2]))
    assert heuristic_rewrite(history, "And the third one?") == "And Guiding Case No. 93?"


def test_a_number_in_a_story_names_no_case():
    from retrieval.answer.references import named_cases

    assert named_cases("我住在5号的邻居把我家的狗打伤了，能要求赔偿吗？") == []


def test_which_article_after_a_case_asks_what_the_case_applied():
    """'Which article?' after Guiding Case No. 78 was searched alone (an essay in case 99); 'Which article of the
    Criminal Law applied?' after 于欢's case was refused as a law the collection lacks, though the case lists it."""
    from retrieval.answer.extractive import asked_of
    from retrieval.answer.held import unheld_laws

    history = _after("What did Guiding Case No. 78 hold?", ["指导案例78号：北京奇虎科技有限公司诉腾讯科技（深圳）有限公司滥用市场支配地位纠纷案"])
    assert heuristic_rewrite(history, "Which article?") == "Guiding Case No. 78: Which article?"
    asked = asked_of("Guiding Case No. 93: Which article of the Criminal Law applied?", "en")
    assert asked.asks_provisions and asked.named_cases and unheld_laws(asked, "指导案例93号：于欢故意伤害案") == []
    assert unheld_laws(asked_of("What does the Criminal Law say about theft?", "en"), "指导案例93号：于欢故意伤害案")
    assert asked_of("Guiding Case No. 78: Which article?", "en").topic == []  # 'article' is no topic word


@pytest.mark.parametrize("question, holding", [("What did the court hold in the Yu Huan case?", True),
                                               ("What did Guiding Case No. 78 hold?", True),
                                               ("Which province held the most public hearings?", False),
                                               ("How many hearings were held?", False)])
def test_what_a_court_held_asks_its_holding(question, holding):
    from retrieval.answer.extractive import asked_of

    assert asked_of(question, "en").asks_holding == holding


QUASHED_CASE = """# 指导案例907号：某甲与某评审委员会商标争议行政纠纷案

## 裁判要点

恶意申请注册商标，损害他人现有在先权利的，应当撤销该注册商标。

## 裁判结果

北京市第一中级人民法院于2015年4月1日作出（2014）一中行（知）初字第9163号行政判决，驳回某甲的诉讼请求。某甲不服，提起上诉。最高人民法院提审后，作出（2016）最高法行再27号行政判决：一、撤销北京市第一中级人民法院(2014)一中行(知)初字第9163号行政判决；二、某评审委员会重新作出裁定。
"""


def test_a_judgment_quashed_on_retrial_is_no_english_conclusion(fake_index, tmp_path):
    """乔丹's first instance ('驳回…诉讼请求') was the English lead's conclusion though the Supreme Court set it
    aside on retrial: its number is written with a chamber in brackets, (知), which the set-aside number was not
    read with, and in half-width brackets there. 'How did the … trademark case end?' asks how it ended."""
    from retrieval.answer.english import standing
    from retrieval.answer.extractive import asked_of

    assert asked_of("How did the Michael Jordan trademark case end?", "en").asks_outcome
    first_instance, retrial = QUASHED_CASE.split("## 裁判结果")[1].strip().split("某甲不服，提起上诉。")
    assert standing([first_instance, retrial], [first_instance, retrial]) == [retrial]
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例907号_某甲商标争议案.md", QUASHED_CASE)
    first = answer_lines(engine.answer([], "What was the outcome of Guiding Case No. 907?").answer)[0]
    assert first.startswith("Guiding Case No. 907") and "dismissed" not in first, first


def test_how_a_case_ended_or_who_won_asks_its_outcome_and_is_no_topic():
    """'How did Guiding Case No. 84 end?' was refused (its topic was 结束), 'Who won?' searched 韩元 (the Korean
    won); after a case, 'Who won?' is asked of it."""
    from retrieval.answer.extractive import asked_of

    for question in ("How did Guiding Case No. 84 end?", "Who won?", "Did Dior win its trademark case?",
                     "What damages were awarded in Guiding Case No. 83?"):  # had been refused: 授予 (to award a prize)
        asked = asked_of(question, "en")
        assert asked.asks_outcome and not any(t in ("结束", "韩元", "赢得", "授予") for g, _ in asked.topic for t in g), asked.topic
    history = _after("What did Guiding Case No. 84 hold?", ["指导案例84号：礼来公司诉常州华生制药有限公司侵害发明专利权纠纷案"])
    assert heuristic_rewrite(history, "Who won?") == "Guiding Case No. 84: Who won?"


def test_a_party_named_in_pinyin_inside_a_title_or_in_no_case_at_all():
    """'Wang Laoji v Jiaduobao' was refused (王老吉 stands inside 广州王老吉大健康产业有限公司's name, not at its start);
    'the Bo Xilai case' was answered with another case's 13 years: no case names him, and the answer says so;
    'What sentence did Zhang Namula receive?' after another case is asked of his."""
    from retrieval.answer.case_parties import case_names, unnamed_parties, with_case_parties
    from retrieval.answer.extractive import asked_of

    titles = ["指导案例161号：广州王老吉大健康产业有限公司诉加多宝（中国）饮料有限公司虚假宣传纠纷案",
              "指导案例144号：张那木拉正当防卫案", "指导案例27号：臧进泉等盗窃、诈骗案"]
    names = case_names(titles)
    asked = with_case_parties(asked_of("What was held in Wang Laoji v Jiaduobao?", "en"), names)
    assert "指导案例161号" in asked.named_cases
    assert unnamed_parties("What was the sentence in the Bo Xilai case?", names) == ["Bo Xilai"]
    assert unnamed_parties("What sentence did Zhang Namula receive in his case?", names) == []
    assert unnamed_parties("What did the Michael Jordan case decide?", names) == []  # not pinyin: cannot tell
    history = _after("What was held in Wang Laoji v Jiaduobao?", [titles[0]])
    assert heuristic_rewrite(history, "What sentence did Zhang Namula receive?") == "What sentence did Zhang Namula receive?"


def test_the_case_of_someone_no_case_names_is_said_missing(fake_index, tmp_path):
    from retrieval.answer.phrases import NOT_HELD_PARTY

    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例907号_某甲商标争议案.md", QUASHED_CASE)
    result = engine.answer([], "What was the sentence in the Bo Xilai case?")
    assert result.answer.splitlines()[0] == NOT_HELD_PARTY["en"].format(name="Bo Xilai") and not result.citations


def test_how_one_case_differs_from_another_is_a_comparison():
    """'How does Guiding Case 105 differ from Guiding Case 106?' was refused: not read as a comparison ('from'), and
    'differ' searched as 相差."""
    from retrieval.answer.extractive import asked_of
    from retrieval.answer.question import Kind

    asked = asked_of("How does Guiding Case 105 differ from Guiding Case 106?", "en")
    assert asked.kind == Kind.COMPARE and asked.topic == []


def test_which_law_a_case_applied_is_asked_of_the_case_discussed(fake_index, tmp_path):
    """'依据的是哪条法律？' after '第二个案子最后怎么判的？' had been searched alone (no word of it is in the case), and
    '144号依据的是哪条法律？' refused (its list, read from the case, carried none of the question's words)."""
    from retrieval.answer.followup import _asks_of_case

    assert _asks_of_case("依据的是哪条法律？", "指导性案例225号江某某正当防卫案", _NoWords())
    assert _asks_of_case("这个案子的基本案情是什么？", "指导性案例225号江某某正当防卫案", _NoWords())
    from fakes import engine_over

    case = CASE_TEXT.replace("## 基本案情", "## 相关法条\n\n《中华人民共和国海洋环境保护法》第90条\n\n## 基本案情")
    engine = engine_over(fake_index, tmp_path, {"指导案例901号_渔业合作社诉东港船舶案.md": case})
    answer = engine.answer([], "指导案例901号依据的是哪条法律？").answer
    assert answer.startswith("《中华人民共和国海洋环境保护法》第90条"), answer


class _NoWords:
    """A collection whose cases say none of the message's words."""

    def says(self, case: str, message: str) -> bool:
        return False


CHASE_CASE = """# 指导案例906号：某甲诉某乙生命权纠纷案

## 裁判要点

行为人为保护他人的人身、财产安全，实施阻止不法侵害者逃逸的行为，人民法院可以认定为见义勇为。

## 基本案情

原告某甲诉称：被告某乙驾车追赶肇事者某丙，致某丙死亡，被告应承担赔偿责任。法院经审理查明：某丙驾驶摩托车肇事后逃逸，某乙报警后追赶。

## 裁判结果

某县人民法院作出民事判决：驳回原告某甲的诉讼请求。

## 裁判理由

法院生效裁判认为：本案焦点问题是被告某乙的行为是否具有违法性。某乙追赶中始终与某丙保持距离，未对其实施人身强制。某丙翻越护栏被列车撞击死亡，系其自身行为所致。故该结果与某乙的追赶行为之间不具有法律上的因果关系。综上，原告某甲的诉讼请求理据不足，不予支持。
"""


def test_why_the_court_held_so_after_a_case_is_answered_by_its_reasoning(fake_index, tmp_path):
    """'法院为什么这样认定？' after '第98号指导案例最后怎么判的？' was asked alone ('这样' pointed back at nothing) and
    answered from an arbitration case; asked of the case, its facts and the plaintiffs' claim came before its
    reasoning's conclusion ('故该结果与…不具有法律上的因果关系')."""
    history = _after("指导案例906号最后怎么判的？", ["指导案例906号：某甲诉某乙生命权纠纷案"])
    rewritten = heuristic_rewrite(history, "法院为什么这样认定？")
    assert rewritten == "指导案例906号，法院为什么这样认定？", rewritten
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例906号_某甲诉某乙生命权纠纷案.md", CHASE_CASE)
    said = answer_lines(engine.answer([], rewritten).answer)
    assert any("不具有法律上的因果关系" in line for line in said[:4]), said
    assert not any("诉称" in line or "审理查明" in line for line in said), said


def test_an_english_question_of_a_rules_sanction_or_deadline_after_a_law_is_asked_of_that_law():
    """'What is the penalty for failing to report?' and 'Within what time frame?' after an Anti-Money Laundering
    Law answer were searched alone (a solid-waste amendment, bankruptcy rules answered); a question naming a
    law of its own stays its own."""
    aml = _after("What must a financial institution do when it detects a suspicious transaction?", ["中华人民共和国反洗钱法"])
    assert heuristic_rewrite(aml, "What is the penalty for failing to report?") == \
        "Under the Anti-Money Laundering Law: What is the penalty for failing to report?"
    assert heuristic_rewrite(aml, "Within what time frame?") == ("Under the Anti-Money Laundering Law: What must a "
                                                                "financial institution do when it detects a suspicious transaction; within what time frame?")
    assert heuristic_rewrite(aml, "What is the penalty under the Customs Law?") == "What is the penalty under the Customs Law?"


def test_a_sentence_of_a_partys_pleading_that_does_not_say_whose_it_is_is_never_quoted_as_found():
    """'追赶人要不要担责？' quoted '朱振彪…仍然追赶，超过了必要限度' from the plaintiffs' 诉称 paragraph as if the court
    had found it (the court found the opposite); the court's '法院经审理查明' after it in the paragraph is its own."""
    from answer_helpers import passage_hits
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse
    from retrieval.answer.units import units_of

    facts = ("原告某甲诉称：被告某乙驾车追赶肇事者某丙，致某丙死亡。某乙在某丙表示自杀后仍然追赶，超过了必要限度，应承担赔偿责任。"
             "法院经审理查明：某乙追赶中始终与某丙保持距离，未对其实施人身强制。")
    hits = passage_hits("指导案例906号_某甲诉某乙生命权纠纷案.md", "指导案例906号：某甲诉某乙生命权纠纷案",
                        [("基本案情", [], facts)], "zz")
    pleaded = {unit.text[:6]: unit.pleaded for unit in units_of(hits[0])}
    assert pleaded == {"原告某甲诉称": True, "某乙在某丙表": True, "法院经审理查": False}, pleaded
    answer = compose(analyse("某丙表示自杀后某乙仍然追赶，算不算超过必要限度，要承担赔偿责任吗？", "zh"), hits).text
    assert all("诉称" in line for line in answer.splitlines() if "超过了必要限度" in line), answer


def test_going_back_to_an_earlier_case_by_its_partys_name_leaves_the_case_just_discussed():
    """'回到刚才王力军那个案子，原审是哪个法院判的？' after 于欢's case was asked of 于欢's ('那个案子' pointed back)."""
    history = _after("王力军案最后怎么判的？", ["指导案例97号：王力军非法经营再审改判无罪案"],
                     ("那于欢案呢？", ["指导案例93号：于欢故意伤害案"]))
    back = "回到刚才王力军那个案子，原审是哪个法院判的？"
    assert heuristic_rewrite(history, back) == back
    assert heuristic_rewrite(history, "那个案子原审是哪个法院判的？").startswith("指导案例93号")  # pointing back still
    # how it was handled, asked next, is the case's too (it had been searched alone: an administrative case answered)
    assert heuristic_rewrite(history, "检察院是怎么处理的？", _Silent()) == "指导案例93号，检察院是怎么处理的？"


def test_how_much_a_court_awarded_is_asked_of_the_case_discussed_though_the_case_never_says_so():
    """'最后判赔了多少？' after case 24 was searched alone and refused (判赔, the asker's word, is in no case)."""
    history = _after("指导案例24号讲的是什么？", ["指导案例24号：荣宝英诉王阳、永诚财产保险股份有限公司江阴支公司机动车交通事故责任纠纷案"])
    assert heuristic_rewrite(history, "最后判赔了多少？", _Silent()) == "指导案例24号，最后判赔了多少？"
    assert heuristic_rewrite(history, "判罚多少？", _Silent()) == "指导案例24号，判罚多少？"


MERGED_COMPANIES = """# 指导案例915号：甲工程机械公司诉乙工贸公司等买卖合同纠纷案

## 裁判要点

关联公司的人员、业务、财务等方面交叉或混同，导致各自财产无法区分，丧失独立人格的，构成人格混同。

## 基本案情

乙工贸公司拖欠甲工程机械公司货款，丙公司、丁公司与乙工贸公司的人员、业务、财务混同。

## 裁判结果

一审法院判决丙公司、丁公司对乙工贸公司的债务承担连带清偿责任。宣判后，丙公司、丁公司提起上诉，认为一审判决认定三个公司人格混同，属认定事实不清，缺乏法律依据。二审法院判决驳回上诉，维持原判。

## 裁判理由

法院生效裁判认为：三个公司虽登记为彼此独立的企业法人，但实际上相互之间界线模糊、人格混同，丙公司、丁公司应当对乙工贸公司的债务承担连带清偿责任。
"""


def test_why_a_court_held_so_is_its_reasoning_not_the_appellants_grounds(fake_index, tmp_path):
    """'法院为什么这么认定？' of case 15 had led with '宣判后，川交机械公司、瑞路公司提起上诉，认为…属认定事实不清' (a party's
    grounds read as a reason); the court's own reasoning answers."""
    from retrieval.answer.question import analyse
    from retrieval.answer.traits import PARTY_GROUNDS

    assert analyse("法院为什么这么认定？", "zh").asks_court_reason and analyse("Why did the court decide that?", "en").asks_court_reason
    assert not analyse("检察院为什么抗诉？", "zh").asks_court_reason  # the procuratorate's grounds are its reasons
    assert PARTY_GROUNDS.search("宣判后，丙公司、丁公司提起上诉，认为一审判决认定三个公司人格混同，属认定事实不清")
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例915号_人格混同案.md", MERGED_COMPANIES)
    lead = answer_lines(engine.answer([], "指导案例915号，法院为什么这么认定？").answer)[0]
    assert "提起上诉" not in lead and "人格混同" in lead, lead


def test_a_heavier_tier_is_asked_of_the_breach_just_asked_about():
    """'那情节严重的呢？' after '逃汇怎么处罚？' was asked of the whole regulation and led with another breach's tier
    ('处违法金额30%以上…'); it is the tier of the breach asked about."""
    history = _after("逃汇怎么处罚？", ["中华人民共和国外汇管理条例"])
    assert heuristic_rewrite(history, "那情节严重的呢？", _Cases()) == "外汇管理条例，逃汇怎么处罚，情节严重的呢？"
