"""Answers from statutes: an article is a unit, its lists, exceptions and penalties come with it."""

from answer_helpers import answer_lines, passage_hits
from fakes import engine_over


def _statute_answer(question: str, lines: list[str]) -> str:
    """The offline answer to a Chinese question from one article laid out as statutes are: the opening and
    each item on a line of its own."""
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    hits = passage_hits("条例.txt", "条例", [(lines[0].split()[0], [], "\n\n".join(lines))], "law")
    return compose(analyse(question, "zh"), hits).text


def test_a_listed_item_comes_with_the_sentence_that_announces_its_list():
    """'（五）法定继承人通过继承承受房屋权属' alone does not say what the list is of; the article's opening
    ('有下列情形之一的，免征契税：（一）…') does, so a chosen item brings it along."""
    answer = _statute_answer("法定继承人继承房屋，要交契税吗？", [
        "第六条 有下列情形之一的，免征契税：",
        "（一）国家机关、事业单位、社会团体、军事单位承受土地、房屋权属用于办公、教学、医疗、科研、军事设施；",
        "（二）非营利性的学校、医疗机构、社会福利机构承受土地、房屋权属用于办公、教学、医疗、科研、养老、救助；",
        "（三）承受荒山、荒地、荒滩土地使用权用于农、林、牧、渔业生产；",
        "（四）婚姻关系存续期间夫妻之间变更土地、房屋权属；",
        "（五）法定继承人通过继承承受土地、房屋权属；",
        "（六）依照法律规定应当予以免税的外国驻华使馆、领事馆和国际组织驻华代表机构承受土地、房屋权属。"])
    assert "法定继承人通过继承承受土地、房屋权属" in answer, answer
    assert "有下列情形之一的，免征契税" in answer, answer


def test_an_item_brings_its_list_opening_when_the_opening_stands_on_a_line_of_its_own():
    """'（二）申请人曾向行政机关举报而未获处理的' answers 'what else can he do' only with the article's opening
    ('…以自诉案件立案审理：'), a line of its own before the items."""
    answer = _statute_answer("申请人向行政机关举报后，行政机关不予追究责任，申请人还能怎么办？", [
        "第九条 申请人有证据证明同时具有下列情形，人民法院认为符合刑事诉讼法有关规定的，以自诉案件立案审理：",
        "（一）被申请人拒不履行仲裁裁决，侵犯了申请人的人身、财产权利，应当依法追究刑事责任的；",
        "（二）申请人曾经向行政机关举报，而行政机关对被申请人不予追究责任的。"])
    assert "以自诉案件立案审理" in answer, answer


CIVIL_CODE = """中华人民共和国民法典

第一千零七十六条　夫妻双方自愿离婚的，应当签订书面离婚协议，并亲自到婚姻登记机关申请离婚登记。离婚协议应当载明双方自愿离婚的意思表示和对子女抚养、财产以及债务处理等事项协商一致的意见。

第一千零七十七条　自婚姻登记机关收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，可以向婚姻登记机关撤回离婚登记申请。
"""


def test_an_english_answer_from_a_statute_names_it_in_english_first(fake_index, tmp_path):
    """The first line says which law and article answer ('The Civil Code (民法典), Article 1076 — …'), not
    'What the sources report'."""
    engine = engine_over(fake_index, tmp_path, {"民法典.txt": CIVIL_CODE})
    result = engine.answer([], "How can a married couple get a divorce by agreement, and can one of them change their mind?")
    assert answer_lines(result.answer)[0].startswith("The Civil Code (民法典), Article 1076 — "), result.answer
    assert "离婚协议" in result.answer


CLINIC_RULES = """# 医疗机构管理条例

第三十一条 医疗机构对危重病人应当立即抢救。对限于设备或者技术条件不能诊治的病人，应当及时转诊。

第三十二条 未经医师亲自诊查病人，医疗机构不得出具疾病诊断书、健康证明书或者死亡证明书等证明文件。

第三十三条 医疗机构施行手术、特殊检查或者特殊治疗时，必须征得患者同意，并应当取得其家属或者关系人同意并签字；无法取得患者意见时，应当取得家属或者关系人同意并签字；无法取得患者意见又无家属或者关系人在场，或者遇到其他特殊情况时，经治医师应当提出医疗处置方案，在取得医疗机构负责人或者被授权负责人员的批准后实施。

第三十四条 医疗机构发生医疗事故，按照国家有关规定处理。
"""


def test_a_rules_exception_clause_after_its_semicolon_joins_the_clause_kept_before_it():
    """A question telling the exceptional situation (no consent possible, no family present) is answered by a
    clause after the rule's '；' that carries less of the question's words than the rule; the walk stops at
    the sentence's end and never crosses into the next article."""
    from retrieval.answer.companions import continuations
    from retrieval.answer.scoring import Scored
    from retrieval.answer.units import Unit

    article = CLINIC_RULES.split("\n\n")[3]
    clauses = [c + "；" for c in article.split("；")[:-1]] + [article.split("；")[-1]] + ["第三十四条 医疗机构发生医疗事故，按照国家有关规定处理。"]
    coverages = [0.58, 0.21, 0.34, 0.4]
    scored = [Scored(unit=Unit(text=text, heading="", hit_rank=1, position=n, in_passage=True), score=c, coverage=c,
                     place=False) for n, (text, c) in enumerate(zip(clauses, coverages))]
    added = continuations([scored[0]], scored)
    assert [s.unit.text for s in added] == [clauses[2]], added
    assert "经治医师应当提出医疗处置方案" in clauses[2]
    assert continuations([scored[2]], scored) == []  # ends its sentence: nothing after it joins


def test_a_penalty_brings_the_clause_that_follows_when_its_condition_persists_or_worsens():
    """'…可以处10万元以下的罚款；拒不改正的，处10万元以上50万元以下的罚款…' and '…可以在下一年度补考；经补考仍有一门…
    不及格的，应当重新参加…': the clause right after the '；' comes with the one kept, though it repeats none of
    the asker's words; a clause after it that is no such sequel ('构成犯罪的，…') still needs its own coverage."""
    from retrieval.answer.companions import continuations
    from retrieval.answer.scoring import Scored
    from retrieval.answer.units import Unit

    def scored_clauses(texts: list[str], coverages: list[float]) -> list[Scored]:
        return [Scored(unit=Unit(text=text, heading="", hit_rank=1, position=n, in_passage=True), score=c,
                       coverage=c, place=False) for n, (text, c) in enumerate(zip(texts, coverages))]

    fine = scored_clauses(["第四十八条 高耗水工业企业用水水平超过用水定额，未在规定的期限内进行节水改造的，由水行政主管部门"
                           "责令改正，可以处10万元以下的罚款；",
                           "拒不改正的，处10万元以上50万元以下的罚款，情节严重的，吊销其取水许可证。"], [0.6, 0.0])
    assert [s.unit.text for s in continuations([fine[0]], fine)] == [fine[1].unit.text]
    exam = scored_clauses(["当年考试不及格的科目，可以在下一年度补考；",
                           "经补考仍有一门或者一门以上科目不及格的，应当重新参加全部考试科目的考试。"], [0.5, 0.1])
    assert [s.unit.text for s in continuations([exam[0]], exam)] == [exam[1].unit.text]
    other = scored_clauses(["第二十条 参加教师资格考试有作弊行为的，其考试成绩作废；", "构成犯罪的，依法追究刑事责任。"], [0.5, 0.0])
    assert continuations([other[0]], other) == []


def test_a_statute_article_is_a_unit_of_its_own():
    """A list's last short item ('（四）…其他人员。') or a short article ('第二十九条 …医德教育。') is not an
    item title for the article after it: each article is quoted, and scored, on its own."""
    from retrieval.answer.units import _sentences

    text = ("（四）法律、法规、规章规定的其他人员。第四十三条 法律援助机构应当自收到法律援助申请之日起七日内进行审查。\n"
            "第二十九条 医疗机构应当加强医德教育。第三十条 医疗机构工作人员上岗工作，必须佩带标牌。")
    units = [text for text, *_ in _sentences("", text)]
    assert "第四十三条 法律援助机构应当自收到法律援助申请之日起七日内进行审查。" in units, units
    assert "第二十九条 医疗机构应当加强医德教育。" in units, units
    assert "第三十条 医疗机构工作人员上岗工作，必须佩带标牌。" in units, units
    assert [u for u, *_ in _sentences("", "三是持续增进协作配合。建立联席会议制度。")] == \
        ["三是持续增进协作配合。建立联席会议制度。"]  # a report's bare item title still opens its content


VAT_RULES = """# 中华人民共和国增值税暂行条例

第二十一条 纳税人发生应税销售行为，应当向索取增值税专用发票的购买方开具增值税专用发票，并在增值税专用发票上分别注明销售额和销项税额。
属于下列情形之一的，不得开具增值税专用发票：
(一)应税销售行为的购买方为消费者个人的；
(二)发生应税销售行为适用免税规定的。

第二十二条 增值税纳税地点：固定业户应当向其机构所在地的主管税务机关申报纳税。
"""


def test_a_sentence_announcing_a_list_brings_its_items(fake_index, tmp_path):
    """'属于下列情形之一的，不得开具增值税专用发票：' says nothing without the items after it: they are quoted with
    it, and the lead is still made from the sentence that answers, not from the items' titles."""
    engine = engine_over(fake_index, tmp_path, {"增值税暂行条例.md": VAT_RULES})
    answer = engine.answer([], "卖场给个人消费者开了增值税专用发票，哪些情形不得开具增值税专用发票？").answer
    assert "购买方为消费者个人的" in answer and "适用免税规定的" in answer, answer
    assert "不得开具增值税专用发票" in answer.splitlines()[0], answer


TAX_LAW = ("中华人民共和国个人所得税法\n"
           "（1980年9月10日第五届全国人民代表大会第三次会议通过 根据2018年8月31日第十三届全国人民代表大会常务委员会"
           "第五次会议《关于修改〈中华人民共和国个人所得税法〉的决定》第七次修正）\n"
           "第六条 应纳税所得额的计算：\n"
           "（一）居民个人的综合所得，以每一纳税年度的收入额减除费用六万元以及专项扣除后的余额，为个人所得税的应纳税所得额。\n")


def test_a_laws_legislative_history_is_no_figure_asked_for():
    """Its dates and ordinals ('第七次修正') are not how much tax-free income is; asked when, it answers."""
    from retrieval.answer.question import analyse
    from retrieval.answer.scoring import candidates
    from retrieval.types import Hit

    hit = Hit(rank=1, score=1.0, source="个人所得税法(2018-08-31).txt", title="中华人民共和国个人所得税法", section="",
              text=TAX_LAW, passage_id="p", regions=[])
    how_much = [s.unit.text for s in candidates([hit], analyse("个人所得税起征点是多少？", "zh"))]
    assert any("六万元" in text for text in how_much) and not any("修正" in text for text in how_much), how_much
    when = [s.unit.text for s in candidates([hit], analyse("个人所得税法第七次修正是什么时候？", "zh"))]
    assert any("第七次修正" in text for text in when), when


UNEMPLOYMENT = ("失业保险条例\n第十七条 失业人员失业前所在单位和本人按照规定累计缴费时间满1年不足5年的，领取失业保险金的期限最长为"
                "12个月；累计缴费时间满5年不足10年的，领取失业保险金的期限最长为18个月；累计缴费时间10年以上的，领取失业保险金"
                "的期限最长为24个月。\n第十八条 失业保险金的标准，按照低于当地最低工资标准的水平，由省级人民政府确定。\n")


def test_an_article_the_question_cites_is_quoted_whole_in_either_language(fake_index, tmp_path):
    """'第十七条怎么规定的？' / 'What does Article 17 … say?' asks the article, every tier of it, not its first clause."""
    from fakes import engine_over
    from retrieval.answer.question import analyse

    english = analyse("What does Article 17 of the Unemployment Insurance Regulations say?", "en")
    assert english.articles == ["第十七条", "第17条"] and (["第十七条", "第17条"], english.topic[0][1]) in english.topic
    engine = engine_over(fake_index, tmp_path, {"失业保险条例(1999-01-22).txt": UNEMPLOYMENT})
    for question in ("失业保险条例第十七条怎么规定的？", "What does Article 17 of the Unemployment Insurance Regulations say?"):
        answer = engine.answer([], question).answer
        assert all(tier in answer for tier in ("12个月", "18个月", "24个月")), answer
        assert "第十八条" not in answer, answer


def test_a_clipped_lead_keeps_the_conditions_its_penalty_stands_under():
    """'…责令限期办理；处1万元以上5万元以下的罚款' reads as a fine due at once: the lead keeps '逾期不办理的', and
    clauses that follow each other in the text keep the punctuation between them."""
    answer = _statute_answer("单位不办理住房公积金缴存登记的，怎么处罚？", [
        "第三十七条 违反本条例的规定，单位不办理住房公积金缴存登记或者不为本单位职工办理住房公积金账户设立手续的，"
        "由住房公积金管理中心责令限期办理；逾期不办理的，处1万元以上5万元以下的罚款。"])
    lead = answer.splitlines()[0]
    assert "逾期不办理的，处1万元以上5万元以下的罚款" in lead, lead


def test_a_lead_adds_no_penalty_of_an_article_whose_items_it_does_not_quote():
    """Asked what tampering with indoor gas fittings costs, the items quoted are another article's: the fine
    of 第五十条 (for building over pipelines) is not theirs, and a first line giving it would mislead."""
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    text = "\n\n".join([
        "第二十八条 燃气用户及相关单位和个人不得有下列行为：",
        "（一）擅自操作公用燃气阀门；", "（二）将燃气管道作为负重支架或者接地引线；",
        "（三）安装、使用不符合气源要求的燃气燃烧器具；", "（四）擅自安装、改装、拆除户内燃气设施和燃气计量装置；",
        "第五十条 违反本条例规定，在燃气设施保护范围内从事下列活动之一的，由燃气管理部门责令停止违法行为，限期恢复原状或者"
        "采取其他补救措施，对单位处5万元以上10万元以下罚款，对个人处5000元以上5万元以下罚款；",
        "（一）进行爆破、取土等作业或者动用明火的；", "（二）倾倒、排放腐蚀性物质的；"])
    hits = passage_hits("城镇燃气管理条例.txt", "城镇燃气管理条例", [("第二十八条", [], text)], "gas")
    lead = compose(analyse("个人擅自改装户内燃气设施的，如何处罚？", "zh"), hits).text.splitlines()[0]
    assert "5万元以上10万元以下" not in lead, lead


def test_a_law_the_collection_does_not_hold_is_said_to_be_missing_first(fake_index, tmp_path):
    """Asked what the Criminal Procedure Law or the Civil Code says, with neither in the collection, the answer
    quoted another law's closest articles as if they answered; it says first that the law is not held."""
    from retrieval.answer.phrases import NOT_HELD_LAW, NOT_HELD_LAW_ONLY

    engine = engine_over(fake_index, tmp_path, {"医疗机构管理条例.md": CLINIC_RULES})
    lines = answer_lines(engine.answer([], "刑事诉讼法规定，病人被拘留后多久应当通知家属？").answer)
    assert lines[0] in (NOT_HELD_LAW["zh"].format(law="刑事诉讼法"), NOT_HELD_LAW_ONLY["zh"].format(law="刑事诉讼法"))
    english = answer_lines(engine.answer([], "What does the Civil Code say about critically ill patients?").answer)
    assert english[0].startswith("The collection does not hold the Civil Code (民法典)"), english
    owned = answer_lines(engine.answer([], "What does China's Data Security Law require from hospitals?").answer)
    assert owned[0].startswith("The collection does not hold the Data Security Law (数据安全法)"), owned
    held = answer_lines(engine.answer([], "医疗机构管理条例对危重病人有什么规定？").answer)
    assert "收录的资料中没有" not in held[0] and "立即抢救" in "\n".join(held), held
    # a title jieba's search mode splits ('法律援助法是…' -> 法律援助, 法是) is named too, where a title begins
    for asked in ("法律援助法是哪一年开始施行的？", "请问根据法律援助法，医院要给危重病人提供法律援助吗？"):
        first = answer_lines(engine.answer([], asked).answer)[0]
        assert first in (NOT_HELD_LAW["zh"].format(law="法律援助法"), NOT_HELD_LAW_ONLY["zh"].format(law="法律援助法")), first
    story = answer_lines(engine.answer([], "病人家属算不算医疗机构管理条例上的关系人？").answer)[0]  # no title begins there
    assert "收录的资料中没有" not in story, story


ONLINE_SHOPPING = """# 最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）

第十五条 网络直播营销平台经营者对依法需取得食品经营许可的网络直播间的食品经营资质未尽到法定审核义务，使消费者的合法权益受到损害，消费者依据食品安全法第一百三十一条等规定主张网络直播营销平台经营者与直播间运营者承担连带责任的，人民法院应予支持。
"""


def test_a_law_the_collection_does_not_hold_is_missing_though_another_statute_cites_it(fake_index, tmp_path):
    """Asked what 食品安全法 says of unsafe food, the answer quoted an online-shopping interpretation that cites
    its article 131 as if it were the law: another statute citing a law says what that statute provides."""
    from retrieval.answer.phrases import NOT_HELD_LAW, NOT_HELD_LAW_ONLY

    engine = engine_over(fake_index, tmp_path, {"网络消费规定.md": ONLINE_SHOPPING})
    lines = answer_lines(engine.answer([], "食品安全法规定，直播间经营食品没有许可，平台要承担什么责任？").answer)
    assert lines[0] in (NOT_HELD_LAW["zh"].format(law="食品安全法"), NOT_HELD_LAW_ONLY["zh"].format(law="食品安全法")), lines


SANCTIONS_LAW = """# 中华人民共和国反外国制裁法

第四条 国务院有关部门可以决定将直接或者间接参与制定、决定、实施本法第三条规定的歧视性限制措施的个人、组织列入反制清单。

第六条 国务院有关部门可以按照各自职责和任务分工，对本法第四条、第五条规定的个人、组织，根据实际情况决定采取下列一种或者几种措施：
（一）不予签发签证、不准入境、注销签证或者驱逐出境；
（二）查封、扣押、冻结在我国境内的动产、不动产和其他各类财产；
（三）其他必要措施。
"""


def test_a_held_law_named_by_a_question_whose_other_words_it_lacks_gives_its_closest_articles(fake_index, tmp_path):
    """'What does the Anti-Foreign Sanctions Law allow the government to do?' was refused outright: the law says
    国务院有关部门可以决定…, no 政府 nor 允许. The law named is the subject; its closest articles are quoted."""
    from retrieval.answer.phrases import CLOSEST, NOT_FOUND

    engine = engine_over(fake_index, tmp_path, {"反外国制裁法.md": SANCTIONS_LAW, "医疗机构管理条例.md": CLINIC_RULES})
    for question, language in (("What does the Anti-Foreign Sanctions Law allow the government to do?", "en"),
                               ("反外国制裁法允许政府做什么？", "zh")):
        lines = answer_lines(engine.answer([], question).answer)
        assert lines[0] == NOT_FOUND[language], lines
        assert lines[1] == CLOSEST[language].format(title="中华人民共和国反外国制裁法"), lines
        assert "国务院有关部门" in lines[2] and not lines[2].startswith("- （"), lines


SLUDGE_CASE = """# 指导案例139号：上海某建材公司诉上海市金山区环境保护局环境行政处罚案

## 基本案情
原告不服被告行政处罚提起行政诉讼，诉称：被告以其厂区堆放污泥的臭气浓度超标适用《中华人民共和国大气污染防治法》进行处罚不当，应当适用《中华人民共和国固体废物污染环境防治法》处罚，请求予以撤销。
被告认定原告厂界臭气浓度超出排放限值，依据大气污染防治法第九十九条的规定，决定对原告罚款25万元。

## 裁判结果
法院判决驳回原告的诉讼请求。
"""


POWER_RULES = """# 电力供应与使用条例

第二十九条 供用电合同应当具备以下条款：（一）供电方式、供电质量和供电时间；（二）用电容量和用电地址、用电性质；（三）计量方式和电价、电费结算方式；（四）合同的有效期限。

第三十一条 禁止窃电行为。窃电行为包括：（一）在供电企业的供电设施上，擅自接线用电；（二）绕越供电企业的用电计量装置用电；（三）采用其他方法窃电。

第四十一条 违反本条例第三十一条规定，盗窃电能的，由电力管理部门责令停止违法行为，追缴电费并处应交电费5倍以下的罚款。
"""

LIVESTOCK_LAW = """# 中华人民共和国畜牧法

第三十九条 畜禽养殖场应当具备下列条件：

（一）有与其饲养规模相适应的生产场所和配套的生产设施；

（二）有为其服务的畜牧兽医技术人员；

（三）法律、行政法规规定的其他条件。

畜禽养殖场兴办者应当将畜禽养殖场的名称、养殖地址、畜禽品种和养殖规模，向县级人民政府农业农村主管部门备案。
"""


def test_everyday_words_reach_the_article_and_items_of_two_articles_are_no_one_list(fake_index, tmp_path):
    """'偷电的怎么处理？' had been refused (the law says 窃电), then led with '采用其他方法窃电；供电方式、供电质量…',
    items of two articles joined as if one list."""
    engine = engine_over(fake_index, tmp_path, {"电力供应与使用条例.md": POWER_RULES})
    first = answer_lines(engine.answer([], "偷电的怎么处理？").answer)[0]
    assert "5倍以下的罚款" in first and "供电方式" not in first, first


def test_a_lists_last_item_is_not_the_heading_of_the_next_clause():
    """'（三）法律、行政法规规定的其他条件。' after items ending in '；' ends the list; the clause after it (备案) is
    a sentence of its own, not that item's content."""
    from answer_helpers import passage_hits
    from retrieval.answer.units import units_of

    hit = passage_hits("畜牧法.md", "中华人民共和国畜牧法", [("", [], LIVESTOCK_LAW.split("\n", 2)[2])], "p")[0]
    texts = [unit.text for unit in units_of(hit)]
    assert "（三）法律、行政法规规定的其他条件。" in texts, texts
    assert any(text.startswith("畜禽养殖场兴办者应当") for text in texts), texts


TEACHER_RULES = """第十八条 依照教师法第十四条的规定丧失教师资格的，不能重新取得教师资格。

第十九条 有下列情形之一的，由县级以上人民政府教育行政部门撤销其教师资格：

（一）弄虚作假、骗取教师资格的；

（二）品行不良、侮辱学生，影响恶劣的。

被撤销教师资格的，自撤销之日起5年内不得重新申请认定教师资格。

第二十条 参加教师资格考试有作弊行为的，其考试成绩作废，3年内不得再次参加教师资格考试。"""


def test_a_clause_after_a_list_comes_with_the_articles_opening_and_the_item_asked_of():
    """'…辱骂学生…被撤销了教师资格，以后还能再申请吗？' is answered by the clause after 第十九条's list (5年内不得重新
    申请); what it is a consequence of, the opening and the item the story matches, had been left out."""
    from answer_helpers import passage_hits
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    hits = passage_hits("教师资格条例.txt", "教师资格条例", [("第六章 罚则", [], TEACHER_RULES)], "t")
    answer = compose(analyse("老师侮辱学生影响恶劣被撤销教师资格，以后多久能重新申请认定教师资格？", "zh"), hits).text
    assert "5年内不得重新申请认定教师资格" in answer, answer
    assert "第十九条 有下列情形之一的" in answer and "品行不良、侮辱学生" in answer, answer
    listed = compose(analyse("撤销教师资格有哪些情形？", "zh"), hits).text.splitlines()[0]
    assert "：；" not in listed and "5年内" in listed, listed  # an opening ending in '：' joined to a figure had read '：；'


def test_a_regulation_or_interpretation_named_by_its_law_is_held():
    """'文物保护法实施条例第十三条是什么？' over the implementing regulation had been answered 'the collection does not hold
    《文物保护法》' (the law's name inside the regulation's); the law itself asked for is still missing."""
    from retrieval.answer.question import analyse
    from retrieval.answer.held import unheld_laws

    held = "中华人民共和国文物保护法实施条例\n最高人民法院关于适用《中华人民共和国人民陪审员法》若干问题的解释"
    assert unheld_laws(analyse("文物保护法实施条例第十三条是什么？", "zh"), held) == []
    assert unheld_laws(analyse("人民陪审员法的解释第十三条怎么说的？", "zh"), held) == []
    assert unheld_laws(analyse("文物保护法第二十条怎么规定？", "zh"), held) == ["文物保护法"]
    # '…法规定' says what the law provides, whatever interpretation of it the collection holds
    rules = held + "\n最高人民法院关于审理破坏森林资源案件适用《中华人民共和国森林法》的若干规定"
    assert unheld_laws(analyse("森林法规定砍树要办什么手续？", "zh"), rules) == ["森林法"]


def test_a_law_a_case_applies_is_not_said_to_be_missing(fake_index, tmp_path):
    """A case collection holds no Air Pollution Prevention Law as a document, but its case applying it answers a
    question naming it: the answer had opened 'The collection does not hold the Air Pollution Prevention Law'."""
    engine = engine_over(fake_index, tmp_path, {"指导案例139号_污泥案.md": SLUDGE_CASE, "医疗机构管理条例.md": CLINIC_RULES})
    question = ("A company's sludge gave off odour above the standard and was fined under the Air Pollution Prevention "
                "Law. The company says the Solid Waste Pollution Law should apply. Who is right?")
    lines = answer_lines(engine.answer([], question).answer)
    assert not lines[0].startswith("The collection does not hold") and "139" in lines[0], lines


def test_an_interpretation_of_a_law_does_not_hold_the_law_and_reporting_is_no_report():
    """'公司法第二十条' was answered with article 20 of an interpretation of the Company Law as if it were the law's;
    '未按规定报告职业病怎么处罚？' got a work-report template (背景、主要做法…) because it says 报告."""
    from retrieval.answer.question import Kind, analyse, classify
    from retrieval.answer.held import unheld_laws

    held = "中华人民共和国刑法修正案(九)\n最高人民法院关于适用《中华人民共和国公司法》若干问题的规定(三)"
    assert unheld_laws(analyse("公司法第二十条怎么规定的？", "zh"), held) == ["公司法"]
    assert unheld_laws(analyse("刑法第一百三十四条怎么规定的？", "zh"), held) == []  # its amendments are held
    assert unheld_laws(analyse("算不算刑法上的犯罪？", "zh"), "") == []  # 刑法 alone is said of too much
    assert classify("用人单位未按规定报告职业病怎么处罚？", []) != Kind.DOCUMENT
    assert classify("What is the penalty for failing to report an occupational disease case?", []) != Kind.DOCUMENT
    assert classify("重庆的整改报告讲了什么？", []) == Kind.DOCUMENT
    # what a law requires of a report (its contents, its deadline) is a question of the rule, not a summary
    assert classify("事故报告应当包括哪些内容？", []) != Kind.DOCUMENT
    assert classify("生产安全事故调查报告要在多长时间内提交？", []) != Kind.DOCUMENT
    # when a report is due ('企业年度报告什么时候报送？' had got the law's summary, article by article)
    assert classify("企业年度报告什么时候报送？", []) != Kind.DOCUMENT
    assert classify("When must a company file its annual report?", []) != Kind.DOCUMENT


def test_a_lead_never_borrows_a_later_sentence_of_another_article():
    """'…7日内报社会保险经办机构备案；但是最长不得超过24个月': the lead of 第十六条 took a figure from 第十七条's
    second sentence, a rule the law does not have."""
    answer = _statute_answer("单位几天内要把失业人员名单报备？", [
        "第十六条 城镇企业事业单位应当及时为失业人员出具终止或者解除劳动关系的证明，并将失业人员的名单自终止或者解除劳动关系之日起7日内报社会保险经办机构备案。",
        "第十七条 失业人员失业前所在单位和本人按照规定累计缴费时间满1年不足5年的，领取失业保险金的期限最长为12个月。"
        "重新就业后，再次失业的，领取失业保险金的期限可以与前次失业应领取而尚未领取的失业保险金的期限合并计算，但是最长不得超过24个月。"])
    lead = answer.splitlines()[0]
    assert "7日内" in lead and "24个月" not in lead, lead


def test_asked_what_a_list_holds_the_whole_list_is_quoted():
    """'担任检察官必须具备哪些条件？' stopped at the fifth of seven conditions."""
    items = ["（一）具有中华人民共和国国籍；", "（二）拥护中华人民共和国宪法；", "（三）具有良好的政治、业务素质和道德品行；",
             "（四）具有正常履行职责的身体条件；", "（五）具备普通高等学校法学类本科学历并获得学士及以上学位；",
             "（六）从事法律工作满五年；", "（七）初任检察官应当通过国家统一法律职业资格考试取得法律职业资格。"]
    answer = _statute_answer("担任检察官必须具备哪些条件？", ["第十二条 担任检察官必须具备下列条件：", *items])
    assert all(item.split("）")[1][:8] in answer for item in items), answer


OCCUPATIONAL = """中华人民共和国职业病防治法

第五十条 用人单位和医疗卫生机构发现职业病病人或者疑似职业病病人时，应当及时向所在地卫生行政部门报告。

第七十三条 向用人单位提供可能产生职业病危害的设备、材料，未按照规定提供中文说明书或者设置警示标识和中文警示说明的，由卫生行政部门责令限期改正，给予警告，并处五万元以上二十万元以下的罚款。

第七十四条 用人单位和医疗卫生机构未按照规定报告职业病、疑似职业病的，由有关主管部门依据职责分工责令限期改正，给予警告，可以并处一万元以下的罚款；弄虚作假的，并处二万元以上五万元以下的罚款。
"""


def test_failing_to_report_in_everyday_words_is_the_reporting_articles_fine(fake_index, tmp_path):
    """'公司没报告职业病要罚多少' was refused ('要罚' weighed as a rare word) and '…未按照规定报告职业病怎么处罚' led
    with a supplier's fine: 报告, generic as a report, is the duty asked about here."""
    engine = engine_over(fake_index, tmp_path, {"职业病防治法.txt": OCCUPATIONAL})
    for question in ("公司没报告职业病要罚多少", "用人单位未按照规定报告职业病怎么处罚"):
        first = answer_lines(engine.answer([], question).answer)[0]
        assert first.startswith("第七十四条") and "一万元以下" in first, (question, first)


def test_a_statute_is_named_in_english_by_its_enactment_phrasing():
    """反不正当竞争法 had been 'The Unfair Competition' (its glossary row's first phrasing, 不正当竞争's)."""
    from retrieval.answer.articles import law_in_english

    assert law_in_english("反不正当竞争法") == "Anti-Unfair Competition Law (反不正当竞争法)"
    assert law_in_english("中华人民共和国刑法") == "Criminal Law (刑法)"
    # a major national law by its usual English name, in title case ("People'S" and 'Law On The' had been .title()'s)
    assert law_in_english("中华人民共和国外商投资法") == "Foreign Investment Law (外商投资法)"
    assert law_in_english("人民陪审员法") == "People's Assessors Law (人民陪审员法)"
    assert law_in_english("国籍法的某个不存在的名字") == "国籍法的某个不存在的名字"  # no English name: its Chinese title


def test_names_are_title_cased_as_an_english_reader_writes_them():
    from retrieval.answer.english_figures import titled

    assert titled("law on the protection of minors") == "Law on the Protection of Minors"
    assert titled("anti-unfair competition law") == "Anti-Unfair Competition Law"
    assert titled("xi'an") == "Xi'an"


SNATCHING = """最高人民法院、最高人民检察院关于办理抢夺刑事案件适用法律若干问题的解释

第一条　抢夺公私财物价值一千元至三千元以上、三万元至八万元以上、二十万元至四十万元以上的，应当分别认定为刑法第二百六十七条规定的“数额较大”“数额巨大”“数额特别巨大”。

第二条　抢夺公私财物，具有下列情形之一的，“数额较大”的标准按照前条规定标准的百分之五十确定：（一）曾因抢劫、抢夺或者聚众哄抢受过刑事处罚的；（二）一年内曾因抢夺或者哄抢受过行政处罚的。
"""


def test_a_crime_no_passage_mentions_is_said_first_not_answered_by_another_crimes_thresholds(fake_index, tmp_path):
    """'盗窃…多少钱算数额较大？' of a collection holding only the snatching interpretation had been answered with
    抢夺's thresholds as if they were theft's; the answer now says first that theft is in no passage."""
    from retrieval.answer.phrases import NOT_IN_COLLECTION
    from retrieval.eval.answers import is_refusal

    engine = engine_over(fake_index, tmp_path, {"抢夺解释.txt": SNATCHING, "民法典.txt": CIVIL_CODE})
    answer = engine.answer([], "盗窃公私财物多少钱算数额较大？").answer
    lines = answer_lines(answer)
    assert lines[0] == NOT_IN_COLLECTION["zh"].format(term="盗窃") and is_refusal(answer, "zh"), answer
    assert any("一千元至三千元以上" in line for line in lines[1:]), answer  # the closest, quoted as such
    held = answer_lines(engine.answer([], "抢夺公私财物多少钱算数额较大？").answer)
    assert "一千元至三千元以上" in held[0], held


def test_an_item_leads_with_the_opening_that_says_what_its_list_is_of():
    """'饮酒后驾驶机动车的；（二）造成…逃逸…' had led the answer to '一次记几分？': the points (一次记12分) are in the
    article's opening, quoted only below."""
    answer = _statute_answer("酒后驾驶机动车一次记几分？", [
        "第八条 机动车驾驶人有下列交通违法行为之一，一次记12分：",
        "（一）饮酒后驾驶机动车的；（二）造成致人轻伤以上或者死亡的交通事故后逃逸，尚不构成犯罪的；",
        "（三）使用伪造、变造的机动车号牌、行驶证、驾驶证、校车标牌的；",
        "（四）驾驶校车、公路客运汽车严重超载的。"])
    first = answer_lines(answer)[0]
    assert first.startswith("第八条") and "一次记12分：饮酒后驾驶机动车的" in first, answer
    assert "逃逸" not in first, answer  # the item asked about, not its neighbour


REWARDS = """公民举报危害国家安全行为奖励办法

第一章　总则

第一条　为了鼓励公民举报危害国家安全行为，制定本办法。

第二章　奖励条件、方式和标准

第十二条　以发放奖金方式进行奖励的，具体标准如下：（一）作出一定贡献的，给予人民币1万元以下奖励；（二）作出重要贡献的，给予人民币1万元至3万元奖励。
"""


def test_report_the_verb_asks_a_question_and_a_summary_shows_no_empty_heading(fake_index, tmp_path):
    """'How do I report someone…?' had been answered as a summary of the document ('report' the noun), under
    headings with nothing beneath them ('Background:', 'Open problems:')."""
    from retrieval.answer.cues import DOCUMENT

    assert not DOCUMENT.search("How do I report someone endangering national security?")
    assert not DOCUMENT.search("Can I report it anonymously?")
    assert DOCUMENT.search("What does the report say about hearings?")
    engine = engine_over(fake_index, tmp_path, {"奖励办法.txt": REWARDS})
    answer = engine.answer([], "How do I report someone endangering national security and can I get a reward?").answer
    assert not answer.startswith("The document") and "Background:" not in answer, answer
    from retrieval.answer.document import section_lines
    from retrieval.summaries.report import NOT_COVERED

    none = NOT_COVERED["en"]
    sections = [("Background", [none]), ("Measures", ["- 第四条 公民可以通过下列方式举报 [1]"]), ("Open problems", [none])]
    assert section_lines(sections, none, "en") == (["- 第四条 公民可以通过下列方式举报 [1]"], [])
    sections[2] = ("Next steps", ["- 第十三条 启动奖励程序 [2]"])
    lines, heads = section_lines(sections, none, "en")
    assert lines[0] == "Measures:" and "Background:" not in lines and heads == ["Measures", "Next steps"], lines


LABOUR = """中华人民共和国劳动合同法

第十九条　劳动合同期限三个月以上不满一年的，试用期不得超过一个月；劳动合同期限一年以上不满三年的，试用期不得超过二个月；三年以上固定期限和无固定期限的劳动合同，试用期不得超过六个月。

同一用人单位与同一劳动者只能约定一次试用期。

第七十条　非全日制用工双方当事人不得约定试用期。

第七十二条　非全日制用工劳动报酬结算支付周期最长不得超过十五日。
"""


def test_how_long_at_most_is_answered_by_a_limit_on_what_is_asked(fake_index, tmp_path):
    """'试用期最长能约定多久？' had led with '…支付周期最长不得超过十五日' (最长 taken for its topic) and then with
    '不得约定试用期' (its words, no limit): the limits on the probation period answer."""
    from retrieval.answer.extractive import asked_of

    assert [group[0] for group, _ in asked_of("试用期最长能约定多久？", "zh").topic] == ["试用期", "约定"]
    answer = _statute_answer("试用期最长能约定多久？", [
        "第十九条 劳动合同期限三个月以上不满一年的，试用期不得超过一个月；劳动合同期限一年以上不满三年的，试用期不得超过二个月。",
        "同一用人单位与同一劳动者只能约定一次试用期。"])
    assert "试用期不得超过" in answer_lines(answer)[0], answer
    engine = engine_over(fake_index, tmp_path, {"劳动合同法.txt": LABOUR, "民法典.txt": CIVIL_CODE})
    first = answer_lines(engine.answer([], "试用期最长能约定多久？").answer)[0]
    assert first.startswith("第十九条") and "试用期不得超过" in first, first


def test_an_english_lead_names_a_statute_without_an_english_name_by_its_kind_and_title(fake_index, tmp_path):
    """'Article 12 of the law quoted' said nothing of which law: a regulation the glossary has no English name
    for is 'The measures (公民举报危害国家安全行为奖励办法)', its title in Chinese, its kind in English."""
    from retrieval.answer.english import statutes_in_english

    assert statutes_in_english(["征信业管理条例"]) == "The regulation (征信业管理条例)"
    assert statutes_in_english(["征信业管理条例", "公民举报危害国家安全行为奖励办法"]) == ""  # two: neither named
    engine = engine_over(fake_index, tmp_path, {"奖励办法.txt": REWARDS})
    first = answer_lines(engine.answer([], "How much is the reward for an important contribution to stopping acts "
                                           "endangering national security?").answer)[0]
    assert first.startswith("The measures (公民举报危害国家安全行为奖励办法), Article"), first


def test_a_tier_above_is_not_the_tier_asked_and_an_item_leads_with_its_own_lists_opening():
    """'情节特别严重' had counted as saying 情节严重 (both its words), and an item of the 情节特别严重 list had led under the
    情节严重 opening before it: the item's list is opened in the unit just before it, after an earlier list's last item."""
    from retrieval.answer.question import _says

    assert not _says("情节严重", "属于刑法第二百一十三条规定的“情节特别严重”")
    assert _says("情节严重", "属于刑法第二百一十三条规定的“情节严重”") and _says("挂案清理", "清理“挂案”")
    from retrieval.answer.lead import _list_opening
    from retrieval.answer.scoring import Scored
    from retrieval.answer.units import Unit

    def unit(position: int, text: str) -> Scored:
        return Scored(unit=Unit(text=text, heading="", hit_rank=1, position=position, in_passage=True, article="一"),
                      score=1.0, coverage=1.0, place=False)

    chosen = [unit(0, "第一条 未经注册商标所有人许可…具有下列情形之一的，属于刑法第二百一十三条规定的“情节严重”："),
              unit(3, "（三）其他情节严重的情形。具有下列情形之一的，属于刑法第二百一十三条规定的“情节特别严重”："),
              unit(4, "（一）假冒两种以上注册商标，非法经营数额在十五万元以上的；")]
    assert _list_opening(chosen[2], chosen) == "具有下列情形之一的，属于刑法第二百一十三条规定的“情节特别严重”："


def test_a_place_in_a_question_about_a_national_law_is_the_askers_story_not_a_filter(fake_index, tmp_path):
    """'在上海…' / '…living in Shanghai…' of a law that names no place had been refused ('nothing about Shanghai'): a
    national law applies there as anywhere."""
    from retrieval.answer.phrases import NOT_FOUND_PLACE

    engine = engine_over(fake_index, tmp_path, {"民法典.txt": CIVIL_CODE})
    for question, language in (("上海的夫妻双方自愿离婚，应当怎么办？", "zh"),
                               ("A couple living in Shanghai want a divorce by agreement. What must they do?", "en")):
        answer = engine.answer([], question).answer
        assert NOT_FOUND_PLACE[language].format(place="上海" if language == "zh" else "Shanghai") not in answer, answer
        assert "离婚协议" in answer, answer


def test_how_many_asked_without_a_figure_anywhere_keeps_the_sentences_that_carry_the_question():
    """'How many children may a couple have?': no sentence had a figure in digits, so the answer was swapped for
    the women's-rights law that search ranked first, on guardianship of minors; the law on the question stays."""
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    women = passage_hits("妇女权益保障法.txt", "中华人民共和国妇女权益保障法", [
        ("第七章", [], "第七十条 父母双方对未成年子女享有平等的监护权。"),
        ("第四章", [], "第三十六条 父母或者其他监护人应当履行保障适龄女性未成年人接受并完成义务教育的义务。")], "w")
    family = passage_hits("人口与计划生育法.txt", "中华人民共和国人口与计划生育法", [
        ("第三章", [], "第十八条 国家提倡适龄婚育、优生优育。一对夫妻可以生育三个子女。")], "p")
    hits = [*women, family[0].model_copy(update={"rank": 3})]
    lead = compose(analyse("How many children may a couple have?", "en"), hits).text.splitlines()[0]
    assert "人口与计划生育法" in lead, lead


def test_a_question_about_something_not_done_is_answered_by_the_rule_saying_it_negated():
    """'执行和解后对方不履行怎么办？' led with '执行和解协议履行完毕的，人民法院作执行结案处理' (履行 said plainly, the case where
    all went well); the rule for the breach says it negated ('被执行人一方不履行执行和解协议的，…可以申请恢复执行')."""
    from answer_helpers import passage_hits
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    hits = passage_hits("执行和解规定.txt", "最高人民法院关于执行和解若干问题的规定", [
        ("第一章", [], "第八条 执行和解协议履行完毕的，人民法院作执行结案处理。"),
        ("第一章", [], "第九条 被执行人一方不履行执行和解协议的，申请执行人可以申请恢复执行原生效法律文书。")], "zx")
    asked = analyse("执行和解后对方不履行怎么办？", "zh")
    assert asked.negated_terms and "履行" in asked.negated_terms, asked.topic
    lead = compose(asked, hits).text.splitlines()[0]
    assert "不履行执行和解协议" in lead, lead
    assert not analyse("不动产登记怎么办理？", "zh").negated_terms  # 不 inside a word negates nothing


def test_general_words_of_biosecurity_and_computer_intrusion_reach_the_statutes_words():
    """'What does the Biosecurity Law say about pathogen labs?' was answered from the infectious-disease rules
    (biosecurity and labs had no Chinese); 'hacking' reached only the charges' names in a list of crimes, not
    the interpretation's '侵入、非法控制计算机信息系统'."""
    from retrieval.search.crosslingual import translate_question

    terms = {t for group in translate_question("What does the Biosecurity Law say about pathogen labs?").groups for t in group}
    assert {"生物安全法", "实验室"} <= terms, terms
    hacking = {t for group in translate_question("What counts as hacking a computer system?").groups for t in group}
    assert "侵入计算机信息系统" in hacking, hacking


def test_asked_how_a_quoted_term_is_judged_the_article_defining_it_leads():
    """'编造虚假恐怖信息严重扰乱社会秩序怎么认定？' led with 第四条 (its cases of '造成严重后果', which repeats the asked
    words as its condition); 第二条 defines the asked '严重扰乱社会秩序' in quotes."""
    from answer_helpers import passage_hits
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    hits = passage_hits("恐怖信息解释.txt", "最高人民法院关于审理编造、故意传播虚假恐怖信息刑事案件适用法律若干问题的解释", [
        ("第四条", [], "第四条 编造、故意传播虚假恐怖信息，严重扰乱社会秩序，具有下列情形之一的，应当认定为刑法第二百九十一条之一的"
                      "“造成严重后果”，处五年以上有期徒刑：\n（一）造成三人以上轻伤或者一人以上重伤的；"),
        ("第二条", [], "第二条 编造、故意传播虚假恐怖信息，具有下列情形之一的，应当认定为刑法第二百九十一条之一的“严重扰乱社会秩序”："
                      "\n（一）影响航空器、列车、船舶等大型客运交通工具正常运行的；")], "kb")
    lead = compose(analyse("编造虚假恐怖信息严重扰乱社会秩序怎么认定？", "zh"), hits).text.splitlines()[0]
    assert lead.startswith("第二条"), lead


def test_general_words_of_payments_and_anti_money_laundering_reach_the_regulations_words():
    """'Which body supervises non-bank payment institutions?' was answered from the state-owned assets
    regulation (payment institutions had no Chinese); the People's Bank of China is an authority that acts."""
    from retrieval.answer.traits import NAMES_AGENCY
    from retrieval.search.crosslingual import translate_question

    def terms(question: str) -> set[str]:
        return {t for group in translate_question(question).groups for t in group}

    assert "非银行支付机构" in terms("Which body supervises non-bank payment institutions?")
    assert {"受益所有人", "客户尽职调查"} <= terms("What about beneficial owners and customer due diligence?")
    assert "中国人民银行" in terms("What does the PBOC do?")
    assert NAMES_AGENCY.search("中国人民银行负责非银行支付机构的监督管理")


def test_asked_how_long_a_term_is_the_sentence_giving_its_value_leads():
    """'驾驶证记分周期是多长？' led with 第二十六条 (what happens when no 记分周期 reaches 12 points; it names 驾驶证 too)
    and never quoted '记分周期为12个月'; '多长' and '第几条' were topic words no answer says."""
    from retrieval.answer.question import analyse

    answer = _statute_answer("驾驶证记分周期是多长？", [
        "第二十六条 机动车驾驶人在机动车驾驶证的6年有效期内，每个记分周期均未达到12分的，换发10年有效期的机动车驾驶证。",
        "第二十三条 公安机关交通管理部门对机动车驾驶人的道路交通安全违法行为除给予行政处罚外，实行累积记分制度，记分周期为12个月。"])
    assert "记分周期为12个月" in answer.splitlines()[0], answer
    topic = {term for group, _ in analyse("关税法第几条规定了纳税期限多长？", "zh").topic for term in group}
    assert not {"第几条", "多长"} & topic, topic
    assert not analyse("最高额抵押的效力及于旧债吗？", "zh").value_terms  # 最高额 is a kind of mortgage, not 'at most'


def test_asked_into_what_kinds_a_thing_is_divided_the_dividing_sentence_leads_not_other_passages_items():
    """'放射性废物分为哪几类？' led with '有相应数额的注册资金；有法人资格', items of two licences' conditions in other
    passages; the answer is the sentence naming the kinds ('分为高水平…、中水平…和低水平…')."""
    from answer_helpers import passage_hits
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    hits = passage_hits("放射性废物安全管理条例.txt", "放射性废物安全管理条例", [
        ("第一章 总则", [], "第六条 国家对放射性废物实行分类管理。\n根据放射性废物的特性及其对人体健康和环境的潜在危害程度，"
                          "将放射性废物分为高水平放射性废物、中水平放射性废物和低水平放射性废物。"),
        ("第三章", [], "第十二条 专门从事放射性固体废物贮存活动的单位，应当符合下列条件：\n（一）有法人资格；\n"
                     "（二）有能保证贮存设施安全运行的组织机构和3名以上放射性废物管理、辐射防护方面的专业技术人员；"),
        ("第四章", [], "第二十三条 从事放射性固体废物处置活动的单位，应当具备下列条件：\n（一）有国有或者国有控股的企业法人资格；\n"
                     "（二）有相应数额的注册资金。低、中水平放射性固体废物处置单位的注册资金应不少于3000万元；")], "fs")
    lead = compose(analyse("放射性废物分为哪几类？", "zh"), hits).text.splitlines()[0]
    assert "分为高水平放射性废物" in lead, lead
    from retrieval.answer.scoring import _DIVIDED  # kinds named one by one divide as '分为四级' does
    assert _DIVIDED.search("将放射性废物分为高水平放射性废物、中水平放射性废物和低水平放射性废物")


LEAVE_ARTICLES = ["第二条 机关、团体、企业、事业单位等单位的职工连续工作1年以上的，享受带薪年休假(以下简称年休假)。",
                  "第三条 职工累计工作已满1年不满10年的，年休假5天；已满10年不满20年的，年休假10天；已满20年的，年休假15天。",
                  "第四条 职工有下列情形之一的，不享受当年的年休假：（一）职工请事假累计20天以上且单位按照规定不扣工资的；"]


def test_a_span_the_questions_quantity_falls_in_answers_in_either_language():
    """'工作了12年的职工每年能休几天年假？' led with 第二条 (who has a leave) and quoted the 5-day tier; the tier a
    stated quantity falls in ('已满10年不满20年的，年休假10天') answers, in years as in yuan, and in English; a term
    followed by its figure ('年休假10天') states its value as '为' does."""
    from retrieval.answer.definitions import states_value_of
    from retrieval.answer.tiers import stated_amount, stated_amount_en, tier_fit

    assert stated_amount("工作了12年的职工") == (12, "年") and stated_amount("2023年的规定") is None
    assert stated_amount_en("an employee with 12 years of service") == (12, "年")
    assert stated_amount_en("a 2 million yuan auction in 2020") == (2_000_000, "元")
    assert [tier_fit(t, (12, "年")) for t in ("已满1年不满10年的，年休假5天；", "已满10年不满20年的，年休假10天；",
                                             "已满20年的，年休假15天。", "处三年以上七年以下有期徒刑。")] == [-1, 1, -1, 0]
    assert tier_fit("已满10年不满20年的，年休假10天；", (8000, "元")) == 0  # another unit is no condition on it
    assert states_value_of("已满10年不满20年的，年休假10天；", ("年休假",))
    assert not states_value_of("年休假10天以上的职工", ("年休假",))
    answer = _statute_answer("工作了12年的职工每年能休几天年休假？", LEAVE_ARTICLES)
    assert "年休假10天" in answer.splitlines()[0] and "年休假5天" not in answer.splitlines()[0], answer
    answer = _statute_answer("工作了25年的职工每年能休几天年休假？", LEAVE_ARTICLES)
    assert "年休假15天" in answer.splitlines()[0], answer


def test_an_everyday_word_for_annual_leave_is_one_word_carried_by_the_statutes():
    """'年假' was cut as 年 + 假, two characters no topic keeps: the question had no word for what it asks."""
    from retrieval.index.lexical import tokenize
    from retrieval.search.colloquial import statutory_terms

    assert "年假" in tokenize("工作了12年的职工每年能休几天年假？")
    assert "年休假" in statutory_terms("年假")


def test_a_term_no_passage_uses_is_missing_though_its_other_wordings_words_are_used():
    """'刑事赔偿的精神损害抚慰金最高能赔多少？' had led with the disability compensation's cap as its answer: the
    term's other wording (精神损害赔偿) is three words the collection uses (精神, 损害, 赔偿), never said together
    (the caller then checks the hits do not say it); a one-word other wording the collection uses is the subject
    found."""
    from retrieval.answer.closest import _names_an_absent_subject
    from retrieval.answer.question import analyse
    from retrieval.answer.terms import UNSEEN

    asked = analyse("刑事赔偿的精神损害抚慰金最高能赔多少？", "zh")
    assert ["精神损害抚慰金", "精神损害赔偿"] in [group for group, _ in asked.topic]
    asked = asked.model_copy(update={"topic": [(["精神损害抚慰金", "精神损害赔偿"], 8.0), (["刑事赔偿"], 4.0)]})
    # token idf: 抚慰 and 抚慰金 in no passage; 精神, 损害 and 赔偿 in many
    assert _names_an_absent_subject(asked, lambda token: 9.0 if token in {UNSEEN, "抚慰", "抚慰金"} else 1.0)
    assert not _names_an_absent_subject(asked, lambda token: 9.0 if token == UNSEEN else 1.0)  # the term is used
    theft = asked.model_copy(update={"topic": [(["盗窃", "偷窃"], 4.0)]})
    assert not _names_an_absent_subject(theft, lambda token: 9.0 if token in {UNSEEN, "盗窃"} else 1.0)  # 偷窃: one word


def test_a_trial_rules_title_is_named_without_its_trial_mark():
    """'人民检察院刑事诉讼规则第八百条' of the rules titled '…规则（试行）' (708 articles) had quoted 第一条: the
    question names the rules without '（试行）'."""
    from retrieval.answer.retrieve import law_titles

    titles = law_titles(["人民检察院刑事诉讼规则（试行）", "中华人民共和国消防法"])
    assert titles["人民检察院刑事诉讼规则"] == "人民检察院刑事诉讼规则（试行）" and titles["消防法"] == "中华人民共和国消防法"


def test_an_english_lead_gives_the_asked_span_in_days_months_or_years():
    """'How many days of paid annual leave…?' had led with 'daily wage 300%': a span ('10天', '6个月', '20年') was
    no figure in English; a calendar year still is none."""
    from retrieval.answer.english_figures import described_figures, english_figures
    from retrieval.answer.how_much import counted_unit

    assert ("10 days", "annual leave 10 days") in described_figures("已满10年不满20年的，年休假10天；")
    assert english_figures("应当在30个工作日内办结，试用期不得超过6个月") == ["30 working days", "6 months"]
    assert english_figures("2023年3月15日起施行") == []
    assert counted_unit("How many days of paid annual leave does an employee get?") == "天"
    assert counted_unit("可以拘留几个小时？") == "小时" and counted_unit("试用期最长几个月？") == "个月"


def test_general_words_of_labour_finance_and_the_courts_reach_the_regulations_words():
    """An English researcher's questions about annual leave, foreign exchange, circuit courts and bills had been
    answered from other laws (none of these words had Chinese); 证券公司 was glossed 'securities law'."""
    from retrieval.answer.english_figures import english_names
    from retrieval.search.crosslingual import translate_question

    def terms(question: str) -> set[str]:
        return {t for group in translate_question(question).groups for t in group}

    assert "年休假" in terms("How many days of paid annual leave does an employee get?")
    assert "私自买卖外汇" in terms("What are the penalties for illegal foreign exchange trading?")
    assert "巡回法庭" in terms("Which cases does a circuit court of the Supreme People's Court hear?")
    assert "法律案" in terms("Who may submit a bill to the NPC Standing Committee?")
    assert "佣金" not in terms("the commission of a crime") and "备案" not in terms("He filed a lawsuit")
    assert english_names()["证券公司"] == "securities company" and english_names()["证券法"] == "securities law"


def test_a_definition_announcing_a_list_is_answered_with_its_items():
    """'外汇是指哪些东西？' was answered with '…是指下列…资产：' alone, none of its five items."""
    from retrieval.answer.definitions import defining_answer
    from retrieval.answer.question import analyse

    lines = ["第三条 本条例所称外汇，是指下列以外币表示的可以用作国际清偿的支付手段和资产：",
             "（一）外币现钞，包括纸币、铸币；", "（二）外币支付凭证或者支付工具，包括票据、银行存款凭证、银行卡等；",
             "（三）外币有价证券，包括债券、股票等；", "（四）特别提款权；", "（五）其他外汇资产。",
             "第四条 境内机构、境内个人的外汇收支或者外汇经营活动，适用本条例。"]
    hits = passage_hits("条例.txt", "条例", [("第三条", [], "\n\n".join(lines))], "law")
    answer = defining_answer(analyse("外汇是指哪些东西？", "zh"), hits).text
    assert "外币现钞" in answer and "其他外汇资产" in answer and "第四条" not in answer, answer


def test_the_asked_article_number_leads_and_a_shorter_wording_is_no_missing_subject():
    """'民事诉讼证据规定第几条讲了举证期限？' quoted the rule without its number; '免征进口税' of a text saying
    '免征进口关税' was said to be in no passage."""
    from retrieval.answer.closest import _nearly_said

    answer = _statute_answer("第几条讲了举证期限？", [
        "第五十一条 举证期限可以由当事人协商，并经人民法院准许。",
        "人民法院指定举证期限的，适用第一审普通程序审理的案件不得少于十五日。"])
    assert answer.splitlines()[0].startswith("第五十一条"), answer
    assert _nearly_said(["免征进口税"], ["进口下列残疾人专用品，免征进口关税和进口环节增值税"])
    assert not _nearly_said(["精神损害抚慰金"], ["残疾赔偿金最高不超过…；因羁押造成精神疾病的，其人身损害依照本解释赔偿"])


def test_whom_a_report_is_made_to_asks_a_rule_not_for_the_documents_outline():
    """'医疗器械出了不良事件，企业要向谁报告？' got the regulation's outline, chapter by chapter (报告 read as a report
    to summarise); the authority a report is made to ('向…监测技术机构报告') answers."""
    from retrieval.answer.question import Kind, analyse
    from retrieval.answer.traits import NAMES_AGENCY

    assert analyse("医疗器械出了不良事件，企业要向谁报告？", "zh").kind != Kind.DOCUMENT
    assert analyse("医疗器械出了不良事件，企业要向谁报告？", "zh").asks_agency
    assert analyse("To whom must a company report an adverse event?", "en").kind != Kind.DOCUMENT
    assert analyse("重庆的报告说了什么？", "zh").kind == Kind.DOCUMENT
    assert NAMES_AGENCY.search("发现医疗器械不良事件的，应当向医疗器械不良事件监测技术机构报告")
    answer = _statute_answer("医疗器械出了不良事件，企业要向谁报告？", [
        "第六十二条 医疗器械注册人、备案人应当建立医疗器械不良事件监测体系，对其产品主动开展不良事件监测。",
        "医疗器械生产经营企业、使用单位应当协助医疗器械注册人、备案人开展不良事件监测。",
        "发现医疗器械不良事件或者可疑不良事件，应当向医疗器械不良事件监测技术机构报告。"])
    assert "监测技术机构报告" in answer.splitlines()[0], answer


def test_at_what_hour_is_answered_by_the_sentence_giving_the_hours():
    """'KTV晚上几点以后就不能开了？' was refused and '娱乐场所每天几点到几点不得营业？' answered with the exits rule: 几点
    asked no time and KTV, 不能开 were words no rule uses."""
    from retrieval.answer.question import analyse
    from retrieval.answer.traits import DATED
    from retrieval.search.colloquial import statutory_terms

    assert analyse("KTV晚上几点以后就不能开了？", "zh").asks_date and analyse("What time must bars close?", "en").asks_date
    assert DATED.search("每日凌晨2时至上午8时，娱乐场所不得营业") and not DATED.search("处2万元以上罚款")
    assert "娱乐场所" in statutory_terms("KTV") and "营业" in statutory_terms("不能开")
    answer = _statute_answer("娱乐场所每天几点到几点不得营业？", [
        "第二十一条 营业期间，娱乐场所不得封闭、阻塞、占用疏散通道和安全出口，不得遮挡安全疏散标志。",
        "第二十八条 每日凌晨2时至上午8时，娱乐场所不得营业。"])
    assert "凌晨2时至上午8时" in answer.splitlines()[0], answer


def test_an_interpretation_of_several_questions_is_called_by_its_subject():
    """'民事诉讼证据规定第五十一条' (the next article asked after 第五十条) led with 第五十五条: the rules titled
    '…关于民事诉讼证据的若干规定' were named by no short title a prosecutor uses."""
    from retrieval.answer.retrieve import interpretation_aliases

    assert "民事诉讼证据规定" in interpretation_aliases("最高人民法院关于民事诉讼证据的若干规定")
    assert "巡回法庭审理案件规定" in interpretation_aliases("最高人民法院关于巡回法庭审理案件若干问题的规定")
    # '民事诉讼法解释第六百条' of the interpretation of 552 articles had quoted 第三百九十条
    assert "民事诉讼法解释" in interpretation_aliases("最高人民法院关于适用《中华人民共和国民事诉讼法》的解释")
    assert "刑法第十二条解释" in interpretation_aliases("最高人民法院关于适用刑法第十二条几个问题的解释")


def test_a_fine_of_the_next_article_is_not_joined_to_an_items_lead():
    """'…擅自经营客运，怎么罚？' led with 第六十九条's item and '…处5000元以上2万元以下的罚款', the fine of 第七十条
    (whose opening stood between them, the units' articles unknown): a rule the regulation does not contain."""
    from retrieval.answer.lead import _another_article
    from retrieval.answer.scoring import Scored
    from retrieval.answer.units import Unit

    def sentence(text: str, position: int) -> Scored:
        unit = Unit(text=text, heading="第六章 法律责任", hit_rank=1, position=position, in_passage=True)
        return Scored(unit=unit, score=1.0, coverage=0.5, place=False)

    item = sentence("（四）未报告原许可机关，擅自终止客运经营的；", 3)
    opening = sentence("第七十条 违反本条例的规定，客运经营者不按规定维护和检测运输车辆的，处1000元以上5000元以下的罚款。", 5)
    fine = sentence("客运经营者擅自改装已取得车辆营运证的车辆的，处5000元以上2万元以下的罚款。", 6)
    same = sentence("情节严重的，由原许可机关吊销道路运输经营许可证：", 2)
    assert _another_article(fine, item, [item, opening, fine])
    assert not _another_article(same, item, [item, opening, same])


def test_a_percentage_in_words_is_a_figure_in_either_language():
    """'What is the vehicle purchase tax rate?' never said 10%: '税率为百分之十' held no figure; 个人独资企业 was glossed
    as individual industrial and commercial households, 被保险人 as insurance."""
    from retrieval.answer.english_figures import described_figures, english_names
    from retrieval.answer.sentences import figures
    from retrieval.search.numbers import percent_in_words

    assert figures("车辆购置税的税率为百分之十。烟叶税的税率为百分之二十") == ["10%", "20%"]
    assert percent_in_words("百分之零点五") == "0.5%" and percent_in_words("百分之一百") == "100%"
    assert percent_in_words("千分之五") == "0.5%" and percent_in_words("百分之") is None  # the sanctions' reader too
    assert ("10%", "vehicle purchase tax 10%") in described_figures("车辆购置税的税率为百分之十。")
    names = english_names()
    assert (names["个人独资企业"], names["被保险人"], names["健康权"]) == ("sole proprietorship", "the insured", "right to health")


def test_a_sentence_opening_its_article_is_of_that_article_though_an_earlier_one_begins_alike():
    """'依据哪条？' named 第二条 for '第三条 掩饰、隐瞒犯罪所得及其产生的收益，具有下列情形之一的，…“情节严重”': 第二条
    begins with the same words, and the sentence was looked for by them."""
    from retrieval.answer.article_of_last import _article_of

    quote = ("第二条 掩饰、隐瞒犯罪所得及其产生的收益，具有下列情形之一的，可以认定为犯罪情节轻微，免予刑事处罚：（一）具有法定从宽处罚情节的； "
             "第三条 掩饰、隐瞒犯罪所得及其产生的收益，具有下列情形之一的，应当认定为“情节严重”：（一）掩饰、隐瞒犯罪所得及其产生的"
             "收益价值总额达到十万元以上的；")
    lead = "第三条 掩饰、隐瞒犯罪所得及其产生的收益，具有下列情形之一的，应当认定为“情节严重”：掩饰、隐瞒犯罪所得及其产生的收益价值总额达到十万元以上的"
    assert _article_of(lead, quote) == 3  # a lead of the article's opening and its item, as the answer gives it
    assert _article_of("（一）掩饰、隐瞒犯罪所得及其产生的收益价值总额达到十万元以上的；", quote) == 3


def test_a_rules_exception_is_asked_of_it_and_answered_by_the_sentence_stating_one():
    """'有没有例外？' after a question on a law was searched alone (a travel-app case answered it); asked with the
    rule, the sentence stating its exception ('…可以缓征') leads; 'Food Security Law' had been read as 证券法."""
    from retrieval.answer.question import analyse
    from retrieval.answer.traits import EXCEPTS
    from retrieval.search.crosslingual import translate_question

    assert analyse("有没有例外？", "zh").asks_exception and analyse("Is there an exception?", "en").asks_exception
    assert not {t for group, _ in analyse("征兵有没有例外？", "zh").topic for t in group} & {"例外"}
    assert EXCEPTS.search("应征公民是正在全日制学校就学的学生，可以缓征") and EXCEPTS.search("但是法律另有规定的除外")
    answer = _statute_answer("应征公民有没有例外？", [
        "第三条 每年12月31日以前年满18岁的男性公民，应当被征集服现役。",
        "应征公民是维持家庭生活的唯一劳动力或者是正在全日制学校就学的学生，可以缓征。",
        "第四条 应征公民被羁押正在受侦查、起诉、审判的，不征集。"])
    assert "缓征" in answer.splitlines()[0] or "不征集" in answer.splitlines()[0], answer
    groups = translate_question("What does the Food Security Law say about grain reserves?").groups
    assert any("粮食安全保障法" in group for group in groups) and not any("证券法" in group for group in groups)


def test_an_exception_asked_after_a_rule_is_asked_of_it():
    from retrieval.answer.followup import heuristic_rewrite
    from retrieval.types import Turn

    history = [Turn(role="user", text="游行要提前几天申请？"),
               Turn(role="assistant", text="第九条 …", sources=["中华人民共和国集会游行示威法"])]
    assert heuristic_rewrite(history, "有没有例外？") == "集会游行示威法，游行要提前几天申请，有没有例外？"
    assert heuristic_rewrite(history, "Is there an exception?").startswith("Under the ")


def test_everyday_words_for_lost_documents_and_service_and_no_year_inside_yinqian_nianman():
    """'身份证丢了怎么办？' and '当兵的年龄要求' used no statute's words; '…以前年满18岁' was dated '以前年〔1983年〕满'
    (前年 read inside 以前 + 年满)."""
    from retrieval.answer.asked_year import dated_relative_years
    from retrieval.search.colloquial import statutory_terms

    assert {"丢失", "补领"} <= set(statutory_terms("身份证丢了，怎么补办？"))
    assert "服现役" in statutory_terms("当兵的年龄要求是多少岁？")
    assert dated_relative_years("每年12月31日以前年满18岁的男性公民", "1983-01-01") == "每年12月31日以前年满18岁的男性公民"
    assert dated_relative_years("前年同期", "2020-05-01") == "前年〔2018年〕同期"
