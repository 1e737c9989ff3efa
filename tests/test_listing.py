"""'Which cases …?' is answered by the cases: each named and quoted once, in search's order."""

import pytest

from fakes import engine_over
from retrieval.answer.phrases import CASES_FOUND, NOT_FOUND
from retrieval.answer.question import analyse

CASES = {
    "指导性案例192号_李开祥侵犯公民个人信息案.md": "### 指导性案例192号：李开祥侵犯公民个人信息刑事附带民事公益诉讼案\n\n裁判要点\n\n"
        "使用人脸识别技术处理的人脸信息属于公民个人信息，非法获取、出售人脸信息的，构成侵犯公民个人信息罪。\n\n"
        "基本案情\n\n被告人李开祥搭建网站，非法获取公民个人信息。\n",
    "指导性案例193号_闻巍等侵犯公民个人信息案.md": "### 指导性案例193号：闻巍等侵犯公民个人信息案\n\n裁判要点\n\n"
        "居民身份证信息包含自然人姓名、人脸识别信息，属于公民个人信息，非法出售的构成侵犯公民个人信息罪。\n",
    "指导案例24号_荣宝英诉王阳交通事故案.md": "### 指导案例24号：荣宝英诉王阳机动车交通事故责任纠纷案\n\n裁判要点\n\n"
        "交通事故的受害人没有过错，其体质状况对损害后果的影响不属于可以减轻侵权人责任的法定情形。\n",
}


@pytest.mark.parametrize("question, asks", [
    ("有哪些关于个人信息保护的指导案例？", True), ("有没有关于外卖骑手劳动关系的案例？", True),
    ("Which guiding cases deal with personal information?", True), ("Are there any cases on face recognition?", True),
    ("How many cases did Anhui hold public hearings for?", False), ("这个案例最后怎么判的？", False),
])
def test_asking_which_cases_is_recognised(question, asks):
    language = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in question) else "en"
    assert analyse(question, language).asks_cases is asks


def test_which_cases_lists_each_case_on_topic_with_its_holding(fake_index, tmp_path):
    engine = engine_over(fake_index, tmp_path, CASES)
    result = engine.answer([], "有哪些关于公民个人信息的指导案例？")
    lines = result.answer.splitlines()
    assert lines[0].startswith(CASES_FOUND["zh"].format(cases="")), result.answer
    assert "192号" in lines[0] and "193号" in lines[0] and "24号" not in result.answer
    bullets = [line for line in lines if line.startswith("- ")]
    assert len(bullets) == 2 and all(line.endswith(("[1]", "[2]")) for line in bullets)
    assert any(b.startswith("- 指导性案例192号（李开祥") and "人脸识别" in b for b in bullets), bullets
    assert {c.source for c in result.citations} == {n for n in CASES if "24号" not in n}
    english = engine.answer([], "Which guiding cases deal with personal information?").answer
    assert english.startswith("Cases on this: Guiding Case No. 19"), english


def test_which_cases_on_a_subject_no_case_names_is_refused(fake_index, tmp_path):
    engine = engine_over(fake_index, tmp_path, CASES)
    answer = engine.answer([], "有没有指导案例说明共同海损怎么分摊？").answer
    assert answer.splitlines()[0] == NOT_FOUND["zh"], answer


def test_a_case_is_quoted_by_what_it_held_not_by_what_a_party_argued(fake_index, tmp_path):
    """'哪些指导案例涉及正当防卫？': '被告人…以其系正当防卫、不构成犯罪为由提出上诉' names the topic but says what
    the defendant claimed; the court's finding that it was self-defence is what the case stands for."""
    case = ("### 指导案例944号：张某正当防卫案\n\n基本案情\n\n一审宣判后，被告人张某以其系正当防卫、不构成犯罪为由提出上诉。\n\n"
            "裁判理由\n\n本案中，张某的行为虽然造成了一死一伤的后果，但是属于制止不法侵害的正当防卫行为，依法不负刑事责任。\n")
    engine = engine_over(fake_index, tmp_path, {**CASES, "指导案例944号_张某正当防卫案.md": case})
    answer = engine.answer([], "哪些指导案例涉及正当防卫？").answer
    bullet = next((line for line in answer.splitlines() if line.startswith("- ")), answer)
    assert "属于制止不法侵害的正当防卫行为" in bullet and "提出上诉" not in bullet, answer
