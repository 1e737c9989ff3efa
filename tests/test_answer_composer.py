"""The offline composer over the seeds as a user reads it: the first line answers, in the asker's language,
about the asked place."""

import pytest

from answer_helpers import answer_lines
from retrieval.answer.ground import in_language
from retrieval.answer.phrases import NOT_FOUND, OFFLINE_NOTE
from retrieval.answer.question import Kind, classify
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
    ("宁夏和广西在认罪认罚方面各有什么做法？", Kind.COMPARE),  # what each has: a block per place
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
    # what an article says, not the law's outline (it had got the Advertising Law's chapters, never 第九条)
    ("广告法第九条说了什么？", Kind.GENERAL), ("What does Article 9 of the Advertising Law say?", Kind.HOW),
])
def test_questions_are_classified_by_what_they_ask(question, kind):
    assert classify(question, gazetteer().find_in_question(question)) == kind


def test_the_first_line_answers_how_with_the_method(engine):
    answer = engine.answer([], "福建是怎么做好检察官员额退出工作的？").answer
    first = answer_lines(answer)[0]
    assert first.startswith("福建") and "[1]" in first
    assert "规范退出程序" in answer or "退出程序" in first  # the method, not only the count of leavers
    assert answer_lines(answer)[-1] == OFFLINE_NOTE["zh"]


def test_formalities_keyword_lines_and_bare_headings_are_not_the_answer(engine):
    answer = engine.answer([], "昆明是怎么办理人大代表建议的？").answer
    assert not is_refusal(answer, "zh") and len(answer_lines(answer)) >= 4, answer  # a lead, evidence, the note
    assert "各位副主任" not in answer and "【关键词】" not in answer and "报告如下" not in answer
    for line in answer_lines(answer)[1:-1]:
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
    assert "1:1.056" in answer_lines(answer)[0], answer


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
    labels = [line.split("：")[0] for line in answer_lines(answer) if not line.startswith("- ") and "：" in line]
    assert "河南" in labels and "昆明" in labels
    assert "19.7%" in answer and "67.52%" in answer


@pytest.mark.parametrize("question", ["What did Zhejiang do?", "How did Henan reduce petitions?",
                                      "How many people did Kunming judicial aid help?"])
def test_english_questions_get_english_answers_with_chinese_evidence(engine, question):
    result = engine.answer([], question)
    first = answer_lines(result.answer)[0]
    assert first[0].isascii() and first[0].isalpha(), first
    assert in_language(own_text(result.answer), "en")
    assert any(line.startswith("- ") and any("\u4e00" <= ch <= "\u9fff" for ch in line)
               for line in answer_lines(result.answer))
    assert answer_lines(result.answer)[-1] == OFFLINE_NOTE["en"]


def test_report_by_place_and_title_fragment(engine):
    by_place = engine.report("重庆")
    assert by_place.citations and all(c.source.startswith("003_") for c in by_place.citations)


def test_a_question_about_one_document_follows_its_structure(engine):
    result = engine.answer([], "重庆整改报告说了哪些问题？")
    first = answer_lines(result.answer)[0]
    assert first.startswith("《") and "办案质效需进一步提升" in first and first.endswith("[1]")
    assert {c.source for c in result.citations} == {"003_17342af2a1c5acdf.txt"}
    assert "信息赋能建设需进一步强化" in result.answer


def test_a_compilation_question_lists_its_regions(engine):
    answer = engine.answer([], "2024年检察改革典型事例都包括哪些内容？").answer
    first = answer_lines(answer)[0]
    assert "北京市" in first and "辽宁省" in first


def test_an_english_question_about_a_report_is_framed_in_english(engine):
    result = engine.answer([], "What results does Kunming's report on handling deputies' suggestions highlight?")
    first = answer_lines(result.answer)[0]
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
    assert result.language == "en" and answer_lines(result.answer)[0].startswith("Guangxi")
    assert any("案-件比" in c.quote for c in result.citations)
    # the quoted Chinese term is the subject: the sentences quoted name it, not improving in general
    evidence = [line for line in answer_lines(result.answer) if line.startswith("- ")]
    assert sum("案-件比" in line for line in evidence) >= 3, result.answer
    # 'how did they improve it' is answered with what they achieved, too: the ratio before and after
    assert "1:2.08" in answer_lines(result.answer)[0] and "1:1.20" in result.answer, result.answer


@pytest.mark.parametrize("question", ["昆明和云南在案-件比方面有什么不同？",
                                      "How did Kunming's case-to-proceeding ratio compare with the rest of Yunnan?"])
def test_comparing_a_city_with_its_province_quotes_each_sentence_once(engine, question):
    from retrieval.answer.phrases import ONLY_ABOVE

    result = engine.answer([], question)
    bullets = [line for line in answer_lines(result.answer) if line.startswith("- ")]
    assert len(bullets) == len(set(bullets)), result.answer
    # Kunming's sentence is quoted whole once: as the lead when it fits, else as the bullet under a clipped lead
    quoted = [line for line in answer_lines(result.answer) if "最大限度防止和避免程序空转" in line]
    assert len(quoted) == 1, result.answer
    assert ONLY_ABOVE[result.language].format(place="云南" if result.language == "zh" else "Yunnan") in result.answer \
        or sum(line.startswith(("云南", "Yunnan")) for line in answer_lines(result.answer)) == 1, result.answer


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
                                             ("What do provinces do about petitions?", "petitions"),
                                             ("各地案-件比情况怎么样？", "案-件比"), ("各地的案件比是多少？", "案件比"),
                                             ("各地怎么减少信访的？", "减少信访")])
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
    # '各地' is where to look, not a word an answering sentence must carry ('各地案件比' had been refused)
    from retrieval.answer.question import analyse

    assert [group for group, _ in analyse("各地案件比", "zh").topic] == [["案件比"]]


def test_english_function_words_are_not_looked_up_in_the_dictionary():
    from retrieval.search.crosslingual import translate_question
    from retrieval.search.dictionary import normalise

    assert normalise("How does it work always") == ["how", "does", "it", "work", "always"]  # 'does' is not 'doe'
    translation = translate_question("How does Hubei actually protect minors instead of punishing them?")
    guesses = {term for group in translation.weak_groups for term in group}
    assert not guesses & {"雌鹿", "其实", "反而"}, guesses


def test_statutory_names_of_everyday_things_are_trusted_terms():
    """A drone is 无人机 in the dictionary but 无人驾驶航空器 in the regulations; 'go live' is 上线; drunk driving
    (醉驾) is one kind of dangerous driving (危险驾驶), not its name."""
    from retrieval.search.crosslingual import translate_question

    assert "无人驾驶航空器" in translate_question("What is the fine for flying a drone?").terms
    assert "上线" in translate_question("When did the system go live?").terms
    drunk = translate_question("Is there a case on drunk driving?").terms
    assert "醉驾" in drunk and "危险驾驶罪" not in drunk, drunk


def test_a_dictionary_guess_the_collection_never_uses_does_not_sink_the_answer(engine):
    """'signing off' -> 签署, 'senior' -> 前辈: guesses no seed uses; the Yunnan section still answers."""
    answer = engine.answer([], "How did Yunnan get its senior prosecutors to handle cases in person rather than "
                               "just signing off?").answer
    first = answer_lines(answer)[0]
    assert first.startswith("Yunnan") and "[1]" in first, first
    assert "领导干部" in answer and "办案" in answer


def test_an_english_question_whose_most_specific_term_is_nowhere_is_refused(engine):
    """Sentences on 犯罪嫌疑人 alone must not answer a question about suspects who fled abroad."""
    result = engine.answer([], "What do prosecutors do when corruption suspects flee abroad?")
    assert result.answer.strip() == NOT_FOUND["en"] and not result.citations


@pytest.mark.parametrize("question", ["What does the Chongqing report say about residential surveillance at a "
                                      "designated location?", "重庆的整改报告关于指定居所监视居住是怎么说的？",
                                      "What does the Chongqing report say it is doing so that police send "
                                      "prosecutors a copy of the decision within three days when they place a "
                                      "suspect under residential surveillance at a designated location?"])
def test_a_report_asked_about_one_subject_answers_that_subject_not_its_outline(engine, question):
    answer = engine.answer([], question).answer
    assert "三日内" in answer and "point by point" not in answer and "Background" not in answer, answer
    outline = engine.answer([], "What does the Chongqing report say?").answer
    assert "point by point" in answer_lines(outline)[0], outline


def test_what_a_question_asks_is_matched_once_per_question_not_per_sentence(engine):
    """The cue patterns (outcome, holding, share, problems …) are matched once per question: scoring a
    hundred sentences must not run them a hundred times (it did, and cost a third of the answer's time)."""
    from retrieval.answer import question

    engine.answer([], "河南是怎么减少信访的？")  # warm every other cache
    question._asks.cache_clear()
    engine.answer([], "昆明检察院在公益诉讼方面取得了哪些成效？")
    info = question._asks.cache_info()
    cues = [value for value in vars(question.Asked).values() if isinstance(value, question._Cue)]
    assert 10 <= len(cues) and info.misses <= len(cues) and info.hits > info.misses, (len(cues), info)


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


@pytest.mark.parametrize("question", ["徐州检察院社会治理检察建议管理系统取得了什么成效？",
                                      "What were the results of Xuzhou's management system for social governance "
                                      "procuratorial suggestions?"])
def test_asked_what_a_practice_achieved_the_answer_reports_its_results(engine, question):
    """'取得了什么成效？' is answered by the sentence that counts what was done ('汇聚社会治理线索110余条…'),
    which never says 成效, not by the measures that built the system."""
    answer = engine.answer([], question).answer
    assert "110余条" in answer, answer


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


def test_asking_how_many_each_has_is_no_topic_word(engine):
    """'哪些地方建立了听证员库，各有多少人？': 各有 asks for each place's count, as 分别 does; no report says it, so
    as a topic word (the rarest) it had the answerable question refused."""
    answer = engine.answer([], "哪些地方建立了听证员库，各有多少人？").answer
    assert not is_refusal(answer, "zh") and "489" in answer, answer


def test_english_words_in_a_chinese_question_are_guesses_that_weigh_little(engine):
    """'昆明检察院的司法救助 case count 是多少？': 'case' and 'count', which no Chinese report writes, had weighed as
    its rarest terms and the question about Kunming's judicial aid was refused."""
    from retrieval.answer.extractive import asked_of

    question = "昆明检察院的司法救助 case count 是多少？"
    asked = asked_of(question, "zh", engine.searcher.index.bm25().idf)
    heaviest = max(asked.topic, key=lambda pair: pair[1])[0]
    assert "司法救助" in heaviest and not any({"case", "count"} & set(group) for group, _ in asked.topic), asked.topic
    answer = engine.answer([], question).answer
    assert not is_refusal(answer, "zh") and "324件" in answer.splitlines()[0], answer


def test_how_a_report_did_something_is_answered_by_what_was_done_not_its_next_steps(engine):
    """'昆明检察院是怎么办理人大代表建议的？': the report's 三、存在问题及下一步工作打算 plans '细化统筹管理' and
    '拓展视野格局'; quoted as the answer, a clerk would report plans as work done. Asked, the plans answer."""
    answer = engine.answer([], "昆明检察院是怎么办理人大代表建议的？").answer
    assert not any(plan in answer for plan in ("拓展视野格局", "细化统筹管理", "建档式管理")), answer
    plans = engine.answer([], "昆明检察院下一步打算怎么做？").answer
    assert "细化统筹管理" in plans, plans


def test_asked_why_the_first_line_gives_the_reason(engine):
    """'重庆检察院为什么要对派驻检察人员轮岗？': 为什么 is how it asks, not a word a sentence must carry, and the
    sentence saying the purpose (防止“因熟生惰”) leads, not the titles of the report's measures."""
    lead = engine.answer([], "重庆检察院为什么要对派驻检察人员轮岗？").answer.splitlines()[0]
    assert "因熟生惰" in lead, lead


def test_an_ambiguous_pinyin_place_the_collection_has_is_not_said_to_be_missing():
    """'Yulin' is 榆林 (Shaanxi) and 玉林 (Guangxi): compared with Kunming, the answer opened 'Nothing in the
    indexed documents about Yulin.' and then quoted Yulin's (榆林's) hearing officers."""
    from answer_helpers import passage_hits
    from retrieval.answer.composer import compose
    from retrieval.answer.phrases import NO_SIDE
    from retrieval.answer.question import analyse

    asked = analyse("How many hearing officers does Yulin have compared with Kunming?", "en")
    assert {r.name for r in asked.places} >= {"榆林市", "玉林市", "昆明市"}
    hits = passage_hits("004_yulin.txt", "榆林市检察院", [("外部监督", ["榆林市"], "聘请79名特邀检察官助理、327名听证员参与办案和监督。")], "y") + \
        passage_hits("000_kunming.txt", "昆明市检察院", [("总体情况", ["昆明市"], "全市检察机关首次建立了489名“听证员库”。")], "k")
    hits = [hit.model_copy(update={"rank": n}) for n, hit in enumerate(hits, 1)]
    text = compose(asked, hits).text
    assert NO_SIDE["en"].format(place="Yulin") not in text and "327" in text and "489" in text, text


def test_a_traditional_report_is_quoted_in_simplified_to_a_simplified_question(engine):
    """榆林's report is in traditional characters: a simplified conversation showed its quotes so (summaries
    already simplified them); asked in traditional characters, they stay as written."""
    simplified = engine.answer([], "榆林检察院听证情况").answer
    assert "214件" in simplified and "聽證" not in simplified and "听证" in simplified, simplified[:300]
    traditional = engine.answer([], "榆林檢察院聽證情況").answer
    assert "聽證" in traditional, traditional[:300]


def test_a_terms_words_apart_count_unless_its_last_word_heads_another_term(engine):
    """'检察建议' was carried by any sentence saying 检察 and a deputy's 代表建议: Kunming's answer about
    procuratorial recommendations quoted its deputies' suggestions; '清理“挂案”' still says 挂案清理."""
    from retrieval.answer.extractive import asked_of

    asked = asked_of("昆明检察院检察建议情况", "zh")
    assert asked.coverage("检察环节结合代表建议，进一步优化了告知系统") == 0
    assert asked.coverage("对校园周边等发出公益诉讼诉前检察建议91份") == 1
    assert asked_of("挂案清理怎么做的", "zh").coverage("共督促有关部门清理“挂案”456件") > 0
    first = engine.answer([], "昆明检察院检察建议情况").answer.splitlines()[0]
    assert first.startswith("昆明") and "代表建议" not in first, first


def test_a_terms_words_count_only_when_they_carry_every_character_of_it():
    """'食药品安全' (a glossary synonym of 食品安全) was carried by any sentence saying 药品 and 安全: a question
    about unsafe food was answered from the drug law; its words leave out 食, so only the whole term counts."""
    from retrieval.answer.extractive import asked_of

    asked = asked_of("食品安全标准", "zh")
    assert asked.coverage("未及时消除区域性重大药品安全隐患") < asked.coverage("保障食品安全")
    assert asked.coverage("未及时消除区域性重大药品安全隐患") < 0.5
    assert asked.coverage("食品药品安全监管") > 0.5  # all its words: 食品, 药品, 安全


def test_a_word_with_a_generic_head_is_said_by_its_stem(engine):
    """'昆明在信访工作上有什么做法？' was refused: jieba reads 信访工作 as one word, and Kunming's report says 信访
    (首次信访一律…包案, 信访总量同比下降67.52%) but never 信访工作."""
    from retrieval.answer.extractive import asked_of

    assert asked_of("昆明在信访工作上有什么做法？", "zh").coverage("首次信访一律按管辖由所在院领导包案") == 1.0
    answer = engine.answer([], "昆明在信访工作上有什么做法？").answer
    assert "67.52%" in answer and not answer.startswith("检索到的资料中没有"), answer[:200]

def test_a_penalty_asked_in_a_general_word_is_named_by_any_sentence_imposing_one():
    """'What is the penalty for selling counterfeit medicine?' led with a trademark interpretation's sentence
    saying 判处 over the drug law's article fining the sale of 假药: a fine or a prison term is a penalty too."""
    from retrieval.answer.extractive import asked_of

    asked = asked_of("What is the penalty for selling counterfeit medicine?", "en")
    fined = "生产、销售假药的，没收违法所得，并处货值金额十五倍以上三十倍以下的罚款"
    assert asked.coverage(fined) == 1.0
    assert asked.coverage("销售假冒注册商标的商品，应当以销售假冒注册商标的商品罪判处三年以下有期徒刑") < 0.5
    assert asked.coverage("药品应当按照规定储存假药") < 1.0  # 假药 without any penalty


def test_this_year_in_a_quote_is_dated_by_its_document_as_in_summaries(engine):
    """'今年1月至7月…从去年的1:2.08' was quoted undated by `ask` (summaries said 今年〔2020年〕): pasted beside a
    2024 figure, the reader cannot tell the years; the answer eval matches facts without our notes."""
    from retrieval.eval.answers import _plain

    answer = engine.answer([], "广西的案件比是多少？").answer
    assert "今年〔2020年〕" in answer and "今年1月" not in answer, answer[:300]
    assert _plain("今年1月至7月") in _plain(answer)


def test_a_region_asked_what_it_told_gets_its_own_section_of_a_compilation(engine):
    """'宁夏检察院交流了什么经验？' quoted only the compilation's opening ('吉林、广西、宁夏等9个省级检察院…交流了…'),
    交流 taken as the topic; 'What did Ningxia report on the plea leniency system?' was read as a request to
    summarise the whole document. Both are Ningxia's practices, from its own section."""
    from retrieval.answer.question import Kind, classify

    lead = engine.answer([], "宁夏检察院交流了什么经验？").answer.splitlines()[0]
    assert lead.startswith("宁夏") and "9个省级检察院" not in lead, lead
    assert classify("What did Ningxia report on the plea leniency system?", []) != Kind.DOCUMENT
    assert classify("What results does Kunming's report on handling deputies' suggestions highlight?", []) == Kind.DOCUMENT
    assert classify("What does the Chongqing report say about problems?", []) == Kind.DOCUMENT
    english = engine.answer([], "What did Ningxia report on the plea leniency system?").answer.splitlines()[0]
    assert english.startswith("Ningxia"), english


def test_a_reports_numbered_slogan_is_answered_by_the_headings_it_names(engine):
    """'榆林市检察院的“六个聚焦”分别是什么？' quoted the report's opening and a few practices, never the six: they are
    the report's section headings (聚焦领导监督 … 聚焦智能监督), each cited to its section."""
    result = engine.answer([], "榆林市检察院的“六个聚焦”分别是什么？")
    lead = result.answer.splitlines()[0]
    assert lead.startswith("“六个聚焦”是：聚焦领导监督；聚焦上级监督；") and lead.count("聚焦") == 7, lead
    assert len(result.citations) == 6 and all("聚焦" in c.section for c in result.citations)
    asked_which_six = engine.answer([], "榆林市检察院的“六个聚焦”是哪六个？").answer.splitlines()[0]
    assert asked_which_six.startswith("“六个聚焦”是：聚焦领导监督"), asked_which_six  # '是哪六个' had got no list
    # no headings begin with 规范: no list made up, the question answered as any other
    assert not engine.answer([], "榆林的“三个规范”分别是什么？").answer.startswith("“三个规范”是：")
