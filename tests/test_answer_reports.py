"""Answers from reports and compilations: the asked aspect, place, year and count, in the report's own sentences."""

import re

import pytest

from answer_helpers import answer_lines, passage_hits
from fakes import engine_over
from retrieval.answer.question import Kind


def test_one_place_compared_across_two_years_gets_a_block_per_year():
    """'What did Chongqing do for private businesses in 2020 compared with 2023?': each year's documents
    answer for that year, under its own label; a year no document is from says so."""
    from retrieval.answer.composer import compose
    from retrieval.answer.phrases import NO_SIDE
    from retrieval.answer.question import analyse
    from retrieval.types import Hit

    texts = [("2020-11-15", "重庆检察机关部署开展“保市场主体、护民营经济”专项行动，对民营企业负责人依法不起诉273人。"),
             ("2023-05-30", "2023年3月，重庆市检察院部署开展服务保障民营经济发展刑罚执行法律监督专项行动，帮助民营企业纾困解难。")]
    hits = [Hit(rank=n, score=1.0 / n, source=f"{n}.txt", title=f"重庆市检察院工作报告{n}", section="", text=text,
                regions=["重庆市"], passage_id=f"y-{n}", date=date) for n, (date, text) in enumerate(texts, 1)]
    for question, language in (("重庆2020年和2023年在民营企业方面的做法有什么不同？", "zh"),
                               ("What did Chongqing do for private businesses in 2020 compared with 2023?", "en")):
        asked = analyse(question, language)
        assert asked.kind == Kind.COMPARE, question
        answer = compose(asked, hits).text
        first, second = answer.index("2020"), answer.index("2023")
        assert first < answer.index("保市场主体") < second < answer.index("刑罚执行法律监督专项行动"), answer
    answer = compose(analyse("重庆2019年和2020年在民营企业方面的做法有什么不同？", "zh"), hits).text
    assert NO_SIDE["zh"].format(place="重庆2019年") in answer, answer


TRADITIONAL_REPORT = """榆林市檢察院聚焦智能監督，提升法律監督質效

推進智能監測，運用人工智能、大數據等技術手段篩選監督線索並推送檢務督察部門。推進智慧監督，招標建設技術信息中心，研發醉駕、社區矯正等7個類案監督模型。

榆林市檢察院聚焦內部監督，筑牢自身防范屏障

強化質量監督，健全案件質量評查機制，每月下發通報。強化與公安機關的制約監督，全覆蓋開展看守所巡迴檢察。

榆林市檢察院聚焦領導監督，堅定正確政治方向

健全領導聯系包抓制度，院領導每季度深入基層督促指導監督工作。強化與審判機關的制約監督，完善抗訴、再審檢察建議等監督方式。
"""


def test_a_how_answer_from_a_traditional_report_keeps_the_measures_beside_the_best(fake_index, tmp_path):
    """Actions are recognised in traditional script too (推進, 建設), and a question naming two things
    ('technology and big data') gets the measure beside the one that names the rarer of them."""
    engine = engine_over(fake_index, tmp_path, {"yulin.txt": TRADITIONAL_REPORT})
    result = engine.answer([], "How is the Yulin procuratorate using technology and big data in its supervision work?")
    assert "大數據" in result.answer and "7個類案監督模型" in result.answer, result.answer


XUZHOU_PASSAGES = [
    "徐州市检察院推进社会治理检察建议工作，研发社会治理检察建议综合管理系统。近两年来，徐州市检察院深入开展社会治理检察研究。",
    "徐州市检察院规范社会治理检察建议的制发。在评估考核环节，针对建议格式不规范、质量不高问题，创设基层初核与上级院同步复核机制。",
    "徐州市检察院推动社会治理检察建议落到实处。在落实保障环节，针对整改流于形式问题，创设回复监督机制。",
    "徐州市检察院总结社会治理检察建议经验，相关做法得到市委肯定，在全省推广。",
]


def _xuzhou_hits():
    return passage_hits("xuzhou.txt", "徐州市检察院社会治理检察建议工作情况",
                         [("", ["徐州市"], text) for text in XUZHOU_PASSAGES], "x")


def test_a_how_answer_in_a_report_takes_the_sentences_on_the_asked_aspect_not_the_subject_restated():
    """Every passage names the subject (社会治理检察建议); the sentences on 'quality' and 'implemented' do not
    repeat it, and still answer: in a report, a sentence inherits the subject its own passage names."""
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse
    hits = _xuzhou_hits()
    asked = analyse("徐州市检察院怎样保证社会治理检察建议的质量并抓好落实？", "zh")
    answer = compose(asked, hits).text
    assert "同步复核" in answer or "回复监督机制" in answer, answer


def test_a_shared_subject_is_inherited_only_when_the_questions_most_specific_term_is_found():
    """Otherwise the subject every passage names would lift every sentence of an out-of-scope question
    ('…查处洗钱') over the bar; its rarest term is nowhere, so nothing is inherited and the gate refuses it."""
    from retrieval.answer.scoring import shared_subjects as _subjects
    from retrieval.answer.question import analyse
    hits = _xuzhou_hits()
    rarity = lambda term: 8.0 if "洗钱" in term else 1.5  # noqa: E731 — an unseen term is the rarest
    assert _subjects(analyse("徐州市检察院怎样用社会治理检察建议查处洗钱？", "zh", rarity), hits) == frozenset()
    assert _subjects(analyse("徐州市检察院怎样保证社会治理检察建议的质量并抓好落实？", "zh", rarity), hits)


@pytest.mark.parametrize("question, problems", [
    ("重庆在刑事执行检察方面还存在哪些问题？", True), ("What problems does Chongqing still face?", True),
    ("有什么困难？", True), ("昆明是怎么解决这个问题的？", False), ("How did Henan reduce petitions?", False),
])
def test_asking_what_is_still_wrong_is_recognised(question, problems):
    from retrieval.answer.question import analyse

    assert analyse(question, "en" if question.isascii() else "zh").asks_problems == problems


RECTIFICATION_PASSAGES = [
    ("一、整改落实情况 / (二)优化监督方式", ["重庆市"],
     "加强刑事执行检察监督，推动巡回检察从个案纠正到类案治理，共计核查839人。建立刑事执行检察监督线索移送机制。"
     "开展刑事执行检察监督专项行动，督办重点案件。完善刑事执行检察监督考核办法，压实工作责任。"),
    ("二、存在的问题和困难", ["重庆市"], "刑事执行检察监督工作离人民群众期待尚有差距，办案质效需进一步提升。"),
]


@pytest.mark.parametrize("question", ["重庆在刑事执行检察方面还存在哪些问题？",
                                      "What problems does Chongqing still face in criminal enforcement supervision?"])
def test_what_is_still_wrong_is_answered_from_the_reports_problems_section(question):
    """A rectification report lists its measures at length and its remaining problems in one section;
    asked what is still wrong, that section answers first, though search ranked a measures passage first."""
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    hits = passage_hits("003_report.txt", "重庆市人民检察院关于刑事执行检察工作整改情况的报告", RECTIFICATION_PASSAGES, "r")
    answer = compose(analyse(question, "en" if question.isascii() else "zh"), hits).text
    evidence = [line for line in answer_lines(answer) if line.startswith("- ")]
    assert "需进一步" in (answer_lines(answer)[0] if not question.isascii() else " ".join(evidence)), answer


COMPILATION_PASSAGES = [
    ("吉林省检察院 · 试点考评推动检察工作", ["吉林省"], "吉林省检察院党组把考评试点作为重中之重全力推进，全省97个院完成考评指标本地化设计。"),
    ("吉林省检察院 · 试点考评推动检察工作", ["吉林省"], "吉林省检察院坚持每月通报考评结果，推动检察工作提质增效。"),
    ("重庆市检察院 · 以挂案清理为牵引", ["重庆市"],
     "坚决防止构罪即捕，对涉民企案件一律开展羁押必要性审查，减少羁押给企业生产经营带来的不利影响。"),
]


def test_another_regions_block_of_a_compilation_does_not_answer_for_the_region_asked():
    """Search is sure of the compilation (all its hits), but only Chongqing's block is on pre-trial
    detention: asked about Jilin, the answer says the sources have nothing on it, not Chongqing's work."""
    from retrieval.answer.composer import compose
    from retrieval.answer.phrases import NOT_FOUND_PLACE
    from retrieval.answer.question import analyse

    hits = passage_hits("001_exchange.txt", "各地检察机关经验交流", COMPILATION_PASSAGES, "x")
    answer = compose(analyse("How did Jilin reduce pre-trial detention?", "en"), hits).text
    assert answer == NOT_FOUND_PLACE["en"].format(place="Jilin"), answer


def test_a_preamble_listing_provinces_is_no_provinces_practice():
    """'吉林、广西、宁夏等9个省级检察院交流了…' names Ningxia in a list: the preamble's sentence on 业绩考评 is
    not what Ningxia did about it, and Ningxia's own block is on something else."""
    from retrieval.answer.composer import compose
    from retrieval.answer.phrases import NOT_FOUND_PLACE
    from retrieval.answer.question import analyse

    passages = [
        ("", ["吉林省", "广西壮族自治区", "宁夏回族自治区"],
         "8月27日，全国检察机关“抓实业绩考评、深化检察改革”电视电话会议召开。"
         "作为会前一项重要内容，吉林、广西、宁夏等9个省级检察院以书面形式交流了好经验、好做法。"),
        ("宁夏回族自治区检察院 · 推进认罪认罚从宽制度", ["宁夏回族自治区"],
         "宁夏检察机关努力推动认罪认罚从宽制度落实稳中向好，全区各级院均成立了推进领导小组。"),
    ]
    hits = passage_hits("001_exchange.txt", "抓实业绩考评、深化检察改革", passages, "n")
    answer = compose(analyse("宁夏在业绩考评方面有什么做法？", "zh"), hits).text
    assert answer == NOT_FOUND_PLACE["zh"].format(place="宁夏"), answer


@pytest.mark.parametrize("question, unit", [("重庆挂案清理清了多少件？", "件"), ("起诉了多少人？", "人"),
                                            ("How many cases were withdrawn?", "件"), ("What share was it?", None),
                                            ("How many long-stalled cases were withdrawn?", "件"),
                                            ("How many prosecutors left the quota?", "人"),
                                            ("昆明检察院办了多少案件？", "件"), ("发生了几起案件？", "件")])
def test_how_many_says_what_it_counts(question, unit):
    from retrieval.answer.how_much import counted_unit

    assert counted_unit(question) == unit


def test_how_many_cases_leads_with_a_number_of_cases_not_of_measures():
    """'清了多少件？' counts cases (件): '共督促撤案456件' answers it, '出台17条措施' gives a figure but not that one."""
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    passages = [("重庆市检察院 · 以挂案清理为牵引", ["重庆市"],
                 "重庆检察机关持续加大挂案清理攻坚力度，出台政策与方法相结合的17条措施。"
                 "截至今年7月，挂案清理共督促有关部门撤案456件。")]
    hits = passage_hits("001_exchange.txt", "经验交流", passages, "g")
    answer = compose(analyse("重庆挂案清理清了多少件？", "zh"), hits).text
    assert "456件" in answer_lines(answer)[0], answer


def test_an_english_how_many_leads_with_the_figures_of_what_it_counts():
    """Asked in English how many cases, the lead gives the figures first, the count of cases before the
    number of measures, then the practices named; the Chinese sentences stay below as evidence."""
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    passages = [("重庆市检察院 · 以挂案清理为牵引", ["重庆市"],
                 "重庆检察机关持续加大挂案清理攻坚力度，出台政策与方法相结合的17条措施，共督促有关部门撤案456件。")]
    hits = passage_hits("001_exchange.txt", "经验交流", passages, "e")
    lead = answer_lines(compose(analyse("How many long-stalled cases did Chongqing get withdrawn?", "en"), hits).text)[0]
    assert lead.startswith("Chongqing, as the sources report: figures: 456 cases, 17 items;"), lead


def test_an_english_lead_says_which_source_each_figure_comes_from():
    """Figures quoted from two sources carry each its own citation, the one of the bullet that shows it;
    figures all from one source name it once ('figures [2]: …')."""
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    passages = [("基本案情", [], "雷某某于2013年4月30日通过ATM转账的方式，将账户内的195000元转至案外人名下。"),
                ("裁判结果", [], "二审法院改判雷某某于本判决生效之日起七日内支付宋某某存款分割款12万元。")]
    hits = passage_hits("指导案例966号_离婚财产案.md", "指导案例966号", passages, "d")
    question = ("In Guiding Case No. 966, how much did the wife transfer from her account, "
                "and how much did the court order her to pay?")
    lines = answer_lines(compose(analyse(question, "en"), hits).text)
    for figure, quoted in (("195,000 yuan", "195000元"), ("120,000 yuan", "12万元")):
        mark = re.search(re.escape(figure) + r" (\[\d\])", lines[0])
        assert mark, lines[0]
        assert any(quoted in line and line.endswith(mark.group(1)) for line in lines[1:]), (figure, lines)
    from retrieval.answer.english import english_lead

    one = english_lead(["共办理214件。", "占28%。", "召开会议。"], set(), "Henan",
                       marks={"共办理214件。": "[2]", "占28%。": "[2]", "召开会议。": "[1]"})
    assert "key figures [2]: 214 cases, 28%" in one, one
    henan = english_lead(["2024年以来，全省信访总量同比下降19.7%，重复信访同比下降35.6%。"], set(), "Henan")
    assert "key figures: total number of petitions down 19.7% year on year, repeated petitions down 35.6%" in henan


def test_how_many_public_interest_cases_leads_with_their_count():
    """The lead of '办理了多少公益诉讼案件' is the count of those cases, not a sentence counting other cases that
    also names 公益诉讼 (a user's question over the Kunming report)."""
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    text = ("1—10月，全市检察机关共受理审查起诉12536件16056人、同比下降6.3%，更需主动作为的民事检察、行政检察、公益诉讼"
            "业务规模持续增长，同比上升52.91%、45.62%、42.63%。公益诉讼立案1074件、实现2015年试点以来首次突破“千件”规模。")
    hits = passage_hits("000_kunming.txt", "昆明市人民检察院工作报告", [("办理成效", ["昆明市"], text)], "k")
    lead = compose(analyse("昆明检察机关办理了多少公益诉讼案件？", "zh"), hits).text.splitlines()[0]
    assert "1074件" in lead, lead


def test_an_english_how_many_of_a_kind_names_the_count_of_that_kind_first():
    """'How many public interest cases…': the English lead's first figure is the count of public-interest cases
    (公益诉讼立案1074件), not the count of all cases reviewed that the sentence before gives."""
    from retrieval.answer.composer import compose
    from retrieval.answer.how_much import measured_terms
    from retrieval.answer.question import analyse

    question = "How many public interest cases did Kunming file?"
    assert "公益" in measured_terms(question)
    text = ("1—10月，全市检察机关共受理审查起诉12536件16056人、同比下降6.3%，更需主动作为的民事检察、行政检察、公益诉讼"
            "业务规模持续增长，同比上升52.91%、45.62%、42.63%。公益诉讼立案1074件、实现2015年试点以来首次突破“千件”规模。")
    hits = passage_hits("000_kunming.txt", "昆明市人民检察院工作报告", [("办理成效", ["昆明市"], text)], "k")
    lead = compose(analyse(question, "en"), hits).text.splitlines()[0]
    assert "figures: public interest litigation 1,074 cases" in lead, lead


@pytest.mark.parametrize("question, lead", [("哪个省的案-件比排名全国第一？", "广西："),
                                            ("Which province ranked first nationally on its case-to-matter ratio?",
                                             "Guangxi, as the sources report")])
def test_which_province_is_answered_by_naming_the_province_of_the_sentence_that_answers(question, lead):
    """'哪个省…？' asks a place: the lead names the place of the passage whose sentence answers (Guangxi's
    '排名全国第一'), not nothing, and not the place of a passage ranked above it (Jilin's ratio)."""
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    passages = [("吉林省检察院 · 试点考评", ["吉林省"],
                 "5月至7月和业绩考评实施前的1月至4月相比，“案-件比”由1∶2.29优化到1∶1.35。"),
                ("广西壮族自治区检察院 · 优化“案-件比”", ["广西壮族自治区"],
                 "今年1月至7月，全区检察机关刑事“案-件比”从去年的1:2.08优化至1:1.20，排名全国第一。")]
    hits = passage_hits("001_exchange.txt", "经验交流", passages, "r")
    answer = compose(analyse(question, "zh" if "哪" in question else "en"), hits).text
    assert answer.startswith(lead), answer


def test_which_places_asks_several_and_names_each_place_once():
    from retrieval.answer.where import places_answering, places_asked

    assert places_asked("哪些地方建立了听证员库？") == 3 and places_asked("哪个省排名第一？") == 1
    assert places_asked("Which procuratorates set up hearing pools?") == 3
    passages = [["安徽省"], ["安徽省"], ["陕西省", "榆林市"]]
    assert places_answering(passages, "zh", "哪些地方建立了听证员库？") == "安徽、陕西榆林市"
    assert places_answering(passages, "en", "Which procuratorates set up hearing pools?") == "Anhui and Yulin (Shaanxi)"
    assert places_answering(passages, "zh", "哪个地方建立了听证员库？") == "安徽"
