"""A case's judgments: an appeal that keeps some items of the first judgment and sets the others aside."""

from answer_helpers import answer_lines, CASE_TEXT
from fakes import engine_over
from retrieval.answer.instances import Role, item_number, roles

FIRST = ["甲区法院于2021年6月29日作出（2021）甲0115民初35号民事判决：一、王某与某公司继续履行竞业限制义务；",
         "二、王某于本判决生效之日起十日内返还某公司竞业限制补偿金6796元；",
         "三、王某于本判决生效之日起十日内支付某公司违约金240000元。", "王某不服一审判决，提起上诉。"]
APPEAL = ["乙市中院于2022年1月26日作出（2021）乙01民终122号民事判决：一、维持甲区法院（2021）甲0115民初35号民事判决第一项；",
          "二、撤销甲区法院（2021）甲0115民初35号民事判决第二项、第三项；", "三、上诉人王某无需向被上诉人某公司返还竞业限制补偿金6796元；",
          "四、上诉人王某无需向被上诉人某公司支付违约金200万元。"]

PARTLY_CASE = f"""# 指导案例910号：王某诉某公司竞业限制纠纷案

## 裁判要点

审查劳动者新入职单位与原用人单位是否形成竞争关系，不应仅从登记的经营范围是否重合进行认定。

## 基本案情

王某离职后入职一家视频网站，某公司以经营范围重合为由主张其违反竞业限制协议。

## 裁判结果

{"".join(FIRST)}{"".join(APPEAL)}
"""


def test_items_an_appeal_names_are_kept_or_set_aside_one_by_one():
    assert [item_number(text) for text in FIRST[:3]] == [1, 2, 3]
    assert roles(FIRST + APPEAL) == [Role.UPHELD, Role.SET_ASIDE, Role.SET_ASIDE, Role.ONLY] + [Role.FINAL] * 4
    # an appeal naming another judgment's items leaves this one's alone
    other = [APPEAL[0].replace("（2021）甲0115民初35号", "（2020）丙01民初9号"), APPEAL[1].replace("（2021）甲0115民初35号", "（2020）丙01民初9号")]
    assert roles(FIRST + other)[:3] == [Role.ONLY] * 3


def test_how_a_partly_reversed_case_ended_quotes_no_item_set_aside(fake_index, tmp_path):
    """'最后怎么判的？': the appeal's orders and the first item it kept, never the 6796 yuan repayment or the
    240,000 yuan it set aside; in English the figures the appeal says are not owed say so."""
    engine = engine_over(fake_index, tmp_path, {"指导案例910号_王某案.md": PARTLY_CASE * 3,
                                               "指导案例901号_渔业合作社诉东港船舶案.md": CASE_TEXT * 3})
    answer = engine.answer([], "指导案例910号最后怎么判的？").answer
    assert "无需" in answer_lines(answer)[0], answer
    assert "十日内返还" not in answer and "240000" not in answer, answer
    english = engine.answer([], "How did Guiding Case No. 910 end on appeal?").answer
    assert "(not owed)" in answer_lines(english)[0] and "240,000" not in english, english


def test_a_court_number_with_a_bracketed_part_is_read_whole():
    """'（2014）一中行（知）初字第9163号' set aside on retrial as '(2014)一中行(知)初字第9163号': the first judgment
    and the appeal that upheld it are history (the Jordan case had led with the first court's dismissal)."""
    texts = ["甲市中院于2015年4月1日作出（2014）一中行（知）初字第9163号行政判决，驳回乔某的诉讼请求。",
             "乙市高院于2015年8月17日作出（2015）高行（知）终字第1915号行政判决，驳回上诉，维持原判。",
             "最高人民法院于2016年12月7日作出（2016）最高法行再27号行政判决：一、撤销甲市中院(2014)一中行(知)初字第9163号行政判决；",
             "二、撤销乙市高院（2015）高行（知）终字第1915号行政判决；"]
    assert roles(texts) == [Role.SET_ASIDE, Role.SET_ASIDE, Role.FINAL, Role.FINAL]


def test_a_judgment_set_aside_is_quoted_for_no_question_but_the_earlier_instance(fake_index, tmp_path):
    """Comparing two cases quoted the first court's '判处有期徒刑十二年六个月' for a man acquitted on appeal."""
    acquitted = """# 指导案例912号：张某正当防卫案

## 裁判要点

对于使用致命性凶器攻击他人要害部位的行为，可以适用特殊防卫。

## 基本案情

张某在鱼塘边被周某等人持刀围攻，张某夺刀反击，致周某死亡。

## 裁判结果

甲区法院于2017年12月13日作出（2016）甲0111刑初576号刑事判决，以被告人张某犯故意伤害罪，判处有期徒刑十二年六个月。张某提出上诉。乙市中院于2018年12月7日作出（2018）乙01刑终326号刑事判决：一、撤销甲区法院（2016）甲0111刑初576号刑事判决；二、被告人张某无罪。
"""
    engine = engine_over(fake_index, tmp_path, {"指导案例912号_张某案.md": acquitted,
                                               "指导案例910号_王某案.md": PARTLY_CASE})
    for question in ("How do cases 912 and 910 differ?", "指导案例912号的裁判结果里有期徒刑的判决是怎么说的？"):
        answer = engine.answer([], question).answer
        assert "十二年六个月" not in answer, (question, answer)
    first = engine.answer([], "指导案例912号一审怎么判的？").answer
    assert "十二年六个月" in first, first


LIFE_CASE = """# 指导案例913号：于某故意伤害案

## 裁判要点

对正在进行的非法限制人身自由的不法侵害，可以进行防卫。

## 基本案情

于某持刀捅刺讨债人员四人，致一人死亡。

## 裁判结果

甲市中级人民法院于2017年2月17日作出（2016）甲15刑初33号刑事附带民事判决，认定被告人于某犯故意伤害罪，判处无期徒刑，剥夺政治权利终身，并赔偿附带民事原告人经济损失。

宣判后，被告人于某提出上诉。乙省高级人民法院于2017年6月23日作出（2017）乙刑终151号刑事附带民事判决：驳回附带民事上诉，维持原判附带民事部分；撤销原判刑事部分，以故意伤害罪改判于某有期徒刑五年。
"""


def test_the_earlier_instance_asked_is_the_first_judgment_read_whole_from_the_case(fake_index, tmp_path):
    """'一审判了几年？' had been answered with the appeal's 'five years' (the first judgment, '判处无期徒刑', was no
    figure, and its passage was not among the hits)."""
    engine = engine_over(fake_index, tmp_path, {"指导案例913号_于某案.md": LIFE_CASE,
                                               "指导案例901号_渔业合作社诉东港船舶案.md": CASE_TEXT * 3})
    first = engine.answer([], "指导案例913号一审判了几年？").answer
    assert "无期徒刑" in answer_lines(first)[0], first
    final = engine.answer([], "指导案例913号最后判了几年？").answer
    assert "有期徒刑五年" in answer_lines(final)[0] and "无期徒刑" not in final, final


def test_two_cases_compared_are_first_told_apart_by_how_each_ended(fake_index, tmp_path):
    """'于欢案和江某某案有什么区别？' had quoted each case's rule and facts and stated no difference (and 江某某案, a title
    without a colon, named no case); each one's final judgment now leads, an upheld first judgment's orders for
    '驳回上诉，维持原判' and the acquittal for '准许撤回抗诉'."""
    acquitted = """# 指导性案例914号江某某正当防卫案

## 裁判要点

对于因学生霸凌引发的防卫行为，应当准确判断行为人的防卫意图。

## 基本案情

江某某被十余名同学围殴，持折叠刀反击，致一人重伤。

## 裁判结果

甲县人民法院于2020年7月6日作出刑事判决，认定被告人江某某的行为构成正当防卫，宣告江某某无罪。宣判后，甲县人民检察院提出抗诉，后申请撤回抗诉。乙州中级人民法院于2022年11月9日作出刑事裁定，准许撤回抗诉。
"""
    engine = engine_over(fake_index, tmp_path, {"指导性案例914号江某某正当防卫案.md": acquitted,
                                               "指导案例913号_于某故意伤害案.md": LIFE_CASE})
    answer = engine.answer([], "于某案和江某某案有什么区别？").answer
    lead = answer_lines(answer)[0]
    assert lead.startswith("结果：") and "有期徒刑五年" in lead and "宣告江某某无罪" in lead, answer
    assert "准许撤回抗诉" not in lead and "无期徒刑" not in lead, answer
    english = answer_lines(engine.answer([], "How do cases 913 and 914 differ?").answer)[0]
    assert english.startswith("How each ended: Guiding Case No. 913") and "acquitted" in english, english
    from retrieval.answer.outcomes import final_clause
    from answer_helpers import passage_hits

    upheld = passage_hits("c.md", "指导案例915号：闻某案", [("裁判结果", [], "甲区法院于2021年8月30日以（2020）甲0109刑初957号刑事判决，"
                          "认定被告人闻某犯侵犯公民个人信息罪，判处有期徒刑三年。宣判后，闻某提出上诉。乙市中院于2022年1月作出（2021）乙02刑终1号"
                          "刑事裁定：驳回上诉，维持原判。")], "u")
    assert "判处有期徒刑三年" in final_clause(upheld)[0]


def test_a_choice_between_two_crimes_is_answered_by_the_courts_conclusion():
    """'…是盗窃还是诈骗？' had led with the co-defendants' fraud and a clause about a '1元' link joined from another
    sentence; a choice between two is answered, as a yes or no is, by the rule's conclusion."""
    from answer_helpers import passage_hits
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    holding = ("行为人利用信息网络，诱骗他人点击虚假链接而实际通过预先植入的计算机程序窃取财物构成犯罪的，以盗窃罪定罪处罚；"
               "虚构可供交易的商品或者服务，欺骗他人点击付款链接而骗取财物构成犯罪的，以诈骗罪定罪处罚。")
    reasons = ("被告人刘某以非法占有为目的，通过开设虚假的网络店铺和利用伪造的购物链接骗取他人数额较大的货款，其行为已构成诈骗罪。"
               "诱骗被害人点击“1元”的虚假链接系实施盗窃的辅助手段。")
    hits = passage_hits("指导案例927号_臧某盗窃诈骗案.md", "指导案例927号：臧某盗窃、诈骗案",
                        [("裁判要点", [], holding), ("裁判理由", [], reasons)], "c")
    asked = analyse("利用虚假链接骗取他人网银里的钱，是盗窃还是诈骗？", "zh")
    assert asked.yes_no
    lead = compose(asked, hits).text.splitlines()[0]
    assert "以盗窃罪定罪处罚" in lead and "1元" not in lead, lead


REST_DISMISSED_CASE = """# 指导案例915号：荣某诉王某机动车交通事故责任纠纷案

## 裁判要点

交通事故的受害人没有过错，其体质状况对损害后果的影响不属于可以减轻侵权人责任的法定情形。

## 基本案情

荣某被王某驾驶的轿车碰擦受伤，一审法院据此确认残疾赔偿金扣减25%。

## 裁判结果

甲区法院于2013年2月8日作出（2012）甲民初字第1138号判决：一、被告保险公司于本判决生效后十日内赔偿荣某医疗费用、护理费共计45343.54元。二、被告王某于本判决生效后十日内赔偿荣某4040元。三、驳回原告荣某的其他诉讼请求。宣判后，荣某提出上诉。乙市中院于2013年6月21日作出（2013）乙民终字第497号民事判决：一、撤销甲区法院（2012）甲民初字第1138号民事判决；二、被告保险公司于本判决生效后十日内赔偿荣某52258.05元。三、驳回原告荣某的其他诉讼请求。
"""


def test_a_judgments_leftover_dismissal_is_no_lead_when_it_awards_something(fake_index, tmp_path):
    """'一审怎么判的？' of case 24 led with '驳回原告荣宝英的其他诉讼请求' (the first judgment's items read as a list
    of titles), '二审呢？' with the appeal's own leftover dismissal; what each court awarded answers."""
    engine = engine_over(fake_index, tmp_path, {"指导案例915号_荣某案.md": REST_DISMISSED_CASE,
                                               "指导案例901号_渔业合作社诉东港船舶案.md": CASE_TEXT * 3})
    first = answer_lines(engine.answer([], "指导案例915号一审怎么判的？").answer)[0]
    assert "45343.54元" in first and "驳回" not in first and not first.lstrip("…").startswith("一、"), first
    final = answer_lines(engine.answer([], "指导案例915号二审怎么判的？").answer)[0]
    assert "52258.05元" in final and "驳回" not in final, final


def test_a_passage_opening_on_an_earlier_judgments_last_items_is_that_judgments():
    """A passage cut inside the first judgment ('三、驳回…。宣判后，…提出上诉。' then the appeal): its first items are
    the judgment the appeal set aside, though its opening is in another passage."""
    texts = ["三、驳回原告荣某的其他诉讼请求。宣判后，荣某提出上诉。",
             "乙市中院于2013年6月21日作出（2013）乙民终字第497号民事判决：一、撤销甲区法院（2012）甲民初字第1138号民事判决；",
             "二、被告保险公司于本判决生效后十日内赔偿荣某52258.05元。"]
    assert roles(texts) == [Role.SET_ASIDE, Role.FINAL, Role.FINAL]
    assert roles(texts[1:]) == [Role.ONLY, Role.ONLY]  # one judgment alone
    assert roles(["经审理查明，王某驾车碰擦荣某。", *texts[1:]]) == [Role.ONLY] * 3  # facts before it are no judgment


UPHELD_CASE = """# 指导案例916号：甲公司诉乙公司等买卖合同纠纷案

## 裁判要点

关联公司人格混同，严重损害债权人利益的，关联公司相互之间对外部债务承担连带责任。

## 基本案情

乙公司拖欠甲公司货款，丙公司与乙公司人员、业务、财务混同。

## 裁判结果

甲市中级人民法院于2011年4月10日作出（2009）甲民初字第19号民事判决：一、乙公司支付甲公司货款10511710.71元及逾期付款利息；二、丙公司对乙公司的上述债务承担连带清偿责任。宣判后，丙公司提起上诉。乙省高级人民法院于2011年10月19日作出（2011）乙民二终字第107号民事判决：驳回上诉，维持原判。
"""


def test_the_first_instance_asked_in_english_is_not_the_appeal_that_upheld_it(fake_index, tmp_path):
    """'What did the first-instance court decide?' of case 15 led with 'conclusion: the appeal was dismissed and
    the judgment upheld', the appeal court's words."""
    engine = engine_over(fake_index, tmp_path, {"指导案例916号_甲公司案.md": UPHELD_CASE,
                                               "指导案例901号_渔业合作社诉东港船舶案.md": CASE_TEXT * 3})
    lead = answer_lines(engine.answer([], "What did the first-instance court decide in Guiding Case No. 916?").answer)[0]
    assert "appeal was dismissed" not in lead and "upheld" not in lead, lead
