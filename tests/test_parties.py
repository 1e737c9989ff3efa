"""Who a case's parties are: from its title (plaintiff before 诉, defendants after) and, for a criminal case, the
defendants its text names; asked alone or as a follow-up about the case under discussion."""

from answer_helpers import CASE_TEXT, answer_lines
from fakes import engine_over
from retrieval.answer.parties import parties_of

CRIMINAL_CASE = """# 指导案例961号：马某利用未公开信息交易案

## 裁判要点

基金从业人员利用未公开信息交易股票，情节特别严重的，应当依照刑法第一百八十条第一款的规定处罚。

## 基本案情

2011年3月至2013年5月期间，被告人马某担任某基金管理有限公司的投资经理，掌握了未公开信息。

## 裁判结果

法院以利用未公开信息交易罪判处被告人马某有期徒刑三年。
"""


def test_the_parties_are_read_from_a_title_and_checked_against_the_text():
    traffic = "指导案例24号：荣宝英诉王阳、永诚财产保险股份有限公司江阴支公司机动车交通事故责任纠纷案"
    assert parties_of(traffic, "原告荣宝英诉称：被告王阳驾驶轿车与其发生刮擦。") == \
        (["荣宝英"], ["王阳", "永诚财产保险股份有限公司江阴支公司"], "sued")  # not '…支公司机动车交通事故'
    assert parties_of("指导案例139号：鑫晶山公司诉上海市金山区环境保护局环境行政处罚案", "") == \
        (["鑫晶山公司"], ["上海市金山区环境保护局"], "sued")
    assert parties_of("指导性案例225号江某某正当防卫案", "被告人江某某（系化名）系某中学学生。") == ([], ["江某某"], "accused")
    assert parties_of("指导案例194号：熊某恒等侵犯公民个人信息案", "被告人熊某恒等人购买微信账号。") == ([], ["熊某恒等"], "accused")
    assert parties_of("指导案例113号：乔某与某商标评审委员会、某体育股份有限公司商标争议行政纠纷案", "") == \
        (["乔某"], ["某商标评审委员会", "某体育股份有限公司"], "with")  # '与': who stood where is not said
    assert parties_of("指导案例999号：正当防卫案", "") == ([], [], "party")  # no name the text confirms
    # 诉讼 is no 诉; a name is followed in the text by what ends a name ('罗某某侵犯…' is no '罗某某侵')
    assert parties_of("指导性案例995号：罗某某、瞿某某侵犯公民个人信息刑事附带民事公益诉讼案",
                      "被告人罗某某、瞿某某侵犯公民个人信息，检察院提起公益诉讼。") == ([], ["罗某某", "瞿某某"], "accused")
    # the dispute's own '、' names no party; a person the text names without a role is one
    assert parties_of("指导案例938号：田某诉某科技大学拒绝颁发毕业证、学位证案", "田某于1994年考入某科技大学，学校拒绝颁发毕业证。") == \
        (["田某"], ["某科技大学"], "sued")
    assert parties_of("指导案例942号：朱某蔚申请无罪逮捕赔偿案", "朱某蔚因涉嫌诈骗被逮捕，后申请国家赔偿。") == ([], ["朱某蔚"], "party")


def test_asked_who_the_parties_were_the_first_line_names_them(fake_index, tmp_path):
    engine = engine_over(fake_index, tmp_path, {"指导案例961号_马某案.md": CRIMINAL_CASE * 2,
                                                "指导案例901号_渔业合作社诉东港船舶案.md": CASE_TEXT * 2})
    criminal = answer_lines(engine.answer([], "指导案例961号的当事人是谁？").answer)
    assert criminal[0].startswith("指导案例961号的当事人：被告人马某"), criminal
    assert "被告人马某" in criminal[1], criminal  # the text naming them, quoted beneath
    civil = answer_lines(engine.answer([], "Who were the parties in Guiding Case No. 901?").answer)
    assert civil[0].startswith("Guiding Case No. 901 — parties, as its title names them: plaintiff (applicant) "
                               "某渔业合作社; defendant(s) 东港船舶修造有限公司"), civil


def test_who_the_parties_were_is_asked_of_the_case_under_discussion(fake_index, tmp_path):
    from retrieval.types import Turn

    engine = engine_over(fake_index, tmp_path, {"指导案例961号_马某案.md": CRIMINAL_CASE * 2,
                                                "指导案例901号_渔业合作社诉东港船舶案.md": CASE_TEXT * 2})
    first = engine.answer([], "指导案例901号讲的是什么？")
    history = [Turn(role="user", text="指导案例901号讲的是什么？"),
               Turn(role="assistant", text=first.answer, sources=[c.source for c in first.citations])]
    lines = answer_lines(engine.answer(history, "当事人是谁？").answer)
    assert lines[0].startswith("指导案例901号的当事人：原告（申请人）某渔业合作社；被告（被申请人）东港船舶修造有限公司"), lines
