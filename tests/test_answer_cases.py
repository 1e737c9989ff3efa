"""Answers from court cases: the case named or told is the one answered from, by its holding, judgment or award."""

import re

import pytest

from answer_helpers import answer_lines, passage_hits, beside_the_fishery_case, CASE_TEXT, OTHER_CASE
from fakes import engine_over
from retrieval.answer.phrases import NOT_FOUND, OFFLINE_NOTE
from retrieval.answer.question import Kind


def test_a_question_naming_its_case_is_answered_from_that_case(fake_index, tmp_path):
    """The case's parties name a place (东港) and the question words things its own way: the named case answers."""
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例902号_行政协议案.md", OTHER_CASE)
    for question in ("指导案例901号里船厂排污害了扇贝，法院判赔多少钱？",
                     "In Guiding Case No. 901, how much did the shipyard have to pay for the dead scallops?"):
        result = engine.answer([], question)
        assert "1377696" in result.answer, (question, result.answer)
        assert result.citations and all("指导案例901号" in c.source for c in result.citations)


@pytest.fixture
def two_cases(fake_index, tmp_path):
    return beside_the_fishery_case(fake_index, tmp_path, "指导案例902号_行政协议案.md", OTHER_CASE)


def test_a_case_told_in_the_askers_words_is_answered_from_the_case_search_puts_first(two_cases):
    """No sentence carries the question's wording (its facts and its outcome sit apart), and its place (东港)
    is a party's name in the title: the leading case, read whole, answers with its outcome."""
    result = two_cases.answer([], "排放含铁污水后海水变红、扇贝死亡，二审判船舶公司赔了多少钱？")
    assert "1377696" in answer_lines(result.answer)[0], result.answer
    assert all("指导案例901号" in c.source for c in result.citations)
    refused = two_cases.answer([], "洗钱犯罪案件的资金流向怎么查？")
    assert refused.answer.strip() == NOT_FOUND["zh"] and not refused.citations


@pytest.mark.parametrize("question", ["排放含铁污水造成养殖物损害的，污染者是否应当承担赔偿责任？",
                                      "A factory discharged iron-laden waste water and the scallops died. "
                                      "Does the polluter have to compensate the farmers?"])
def test_a_yes_no_question_is_answered_by_the_holding(two_cases, question):
    """'Whether' asks for the court's conclusion: the headnote's holding comes before the facts."""
    result = two_cases.answer([], question)
    evidence = [line for line in answer_lines(result.answer) if "应当承担赔偿责任" in line]
    assert evidence, result.answer
    assert not any("海水变红" in line for line in answer_lines(result.answer)[:answer_lines(result.answer).index(evidence[0])])


def test_an_english_whether_about_a_case_leads_with_which_way_the_court_went(fake_index, tmp_path):
    """No translation model: the first line still says the outcome, from the judgment's standard wording
    (宣告…无罪 -> acquitted), with the Chinese words it rests on."""
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例904号_江某某正当防卫案.md", SCHOOL_CASE)
    result = engine.answer([], "In Guiding Case No. 904, a schoolboy beaten by classmates pulled out a knife. "
                               "How did the court rule in the end?")
    first = answer_lines(result.answer)[0]
    assert "conclusion: acquitted (宣告江某某无罪)" in first, result.answer


@pytest.mark.parametrize("question", [
    "Does a polluter whose iron-laden waste water killed the scallops have to compensate the farmers?",
    "If a factory's iron-laden waste water killed the scallops, does the polluter have to compensate the farmers?"])
def test_an_english_whether_after_its_condition_leads_with_the_conclusion(two_cases, question):
    """'If …, does the polluter have to…?' asks whether as much as 'Does…?': the first line says which way."""
    result = two_cases.answer([], question)
    assert "conclusion: liable (应当承担赔偿责任)" in answer_lines(result.answer)[0], result.answer


def test_a_conclusion_in_the_first_line_comes_only_from_the_section_asked():
    """Asked what the rule is, a judgment's '驳回上诉，维持原判' is not the answer: no conclusion is claimed."""
    from retrieval.answer.question import analyse
    from retrieval.answer.rulings import concluded
    from retrieval.answer.scoring import Scored
    from retrieval.answer.units import Unit

    def scored(text: str, heading: str, score: float) -> Scored:
        unit = Unit(text=text, heading=heading, hit_rank=1, position=0, in_passage=True)
        return Scored(unit=unit, score=score, coverage=0.5, place=False)

    chosen = [scored("高等学校作出影响学生基本权利的决定时，应当允许其申辩。", "裁判要点", 1.0),
              scored("北京市第一中级人民法院作出行政判决：驳回上诉，维持原判。", "裁判结果", 0.9)]
    rule = analyse("What does the case say about the procedure a university must follow?", "en")
    assert rule.asks_holding and concluded(chosen, rule, {1: "c.md"}) is None
    ended = analyse("How did the court eventually rule?", "en")
    assert concluded(chosen, ended, {1: "c.md"}) == ("the appeal was dismissed and the judgment upheld", "驳回上诉,维持原判")


def test_people_named_in_pinyin_are_found_as_the_sources_write_them():
    from retrieval.answer.names import chinese_names, spelled_names

    assert spelled_names("In the extortion ring led by Wu Qiang, what sentence did Wu Qiang receive?") == ["wuqiang"]
    assert spelled_names("How did the Supreme People's Court rule on Wang Jian-guo's appeal?") == ["wangjianguo"]
    assert spelled_names("What did Guiding Case No. 93 decide? Is that a work injury?") == []
    texts = ["被告人吴强、季少廷等人组织实施敲诈勒索", "武强县人民法院审理", "吴强决定执行有期徒刑十三年六个月"]
    assert chinese_names("wuqiang", texts) == ["吴强", "武强"]  # the one the hits name most comes first
    assert chinese_names("zengfan", ["曾凡"]) == ["曾凡"] and chinese_names("lvxiaoming", ["吕晓明"]) == ["吕晓明"]


GANG_CASE = """# 指导案例903号：吴强等敲诈勒索案

## 基本案情

被告人吴强纠集季少廷等人，设局劝酒后尾随酒驾车辆制造碰撞，以报警相要挟索取钱财。季少廷负责驾车。

## 裁判结果

法院以敲诈勒索罪判处季少廷有期徒刑三年。

吴强数罪并罚，决定执行有期徒刑十三年六个月。
"""


def test_an_english_question_naming_a_person_in_pinyin_is_answered_about_that_person(fake_index, tmp_path):
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例903号_吴强等敲诈勒索案.md", GANG_CASE)
    result = engine.answer([], "In the extortion ring that staged drunk-driving crashes, what sentence did Wu Qiang get?")
    assert "十三年六个月" in result.answer, result.answer
    assert "季少廷有期徒刑三年" not in result.answer  # another defendant's sentence does not answer


def test_an_english_answer_from_court_cases_names_them_in_english(two_cases):
    result = two_cases.answer([], "A factory discharged iron-laden waste water and the scallops died. "
                                  "Does the polluter have to compensate the farmers?")
    assert answer_lines(result.answer)[0].startswith("Guiding Case No. 901"), result.answer


def test_a_question_listing_many_capitalised_names_costs_little():
    import time

    from retrieval.answer.names import MAX_NAMES, chinese_names, spelled_names

    names = spelled_names(" and ".join(f"Zhang San{chr(97 + i % 26)}" for i in range(300)))
    assert len(names) <= MAX_NAMES
    started = time.perf_counter()
    for name in names:
        chinese_names(name, ["被告人吴强、季少廷等人组织实施敲诈勒索。" * 300])
    assert time.perf_counter() - started < 0.5


def test_a_message_asking_two_things_gets_both_answered(two_cases):
    result = two_cases.answer([], "污染者排放含铁污水造成养殖物损害，是否应当承担赔偿责任？"
                                  "二审法院判决东港船舶修造有限公司赔偿养殖损失多少钱？")
    leads = [line for line in answer_lines(result.answer) if not line.startswith("- ") and line != OFFLINE_NOTE["zh"]]
    assert len(leads) == 2 and "应当承担赔偿责任" in leads[0] and "1377696" in leads[1], result.answer  # one per part
    numbers = [int(n) for n in re.findall(r"\[(\d+)\]", result.answer)]
    assert sorted(set(numbers)) == list(range(1, len(result.citations) + 1))  # one numbering for both parts
    assert result.answer.count(OFFLINE_NOTE["zh"]) == 1
    # a part that alone would find something does not answer a message the collection knows nothing of
    refused = two_cases.answer([], "洗钱犯罪的资金流向怎么查？污染者造成养殖物损害的赔偿责任怎么认定？")
    assert refused.answer.strip() == NOT_FOUND["zh"], refused.answer


SCHOOL_CASE = """# 指导案例904号：江某某正当防卫案

## 裁判要点

对于因学生霸凌引发的防卫行为，应当综合考量案发起因，不能仅因行为人使用工具反击就否定其防卫意图。

## 基本案情

江某某在厕所被十几名同学围殴，倒地后掏出折叠刀乱挥，致两人重伤。

## 裁判结果

法院认定江某某的行为构成正当防卫，宣告江某某无罪。
"""


def test_a_case_told_with_numbers_asking_how_it_ended_gets_the_judgment(fake_index, tmp_path):
    """'十几个同学' tells the facts, it does not ask 'how many'; 'how did it end' reads the judgment section,
    which names the parties rather than the question's facts."""
    from retrieval.answer.asking import asking_part
    from retrieval.answer.question import analyse

    question = "初二学生在厕所被十几个同学围殴，倒地后掏出折叠刀乱挥，捅伤两人。法院最后怎么判的？"
    assert analyse(question, "zh").kind != Kind.FIGURE
    assert asking_part("Sand was dredged in Hubei. Can a Jiangxi court try it?") == " Can a Jiangxi court try it?"
    assert asking_part("What does Guiding Case No. 84 say?") == "What does Guiding Case No. 84 say?"
    import time

    started = time.perf_counter()
    for text in ("中" * 4000, "a. " * 1400, "。" * 4000):  # a long message without '?' costs no more than linear time
        assert asking_part(text) == text
    assert time.perf_counter() - started < 0.05
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例904号_江某某正当防卫案.md", SCHOOL_CASE)
    result = engine.answer([], question)
    assert "宣告江某某无罪" in result.answer, result.answer


JURISDICTION_CASE = """# 指导案例907号：张某诉某传播公司侵害作品信息网络传播权纠纷案

## 裁判要点

侵害作品信息网络传播权的侵权结果发生地具有不确定性，不应作为确定管辖的依据。此类纠纷由侵权行为地或者被告住所地人民法院管辖。

## 基本案情

原告张某发现被告某传播公司擅自在网站上发布、使用其享有著作权的写真作品，遂向其住所地的秦皇岛市中级人民法院提起诉讼，被告对管辖权提出异议。

## 裁判理由

秦皇岛市为原告住所地，不是侵权行为地或被告住所地，秦皇岛市中级人民法院对于本案没有管辖权。
"""


def test_a_yes_no_question_telling_its_facts_gets_the_cases_holding(fake_index, tmp_path):
    """'这个法院有没有管辖权？' after a story in the asker's words: the holding shares few of the story's
    words, but whether is what it says; the facts retold are not the answer."""
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例907号_张某诉某传播公司案.md", JURISDICTION_CASE)
    result = engine.answer(
        [], "摄影师发现自己的写真作品被别人擅自发到网站上，想在自己住所地的中院起诉，这个法院有没有管辖权？")
    assert "不应作为确定管辖的依据" in result.answer, result.answer


DESIGNATED_CASE = JURISDICTION_CASE.replace("907号", "908号") + """
## 裁判结果

秦皇岛市中级人民法院作出民事裁定，驳回被告提出的管辖权异议。被告不服一审裁定，提起上诉。河北省高级人民法院作出民事裁定，撤销一审裁定，将本案移送北京互联网法院审理。北京互联网法院经审查认为移送不当，报请最高人民法院指定管辖。最高人民法院作出民事裁定，确定本案由北京互联网法院审理。
"""


def test_which_court_finally_heard_a_case_is_the_last_ruling_and_why_is_its_holding(fake_index, tmp_path):
    """A judgment section lists every instance in order; 'finally' asks for the last of them, and 'why'
    for the rule the case states, which words the asker's story differently."""
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例908号_张某诉某传播公司案.md", DESIGNATED_CASE)
    result = engine.answer([], "In Guiding Case No. 908, which court was finally designated to hear the case, "
                                "and why couldn't the photographer sue in the city where he lives?")
    assert "确定本案由北京互联网法院审理" in result.answer, result.answer
    assert "侵权结果发生地具有不确定性" in result.answer, result.answer


UNIVERSITY_CASE = """# 指导案例909号：田永诉某科技大学拒绝颁发毕业证、学位证案

## 裁判要点

高等学校对因违反校规、校纪的受教育者作出影响其基本权利的决定时，应当允许其申辩并在决定作出后及时送达，否则视为违反法定程序。

## 基本案情

田永在补考中随身携带纸条，某科技大学决定按退学处理，但退学处理决定未直接向田永宣布、送达，田永继续在校学习。

## 裁判结果

一、某科技大学在本判决生效之日起30日内向田永颁发大学本科毕业证书；二、某科技大学在本判决生效之日起60日内对田永的学士学位资格进行审核；三、驳回田永的其他诉讼请求。
"""


def test_a_case_named_by_number_and_asked_what_it_requires_answers_with_its_holding(fake_index, tmp_path):
    """'Guiding Case No. 909: when … what must the university do?' The holding says it in general words that
    carry few of the asker's (guessed) terms; named by number, the case's holding is shown."""
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例909号_田永诉某科技大学案.md", UNIVERSITY_CASE)
    result = engine.answer([], "Guiding Case No. 909: when a student was told he was expelled for carrying notes "
                               "into a make-up exam, what did the university have to do first?")
    assert "应当允许其申辩" in result.answer, result.answer


def test_what_a_case_named_by_its_parties_says_is_its_rule_which_names_no_party(fake_index, tmp_path):
    """'Tian Yong' (田永) names the case, not the answer: asked what the case says, its holding answers,
    though the judgment's sentences are the ones that name him."""
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例909号_田永诉某科技大学案.md", UNIVERSITY_CASE)
    result = engine.answer([], "What does the Tian Yong v. the university case say about the procedure a university "
                               "must follow when it disciplines a student?")
    assert "应当允许其申辩" in result.answer, result.answer


@pytest.mark.parametrize("question, outcome", [
    ("Which court was finally designated to hear the case?", True), ("还要承担什么责任？", True),
    ("How did the court eventually rule?", True), ("Which court hears online infringement disputes?", False),
    ("检察机关承担哪些职能？", False), ("What did the court decide in that case?", True), ("法院最后支持了多少", True),
    ("支持公开听证的有多少人？", False),
    ("What did the prosecutors decide to do about petitions?", False),
    ("How much had the first-instance court ordered the committee to pay?", True),
    ("His former employer claims the patent. Who owns it?", True), ("受害人的损失应该由谁承担？", True),
    ("谁负责信访工作？", False), ("企业称一次性付清会破产，法院最后是怎么安排赔偿款支付的？", True),
    ("法院最终如何处理？", True), ("最早是怎么发现的？", False), ("法院支持了哪些诉讼请求，没支持哪些？", True),
    ("What did Guiding Case No. 24 decide?", True), ("What does the case decide about deposits?", True),
])
def test_finally_and_what_liability_ask_how_a_case_ended(question, outcome):
    from retrieval.answer.question import analyse

    assert analyse(question, "en" if question.isascii() else "zh").asks_outcome == outcome


@pytest.mark.parametrize("question, holding", [
    ("指导案例78号对界定相关市场是怎么说的？", True), ("这类案件法院是如何认定的？", True),
    ("What does the case say about defining the relevant market?", True), ("昆明是怎么减少信访的？", False),
    ("Why couldn't he sue where he lives?", True), ("为什么不能在住所地起诉？", True),
])
def test_what_a_case_says_about_something_asks_its_holding(question, holding):
    from retrieval.answer.question import analyse

    assert analyse(question, "en" if question.isascii() else "zh").asks_holding == holding


SAND_PASSAGES = [  # (section, regions, text)
    ("基本案情", ["湖北省", "九江市"], "2021年9月，被告人刘某伙同他人在湖北省长江黄梅段水域盗采江砂4500吨，价值475447.2元，"
                                     "运至江西省九江市某码头出售。"),
    ("裁判结果", [], "瑞昌市人民法院以刑事附带民事判决，认定被告人刘某犯非法采矿罪，判处有期徒刑三年，并处罚金人民币110000元。"),
    ("裁判结果", ["湖北省", "九江市"], "责令被告人刘某退赔在湖北省长江黄梅段盗采、运至九江市码头出售江砂造成的国家矿产资源损失135000元。"
                                     "刘某连带赔偿湖北省长江黄梅段生态服务功能损失35823.41元、修复费用26767.48元，共计62590.89元。"
                                     "刘某已退赔的盗采湖北省江砂运至九江市出售造成的损失50000元上缴国库。"),
]


def test_asked_how_many_years_a_case_answers_with_the_prison_term_wherever_its_court_sits():
    """'判了几年' asks for the term of imprisonment, not the amounts beside it; the places the asker names
    (湖北, 九江) are the case's facts, so the judgment of a court elsewhere (瑞昌) still answers."""
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    hits = passage_hits("指导案例908号_刘某非法采矿案.md", "指导案例908号：刘某非法采矿案", SAND_PASSAGES, "s")
    asked = analyse("在湖北长江黄梅段盗采江砂、运到九江码头卖掉的那个非法采矿案，被告人判了几年？", "zh")
    assert asked.asks_term and analyse("What prison term did he get?", "en").asks_term
    assert "有期徒刑三年" in compose(asked, hits).text


def test_a_message_asking_two_things_quotes_each_sentence_once():
    """'判了几年？生态损害一共要赔多少？': both parts read the same judgment; the second does not quote again
    what the first did."""
    from retrieval.answer.extractive import compose_message
    from retrieval.answer.question import analyse

    hits = passage_hits("指导案例908号_刘某非法采矿案.md", "指导案例908号：刘某非法采矿案", SAND_PASSAGES, "s")
    question = "在湖北长江黄梅段盗采江砂、运到九江码头卖掉的那个非法采矿案，被告人判了几年？生态损害一共要赔多少钱？"
    answer = compose_message(analyse(question, "zh"), hits).text
    bullets = [re.sub(r"\[\d+\]", "", line) for line in answer_lines(answer) if line.startswith("- ")]
    assert "有期徒刑三年" in answer and "62590.89" in answer, answer
    assert len(bullets) == len(set(bullets)), answer


SETTLEMENT_CASE = """# 指导案例905号：某建设公司与某开发公司执行监督案

## 裁判要点

在履行和解协议的过程中，申请执行人因被执行人迟延履行申请恢复执行的同时，又继续接受并积极配合被执行人的后续履行，直至和解协议全部履行完毕的，属于和解协议已经履行完毕不再恢复执行原生效法律文书的情形。

## 基本案情

某开发公司未按期交付商铺，某建设公司申请恢复执行，同时继续接受交付。
"""


def test_a_yes_no_lead_keeps_the_rules_conclusion_and_the_whole_sentence_follows(fake_index, tmp_path):
    """The rule's conclusion comes last in a long sentence: the clipped lead keeps it, and the sentence is
    quoted whole below the lead."""
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例905号_执行监督案.md", SETTLEMENT_CASE)
    result = engine.answer(
        [], "申请执行人一边申请恢复执行，一边继续接受对方履行，和解协议全部履行完了，法院还能恢复执行吗？")
    lead = answer_lines(result.answer)[0]
    assert "不再恢复执行" in lead and len(lead) < 120, result.answer
    assert any("直至和解协议全部履行完毕的，属于" in line for line in answer_lines(result.answer)[1:]), result.answer


def test_an_english_subject_the_collection_never_uses_is_refused_although_the_rest_is_found(two_cases):
    """'anti-dumping' has one rendering (反倾销) no case uses: it is the subject, not a misread word, so the
    polluters and compensation the cases do mention must not answer."""
    result = two_cases.answer([], "Can a polluter that pays compensation also challenge anti-dumping duties?")
    assert result.answer.strip() == NOT_FOUND["en"], result.answer
    answered = two_cases.answer([], "Does the polluter have to pay compensation for the dead scallops?")
    assert answered.answer.strip() != NOT_FOUND["en"], answered.answer


JOB_CASE = """# 指导案例906号：闫某诉某度假村有限公司平等就业权纠纷案

## 裁判要点

用人单位以地域为由拒绝录用劳动者，构成就业歧视，应当承担赔偿责任。

## 基本案情

闫某系河南人，向某度假村投递简历，被以“河南人”不合适为由拒绝。闫某为公证支出公证费用1000元。

## 裁判结果

法院判决某度假村赔偿闫某精神抚慰金及合理维权费用损失共计10000元，并公开登报赔礼道歉。
"""


def test_a_case_asked_how_much_it_ended_with_leads_with_the_award_not_the_facts_or_a_place(fake_index, tmp_path):
    """The applicant's home (河南) is a fact of the case, not the answer's label; the amount the facts mention
    (a notary fee) is not what the court awarded."""
    engine = beside_the_fishery_case(fake_index, tmp_path, "指导案例906号_闫某诉某度假村平等就业权案.md", JOB_CASE)
    result = engine.answer(
        [], "求职者是河南人，被度假村以地域为由拒绝录用，法院最后判度假村赔了多少钱？")
    lead = answer_lines(result.answer)[0]
    assert "10000元" in lead and not lead.startswith("河南"), result.answer


_PAD = "，双方当事人对执行和解协议的履行情况、商铺产权登记手续的办理、租赁合同的变更以及工程款的抵偿方式各执一词，执行法院多次组织双方进行沟通。"


SETTLEMENT_HITS = [
    "法院判决时代公司支付天宇公司工程款14454411.83元，天宇公司申请执行，双方以三套商铺抵偿工程款并签订执行和解协议" + _PAD,
    "天宇公司以时代公司未办妥三套商铺产权登记为由，申请恢复执行，要求拍卖剩余房产以清偿工程款，执行法院予以准许" + _PAD,
    "执行法院对时代公司所有的云港佳园39-1203、21-1203、11-202、17-102、17-202、36-1402室房产恢复执行，商铺抵偿工程款一事另行处理" + _PAD,
    "时代公司就三套商铺开具三张发票，三张发票金额总计11999999元，用以抵偿工程款，天宇公司接受发票并办理了商铺登记" + _PAD,
]


def test_an_answer_longer_than_a_screen_drops_sentences_without_figures_and_names_only_figures_it_shows():
    """Past one screen the weakest sentences go, for 'how much' those without a figure first (flat numbers
    are not figures), and the English lead is rebuilt from what is left: no key figure without its sentence."""
    from retrieval.answer.composer import MAX_CHARS, compose
    from retrieval.answer.question import analyse

    hits = passage_hits("指导案例926号_天宇公司执行监督案.md", "指导案例926号：天宇公司执行监督案",
                         [("基本案情", [], text) for text in SETTLEMENT_HITS], "t")
    chinese = compose(analyse("天宇公司执行案中，商铺抵偿的工程款是多少？发票总计多少？", "zh"), hits).text
    assert "11999999元" in chinese and "14454411.83元" in chinese and "39-1203" not in chinese, chinese
    assert sum(len(line) for line in chinese.splitlines()[:-1]) <= MAX_CHARS, chinese
    english = compose(analyse("In the Tianyu enforcement case, how much was the project payment and what was the "
                              "total on the invoices for the shops?", "en"), hits).text
    lead, body = english.split("Evidence from the sources:")
    shown = re.findall(r"([\d,]+(?:\.\d+)?) yuan", lead)
    assert shown and all(figure.replace(",", "") in body for figure in shown), english


REVERSED_CASE = """# 指导案例905号：黄某诉保险公司机动车交通事故责任纠纷案

## 裁判要点

交通事故的受害人没有过错，其体质状况对损害后果的影响不属于可以减轻侵权人责任的法定情形。

## 基本案情

行人黄某在人行横道上被轿车撞伤，保险公司以其骨质疏松为由主张按损伤参与度扣减赔偿。

## 裁判结果

甲市乙区人民法院于2013年2月8日作出（2012）乙民初字第11号判决：一、被告保险公司赔偿黄某31000元。二、驳回原告黄某的其他诉讼请求。宣判后，黄某提出上诉。甲市中级人民法院于2013年6月21日作出（2013）甲民终字第22号民事判决：一、撤销甲市乙区人民法院（2012）乙民初字第11号判决；二、被告保险公司赔偿黄某48000元。
"""


UPHELD_CASE = """# 指导案例906号：物业公司诉赵某名誉权纠纷案

## 裁判要点

在业主微信群中发布贬损他人的言论，构成名誉权侵权，应当依法承担法律责任。

## 基本案情

赵某在业主微信群中多次发布贬损物业公司负责人的言论。

## 裁判结果

丙区人民法院于2017年9月19日作出（2017）丙民初字第33号民事判决：一、被告赵某在小区门口张贴致歉声明；二、被告赵某赔偿原告经济损失三千元；三、驳回原告的其他诉讼请求。宣判后，赵某提出上诉。丁市中级人民法院于2018年1月31日作出（2018）丁民终字第44号民事判决：驳回上诉，维持原判。
"""


def test_a_judgment_set_aside_on_appeal_is_history_and_one_upheld_is_the_outcome(fake_index, tmp_path):
    """'What did the court decide?': the appeal court's award, not the first court's that it set aside; an
    appeal dismissed leaves the first court's orders as what the parties must do. Asked for the first
    judgment ('originally'), it is quoted."""
    engine = engine_over(fake_index, tmp_path, {"指导案例905号_黄某案.md": REVERSED_CASE * 3,
                                               "指导案例906号_赵某案.md": UPHELD_CASE * 3,
                                               "指导案例901号_渔业合作社诉东港船舶案.md": CASE_TEXT * 3})
    for question in ("指导案例905号最后怎么判的？", "What did the court decide in Guiding Case No. 905?"):
        answer = engine.answer([], question).answer
        assert "48000元" in answer and "31000元" not in answer, (question, answer)
        assert any(f in answer_lines(answer)[0] for f in ("48000", "48,000")), answer  # the final award leads
    first = engine.answer([], "In Guiding Case No. 905, what did the first-instance court originally award?").answer
    assert "31000元" in first, first
    upheld = engine.answer([], "What was the outcome of Guiding Case No. 906?").answer
    assert "经济损失三千元" in upheld and "致歉声明" in upheld, upheld


def test_which_judgment_a_later_court_set_aside_is_read_from_its_case_number():
    """A retrial that sets aside both earlier judgments by number makes both history, though the second
    had upheld the first; the order to retry is neither."""
    from retrieval.answer.instances import Role, roles

    texts = ["甲区法院作出（2017）甲民初1号民事判决：一、被告赔偿原告45096.17元；", "二、驳回原告的其他诉讼请求。",
             "乙市中院作出（2018）乙民终2号民事判决：驳回上诉，维持原判。",
             "二审判决生效后，乙市中院作出（2019）乙民监3号民事裁定，再审本案。",
             "乙市中院作出（2019）乙民再4号民事判决：一、撤销本院（2018）乙民终2号民事判决及甲区法院（2017）甲民初1号民事判决；",
             "二、驳回原告的诉讼请求。"]
    assert roles(texts) == [Role.SET_ASIDE] * 3 + [Role.ONLY, Role.FINAL, Role.FINAL]
    assert roles(texts[:3]) == [Role.UPHELD, Role.UPHELD, Role.FINAL]
    assert roles(texts[:2]) == [Role.ONLY, Role.ONLY]


TRANSFER_CASE = """# 指导案例907号：甲公司与乙公司执行监督案

## 裁判要点

以物抵债裁定作出后，被执行人的财产已经转移的，执行法院应当审查抵债财产的范围。

## 基本案情

丙公司受让了四笔债权，法院变更丙公司为四案的申请执行人，债权总额为8800万元，并将四案合并执行。
"""


ASSIGNMENT_CASE = """# 指导案例908号：丁某申请执行戊公司案

## 裁判要点

债权人在执行前将债权转让给公司的，受让债权的公司可以申请变更为申请执行人；债权转让给公司后应当通知债务人。

## 基本案情

戊公司将债权转让给己公司，己公司受让债权后通知了债务人，并申请变更申请执行人。
"""


def test_a_case_named_by_number_is_answered_from_that_case(fake_index, tmp_path):
    """'指导案例907号中转让给公司的四笔债权总额是多少': the number is one word among many, and thirty cases about
    转让 and 公司 outrank it; the case named answers, with its figure."""
    others = {f"指导案例{n}号_债权转让案.md": ASSIGNMENT_CASE.replace("908", str(n)).replace(
        "## 基本案情\n\n", f"## 基本案情\n\n第{n}号案中，转让给公司、受让后通知债务人的四笔债权由法院审查。") for n in range(910, 940)}
    engine = engine_over(fake_index, tmp_path, {"指导案例907号_甲公司执行监督案.md": TRANSFER_CASE, **others})
    question = "指导案例907号中转让给公司、受让后通知债务人的四笔债权总额是多少？"
    result = engine.answer([], question)
    assert "8800万元" in result.answer, result.answer
    from retrieval.answer.extractive import asked_of
    from retrieval.answer.retrieve import retrieve
    pool = retrieve(engine.searcher, asked_of(question, "zh"), 10)  # no other wordings: the case is searched within
    assert any("907" in hit.source for hit in pool) and "907" not in engine.searcher.search(question, k=10)[0].source
    assert all("907" in c.source for c in result.citations), [c.source for c in result.citations]


def test_the_title_repeated_over_lines_before_a_case_is_never_a_sentence_of_it():
    """A guiding case opens with its parties and cause on lines of their own ('赵春明等诉烟台市福山区汽车运输公司、'):
    a fragment of the title, not a statement to quote or lead with."""
    from retrieval.answer.units import units_of
    from retrieval.types import Hit

    hit = Hit(rank=1, score=1.0, source="19.md", title="指导案例19号：赵春明等诉烟台市福山区汽车运输公司、卫德平等机动车交通事故责任纠纷案",
              section="", passage_id="p", regions=[],
              text="赵春明等诉烟台市福山区汽车运输公司、\n卫德平等机动车交通事故责任纠纷案\n"
                   "机动车所有人将机动车号牌出借他人套牌使用，套牌机动车发生交通事故造成他人损害的，应当承担连带责任。")
    assert [u.text for u in units_of(hit)] == [
        "机动车所有人将机动车号牌出借他人套牌使用，套牌机动车发生交通事故造成他人损害的，应当承担连带责任。"]


def test_what_a_party_argued_after_its_semicolon_is_never_quoted_as_the_courts():
    """'认定…承担连带责任，缺乏法律依据。' had been quoted alone, as if the court had found it; it is the appellants'.
    A court's own '；' still parts its findings."""
    from retrieval.answer.units import units_of
    from retrieval.types import Hit

    appeal = ("宣判后，川交机械公司、瑞路公司提起上诉，认为一审判决认定三个公司人格混同，属认定事实不清；"
              "认定川交机械公司、瑞路公司对川交工贸公司的债务承担连带责任，缺乏法律依据。")
    held = "法院生效裁判认为：三个公司人员混同，业务混同；三个公司财务混同，构成人格混同。"
    hit = Hit(rank=1, score=1.0, source="15.md", title="指导案例15号", section="", passage_id="p", regions=[],
              text=f"{appeal}\n{held}")
    texts = [u.text for u in units_of(hit)]
    assert appeal in texts, texts
    assert "三个公司财务混同，构成人格混同。" in texts, texts


@pytest.mark.parametrize("question, named", [
    ("24号案例", "指导案例24号"), ("案例19的裁判要点", "指导案例19号"), ("第24号指导案例讲什么", "指导案例24号"),
    ("指导性案例194号", "指导案例194号"), ("检例第12号", "检例第12号"), ("典型案例3", None), ("本案例1.5万元", None),
])
def test_a_case_number_is_read_however_the_asker_writes_it(question, named):
    from retrieval.answer.references import named_cases

    assert (named_cases(question)[:1] or [None])[0] == named


def test_a_message_that_is_only_a_case_number_is_answered_from_that_case(fake_index, tmp_path):
    from fakes import engine_over

    engine = engine_over(fake_index, tmp_path, {"指导案例24号_荣宝英诉王阳.md": "### 指导案例24号：荣宝英诉王阳机动车交通事故责任纠纷案\n\n"
                                                "裁判要点\n\n交通事故的受害人没有过错，其体质状况对损害后果的影响不属于可以减轻侵权人责任的法定情形。\n"})
    result = engine.answer([], "24号案例")
    assert "体质状况" in result.answer and [c.source for c in result.citations] == ["指导案例24号_荣宝英诉王阳.md"]



def test_a_case_named_by_number_asked_its_rule_answers_with_its_holding_from_a_neighbouring_passage():
    """'指导案例145号的裁判要点是什么？': search matched the case's title passage; its rule, in the next passage under
    the plain line '裁判要点', says neither 裁判 nor 要点. The case named, its holding answers."""
    from retrieval.answer.composer import compose
    from retrieval.answer.extractive import asked_of
    from retrieval.eval.answers import is_refusal
    from retrieval.types import ContextPart, Hit

    title = "指导案例145号：张竣杰等非法控制计算机信息系统案"
    opening = f"### {title}\n\n张竣杰等非法控制计算机信息系统案\n\n（最高人民法院审判委员会讨论通过2020年12月29日发布）"
    holding = ("裁判要点\n\n1.通过植入木马程序的方式，非法获取网站服务器的控制权限，上传网页链接代码的，应当认定为"
               "刑法第二百八十五条第二款\"采用其他技术手段\"非法控制计算机信息系统的行为。\n\n基本案情\n\n"
               "自2017年7月开始，被告人张竣杰等人对存在防护漏洞的目标服务器植入木马程序。")
    parts = [ContextPart(passage_id="c-1", section=title, text=opening),
             ContextPart(passage_id="c-2", section=title, text=holding)]
    hit = Hit(rank=1, score=1.0, source="指导案例145号_张竣杰等非法控制计算机信息系统案.md", title=title, section=title,
              text=opening, regions=[], passage_id="c-1", parts=parts)
    answer = compose(asked_of("指导案例145号的裁判要点是什么？", "zh"), [hit]).text
    assert not is_refusal(answer, "zh") and "非法控制计算机信息系统的行为" in answer.splitlines()[0], answer

def test_a_judgment_set_aside_in_another_passage_of_the_case_is_still_history():
    """马乐案: the first court's sentence (缓刑五年) stands in one passage, the retrial that set it aside in the next;
    each decision opens '…（2014）…号刑事判决认为，'. Asked how the case was decided, the retrial's sentence leads."""
    from retrieval.answer.composer import compose
    from retrieval.answer.extractive import asked_of
    from retrieval.types import Hit

    first = ("深圳市中级人民法院（2014）深中法刑二初字第27号刑事判决认为，被告人马某的行为已构成利用未公开信息交易罪。"
             "遂以利用未公开信息交易罪判处马某有期徒刑三年，缓刑五年，并处罚金人民币1884万元。")
    retrial = ("最高人民法院（2015）刑抗字第1号刑事判决认为，原审被告人马某的行为已构成利用未公开信息交易罪，属于情节特别严重。"
               "判决如下：一、撤销深圳市中级人民法院（2014）深中法刑二初字第27号刑事判决中对原审被告人马某的量刑部分；"
               "二、原审被告人马某犯利用未公开信息交易罪，判处有期徒刑三年，并处罚金人民币1913万元。")
    title = "指导案例961号：马某利用未公开信息交易案"
    hits = [Hit(rank=n, score=1.0 / n, source="指导案例961号_马某案.md", title=title, section="裁判结果", text=text,
                regions=[], passage_id=f"c961-000{n}") for n, text in ((1, first), (2, retrial))]
    lead = compose(asked_of("马某利用未公开信息交易案怎么判的？", "zh"), hits).text.splitlines()[0]
    assert "1913万元" in lead and "缓刑五年" not in lead, lead


def test_an_english_lead_names_no_sentence_a_judgment_set_aside_on_appeal_imposed():
    """'What did the court hold in the Zhang Namula case?' led with '12 years 6 months' imprisonment': the first
    instance's sentence, which the appeal court set aside when it acquitted him."""
    from retrieval.answer.english import english_lead

    first = "西青区人民法院作出（2016）津0111刑初576号刑事附带民事判决，以被告人张那木拉犯故意伤害罪，判处有期徒刑十二年六个月。"
    appeal = "天津市第一中级人民法院作出（2018）津01刑终326号刑事附带民事判决，撤销（2016）津0111刑初576号刑事附带民事判决，宣告张那木拉无罪。"
    lead = english_lead([first, appeal], set(), "", "Guiding Case No. 144")
    assert "12 years" not in lead, lead
    # nor, the appeal unquoted, a first instance's sentence the texts do not say was final
    assert "12 years" not in english_lead([first], set(), "", "Guiding Case No. 144")
    kept = english_lead([first, "宣判后，被告人未上诉，判决已发生法律效力。"], set(), "", "Guiding Case No. 144")
    assert "12 years 6 months' imprisonment" in kept, kept


def test_an_english_question_for_a_holding_asks_the_holding_and_says_where_it_is():
    """'What is the key holding of Guiding Case No. 144?' looked for 关键 ('key') and was refused."""
    from retrieval.answer.english import english_lead
    from retrieval.answer.question import analyse

    asked = analyse("What is the key holding of Guiding Case No. 144?", "en")
    assert asked.asks_holding and not any("关键" in group for group, _ in asked.topic), asked.topic
    lead = english_lead(["对于使用致命性凶器攻击他人要害部位的行为，可以适用特殊防卫的有关规定。"], set(), "",
                        "Guiding Case No. 144", holding=True)
    assert lead.startswith("Guiding Case No. 144 — holding: the court's rule (裁判要点) is quoted first below"), lead


STORY_CASE = """# 指导案例911号：于某故意伤害案

## 裁判要点

对正在进行的非法限制人身自由的不法侵害，可以进行防卫。

## 基本案情

于某的母亲苏某经营一家工贸公司，于某系该公司员工。

2014年7月，苏某向吴某借款100万元，约定月息10%。其间，吴某指使郭某等人在公司驻扎催债。

2016年4月14日，郭某等十余人将于某和苏某限制在公司接待室内，并对二人进行侮辱。

于某情急之下持水果刀捅刺郭某等四人，致郭某死亡。

## 裁判结果

二审法院以故意伤害罪判处于某有期徒刑五年。
"""


@pytest.mark.parametrize("question", ["What were the facts of Guiding Case 911?", "Facts of Guiding Case 911",
                                      "指导案例911号的基本案情是什么？", "911号案的案情"])
def test_the_facts_of_a_case_named_are_its_story_from_the_start(fake_index, tmp_path, question):
    """'What were the facts of Guiding Case 144?' had been refused (no sentence says 'facts'); '…的基本案情是什么？'
    gave the case's outline; '144号案' named no case. Its 基本案情 is quoted from its first sentence, in order."""
    engine = engine_over(fake_index, tmp_path, {"指导案例911号_于某故意伤害案.md": STORY_CASE,
                                               "指导案例901号_渔业合作社诉东港船舶案.md": CASE_TEXT * 3})
    answer = engine.answer([], question).answer
    lines = answer_lines(answer)
    assert "基本案情" in lines[0] and ("911" in lines[0]), answer
    assert lines[1].startswith("- 于某的母亲苏某经营一家工贸公司"), answer
    assert answer.index("借款100万元") < answer.index("限制在公司接待室内"), answer
    assert "裁判要点" not in answer and "有期徒刑五年" not in answer, answer


def test_what_a_party_claimed_is_never_quoted_as_what_it_was_awarded():
    """'赔了多少？' of 指导案例143号 quoted '二、赔偿原告兰世达公司损失2万元；' beside the award of 3,000 yuan: an
    item of the plaintiffs' claim ('…诉称：…请求人民法院判令：一、…；二、…') standing alone read as the court's."""
    from answer_helpers import passage_hits
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse
    from retrieval.answer.units import units_of

    claim = ("原告兰世达公司、黄晓兰诉称：黄晓兰系兰世达公司员工。自2017年1月17日以来，被告赵敏一直对二原告进行造谣、诽谤，"
             "造成原告名誉受到严重损害，生意受损，请求人民法院判令：一、被告对二原告赔礼道歉，并以张贴公告、在当地报纸刊登公告的方式"
             "为原告消除影响、恢复名誉，公告内容须经法院审核，张贴时间不少于三十日，刊登次数不少于三次，费用由被告负担；"
             "二、赔偿原告兰世达公司损失2万元；三、赔偿二原告精神损害抚慰金各5千元。")
    hits = passage_hits("指导案例143号_兰世达公司诉赵敏名誉权纠纷案.md", "指导案例143号：兰世达公司、黄晓兰诉赵敏名誉权纠纷案", [
        ("基本案情", [], claim),
        ("裁判结果", [], "顺义区人民法院作出民事判决：一、被告赵敏赔礼道歉；二、被告赵敏于本判决生效之日起七日内赔偿原告"
                         "兰世达公司经济损失三千元；三、被告赵敏于本判决生效之日起七日内赔偿原告黄晓兰精神损害抚慰金二千元。")], "c143")
    assert not any(unit.text.startswith("二、赔偿原告") for unit in units_of(hits[0]))
    answer = compose(analyse("指导案例143号，赔了多少？", "zh"), hits).text
    assert "被告赵敏" in answer.splitlines()[0] and "2万元" not in answer and "5千元" not in answer, answer
