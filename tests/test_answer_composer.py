"""The offline composer as a user reads it: the first line answers, in the asker's language, about the asked place."""

import re

import pytest

from fakes import engine_over
from retrieval.answer.phrases import NOT_FOUND, OFFLINE_NOTE
from retrieval.answer.ground import in_language
from retrieval.answer.question import Kind, classify
from retrieval.engine import Engine
from retrieval.eval.answers import is_refusal, own_text
from retrieval.ingest.clean import index_form
from retrieval.search.regions import gazetteer

KUNMING = "000_bf64703f7d023cd3.txt"


@pytest.mark.parametrize("question, kind", [
    ("河南是怎么减少信访的？", Kind.HOW), ("广西采取了哪些措施提高办案质效", Kind.HOW),
    ("How did Henan reduce petitions?", Kind.HOW), ("What measures did Fujian take?", Kind.HOW),
    ("昆明检察机关司法救助发放了多少救助金？", Kind.FIGURE), ("广西的案件比是多少", Kind.FIGURE),
    ("How many petitions did Henan receive?", Kind.FIGURE), ("What ratio did Guangxi reach?", Kind.FIGURE),
    ("河南和昆明在减少信访方面有什么不同", Kind.COMPARE), ("Compare Henan and Kunming on petitions", Kind.COMPARE),
    ("概括一下重庆的整改报告", Kind.DOCUMENT), ("Summarise the Chongqing rectification report", Kind.DOCUMENT),
    ("公开听证", Kind.GENERAL), ("昆明下一步打算怎么做？", Kind.DOCUMENT), ("What are Kunming's next steps?", Kind.DOCUMENT),
    ("两县协商不成，下一步应当报给谁处理？", Kind.GENERAL),  # what the law says comes next, not a report's plans
    ("重庆的报告有哪些内容？", Kind.DOCUMENT), ("讲了哪些内容", Kind.DOCUMENT),
    ("这份遗嘱哪些内容无效？", Kind.GENERAL),  # the will's clauses, not what a document says
    ("这次评估价和之前的评估相比差多少？", Kind.FIGURE),  # a difference asked, not two sides to set side by side
    ("How did Kunming's ratio in 2022 compare with 2021?", Kind.COMPARE),
    # 大数据 and 数字检察 name a technology and a field of work, not a number asked for
    ("有没有地方用大数据办案的经验？", Kind.HOW), ("北京是怎么推进数字检察的？", Kind.HOW),
    ("数字化改革有哪些做法？", Kind.HOW), ("有没有具体数字？", Kind.FIGURE), ("这方面有什么数据", Kind.FIGURE),
])
def test_questions_are_classified_by_what_they_ask(question, kind):
    assert classify(question, gazetteer().find_in_question(question)) == kind


def _lines(answer: str) -> list[str]:
    return [line for line in answer.splitlines() if line.strip()]


def test_the_first_line_answers_how_with_the_method(engine):
    answer = engine.answer([], "福建是怎么做好检察官员额退出工作的？").answer
    first = _lines(answer)[0]
    assert first.startswith("福建") and "[1]" in first
    assert "规范退出程序" in answer or "退出程序" in first  # the method, not only the count of leavers
    assert _lines(answer)[-1] == OFFLINE_NOTE["zh"]


@pytest.mark.parametrize("sentence", ["现予以摘发,供各地检察机关学习、借鉴。", "现将有关经验材料印发给你们，请结合实际认真学习。",
                                      "主任、各位副主任、秘书长、各位委员：", "按照会议安排，现将有关情况报告如下："])
def test_editorial_and_meeting_formalities_are_never_units(sentence):
    from retrieval.answer.units import usable

    assert not usable(sentence)
    assert usable("二是制定年度公开听证工作计划,每月定期通报各地各条线公开听证工作开展情况。")


def test_a_paragraph_titled_by_two_parallel_phrases_is_one_unit_with_its_title():
    """'积极探索，律师深度参与。在…下，…试点。': the opening pair of phrases titles the paragraph (as '一是…' does);
    quoted alone it said nothing. An ordinary opening sentence stays a sentence of its own."""
    from retrieval.answer.units import units_of
    from retrieval.types import Hit

    text = ("积极探索，律师深度参与。在自治区党委政法委的大力支持下，自治区检察院开展审查起诉刑事案件律师辩护全覆盖试点。\n"
            "今年以来，广西检察机关采取有力措施不断优化案件比。今年1月至7月，全区案件比优化至1:1.20。")
    hit = Hit(rank=1, score=1.0, source="r.txt", title="经验交流", section="宁夏", text=text, regions=[], passage_id="p-1")
    units = units_of(hit)
    assert units[0].text.startswith("积极探索，律师深度参与。在自治区") and units[0].item == "积极探索，律师深度参与。"
    assert [u.text for u in units[1:]] == ["今年以来，广西检察机关采取有力措施不断优化案件比。", "今年1月至7月，全区案件比优化至1:1.20。"]


def test_a_decisions_item_too_short_to_stand_alone_stays_with_it():
    """'…民事判决：撤销二审判决；维持一审判决。': the short second item was dropped as a fragment, and the answer
    said only that the appeal judgment was set aside, not that the first one was restored."""
    from retrieval.answer.units import units_of
    from retrieval.types import Hit

    text = ("最高人民法院于2017年12月29日作出（2017）最高法民再412号民事判决：撤销二审判决；维持一审判决。"
            "二审法院认为，承运人应当承担责任；托运人亦有过错。")
    hit = Hit(rank=1, score=1.0, source="case.md", title="指导案例911号", section="裁判结果", text=text, regions=[],
              passage_id="d-1")
    units = [unit.text for unit in units_of(hit)]
    assert units[0].endswith("民事判决：撤销二审判决；维持一审判决。"), units
    assert units[1:] == ["二审法院认为，承运人应当承担责任；", "托运人亦有过错。"], units


def test_conditions_a_rule_announces_stay_with_it():
    """'应当符合以下三项条件：（1）…；（2）…；（3）…。' is one unit, so 'which conditions?' gets all three."""
    from retrieval.answer.units import units_of
    from retrieval.types import Hit

    text = ("外国自然人主张姓名权保护的，该特定名称应当符合以下三项条件：（1）该特定名称在我国具有一定的知名度；"
            "（2）相关公众使用该特定名称指代该自然人；（3）该特定名称已经与该自然人之间建立了稳定的对应关系。"
            "违反诚实信用原则恶意注册的，人民法院不予支持。")
    hit = Hit(rank=1, score=1.0, source="case.md", title="指导案例910号", section="裁判要点", text=text, regions=[],
              passage_id="c-1")
    units = [unit.text for unit in units_of(hit)]
    assert len(units) == 2 and "（3）该特定名称已经" in units[0] and units[0].startswith("外国自然人"), units


def test_a_bare_heading_on_its_own_line_opens_the_sentence_on_the_next():
    """'三是持续增进协作配合。' then, on the next line, what was done: one unit, not a bare heading bullet;
    an outline line ('一是…。二是…。三是…。') and a short judgment item at the end stay units of their own."""
    from retrieval.answer.units import _sentences

    units = [text for text, _, _ in _sentences("", "三是持续增进协作配合。\n与公安机关建立联席会议制度，每季度会商一次。")]
    assert units == ["三是持续增进协作配合。与公安机关建立联席会议制度，每季度会商一次。"]
    outline = "一是提高学习自主性。二是加强对下指导。三是注重岗位练兵。"
    assert [t for t, _, _ in _sentences("", f"{outline}\n各地定期组织业务培训，开展岗位练兵。")][0] == outline
    judgment = "一、撤销（2016）内0802刑初54号刑事判决；\n二、原审被告人王力军无罪。"
    assert [t for t, _, _ in _sentences("", judgment)][-1] == "二、原审被告人王力军无罪。"


def test_formalities_keyword_lines_and_bare_headings_are_not_the_answer(engine):
    answer = engine.answer([], "昆明是怎么办理人大代表建议的？").answer
    assert not is_refusal(answer, "zh") and len(_lines(answer)) >= 4, answer  # a lead, evidence, the note
    assert "各位副主任" not in answer and "【关键词】" not in answer and "报告如下" not in answer
    for line in _lines(answer)[1:-1]:
        body = line.removeprefix("- ").split("[")[0]
        assert len(body) > 12, f"a bare heading was quoted as evidence: {line}"


def test_a_province_reaches_its_cities_and_districts(engine):
    kecheng = gazetteer().lookup("柯城区")
    assert {"衢州市", "浙江省"} <= {r.name for r in gazetteer().ancestors(kecheng)}
    for question in ("浙江是怎么做的？", "What did Zhejiang do?"):
        result = engine.answer([], question)
        assert result.answer.strip() != NOT_FOUND[result.language], question
        assert result.citations and any("浙江" in c.quote or "衢州" in c.quote or "柯城" in c.quote
                                        for c in result.citations)


@pytest.mark.parametrize("question", ["昆明的案件比是多少", "昆明的案-件比是多少", "昆明的案—件比是多少",
                                      "那昆明的案件比呢"])
def test_term_variants_meet_the_same_figure(engine, question):
    answer = engine.answer([], question).answer
    assert "1:1.056" in _lines(answer)[0], answer


def test_ratio_and_dash_variants_share_one_index_form():
    assert index_form("案-件比1∶2.29") == index_form("案件比1:2.29") == index_form("案—件比1:2.29")


def test_summaries_meet_term_variants_too(engine):
    for topic in ("案件比", "案-件比"):
        result = engine.summarize(topic)
        assert result.citations, topic


@pytest.mark.parametrize("question, language", [("洗钱犯罪案件怎么办", "zh"), ("海南是怎么减少信访的？", "zh"),
                                                ("How do prosecutors handle money laundering cases?", "en")])
def test_out_of_scope_topics_and_places_are_refused(engine, question, language):
    answer = engine.answer([], question).answer.strip()
    assert is_refusal(answer, language), answer
    assert "[1]" not in answer


def test_compare_gives_each_side_its_own_block(engine):
    answer = engine.answer([], "河南和昆明在减少信访方面有什么不同").answer
    labels = [line.split("：")[0] for line in _lines(answer) if not line.startswith("- ") and "：" in line]
    assert "河南" in labels and "昆明" in labels
    assert "19.7%" in answer and "67.52%" in answer


@pytest.mark.parametrize("question", ["What did Zhejiang do?", "How did Henan reduce petitions?",
                                      "How many people did Kunming judicial aid help?"])
def test_english_questions_get_english_answers_with_chinese_evidence(engine, question):
    result = engine.answer([], question)
    first = _lines(result.answer)[0]
    assert first[0].isascii() and first[0].isalpha(), first
    assert in_language(own_text(result.answer), "en")
    assert any(line.startswith("- ") and any("\u4e00" <= ch <= "\u9fff" for ch in line)
               for line in _lines(result.answer))
    assert _lines(result.answer)[-1] == OFFLINE_NOTE["en"]


def test_report_by_place_and_title_fragment(engine):
    by_place = engine.report("重庆")
    assert by_place.citations and all(c.source.startswith("003_") for c in by_place.citations)


def test_a_question_about_one_document_follows_its_structure(engine):
    result = engine.answer([], "重庆整改报告说了哪些问题？")
    first = _lines(result.answer)[0]
    assert first.startswith("《") and "办案质效需进一步提升" in first and first.endswith("[1]")
    assert {c.source for c in result.citations} == {"003_17342af2a1c5acdf.txt"}
    assert "信息赋能建设需进一步强化" in result.answer


def test_a_compilation_question_lists_its_regions(engine):
    answer = engine.answer([], "2024年检察改革典型事例都包括哪些内容？").answer
    first = _lines(answer)[0]
    assert "北京市" in first and "辽宁省" in first


def test_an_english_question_about_a_report_is_framed_in_english(engine):
    result = engine.answer([], "What results does Kunming's report on handling deputies' suggestions highlight?")
    first = _lines(result.answer)[0]
    assert first.startswith("The Kunming document") and "results" in first
    assert all(c.source == KUNMING for c in result.citations)
    assert in_language(own_text(result.answer), "en")


@pytest.mark.parametrize("question, language", [
    ("how did Guangxi improve its 案-件比?", "en"), ("What is 公开听证 in Anhui?", "en"),
    ("什么是ETC系统的检察应用", "zh"), ("河南是怎么减少信访的？", "zh"), ("How did Henan reduce petitions?", "en"),
])
def test_english_quoting_a_chinese_term_is_an_english_question(question, language):
    from retrieval.answer.ground import language_of

    assert language_of(question) == language


def test_a_mixed_question_gets_an_english_answer_about_the_place(engine):
    result = engine.answer([], "how did Guangxi improve its 案-件比?")
    assert result.language == "en" and _lines(result.answer)[0].startswith("Guangxi")
    assert any("案-件比" in c.quote for c in result.citations)
    # the quoted Chinese term is the subject: the sentences quoted name it, not improving in general
    evidence = [line for line in _lines(result.answer) if line.startswith("- ")]
    assert sum("案-件比" in line for line in evidence) >= 3, result.answer
    # 'how did they improve it' is answered with what they achieved, too: the ratio before and after
    assert "1:2.08" in _lines(result.answer)[0] and "1:1.20" in result.answer, result.answer


@pytest.mark.parametrize("question", ["昆明和云南在案-件比方面有什么不同？",
                                      "How did Kunming's case-to-proceeding ratio compare with the rest of Yunnan?"])
def test_comparing_a_city_with_its_province_quotes_each_sentence_once(engine, question):
    from retrieval.answer.phrases import ONLY_ABOVE

    result = engine.answer([], question)
    bullets = [line for line in _lines(result.answer) if line.startswith("- ")]
    assert len(bullets) == len(set(bullets)), result.answer
    # Kunming's sentence is quoted whole once: as the lead when it fits, else as the bullet under a clipped lead
    quoted = [line for line in _lines(result.answer) if "最大限度防止和避免程序空转" in line]
    assert len(quoted) == 1, result.answer
    assert ONLY_ABOVE[result.language].format(place="云南" if result.language == "zh" else "Yunnan") in result.answer \
        or sum(line.startswith(("云南", "Yunnan")) for line in _lines(result.answer)) == 1, result.answer


@pytest.mark.parametrize("question, topic", [("compare what provinces do about public hearings", "public hearings"),
                                             ("比较一下各地在公开听证方面的做法", "公开听证")])
def test_a_comparison_across_regions_is_the_per_region_table(engine, question, topic):
    from retrieval.answer.across import comparison_topic

    assert comparison_topic(question) == topic
    answer = engine.answer([], question).answer
    assert "安徽" in answer and answer.count("\n|") >= 3  # one row per region
    assert comparison_topic("河南和昆明在减少信访方面有什么不同") is None  # two named places: the composer's blocks


@pytest.mark.parametrize("question, topic", [("公开听证各地是怎么做的？", "公开听证"), ("各地有哪些减少信访的做法？", "减少信访"),
                                             ("How do provinces handle public hearings?", "public hearings"),
                                             ("What do provinces do about petitions?", "petitions")])
def test_how_the_regions_do_something_is_the_per_region_summary(engine, question, topic):
    """Asked across regions without naming one, the answer is what each region did, under its name, not
    a handful of sentences from whichever report search put first."""
    from retrieval.answer.across import across_topic

    assert across_topic(question) == topic
    answer = engine.answer([], question).answer
    assert answer.count("\n## ") >= 2, answer  # one block per region
    assert across_topic("河南是怎么减少信访的？") is None and across_topic("比较一下各地在公开听证方面的做法") is None
    # a follow-up without a topic of its own is read with the chat's history, not summarised as nothing
    assert across_topic("那各地是怎么做的？") is None and across_topic("How do provinces handle it?") is None
    assert across_topic("那各地在公开听证上是怎么做的？") == "公开听证"


def test_english_function_words_are_not_looked_up_in_the_dictionary():
    from retrieval.search.crosslingual import translate_question
    from retrieval.search.dictionary import normalise

    assert normalise("How does it work always") == ["how", "does", "it", "work", "always"]  # 'does' is not 'doe'
    translation = translate_question("How does Hubei actually protect minors instead of punishing them?")
    guesses = {term for group in translation.weak_groups for term in group}
    assert not guesses & {"雌鹿", "其实", "反而"}, guesses


def test_a_dictionary_guess_the_collection_never_uses_does_not_sink_the_answer(engine):
    """'signing off' -> 签署, 'senior' -> 前辈: guesses no seed uses; the Yunnan section still answers."""
    answer = engine.answer([], "How did Yunnan get its senior prosecutors to handle cases in person rather than "
                               "just signing off?").answer
    first = _lines(answer)[0]
    assert first.startswith("Yunnan") and "[1]" in first, first
    assert "领导干部" in answer and "办案" in answer


def test_an_english_question_whose_most_specific_term_is_nowhere_is_refused(engine):
    """Sentences on 犯罪嫌疑人 alone must not answer a question about suspects who fled abroad."""
    result = engine.answer([], "What do prosecutors do when corruption suspects flee abroad?")
    assert result.answer.strip() == NOT_FOUND["en"] and not result.citations


CASE_TEXT = """# 指导案例901号：某渔业合作社诉东港船舶修造有限公司海上污染损害责任纠纷案

## 裁判要点

污染者向海水水域排放含有铁物质的污水，造成养殖物损害的，应当承担赔偿责任，养殖损失由鉴定确定。

## 基本案情

2019年8月，东港海域海水变红，扇贝大量死亡。某渔业合作社诉至法院，请求判令东港船舶修造有限公司赔偿养殖损失。

## 裁判结果

二审法院判决东港船舶修造有限公司赔偿养殖损失共计1377696元，驳回其他诉讼请求。
"""
OTHER_CASE = """# 指导案例902号：某公司诉某区人民政府行政协议纠纷案

## 裁判要点

行政机关在行政协议中约定的赔偿条款，对双方具有约束力，污水处理费用应按约定承担。

## 基本案情

某公司与某区人民政府签订污水处理特许经营协议，后因费用发生争议，诉至法院。
"""


def _passage_hits(source: str, title: str, passages: list[tuple[str, list[str], str]], prefix: str) -> list:
    """Hits ranked in order from (section, regions, text) passages of one document."""
    from retrieval.types import Hit

    return [Hit(rank=n, score=1.0 / n, source=source, title=title, section=section, text=text, regions=regions,
                passage_id=f"{prefix}-{n}") for n, (section, regions, text) in enumerate(passages, 1)]


def _beside_the_fishery_case(fake_index, tmp_path, name: str, text: str) -> Engine:
    """An engine over one case and, as the other document search must rank below it, the fishery case."""
    return engine_over(fake_index, tmp_path, {name: text * 3, "指导案例901号_渔业合作社诉东港船舶案.md": CASE_TEXT * 3})


def test_a_question_naming_its_case_is_answered_from_that_case(fake_index, tmp_path):
    """The case's parties name a place (东港) and the question words things its own way: the named case answers."""
    engine = _beside_the_fishery_case(fake_index, tmp_path, "指导案例902号_行政协议案.md", OTHER_CASE)
    for question in ("指导案例901号里船厂排污害了扇贝，法院判赔多少钱？",
                     "In Guiding Case No. 901, how much did the shipyard have to pay for the dead scallops?"):
        result = engine.answer([], question)
        assert "1377696" in result.answer, (question, result.answer)
        assert result.citations and all("指导案例901号" in c.source for c in result.citations)


@pytest.fixture
def two_cases(fake_index, tmp_path):
    return _beside_the_fishery_case(fake_index, tmp_path, "指导案例902号_行政协议案.md", OTHER_CASE)


def test_a_case_told_in_the_askers_words_is_answered_from_the_case_search_puts_first(two_cases):
    """No sentence carries the question's wording (its facts and its outcome sit apart), and its place (东港)
    is a party's name in the title: the leading case, read whole, answers with its outcome."""
    result = two_cases.answer([], "排放含铁污水后海水变红、扇贝死亡，二审判船舶公司赔了多少钱？")
    assert "1377696" in _lines(result.answer)[0], result.answer
    assert all("指导案例901号" in c.source for c in result.citations)
    refused = two_cases.answer([], "洗钱犯罪案件的资金流向怎么查？")
    assert refused.answer.strip() == NOT_FOUND["zh"] and not refused.citations


@pytest.mark.parametrize("question", ["排放含铁污水造成养殖物损害的，污染者是否应当承担赔偿责任？",
                                      "A factory discharged iron-laden waste water and the scallops died. "
                                      "Does the polluter have to compensate the farmers?"])
def test_a_yes_no_question_is_answered_by_the_holding(two_cases, question):
    """'Whether' asks for the court's conclusion: the headnote's holding comes before the facts."""
    result = two_cases.answer([], question)
    evidence = [line for line in _lines(result.answer) if "应当承担赔偿责任" in line]
    assert evidence, result.answer
    assert not any("海水变红" in line for line in _lines(result.answer)[:_lines(result.answer).index(evidence[0])])


def test_an_english_whether_about_a_case_leads_with_which_way_the_court_went(fake_index, tmp_path):
    """No translation model: the first line still says the outcome, from the judgment's standard wording
    (宣告…无罪 -> acquitted), with the Chinese words it rests on."""
    engine = _beside_the_fishery_case(fake_index, tmp_path, "指导案例904号_江某某正当防卫案.md", SCHOOL_CASE)
    result = engine.answer([], "In Guiding Case No. 904, a schoolboy beaten by classmates pulled out a knife. "
                               "How did the court rule in the end?")
    first = _lines(result.answer)[0]
    assert "conclusion: acquitted (宣告江某某无罪)" in first, result.answer


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
    engine = _beside_the_fishery_case(fake_index, tmp_path, "指导案例903号_吴强等敲诈勒索案.md", GANG_CASE)
    result = engine.answer([], "In the extortion ring that staged drunk-driving crashes, what sentence did Wu Qiang get?")
    assert "十三年六个月" in result.answer, result.answer
    assert "季少廷有期徒刑三年" not in result.answer  # another defendant's sentence does not answer


def test_an_english_answer_from_court_cases_names_them_in_english(two_cases):
    result = two_cases.answer([], "A factory discharged iron-laden waste water and the scallops died. "
                                  "Does the polluter have to compensate the farmers?")
    assert _lines(result.answer)[0].startswith("Guiding Case No. 901"), result.answer


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
    leads = [line for line in _lines(result.answer) if not line.startswith("- ") and line != OFFLINE_NOTE["zh"]]
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
    engine = _beside_the_fishery_case(fake_index, tmp_path, "指导案例904号_江某某正当防卫案.md", SCHOOL_CASE)
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
    engine = _beside_the_fishery_case(fake_index, tmp_path, "指导案例907号_张某诉某传播公司案.md", JURISDICTION_CASE)
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
    engine = _beside_the_fishery_case(fake_index, tmp_path, "指导案例908号_张某诉某传播公司案.md", DESIGNATED_CASE)
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
    engine = _beside_the_fishery_case(fake_index, tmp_path, "指导案例909号_田永诉某科技大学案.md", UNIVERSITY_CASE)
    result = engine.answer([], "Guiding Case No. 909: when a student was told he was expelled for carrying notes "
                               "into a make-up exam, what did the university have to do first?")
    assert "应当允许其申辩" in result.answer, result.answer


def test_what_a_case_named_by_its_parties_says_is_its_rule_which_names_no_party(fake_index, tmp_path):
    """'Tian Yong' (田永) names the case, not the answer: asked what the case says, its holding answers,
    though the judgment's sentences are the ones that name him."""
    engine = _beside_the_fishery_case(fake_index, tmp_path, "指导案例909号_田永诉某科技大学案.md", UNIVERSITY_CASE)
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

    hits = _passage_hits("指导案例908号_刘某非法采矿案.md", "指导案例908号：刘某非法采矿案", SAND_PASSAGES, "s")
    asked = analyse("在湖北长江黄梅段盗采江砂、运到九江码头卖掉的那个非法采矿案，被告人判了几年？", "zh")
    assert asked.asks_term and analyse("What prison term did he get?", "en").asks_term
    assert "有期徒刑三年" in compose(asked, hits).text


def test_a_message_asking_two_things_quotes_each_sentence_once():
    """'判了几年？生态损害一共要赔多少？': both parts read the same judgment; the second does not quote again
    what the first did."""
    from retrieval.answer.extractive import compose_message
    from retrieval.answer.question import analyse

    hits = _passage_hits("指导案例908号_刘某非法采矿案.md", "指导案例908号：刘某非法采矿案", SAND_PASSAGES, "s")
    question = "在湖北长江黄梅段盗采江砂、运到九江码头卖掉的那个非法采矿案，被告人判了几年？生态损害一共要赔多少钱？"
    answer = compose_message(analyse(question, "zh"), hits).text
    bullets = [re.sub(r"\[\d+\]", "", line) for line in _lines(answer) if line.startswith("- ")]
    assert "有期徒刑三年" in answer and "62590.89" in answer, answer
    assert len(bullets) == len(set(bullets)), answer


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


SETTLEMENT_CASE = """# 指导案例905号：某建设公司与某开发公司执行监督案

## 裁判要点

在履行和解协议的过程中，申请执行人因被执行人迟延履行申请恢复执行的同时，又继续接受并积极配合被执行人的后续履行，直至和解协议全部履行完毕的，属于和解协议已经履行完毕不再恢复执行原生效法律文书的情形。

## 基本案情

某开发公司未按期交付商铺，某建设公司申请恢复执行，同时继续接受交付。
"""


def test_a_yes_no_lead_keeps_the_rules_conclusion_and_the_whole_sentence_follows(fake_index, tmp_path):
    """The rule's conclusion comes last in a long sentence: the clipped lead keeps it, and the sentence is
    quoted whole below the lead."""
    engine = _beside_the_fishery_case(fake_index, tmp_path, "指导案例905号_执行监督案.md", SETTLEMENT_CASE)
    result = engine.answer(
        [], "申请执行人一边申请恢复执行，一边继续接受对方履行，和解协议全部履行完了，法院还能恢复执行吗？")
    lead = _lines(result.answer)[0]
    assert "不再恢复执行" in lead and len(lead) < 120, result.answer
    assert any("直至和解协议全部履行完毕的，属于" in line for line in _lines(result.answer)[1:]), result.answer


def test_an_english_subject_the_collection_never_uses_is_refused_although_the_rest_is_found(two_cases):
    """'anti-dumping' has one rendering (反倾销) no case uses: it is the subject, not a misread word, so the
    polluters and compensation the cases do mention must not answer."""
    result = two_cases.answer([], "Can a polluter that pays compensation also challenge anti-dumping duties?")
    assert result.answer.strip() == NOT_FOUND["en"], result.answer
    answered = two_cases.answer([], "Does the polluter have to pay compensation for the dead scallops?")
    assert answered.answer.strip() != NOT_FOUND["en"], answered.answer


@pytest.mark.parametrize("question", ["What does the Chongqing report say about residential surveillance at a "
                                      "designated location?", "重庆的整改报告关于指定居所监视居住是怎么说的？",
                                      "What does the Chongqing report say it is doing so that police send "
                                      "prosecutors a copy of the decision within three days when they place a "
                                      "suspect under residential surveillance at a designated location?"])
def test_a_report_asked_about_one_subject_answers_that_subject_not_its_outline(engine, question):
    answer = engine.answer([], question).answer
    assert "三日内" in answer and "point by point" not in answer and "Background" not in answer, answer
    outline = engine.answer([], "What does the Chongqing report say?").answer
    assert "point by point" in _lines(outline)[0], outline


def test_english_key_figures_are_ones_an_english_reader_can_take_as_they_are():
    from retrieval.answer.english import english_figures

    text = "为期6个月，依据第15条规定，共办理214件，占28%，案件比1∶1.056，赔偿45096.17元，研发7个类案监督模型"
    assert english_figures(text) == ["214 cases", "28%", "1:1.056", "45,096.17 yuan"]  # not '6', '15 items', '7'
    assert english_figures("主办2件、协办1件，1人到庭") == ["2 cases", "1 case", "1 person"]


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
    engine = _beside_the_fishery_case(fake_index, tmp_path, "指导案例906号_闫某诉某度假村平等就业权案.md", JOB_CASE)
    result = engine.answer(
        [], "求职者是河南人，被度假村以地域为由拒绝录用，法院最后判度假村赔了多少钱？")
    lead = _lines(result.answer)[0]
    assert "10000元" in lead and not lead.startswith("河南"), result.answer


def test_a_sentence_saying_the_abbreviation_says_each_item_it_abbreviates():
    """The glossary row '减假暂|减刑、假释、暂予监外执行' makes 减假暂 say 减刑 and 'sentence reduction', but
    a mere subsequence is no abbreviation (贩卖毒品 is not one of 走私、贩卖、运输、制造毒品罪)."""
    from retrieval.answer.question import analyse
    from retrieval.answer.terms import abbreviations

    assert analyse("重庆纠正了多少起减刑不当的案件？", "zh").coverage("纠正减假暂不当711件") > 0.5
    english = analyse("How many improper sentence reductions and paroles did Chongqing correct?", "en")
    assert any("减假暂" in group for group, _ in english.topic)
    assert "贩卖毒品" not in abbreviations().get("运输", []) and "减假暂" in abbreviations()["暂予监外执行"]


XUZHOU_PASSAGES = [
    "徐州市检察院推进社会治理检察建议工作，研发社会治理检察建议综合管理系统。近两年来，徐州市检察院深入开展社会治理检察研究。",
    "徐州市检察院规范社会治理检察建议的制发。在评估考核环节，针对建议格式不规范、质量不高问题，创设基层初核与上级院同步复核机制。",
    "徐州市检察院推动社会治理检察建议落到实处。在落实保障环节，针对整改流于形式问题，创设回复监督机制。",
    "徐州市检察院总结社会治理检察建议经验，相关做法得到市委肯定，在全省推广。",
]


def _xuzhou_hits():
    return _passage_hits("xuzhou.txt", "徐州市检察院社会治理检察建议工作情况",
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


def test_figures_that_answer_how_much_exclude_judgment_and_article_numbers_and_include_sentences():
    """'（2015）朝民初字第04854号' and '第四十七条' name, they do not measure: a judgment quoted for its number
    does not answer 'how much'; '有期徒刑十个月' does, though written in Chinese numerals."""
    from retrieval.answer.traits import real_figures

    assert real_figures("北京市朝阳区人民法院于2015年4月16日作出（2015）朝民初字第04854号民事判决：准予离婚；") == ()
    assert real_figures("依照《中华人民共和国婚姻法》第四十七条的规定") == ()
    assert real_figures("判处有期徒刑十个月") == ("有期徒刑十个月",)
    assert real_figures("共办理214件，占28%，赔偿45096.17元") == ("214件", "28%", "45096.17元")
    assert real_figures("《解释》（法释〔2015〕24号）第三条规定") == ()  # a document's number
    assert real_figures("拍卖云港佳园39-1203、21-1203室九套房产") == ()  # flats are named, not measured


@pytest.mark.parametrize("question", [
    "What was the total on the invoices issued for the three shops?",
    "What was the construction payment awarded in the judgment?",
    "What prison term did the defendant get?",
])
def test_an_english_question_asking_what_the_amount_was_is_a_how_much(question):
    assert classify(question, []) == Kind.FIGURE


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

    hits = _passage_hits("指导案例926号_天宇公司执行监督案.md", "指导案例926号：天宇公司执行监督案",
                         [("基本案情", [], text) for text in SETTLEMENT_HITS], "t")
    chinese = compose(analyse("天宇公司执行案中，商铺抵偿的工程款是多少？发票总计多少？", "zh"), hits).text
    assert "11999999元" in chinese and "14454411.83元" in chinese and "39-1203" not in chinese, chinese
    assert sum(len(line) for line in chinese.splitlines()[:-1]) <= MAX_CHARS, chinese
    english = compose(analyse("In the Tianyu enforcement case, how much was the project payment and what was the "
                              "total on the invoices for the shops?", "en"), hits).text
    lead, body = english.split("Evidence from the sources:")
    shown = re.findall(r"([\d,]+(?:\.\d+)?) yuan", lead)
    assert shown and all(figure.replace(",", "") in body for figure in shown), english


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

    hits = _passage_hits("003_report.txt", "重庆市人民检察院关于刑事执行检察工作整改情况的报告", RECTIFICATION_PASSAGES, "r")
    answer = compose(analyse(question, "en" if question.isascii() else "zh"), hits).text
    evidence = [line for line in _lines(answer) if line.startswith("- ")]
    assert "需进一步" in (_lines(answer)[0] if not question.isascii() else " ".join(evidence)), answer


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

    hits = _passage_hits("001_exchange.txt", "各地检察机关经验交流", COMPILATION_PASSAGES, "x")
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
    hits = _passage_hits("001_exchange.txt", "抓实业绩考评、深化检察改革", passages, "n")
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
    hits = _passage_hits("001_exchange.txt", "经验交流", passages, "g")
    answer = compose(analyse("重庆挂案清理清了多少件？", "zh"), hits).text
    assert "456件" in _lines(answer)[0], answer


def test_an_english_how_many_leads_with_the_figures_of_what_it_counts():
    """Asked in English how many cases, the lead gives the figures first, the count of cases before the
    number of measures, then the practices named; the Chinese sentences stay below as evidence."""
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    passages = [("重庆市检察院 · 以挂案清理为牵引", ["重庆市"],
                 "重庆检察机关持续加大挂案清理攻坚力度，出台政策与方法相结合的17条措施，共督促有关部门撤案456件。")]
    hits = _passage_hits("001_exchange.txt", "经验交流", passages, "e")
    lead = _lines(compose(analyse("How many long-stalled cases did Chongqing get withdrawn?", "en"), hits).text)[0]
    assert lead.startswith("Chongqing, as the sources report: figures: 456 cases, 17 items;"), lead


def test_an_english_lead_says_which_source_each_figure_comes_from():
    """Figures quoted from two sources carry each its own citation, the one of the bullet that shows it;
    figures all from one source name it once ('figures [2]: …')."""
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    passages = [("基本案情", [], "雷某某于2013年4月30日通过ATM转账的方式，将账户内的195000元转至案外人名下。"),
                ("裁判结果", [], "二审法院改判雷某某于本判决生效之日起七日内支付宋某某存款分割款12万元。")]
    hits = _passage_hits("指导案例966号_离婚财产案.md", "指导案例966号", passages, "d")
    question = ("In Guiding Case No. 966, how much did the wife transfer from her account, "
                "and how much did the court order her to pay?")
    lines = _lines(compose(analyse(question, "en"), hits).text)
    for figure, quoted in (("195,000 yuan", "195000元"), ("120,000 yuan", "12万元")):
        mark = re.search(re.escape(figure) + r" (\[\d\])", lines[0])
        assert mark, lines[0]
        assert any(quoted in line and line.endswith(mark.group(1)) for line in lines[1:]), (figure, lines)
    from retrieval.answer.english import english_lead

    one = english_lead(["共办理214件。", "占28%。", "召开会议。"], set(), "Henan",
                       marks={"共办理214件。": "[2]", "占28%。": "[2]", "召开会议。": "[1]"})
    assert "key figures [2]: 214 cases, 28%" in one, one


def _statute_answer(question: str, lines: list[str]) -> str:
    """The offline answer to a Chinese question from one article laid out as statutes are: the opening and
    each item on a line of its own."""
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    hits = _passage_hits("条例.txt", "条例", [(lines[0].split()[0], [], "\n\n".join(lines))], "law")
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


def test_what_a_question_asks_is_matched_once_per_question_not_per_sentence(engine):
    """The cue patterns (outcome, holding, share, problems …) are matched once per question: scoring a
    hundred sentences must not run them a hundred times (it did, and cost a third of the answer's time)."""
    from retrieval.answer import question

    engine.answer([], "河南是怎么减少信访的？")  # warm every other cache
    question._asks.cache_clear()
    engine.answer([], "昆明检察院在公益诉讼方面取得了哪些成效？")
    info = question._asks.cache_info()
    assert info.misses <= 12 and info.hits > info.misses, info


def test_a_sentence_of_exactly_a_lead_line_is_shown_whole():
    """A best sentence of 70 characters and its full stop is the lead, whole; it was cut to its first clause
    (the lead measured it with the stop, the composer without, so it vanished from the bullets too)."""
    from retrieval.answer.composer import compose
    from retrieval.answer.lead import LEAD_CHARS
    from retrieval.answer.question import analyse

    rule = ("认定非法采砂行为所导致的生态环境损害范围和损失时，应当根据水环境质量、河床结构、水源涵养、"
            "水生生物资源等方面的受损情况进行全面评估、合理认定")
    rule = rule + "等" * (LEAD_CHARS - len(rule)) + "。"
    passages = [("湖南省 · 非法采砂", ["湖南省"], rule)]
    hits = _passage_hits("001_exchange.txt", "非法采砂", passages, "r")
    answer = compose(analyse("认定非法采砂造成的生态环境损害时要从哪些方面评估？", "zh"), hits).text
    assert "水环境质量、河床结构、水源涵养、水生生物资源" in answer, answer


def test_a_lead_of_item_titles_keeps_the_best_items_content_below():
    """A lead naming the items answered ('注重上下联动；依托检务工作区建设') shows their titles, not what was
    done under them: the best item's sentence stays among the bullets, however short."""
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    passages = [("安徽省检察院 · 公开听证", ["安徽省"],
                 "二是注重上下联动,发挥规模效应。组织16个市级院集中开展公开听证。"
                 "三是依托检务工作区建设,统一规范设置检察听证室。全省104个检察院已建成听证室。")]
    hits = _passage_hits("001_exchange.txt", "经验交流", passages, "i")
    answer = compose(analyse("安徽在公开听证方面是怎么做的？", "zh"), hits).text
    assert "16个市级院集中开展公开听证" in answer and "104个检察院已建成听证室" in answer, answer


def test_a_plate_model_or_version_number_is_no_figure():
    """'鲁F41703', 'HR-Z2', 'V1.0' name things; a figure counts or measures (396863元, 13.1mg／L). A plate
    number had stood in for the award a 'how much' question asked."""
    from retrieval.answer.traits import real_figures

    assert real_figures("套牌使用鲁F41703号牌的货车，型号HR-Z2，软件V1.0") == ()
    assert real_figures("共计396863元，铁含量为13.1mg／L") == ("396863元", "13.1")


def test_a_sentence_of_up_to_ninety_characters_leads_whole_and_is_not_repeated_below(fake_index, tmp_path):
    """The first line answers: a best sentence of 71-90 characters is the lead itself (clipped to its key
    clauses it lost the figure's context, and was quoted again in full underneath)."""
    from fakes import engine_over

    sentence = ("违法生产经营的化妆品货值金额不足1万元的，并处5万元以上15万元以下罚款，货值金额1万元以上的，"
                "并处货值金额15倍以上30倍以下罚款，情节严重的，责令停产停业。")
    assert 70 < len(sentence) <= 90
    rules = f"# 化妆品监督管理条例\n\n第五十九条 未经许可从事化妆品生产活动的，没收违法所得。{sentence}\n"
    engine = engine_over(fake_index, tmp_path, {"化妆品监督管理条例.md": rules})
    lines = _lines(engine.answer([], "没有许可证生产化妆品，货值金额不足1万元的罚款幅度是多少？").answer)
    assert "15倍以上30倍以下罚款" in lines[0] and "5万元以上15万元以下罚款" in lines[0], lines
    assert sum("15倍以上30倍以下罚款" in line for line in lines) == 1, lines


CIVIL_CODE = """中华人民共和国民法典

第一千零七十六条　夫妻双方自愿离婚的，应当签订书面离婚协议，并亲自到婚姻登记机关申请离婚登记。离婚协议应当载明双方自愿离婚的意思表示和对子女抚养、财产以及债务处理等事项协商一致的意见。

第一千零七十七条　自婚姻登记机关收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，可以向婚姻登记机关撤回离婚登记申请。
"""


def test_an_english_answer_from_a_statute_names_it_in_english_first(fake_index, tmp_path):
    """The first line says which law and article answer ('The Civil Code (民法典), Article 1076 — …'), not
    'What the sources report'."""
    engine = engine_over(fake_index, tmp_path, {"民法典.txt": CIVIL_CODE})
    result = engine.answer([], "How can a married couple get a divorce by agreement, and can one of them change their mind?")
    assert _lines(result.answer)[0].startswith("The Civil Code (民法典), Article 1076 — "), result.answer
    assert "离婚协议" in result.answer


def test_how_many_cases_a_procuratorate_handled_is_answered_by_its_caseload(engine):
    """'办了多少案件？': the cases are what is counted (5631件, not the word 案件), and a caseload is what was
    received for arrest review and for prosecution (受理审查逮捕 / 审查起诉, resources/colloquial.tsv)."""
    from retrieval.answer.question import analyse

    assert not any("案件" in group for group, _ in analyse("昆明检察院办了多少案件？", "zh").topic)
    answer = engine.answer([], "昆明检察院办了多少案件？").answer
    assert "受理审查逮捕5631件" in answer, answer


def test_which_way_a_figure_moved_is_not_what_the_question_is_about(engine):
    """'怎么减少信访': 减少 says which way, 信访 what; a sentence saying only that a caseload fell
    ('受理审查逮捕5631件、同比下降24.3%') is not about petitions."""
    from retrieval.answer.question import analyse

    asked = analyse("昆明是怎么减少信访的？", "zh", lambda term: 4.0 if term == "减少" else 2.0)
    assert asked.coverage("受理审查逮捕5631件、同比下降24.3%") == 0.0
    assert asked.coverage("信访总量同比下降67.52%") == 1.0 and asked.coverage("首次信访一律由院领导包案") > 0
    answer = engine.answer([], "昆明是怎么减少信访的？").answer
    assert "67.52%" in answer.splitlines()[0] and "5631件" not in answer, answer


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
        assert any(f in _lines(answer)[0] for f in ("48000", "48,000")), answer  # the final award leads
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


@pytest.mark.parametrize("question", ["徐州检察院社会治理检察建议管理系统取得了什么成效？",
                                      "What were the results of Xuzhou's management system for social governance "
                                      "procuratorial suggestions?"])
def test_asked_what_a_practice_achieved_the_answer_reports_its_results(engine, question):
    """'取得了什么成效？' is answered by the sentence that counts what was done ('汇聚社会治理线索110余条…'),
    which never says 成效, not by the measures that built the system."""
    answer = engine.answer([], question).answer
    assert "110余条" in answer, answer


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
    units = [text for text, _, _ in _sentences("", text)]
    assert "第四十三条 法律援助机构应当自收到法律援助申请之日起七日内进行审查。" in units, units
    assert "第二十九条 医疗机构应当加强医德教育。" in units, units
    assert "第三十条 医疗机构工作人员上岗工作，必须佩带标牌。" in units, units
    assert [u for u, _, _ in _sentences("", "三是持续增进协作配合。建立联席会议制度。")] == \
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


def test_how_many_public_interest_cases_leads_with_their_count():
    """The lead of '办理了多少公益诉讼案件' is the count of those cases, not a sentence counting other cases that
    also names 公益诉讼 (a user's question over the Kunming report)."""
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    text = ("1—10月，全市检察机关共受理审查起诉12536件16056人、同比下降6.3%，更需主动作为的民事检察、行政检察、公益诉讼"
            "业务规模持续增长，同比上升52.91%、45.62%、42.63%。公益诉讼立案1074件、实现2015年试点以来首次突破“千件”规模。")
    hits = _passage_hits("000_kunming.txt", "昆明市人民检察院工作报告", [("办理成效", ["昆明市"], text)], "k")
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
    hits = _passage_hits("000_kunming.txt", "昆明市人民检察院工作报告", [("办理成效", ["昆明市"], text)], "k")
    lead = compose(analyse(question, "en"), hits).text.splitlines()[0]
    assert "figures: 1,074 cases" in lead, lead


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
    hits = _passage_hits("001_exchange.txt", "经验交流", passages, "r")
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


def test_a_lead_clipped_to_its_asked_clauses_carries_no_stray_filler():
    """Clipping a long sentence keeps the clauses carrying the topic or a figure and only the fillers beside
    them: not '例如，均为民生热点问题，…' stitched from clauses nobody asked about."""
    from retrieval.answer.lead import key_clauses
    from retrieval.answer.question import analyse

    sentence = ("例如,拜泉县人民检察院运用大数据模型汇总出代表建议中关于小区高空抛物、电动车违规充电、食品安全等高频词汇,"
                "均为民生热点问题,经进一步比对、调查,发现行政检察监督线索5件,向县住建局、应急管理局、市场监督管理局等"
                "5家行政机关、乡镇政府依法制发检察建议,促进解决群众关注的民生问题。")
    lead = key_clauses(sentence, analyse("哪些地方用大数据办案发现了多少线索？", "zh"), 90)
    assert "线索5件" in lead
    assert not lead.startswith("例如") and "均为民生热点问题" not in lead


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


@pytest.mark.parametrize("question, language", [("哪些省份开展了公开听证？", "zh"), ("哪些地方开展了公开听证？", "zh"),
                                                ("Which provinces reported work on public hearings?", "en")])
def test_the_words_asking_which_place_are_no_topic_words(question, language):
    """'哪些省份…' asks for places: 省份 is not a word the answer must carry ('试点省份' is no public hearing)."""
    from retrieval.answer.question import analyse

    asked = analyse(question, language)
    assert asked.asks_place
    terms = {term for group, _ in asked.topic for term in group}
    assert "公开听证" in terms and not terms & {"省份", "哪些地方", "行省", "地方"}, asked.topic


def test_which_provinces_held_hearings_names_the_provinces_that_did(engine):
    lead = engine.answer([], "哪些省份开展了公开听证？").answer.splitlines()[0]
    assert lead.startswith("安徽") and "听证" in lead and "试点省份" not in lead, lead


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


def test_the_verb_asking_for_results_is_no_topic_word(engine):
    """'榆林取得了哪些成效？' asks for results: 取得 is how it asks, and Yulin's results never say it."""
    from retrieval.answer.question import analyse

    terms = {t for group, _ in analyse("榆林取得了哪些成效？", "zh").topic for t in group}
    assert "取得" not in terms and "成效" in terms
    answer = engine.answer([], "榆林取得了哪些成效？").answer
    assert not answer.startswith("检索到的资料中没有") and "榆林" in answer.splitlines()[0], answer


def test_a_district_asked_with_its_city_is_one_place_in_the_label():
    """'衢州柯城的云办公室是什么？' is about one place: '衢州柯城', not '衢州、柯城' as if two were compared."""
    from retrieval.answer.question import analyse
    from retrieval.answer.where import side_label

    assert side_label(analyse("衢州柯城的云办公室是什么？", "zh"), "zh") == "衢州柯城"
    assert side_label(analyse("What is Kecheng's cloud office in Quzhou?", "en"), "en") == "Kecheng (Quzhou)"
    assert side_label(analyse("河南和昆明在减少信访方面有什么不同", "zh"), "zh") == "河南、昆明"


def test_a_lead_drops_the_ordinal_of_the_list_its_sentence_came_from():
    """'(三)优化侦诉互动协同体系…' leads as '优化侦诉互动协同体系…': the third of what, the reader cannot see."""
    from retrieval.answer.lead import lead_zh
    from retrieval.answer.question import analyse
    from retrieval.answer.scoring import Scored
    from retrieval.answer.units import Unit

    unit = Unit(text="(三)优化侦诉互动协同体系,有效破解“落地难”。", heading="", hit_rank=1, position=0, in_passage=True)
    best = Scored(unit=unit, score=1.0, coverage=0.5, place=True)
    assert lead_zh(best, [best], analyse("柯城怎么优化侦诉协同的？", "zh"), "衢州柯城") == \
        "衢州柯城：优化侦诉互动协同体系,有效破解“落地难”"


def test_a_sentence_shown_whole_in_the_lead_is_not_quoted_again_below():
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse
    from retrieval.types import Hit

    hit = Hit(rank=1, score=1.0, source="r.txt", title="衢州市柯城区检察工作", section="", passage_id="p",
              regions=["浙江省", "衢州市", "柯城区"], text="(三)柯城区检察院优化侦诉互动协同体系,破解落地难题。")
    lines = compose(analyse("柯城区检察院怎么优化侦诉互动协同体系？", "zh"), [hit]).text.splitlines()
    assert "优化侦诉互动协同体系" in lines[0] and not lines[0].split("：")[-1].startswith("(三)"), lines
    assert not any(line.startswith("- ") for line in lines), lines  # the lead shows it whole: no bullet repeats it
