"""A question asking two things in one message ('法院支持吗？判了多少？', 'Did the court accept that, and what
sentence …?') is answered on both; and an English lead says which way the court went in a few words."""

from functools import partial

import pytest

from fakes import engine_over
from retrieval.answer.question import analyse
from retrieval.answer.scoring import Scored
from retrieval.answer.units import Unit
from retrieval.types import Hit


def _scored(text: str, heading: str = "裁判理由", score: float = 1.0, rank: int = 1, coverage: float = 0.4) -> Scored:
    """A sentence of hit `rank`, under `heading`, as the composer scored it."""
    return Scored(unit=Unit(text=text, heading=heading, hit_rank=rank, position=0, in_passage=True),
                  score=score, coverage=coverage, place=False)


def _case_hit(rank: int, source: str, section: str, text: str, title: str = "", **fields) -> Hit:
    """Hit `rank` from a guiding case's file `source`, titled by its case number (and `title` after it)."""
    return Hit(**{"rank": rank, "score": 1.0 / rank, "source": source, "title": source.split("_")[0] + title,
                  "section": section, "text": text, "regions": [], "passage_id": f"{source}-{rank}", **fields})


BONUS_CASE = """# 指导案例905号：甲某诉乙公司追索劳动报酬纠纷案

## 裁判要点

用人单位规定劳动者完成绩效可获奖金，其无正当理由拒绝履行审批义务，劳动者主张奖金的，人民法院应予支持。

## 基本案情

乙公司制定奖励办法，规定引进项目的员工可以获得奖金。甲某牵头引进六个项目后，乙公司一直不启动审批流程，明确表示不会审批，甲某离职后诉至法院，要求乙公司支付奖励1689083元。

## 裁判结果

法院判决乙公司于判决生效之日起十五日内支付甲某奖励1259564.4元。

## 裁判理由

法院认为，乙公司的奖励办法对员工引进项目的奖励条件作了明确规定，员工引进的六个项目均符合奖励办法规定的条件，乙公司以审批流程未启动为由拒绝发放奖金，审批流程本身并不涉及奖励评判标准，是否经过审批流程不能成为员工能否获得奖金的实质评价要素，员工引进项目的奖金数额应当按照奖励办法规定的计算方式确定。

乙公司关于员工引进的项目未经审批、不应发放奖金的抗辩意见，缺乏依据。
"""


@pytest.fixture
def bonus_case(fake_index, tmp_path):
    return engine_over(fake_index, tmp_path, {"指导案例905号_甲某诉乙公司追索劳动报酬纠纷案.md": BONUS_CASE})


def test_whether_and_how_much_asked_together_are_both_answered(bonus_case):
    answer = bonus_case.answer([], "公司规定引进项目有奖金，员工引进了六个项目，公司却一直不走审批流程，员工离职后起诉要奖金。"
                                   "法院支持吗？判了多少？").answer
    assert "1259564.4" in answer, answer       # how much
    assert "人民法院应予支持" in answer, answer  # whether: the holding


def test_a_whether_asked_before_another_question_is_still_a_whether():
    assert analyse("法院支持吗？判了多少？", "zh").yes_no
    assert analyse("公司这么做合法吗", "zh").yes_no
    assert not analyse("法院判了多少？", "zh").yes_no


@pytest.mark.parametrize("question", ["The company says the other law should have applied. Who is right?",
                                      "What total compensation were the defendants ordered to pay?",
                                      "法院判令被告承担多少修复费用？",
                                      "Who won, the company or the environmental bureau?",
                                      "Was the decision unlawful, and what happened to the notice?"])
def test_who_is_right_asks_how_the_case_ended(question):
    from retrieval.answer.ground import language_of

    assert analyse(question, language_of(question)).asks_outcome


def test_a_sentence_answering_one_part_survives_the_cut_to_one_screen():
    """Three long sentences on whether the defence was accepted outscore the one giving the sentence of
    imprisonment; cut to a phone screen, the answer keeps the conclusion and the sentence."""
    from retrieval.answer.composer import _weakest
    from retrieval.answer.facets import facets, sole_answers, with_every_facet

    asked = analyse("The defendants argued half the sales were fake orders. Did the court accept that, "
                    "and what sentence did the principal offender get?", "en")
    accepted = _scored("三被告人关于销售记录存在刷信誉行为的辩解无证据予以证实，不予采信。", score=1.2)
    reasons = [_scored("法院认为，被告人未经商标注册人许可，在同一种商品上使用相同的商标，情节特别严重。", score=1.1),
               _scored("非法经营数额应当综合被告人供述、证人证言、电子数据等证据认定。", score=0.9)]
    term = _scored("以被告人郭某犯假冒注册商标罪，判处有期徒刑五年，并处罚金人民币160万元。", "裁判结果", score=0.7)
    needs = facets(asked)
    assert len(needs) == 2
    chosen = with_every_facet([accepted, *reasons], [accepted, *reasons, term], needs)
    assert term in chosen
    while len(chosen) > 2:
        chosen = [s for s in chosen if s is not _weakest(chosen, asked, sole_answers(chosen, needs))]
    assert accepted in chosen and term in chosen


def test_a_part_no_sentence_answers_well_takes_no_weak_stand_in():
    """A rule on another point of the case (scoring far below the chosen sentences) does not stand in for 'why'."""
    from retrieval.answer.facets import facets, with_every_facet

    asked = analyse("How much was the company ordered to pay, and why?", "en")
    award = _scored("判决被告赔偿损失154.96万元。", "裁判结果", score=1.6)
    other_rule = _scored("多次超标排放污染物的，可以认定为具有损害社会公共利益重大风险。", "裁判要点", score=0.2)
    assert with_every_facet([award], [award, other_rule], facets(asked)) == [award]


def test_a_long_conclusion_is_quoted_by_its_ends():
    from retrieval.answer.english import conclusion

    english, words = conclusion("上海市金山区人民法院作出行政判决：驳回原告上海鑫晶山建材开发有限公司的诉讼请求。")
    assert english == "the claims were dismissed" and words == "驳回…诉讼请求"
    assert conclusion("再审改判宣告江某某无罪。") == ("acquitted", "宣告江某某无罪")


def test_what_a_court_does_not_uphold_is_said_when_the_sentence_says_whose_it_is():
    """'…主张仲裁协议无效的，人民法院不予支持' upholds the award: 'not upheld' alone reads as the opposite to an
    English reader. An argument or a claim rejected is said as such; a bare 不予支持 stays 'not upheld'."""
    from retrieval.answer.english import conclusion

    assert conclusion("当事人以仲裁协议仅约定快速仲裁为由主张仲裁协议无效的，人民法院不予支持。") == \
        ("the argument was rejected", "不予支持")
    assert conclusion("原告要求被告赔偿精神损失的诉讼请求，人民法院不予支持。") == ("the claim was rejected", "不予支持")
    assert conclusion("对此，人民法院不予支持。") == ("not upheld", "不予支持")


def test_the_rest_of_the_claims_dismissed_is_a_partial_win_not_a_dismissal():
    """'四、驳回原告荣宝英的其他诉讼请求' ends a judgment that granted part of what she asked."""
    from retrieval.answer.english import conclusion

    assert conclusion("四、驳回原告荣宝英的其他诉讼请求。") == ("the remaining claims were dismissed", "驳回…其他诉讼请求")


def test_the_lead_states_the_conclusion_of_the_case_that_answers_not_of_another():
    """Two cases' holdings are quoted; the one of the best sentence's case says which way the court went."""
    from retrieval.answer.rulings import concluded
    from retrieval.answer.english import conclusion

    asked = analyse("Does an overlap of registered business scopes alone break a non-compete agreement?", "en")
    ours = _scored("劳动者主张不存在竞争关系的，人民法院应予支持。", "裁判要点", score=1.2, rank=2, coverage=0.5)
    other = _scored("劳动者违反竞业限制义务，主张不承担违约责任的，人民法院不予支持。", "裁判要点", score=0.9, coverage=0.5)
    assert concluded([other, ours], asked, {1: "指导案例78号.md", 2: "指导案例190号.md"}) == ("upheld", "应予支持")
    assert conclusion("债权人提起撤销权诉讼的生效判决") is None  # a right of revocation sets nothing aside


@pytest.mark.parametrize("question", ["法院支不支持这个处罚？", "这构不构成犯罪", "合不合法？"])
def test_a_not_a_questions_ask_whether(question):
    assert analyse(question, "zh").yes_no


def test_how_have_the_courts_treated_it_asks_the_rule():
    assert analyse("How have the courts treated ID card photos under the 500-record threshold?", "en").asks_holding


@pytest.mark.parametrize("question", ["法院判令主犯承担的生态环境修复费用一共是多少？", "二审判船厂赔了多少钱？",
                                      "How much was the company ordered to pay?",
                                      "What total compensation were the defendants ordered to pay?"])
def test_how_much_of_money_wants_a_figure_in_yuan(question):
    from retrieval.answer.how_much import counted_unit

    assert counted_unit(question) == "元"


def test_a_figure_the_question_states_itself_is_not_the_answer():
    """Asked for the fines about a label that claimed '100% olive oil', the sentence quoting the 100% is not
    the figure wanted; the one giving the fines is."""
    from retrieval.answer.scoring import tells_new_figure

    question = "The hang tag boasted '100% Italian olive oil'. What was the total of fines and confiscation?"
    assert not tells_new_figure("吊牌写明添加了来自意大利的100%特级初榨橄榄油。", question)
    assert tells_new_figure("没收违法所得，并处罚款，合计罚没款60000元。", question)
    assert tells_new_figure("罚款1,000元。", "How much was the fine?")


def test_each_part_of_a_message_is_answered_from_the_documents_the_whole_answer_cites(bonus_case):
    """'…判了多少？法院支持吗？' asks about this case: a part with few words of its own does not quote another
    document's rule on bonuses."""
    from retrieval.answer.extractive import compose_message
    from retrieval.answer.question import analyse as take_apart

    hits = bonus_case.searcher.search("员工引进项目公司拒绝审批奖金判了多少", k=5)
    other = Hit(rank=len(hits) + 1, score=0.01, source="指导案例999号_另案.md", title="指导案例999号：另案",
                section="裁判要点", text="劳动者主张年终奖的，用人单位以劳动者已离职为由拒绝发放，人民法院应予支持。",
                regions=[], passage_id="other-1")
    question = "公司规定引进项目有奖金，员工引进了六个项目，公司拒绝审批，员工离职后起诉要奖金，判了多少？法院支持员工的奖金主张吗？"
    answer = compose_message(take_apart(question, "zh"), [*hits, other]).text
    assert "1259564.4" in answer and "另案" not in answer and "年终奖" not in answer, answer


def test_how_much_is_answered_by_a_figure_of_what_it_measures():
    """'…生态环境修复费用一共是多少？': of two figures of the case, the repair costs answer, not the illegal profit
    the facts name beside the place."""
    from retrieval.answer.composer import compose
    from retrieval.answer.how_much import measured_terms

    question = "洞庭湖下塞湖非法采砂那个公益诉讼，法院判令主犯承担的生态环境修复费用一共是多少？"
    assert {"修复", "费用"} <= set(measured_terms(question)) and "洞庭湖" not in measured_terms(question)
    facts = Hit(rank=1, score=1.0, source="指导案例906号_采砂案.md", title="指导案例906号：采砂案", section="基本案情",
                text="2016年，夏某等人至洞庭湖下塞湖区域非法采砂，非法获利2243.333万元。", regions=[], passage_id="s-1")
    judgment = Hit(rank=2, score=0.9, source="指导案例906号_采砂案.md", title="指导案例906号：采砂案",
                   section="裁判结果", text="法院判决被告夏某承担生态环境修复费用共计873.579万元。", regions=[],
                   passage_id="s-2")
    lead = compose(analyse(question, "zh"), [facts, judgment]).text.splitlines()[0]
    assert "873.579" in lead, lead


def test_a_case_search_is_sure_of_answers_not_another_sharing_its_words():
    """Three of the top five hits are one case: its sentences answer, though another case's sentence carries
    more of the question's words (危险废物, 处置费用, 赔偿)."""
    from retrieval.answer.composer import compose

    ours, other = "指导案例907号_铝灰案.md", "指导案例908号_酸洗池案.md"
    hits = [_case_hit(1, ours, "基本案情", "被告人将二十余吨危险废物废铝灰倾倒于坑塘，镇政府清挖出混合物四百余吨。"),
            _case_hit(2, ours, "裁判理由", "明显超出必要合理范围的危险废物处置费用，不应由被告人承担。"),
            _case_hit(3, ours, "裁判结果", "判令被告人赔偿危险废物处置等费用合计人民币577889元。"),
            _case_hit(4, other, "裁判结果", "被告赔偿危险废物处置费用5.6万元，危险废物处置费用支付至公益诉讼基金账户。"),
            _case_hit(5, other, "基本案情", "被告在酸洗池内倾倒危险废物。")]
    question = "Hazardous waste aluminium ash was dumped in a pit. What total compensation for the hazardous waste " \
               "disposal costs were the defendants ordered to pay?"
    answer = compose(analyse(question, "en"), hits).text
    assert "577889" in answer and "5.6万元" not in answer, answer


def test_a_word_the_dictionary_gives_one_meaning_stays_a_subject_though_no_document_uses_it():
    """'euthanasia' is all 安乐死 means: unused by the collection it stays in the topic (as its rarest term, so
    a question about it finds nothing to answer with); 'localities' is one of 地头's four senses, a guess that
    is dropped when the rest of the question is found. ('extradite', the earlier example, is now a glossary
    term, 引渡, trusted outright.)"""
    from retrieval.search.crosslingual import translate_question

    assert translate_question("What about euthanasia?").sole_meanings == ["安乐死"]
    assert translate_question("cases assigned to other localities").sole_meanings == []
    used = {"犯罪嫌疑人": 2.0, "嫌疑人": 2.0, "在逃": 3.0, "追逃": 3.0, "案件": 1.0, "分配": 2.0, "赋予": 2.5}

    def idf(term: str) -> float:
        return used.get(term, 9.0)  # 9.0: a term no passage uses

    euthanasia = analyse("Was the suspect's euthanasia of his mother a crime?", "en", idf)
    assert ["安乐死"] in [group for group, _ in euthanasia.topic]
    assert ["引渡"] in [group for group, _ in analyse("How do we extradite a fugitive suspect?", "en", idf).topic]
    localities = analyse("Which cases were assigned to other localities?", "en", idf)
    assert ["地头"] not in [group for group, _ in localities.topic]


def test_a_case_holding_three_of_the_top_five_answers_though_another_holds_two_of_the_top_three():
    """Told in the asker's words (no sentence carries the story), the question is answered from the case
    search is sure of, not refused because a similar case sits at ranks 2 and 3."""
    from retrieval.answer.composer import compose

    ours, similar = "指导性案例947号_陈某申请某监狱国家赔偿案.md", "指导性案例946号_苗某申请某监狱国家赔偿案.md"

    hit = partial(_case_hit, title="：监狱国家赔偿案")

    hits = [hit(1, ours, "裁判理由", "审查认定监狱是否构成怠于履行监管职责时，应当根据监管、处置、救治等行为是否符合规定综合判断。"),
            hit(2, similar, "裁判要点", "监狱工作人员未及时监管处置，与服刑人员死亡具有因果关系的，应当承担国家赔偿责任。"),
            hit(3, similar, "裁判理由", "分监区长未尽巡视和瞭望等监管职责。"),
            hit(4, ours, "基本案情", "服刑人员陈某在监狱卫生间与他人发生扭打，致一眼失明。"),
            hit(5, ours, "裁判结果", "监管合法、处置合理、救治及时的，应当认定监管机关依法履行了监管职责，驳回陈某的申诉。")]
    question = ("服刑人员在监狱卫生间和同监犯突然扭打起来，被打得一只眼睛失明，狱警很快赶到并送医治疗。"
                "他以监狱怠于履行监管职责为由申请国家赔偿，能得到支持吗？")
    answer = compose(analyse(question, "zh"), hits).text
    assert "没有找到" not in answer and "监管" in answer.splitlines()[0], answer
    assert "未尽巡视" not in answer, answer  # the similar case's facts do not answer


def test_a_case_search_is_sure_of_stays_the_answer_when_no_one_sentence_carries_the_story():
    """Told at length in English, no sentence of the case carries half the question's words; the case holding
    three of the top five hits is read as the answering case, not mixed with another sharing its terms."""
    from retrieval.answer.composer import compose

    ours, other = "指导性案例948号_攀爬巨石案.md", "指导性案例949号_倾倒渣土案.md"

    hit = partial(_case_hit, title="：生态破坏民事公益诉讼案")

    hits = [hit(1, ours, "基本案情", "三人在世界自然遗产地的石柱上打入26个岩钉。该景区巨石的价值遭到严重损毁，检察院起诉要求支付赔偿。"),
            hit(2, ours, "裁判理由", "在没有法定鉴定机构鉴定的情况下，人民法院可以参考专家的评价意见确定数额。"),
            hit(3, other, "裁判理由", "人民法院判决被告承担的生态环境修复费用，应当用于修复被损害的生态环境。"),
            hit(4, other, "基本案情", "被告在林地倾倒渣土，检察院提起民事公益诉讼，请求判令被告赔偿损失5万元。"),
            hit(5, ours, "裁判结果", "被告连带赔偿人民币6000000元。")]
    question = ("Climbers drove 26 bolts into a rock pillar in a World Heritage scenic area and the procuratorate sued "
                "them for the ecological damage. No accredited appraisal body could value the harm. How much did the "
                "court order them to pay?")
    answer = compose(analyse(question, "en"), hits)
    assert "6000000" in answer.text, answer.text
    assert {hit.source for hit in answer.cited} == {ours}, answer.text


NOISE_CASE = """# 指导案例951号：王某诉某广场噪声污染责任纠纷案

## 裁判要点

噪声是否构成污染，没有监测标准的，人民法院可以结合周边居民的反映、现场感受及专家意见，以是否超出公众可容忍度进行综合认定。

## 基本案情

某广场在正对王某住宅的外墙安装大型音箱，每晚播放音乐，声音传入王某卧室，王某多次投诉无果后诉至法院。

## 裁判结果

法院判决某广场每日21:00之后停止播放，白天音量不得超过55分贝。

## 裁判理由

法院认为，某广场播放音乐的行为干扰了王某的正常生活。
"""


@pytest.fixture
def noise_case(fake_index, tmp_path):
    return engine_over(fake_index, tmp_path, {"指导案例951号_王某诉某广场噪声污染责任纠纷案.md": NOISE_CASE})


def test_on_what_grounds_and_what_was_finally_imposed_get_the_rule_and_the_judgment(noise_case):
    """'凭什么认定' asks the case's rule; '最后…作了哪些限制' asks its judgment, which words the ruling
    ('21:00之后停止播放') in none of the question's terms."""
    answer = noise_case.answer([], "广场外墙的大音箱每晚放音乐吵到对面居民，也没有噪声监测标准，法院凭什么认定构成污染？"
                                   "最后对音箱的使用作了哪些限制？").answer
    assert "公众可容忍度" in answer, answer
    assert "21:00之后停止播放" in answer, answer
    assert analyse("法院凭什么认定构成污染？", "zh").asks_holding
    assert analyse("On what grounds did the court find it polluting?", "en").asks_holding
    assert analyse("How did the court deal with the excessive clean-up costs?", "en").asks_holding
    assert analyse("What does Guiding Case No. 88 say when a permit's term was never given?", "en").asks_holding
    assert analyse("指导案例85号对功能性设计特征是怎么讲的？", "zh").asks_holding
    assert analyse("最后对音箱的使用作了哪些限制？", "zh").asks_outcome
    assert analyse("学生能不能起诉？结果怎样？", "zh").asks_outcome
    assert analyse("How much did the appeal court order her to pay?", "en").asks_outcome


def test_what_is_asked_after_a_story_weighs_more_than_the_story():
    """A question that tells its facts first and asks after them: the terms of the asking sentence are its
    focus, so of two sentences carrying as much of the question, the one on what is asked ranks first."""
    from retrieval.answer.scoring import candidates

    asked = analyse("货车在路上撞了客车，车上乘客死了。谁承担赔偿责任？", "zh")
    focus_terms = {asked.topic[i][0][0] for i in asked.focus}
    assert {"承担", "赔偿"} <= focus_terms and not focus_terms & {"货车", "客车", "乘客"}, asked
    text = "货车与客车在路上相撞，乘客死亡。车主应当承担赔偿责任。"
    hit = _case_hit(1, "指导案例953号_交通事故案.md", "裁判理由", text, "：交通事故案")
    story, answer = candidates([hit], asked)
    assert answer.score > story.score, (story, answer)
    assert analyse("谁承担赔偿责任？", "zh").focus == frozenset()  # nothing told first: no focus


def test_a_conclusion_leads_alone_without_another_sentences_figure():
    """Asked how a retrial ended, the lead is the court's conclusion (不构成…罪); the first trial's sentence
    quoted below is history, not a figure to add to it."""
    from retrieval.answer.composer import compose

    hits = [_case_hit(1, "指导案例954号_收购玉米非法经营案.md", "裁判结果", "一审法院认定被告人犯非法经营罪，判处有期徒刑一年。再审法院认为，被告人没有办理许可证收购玉米，"
                             "其行为不具有与非法经营罪相当的社会危害性，不构成非法经营罪。", "：收购玉米非法经营案")]
    answer = compose(analyse("农民没办许可证收玉米，一审判了非法经营罪，后来再审。再审最后怎么判的？", "zh"), hits).text
    lead = answer.splitlines()[0]
    assert "不构成非法经营罪" in lead and "有期徒刑" not in lead, answer


def test_whether_is_answered_by_the_rule_though_the_facts_carry_more_of_the_question():
    """When the four best sentences tell the facts and the reasoning, the case's rule (裁判要点) says whether:
    it takes the weakest one's place (measured: a land-notice question's rule scored 0.70 against 0.89-1.16
    for four facts sentences across three hits of its case, and was left out)."""
    from retrieval.answer.rulings import with_the_ruling
    from retrieval.answer.scoring import candidates

    rule = "行政机关作出具体行政行为时未引用具体法律条款，应当视为该具体行政行为没有法律依据，适用法律错误。"
    told = ("国土资源局为银行扩建营业用房发出通知，依据土地管理法收回居民的国有土地使用权。"
            "通知称依据土地管理法，未写第五十八条。国土资源局在诉讼中称依据土地管理法第五十八条。"
            "居民不服国土资源局收回土地使用权的通知。")
    hits = [_case_hit(1, "指导案例955号_收回土地使用权案.md", "裁判理由", told, "：收回土地使用权案",
                      context=f"{rule}\n{told}", context_ids=["p0", "p1"], parts=[{"passage_id": "p0", "section": "裁判要点", "text": rule, "regions": []},
                                                  {"passage_id": "p1", "section": "裁判理由", "text": told, "regions": []}])]
    whether = analyse("The land bureau's notice cited no article. Was the notice unlawful?", "en")
    scored = candidates(hits, whether)
    facts = [s for s in scored if s.unit.text != rule]
    chosen = with_the_ruling(facts, scored, whether, hits)
    assert rule in [s.unit.text for s in chosen] and len(chosen) == len(facts), chosen
    plain = analyse("The land bureau's notice cited no article. What did the notice say?", "en")
    assert with_the_ruling(facts, scored, plain, hits) == facts  # not asked whether: the facts stand


def test_how_much_and_why_keeps_the_rule_beside_the_awards_but_no_formality():
    """'How much …, and why …?': the awards answer the first part and score far above the case's rule, which
    answers the second; it is quoted, and the judgment's closing formality (服判息诉) is not."""
    from retrieval.answer.composer import compose

    rule = "污染者在诉讼期间主动改进环保设施，有效降低环境风险的，人民法院可以适当减轻其赔偿责任。"
    awards = ("秦皇岛玻璃公司赔偿超标排放大气污染物造成的损失154.96万元，支付至专项资金账户。秦皇岛玻璃公司支付基金会合理费用3万元。"
              "秦皇岛玻璃公司负担鉴定费用15万元。秦皇岛玻璃公司负担案件受理费80元。宣判后，当事人服判息诉，均未提起上诉。")
    hits = [_case_hit(1, "指导案例956号_基金会诉秦皇岛玻璃公司大气污染案.md", "裁判结果", awards,
                      "：基金会诉秦皇岛玻璃公司大气污染责任民事公益诉讼案", regions=["秦皇岛市"], context=f"{rule}\n{awards}", context_ids=["p0", "p1"],
                parts=[{"passage_id": "p0", "section": "裁判要点", "text": rule, "regions": []},
                       {"passage_id": "p1", "section": "裁判结果", "text": awards, "regions": ["秦皇岛市"]}])]
    question = ("In the air-pollution suit against a Qinhuangdao glass maker, how much was the company ordered to pay, "
                "and why did the court go easier on it?")
    answer = compose(analyse(question, "en"), hits).text
    assert "154.96万元" in answer and "适当减轻" in answer, answer
    assert "服判息诉" not in answer, answer


def test_a_reasoning_sentence_using_a_conclusion_word_is_no_conclusion():
    """'Did the court find infringement?' is answered by the rule or the judgment, not by reasoning that
    happens to say 属于 ('…未证明该软件与被控侵权软件属于同一软件')."""
    from retrieval.answer.facets import concludes

    assert not concludes(_scored("华仁公司虽提供了登记证书，但未证明该软件与被控侵权软件属于同一软件。", "裁判理由"))
    assert concludes(_scored("被告拒不提供源程序的，可以判定原、被告计算机软件构成实质性相同。", "裁判要点"))
    assert concludes(_scored("一审判决：驳回原告的诉讼请求。", "裁判结果"))


def test_an_english_answer_with_only_a_case_number_has_not_answered_how_much():
    """'How much …?' answered by a sentence without a figure is unanswered, though its English lead names
    'Guiding Case No. 204' (which had counted as the figure, so the case search led with was never read)."""
    from retrieval.answer.composer import _unanswered
    from retrieval.answer.extract import Extract

    hit = _case_hit(1, "指导性案例204号_x.md", "裁判要点", "环保技术改造费用申请抵扣赔偿金的，人民法院不予支持。", "：x")
    how_much = analyse("How much restoration cost were the companies ordered to pay?", "en")
    text = ("Guiding Case No. 204 — conclusion: not upheld (不予支持). [1]\nEvidence from the sources:\n"
            "- 环保技术改造费用申请抵扣赔偿金的，人民法院不予支持。[1]")
    assert _unanswered(Extract(text=text, cited=[hit]), how_much)
    assert not _unanswered(Extract(text=text.replace("不予支持。[1]", "赔偿1441.6776万元。[1]"), cited=[hit]), how_much)


def test_a_sentence_pointing_back_brings_the_one_before_it():
    from retrieval.answer.scoring import antecedents

    def at(position: int, text: str) -> Scored:
        return Scored(unit=Unit(text=text, heading="裁判结果", hit_rank=1, position=position, in_passage=True),
                      score=1.0, coverage=0.4, place=False)

    order, enforced, dismissed = (at(1, "二、被告于本判决生效之日起十日内在报纸上公开赔礼道歉。"),
                                  at(2, "逾期不履行，本院将在国家级媒体刊登判决书主要内容。"),
                                  at(3, "三、驳回原告其他诉讼请求。"))
    pool = [order, enforced, dismissed]
    assert antecedents([enforced], pool) == [order]        # what '逾期不履行' refers to comes with it
    assert antecedents([dismissed], pool) == []            # a sentence that stands alone brings nothing
    assert antecedents([order, enforced], pool) == []      # nor what is chosen already


RECOGNITION_CASE = """# 指导性案例906号：某航运公司申请承认外国法院民事判决案

## 裁判要点

人民法院审查外国法院民事判决的承认申请，认定是否存在互惠关系时，不以该外国法院先行承认我国判决为必要条件。

## 基本案情

某航运公司向英国法院起诉，英国法院判决某物流公司支付款项。某航运公司向海事法院申请承认英国法院的该判决。

## 裁判理由

我国与英国没有缔结相互承认和执行法院民事判决的国际条约，但本案可以根据互惠原则对英国法院判决予以承认。
法院审查承认外国法院判决的申请，应当审查该判决是否已经发生法律效力。
英国法院判决不违反我国法律的基本原则，法院对英国法院判决予以承认。

## 裁判结果

海事法院于2022年3月17日作出民事裁定：承认英国高等法院作出的民事判决。本案裁定作出后，英国高等法院于2022年12月对我国两起判决予以承认。
"""


def test_asked_on_what_date_the_dated_sentence_answers(fake_index, tmp_path):
    """'Which court granted recognition and on what date?': the sentence giving the date answers, though the
    case's rule carries more of the question's words."""
    assert analyse("Which court granted recognition and on what date?", "en").asks_date
    assert analyse("这份裁定是什么时候作出的？", "zh").asks_date
    assert not analyse("When a court refuses recognition, can the applicant appeal?", "en").asks_date
    assert not analyse("应当在什么时候之前提出？", "zh").asks_date  # a time limit, not a date
    from retrieval.answer.scoring import candidates

    hit = _case_hit(1, "指导性案例906号_承认案.md", "裁判结果",
                    "法院对英国法院判决予以承认，英国法院判决不违反我国法律的基本原则。"
                    "海事法院于2022年3月17日作出民事裁定。")
    dated = "2022年3月17日"

    def lead_over_dated(question: str) -> float:
        scores = {("dated" if dated in s.unit.text else "undated"): s.score
                  for s in candidates([hit], analyse(question, "en"))}
        return scores["undated"] - scores["dated"]

    asked_when = lead_over_dated("Which court granted recognition of the English judgment, and on what date?")
    assert asked_when < lead_over_dated("Which court granted recognition of the English judgment?") - 0.2
    engine = engine_over(fake_index, tmp_path, {"case906.md": RECOGNITION_CASE})
    answer = engine.answer([], "Guiding Case No. 906: which court granted recognition of the English judgment "
                               "and on what date?").answer
    assert dated in answer, answer


def test_ambiguous_single_words_are_not_read_as_one_legal_term():
    """'on board' is not a board of directors, a sale that 'closed' is not a case concluded (办结), and a
    'bid' at an auction is 竞买 as much as 投标."""
    from retrieval.search.crosslingual import translate_question

    ship = translate_question("Two stowaways were on board the cargo ship.")
    assert not any("董事会" in group for group in ship.groups), ship.groups
    sale = translate_question("Can the auction be voided after the sale has closed?")
    assert not any("办结" in group for group in sale.groups), sale.groups
    auction = translate_question("There was no genuine bidding at the auction.")
    assert any("竞买" in group for group in auction.groups), auction.groups
    assert any("董事会" in group for group in translate_question("The board of directors met.").groups)
    hearing = translate_question("When was the first arbitral hearing held?")
    assert any("开庭" in group for group in hearing.groups), hearing.groups  # a court's hearing, not only 听证


def test_acronyms_are_read_as_the_dictionary_spells_them_out():
    """'VAT' is value-added tax (增值税, from CC-CEDICT's 'value-added tax (VAT)'), not a tub (大桶); a region
    label is no acronym ('State Council (PRC)'); an acronym the glossary knows keeps the glossary's term; and
    an 'office' is no 办公室 unless it is one ('the general office')."""
    from retrieval.search.crosslingual import translate_question
    from retrieval.search.dictionary import dictionary

    assert dictionary().expansion("VAT") == "value-added tax" and dictionary().expansion("PRC") is None
    vat = translate_question("Where does a trader file VAT?")
    terms = {t for group in vat.groups + vat.weak_groups for t in group}
    assert "增值税" in terms and "大桶" not in terms, terms
    assert ["最高人民检察院", "最高检"] in translate_question("What did the SPP say?").groups
    office = translate_question("It never reported to its home tax office.")
    assert not any("办公室" in group for group in office.groups), office.groups
    assert any("办公室" in group for group in translate_question("Who runs the general office?").groups)


def test_the_lead_carries_the_question_as_well_as_scoring_well():
    """Of two chosen sentences scoring alike, the one carrying more of the question leads: a sentence scoring a
    little higher on its section or its kind of statement, but naming little of what was asked, does not."""
    from retrieval.answer.rulings import ruling_first

    loose = _scored("本案系合同纠纷，一审法院依法组成合议庭审理。", score=1.0, coverage=0.2)
    answering = _scored("借款合同约定的利率超过法定上限的部分无效。", score=0.9, coverage=0.6)
    asked = analyse("借款合同的利率超过上限怎么办？", "zh")
    assert ruling_first([loose, answering], asked) is answering


WEAPON_CASE = """# 指导性案例907号：邓某申请某公安局违法使用武器致伤赔偿案

## 裁判要点

人民警察依法使用武器制止正在持刀行凶的违法犯罪行为，造成行为人身体伤害的，不属于违法使用武器，国家不承担赔偿责任。

## 裁判结果

赔偿委员会决定：维持公安局不予赔偿的决定。
"""
DETENTION_CASE = """# 指导性案例908号：胡某申请某中级人民法院再审无罪刑事赔偿案

## 裁判要点

再审改判部分罪名不成立，实际羁押期限超出再审判决确定刑期的，国家应当对超期羁押予以赔偿。

## 裁判结果

赔偿委员会决定：支付胡某人身自由赔偿金700435元。
"""


def test_two_cases_named_are_answered_a_block_each(fake_index, tmp_path):
    """'指导案例907号和908号有什么不同' / 'how is 907 different from 908': each case named gets its own block, in
    the order the question names them, so the asker sees both sides."""
    engine = engine_over(fake_index, tmp_path, {"907.md": WEAPON_CASE, "908.md": DETENTION_CASE})
    answer = engine.answer([], "指导性案例908号和指导性案例907号在国家赔偿上有什么不同？").answer
    assert "不属于违法使用武器" in answer and "超期羁押予以赔偿" in answer, answer
    assert answer.index("指导性案例908号") < answer.index("超期羁押") < answer.index("指导性案例907号"), answer
    english = engine.answer([], "How is Guiding Case No. 907 different from Guiding Case No. 908 on state "
                                "compensation?").answer
    assert english.index("Guiding Case No. 907") < english.index("Guiding Case No. 908"), english


def test_an_acronym_chinese_text_writes_as_it_is_is_searched_as_written():
    """'a GPS jammer': the case writes 'GPS干扰器', so 'GPS' is a guess of its own beside 全球定位系统; and 'a guiding
    case', 'the court's reasoning' say where to look in a case collection, not what the question is about."""
    from retrieval.search.crosslingual import translate_question

    jammer = translate_question("A man used a GPS jammer to unlock the trucks.")
    assert ["GPS"] in jammer.weak_groups and "GPS" in jammer.weak_terms, jammer.weak_groups
    assert ["SPP"] not in translate_question("What did the SPP say?").weak_groups  # the glossary's: 最高人民检察院
    asked = analyse("There's a guiding case where a man used a GPS jammer; what was the court's reasoning?", "en")
    terms = {t for group, _ in asked.topic for t in group}
    assert "GPS" in terms and not terms & {"指导性案例", "指导案例", "裁判理由"}, terms


def test_a_percentage_in_an_english_question_is_searched_as_written():
    """'a 6.35% stake' names the case that writes 6.35%股权; '86.5 million' is 8650万 in Chinese, not 86.5."""
    from retrieval.search.crosslingual import translate_question

    stake = translate_question("A buyer of a 6.35% stake in a company paid 1.5 times the price.")
    assert ["6.35%"] in stake.groups and ["1.5"] in stake.groups, stake.groups
    loan = translate_question("They staged an RMB 86.5 million loan lawsuit.")
    assert not any("86.5" in group for group in loan.groups), loan.groups


CRIMINAL_LAW_TABLE = """最高人民法院、最高人民检察院关于执行《刑法》确定罪名的补充规定

| 刑法条文 | 罪名 |
| 第168条 | 国有公司、企业、事业单位人员失职罪 国有公司、企业、事业单位人员滥用职权罪（取消徇私舞弊造成破产、亏损罪罪名） |
| 第397条 | 滥用职权罪、玩忽职守罪（取消国家机关工作人员徇私舞弊罪罪名） |
"""
STATE_ASSETS_LAW = """企业国有资产法

第二十五条 未经履行出资人职责的机构同意，国有独资企业、国有独资公司的董事、高级管理人员不得在其他企业兼职。
第七十一条 国家出资企业的董事、监事、高级管理人员造成国有资产损失的，依法承担赔偿责任；属于国家工作人员的，并依法给予处分。
"""


def test_an_article_cited_by_number_is_one_term_in_either_spelling():
    from retrieval.answer.references import article_groups

    assert article_groups("按刑法第168条该定什么罪？") == [["第一百六十八条", "第168条"]]
    assert article_groups("第一百六十八条第二款和第168条") == [["第一百六十八条", "第168条"]]
    asked = analyse("依照刑法第一百六十八条，国企厂长失职怎么定罪？", "zh", idf=lambda term: 3.0)
    terms = [term for group, _ in asked.topic for term in group]
    assert "第168条" in terms and "第一百" not in terms and "六十八条" not in terms
    weight = dict((group[0], w) for group, w in asked.topic)
    assert weight["第一百六十八条"] == 2 * max(w for term, w in weight.items() if term != "第一百六十八条")


def test_a_story_told_around_a_cited_article_is_answered_from_that_article(fake_index, tmp_path):
    """The asker tells the case in everyday words no statute uses (厂长, 吃亏, 亏了几千万) and cites the article;
    the row of the article cited answers, though it carries little of the story."""
    engine = engine_over(fake_index, tmp_path, {"罪名补充规定.md": CRIMINAL_LAW_TABLE, "企业国有资产法.md": STATE_ASSETS_LAW})
    result = engine.answer([], "国有企业的厂长严重不负责任，签了个明显吃亏的合同，让企业亏了几千万。按刑法第168条现在该定"
                               "什么罪名？以前说的“徇私舞弊造成破产、亏损罪”还能不能用？")
    assert "国有公司、企业、事业单位人员失职罪" in result.answer, result.answer


@pytest.mark.parametrize("question, earlier", [
    ("一审按故意伤害判了，二审最后怎么处理的？屋外打伤人那一段还算防卫吗？", False),
    ("一审怎么判的？", True), ("二审改判前，原审是怎么判的？", True),
    ("The first-instance court convicted him. What happened on appeal?", False),
    ("What did the court originally order him to pay?", True),
    ("How did the court rule, and how much was the original loan?", False),  # the loan, not a judgment
    ("Was the original judgment set aside on appeal, and how did the case end?", True),
])
def test_an_earlier_judgment_is_asked_only_where_the_question_asks(question, earlier):
    """A story telling the first judgment ('一审按故意伤害判了') asks how the case ended, not that judgment."""
    assert analyse(question, "en" if question.isascii() else "zh").asks_earlier == earlier



SCOPE_ARTICLE = "第二条 在长江宜宾以下干流河道内从事开采砂石及其管理活动的，应当遵守本条例。"
PENALTY_ARTICLE = ("第十八条 违反本条例规定，未办理河道采砂许可证，擅自在长江采砂的，由县级以上地方人民政府水行政主管部门"
                   "责令停止违法行为，并处违法开采的砂石货值金额2倍以上20倍以下的罚款。")


def _law_hits() -> list[Hit]:
    return [Hit(rank=1, score=1.0, source="采砂条例.txt", title="长江河道采砂管理条例", section="第一章", text=SCOPE_ARTICLE,
                regions=["宜宾市"], passage_id="l-1"),
            Hit(rank=2, score=0.5, source="采砂条例.txt", title="长江河道采砂管理条例", section="第五章",
                text=PENALTY_ARTICLE, regions=[], passage_id="l-2")]


def test_a_place_in_a_question_about_a_law_is_where_the_rule_applies_not_a_filter():
    """'在长江宜宾以下干流…擅自采砂，怎么处罚？': 宜宾 is where the regulation applies, as a case's places are its
    story, not whose practice is asked; only the scope article names it, the penalty article answers."""
    from retrieval.answer.composer import _places_as_facts

    asked = analyse("某村民没办采砂许可证，在长江宜宾以下干流擅自采砂，应当怎么处罚？", "zh")
    assert asked.places and asked.places_filter
    assert not _places_as_facts(asked, _law_hits()).places_filter


def test_a_laws_scope_article_answers_only_what_the_law_covers():
    """'…应当遵守本条例' frames the law: asked how a breach is punished, the article naming the asked place and the
    question's words (长江, 宜宾, 采砂) had outscored the penalty; asked what the law applies to, it answers."""
    from retrieval.answer.scoring import candidates

    def scores(question: str) -> dict[str, float]:
        return {s.unit.text[:3]: s.score for s in candidates(_law_hits(), analyse(question, "zh"))}

    punished = scores("某村民没办采砂许可证，在长江宜宾以下干流擅自采砂，应当怎么处罚？")
    assert punished["第十八"] > punished["第二条"]
    covered = scores("在长江干流采砂，适用哪部条例？")
    assert covered["第二条"] > covered["第十八"]
    assert analyse("Which regulation applies to sand mining?", "en").asks_scope
    assert analyse("When did the regulation take effect?", "en").asks_scope
    assert not analyse("The police discovered the boat; how is the owner punished?", "en").asks_scope


@pytest.mark.parametrize("question, sanction, outcome", [
    ("一审按故意伤害判了，二审最后怎么处理的？", False, True),
    ("查封顺位在先的其他债权人提出异议，最高法是怎么处理的？", False, True),
    ("违反规定擅自施工的，应该怎么处理？", True, False),
    ("药监部门应该怎么处罚？罚款幅度是多少？", True, False),
])
def test_what_a_court_did_is_how_a_case_ended_not_what_a_breach_costs(question, sanction, outcome):
    """'二审最后怎么处理的' asks the appeal court's judgment; sanction sentences (罚款, 拘留) do not answer it."""
    asked = analyse(question, "zh")
    assert (asked.asks_sanction, asked.asks_outcome) == (sanction, outcome)


def test_how_many_of_a_kind_counts_cases_and_measures_the_kind_not_the_verb_or_place():
    """'云南检察机关办理了多少公益诉讼案件' counts cases (件) of one kind: the measured word is 公益, not the verb 办理
    nor the place 云南."""
    from retrieval.answer.how_much import counted_unit, measured_terms

    question = "云南检察机关办理了多少公益诉讼案件"
    assert counted_unit(question) == "件"
    assert measured_terms(question) == ("公益",)


def test_a_figure_answers_how_much_only_after_what_it_measures():
    """Of two sentences counting cases in 件, the one whose count follows 公益诉讼 answers; one counting other
    cases before naming 公益诉讼 (and giving it only a percentage) does not. A statute's subject at the start
    of its sentence and its fine in Chinese numerals at the end still measure it."""
    from retrieval.answer.how_much import measures_asked

    question = "云南检察机关办理了多少公益诉讼案件"
    assert measures_asked("公益诉讼立案1074件、实现2015年试点以来首次突破“千件”规模;", question)
    assert not measures_asked("受理审查起诉12536件16056人、同比下降6.3%,诉讼监督稳中有进,更需主动作为的民事检察、行政检察、"
                              "公益诉讼业务规模持续增长,同比上升52.91%、45.62%、42.63%。", question)
    fine = "某商场把疏散通道都堵上了。对商场这个单位能罚多少钱？"
    assert measures_asked("第六十条 单位违反本法规定，有下列行为之一的，责令改正，处五千元以上五万元以下罚款：", fine)
    assert not measures_asked("第五十八条 违反本法规定，由消防救援机构责令停止施工，并处三万元以上三十万元以下罚款：", fine)



LONG_CASE = "# 指导案例907号：丙某诉丁公司奖金纠纷案\n\n## 裁判要点\n\n劳动者主张奖金的，人民法院应予支持。\n\n## 基本案情\n\n" + "\n\n".join(
    f"丙某第{n}次向丁公司主张奖金，丁公司第{n}次以奖金审批未启动为由拒绝发放奖金，丙某随后就奖金问题向丁公司再次交涉，"
    f"丁公司仍称奖金需要审批，丙某认为奖金条件已经满足，双方就奖金发放持续争执，丙某保留了全部奖金交涉记录。" for n in range(1, 9)
) + "\n\n## 裁判结果\n\n法院判决丁公司于判决生效之日起十日内支付丙某款项三十万零四百元。\n"


def test_a_case_named_and_asked_how_it_ended_is_read_in_its_judgment(fake_index, tmp_path):
    """'指导案例907号…最后赔了多少钱？': the judgment shares none of the question's words, so eight passages of
    facts rank above it; the case's judgment is searched for within it and joins the hits."""
    from retrieval.answer.extractive import asked_of
    from retrieval.answer.retrieve import retrieve

    engine = engine_over(fake_index, tmp_path, {"指导案例907号_丙某诉丁公司奖金纠纷案.md": LONG_CASE})
    searcher = engine.searcher
    asked = asked_of("指导案例907号，丙某一直要奖金，公司拒绝审批奖金，最后赔了多少钱？", "zh", searcher.index.bm25().idf)
    assert asked.asks_outcome
    hits = retrieve(searcher, asked, k=3)
    assert any(hit.section.endswith("裁判结果") for hit in hits), [hit.section for hit in hits]


def test_a_judgment_s_formality_is_not_the_ruling_a_whether_question_is_answered_by():
    """'…要不要承担赔偿责任？' with '一审判决已发生法律效力。' among the chosen sentences: a sentence of the judgment that
    decides nothing does not stand for it; the one that decides ('…判决：驳回原告…的诉讼请求。') takes the weakest
    place."""
    from retrieval.answer.rulings import with_the_ruling

    asked = analyse("路人追赶肇事逃逸者，逃逸者被火车撞死，追赶的人要不要承担赔偿责任？", "zh")
    assert asked.asks_outcome and asked.yes_no
    formality = _scored("一审判决已发生法律效力。", heading="裁判结果", score=0.31, coverage=0.0)
    decides = _scored("河北省滦南县人民法院作出民事判决：驳回原告张庆福、张殿凯的诉讼请求。", heading="裁判结果", score=0.26,
                      coverage=0.0)
    facts = [_scored("被告辩称：追赶行为属于见义勇为。", heading="基本案情", score=0.6),
             _scored("张永焕驾车撞人后逃逸，被告驾车追赶。", heading="基本案情", score=0.5)]
    chosen = with_the_ruling([*facts, formality], [*facts, formality, decides], asked, [])
    assert decides in chosen, [s.unit.text for s in chosen]
