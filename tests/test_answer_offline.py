"""Offline answers on the seeds: extractive, cited, with the right figures and sources, in both languages."""

import io
import json
import re

import pytest

from retrieval.answer.asked_year import without_editors_notes
from retrieval.answer.chain import prompt_text
from retrieval.answer.followup import heuristic_rewrite
from retrieval.answer.extractive import EXTRACTIVE_LABEL, NOT_FOUND, NOT_FOUND_PLACE, extractive_answer
from retrieval.answer.ground import CITATION, MARKER
from retrieval.types import Turn

HENAN = "002_cd28ed1f78124c5e.txt"
KUNMING = "000_bf64703f7d023cd3.txt"
GUANGXI = "001_440cd2a1d0a77d82.txt"


def _check_citations(result):
    """Markers are numbered 1..n in order of first use and every listed citation is used."""
    order = list(dict.fromkeys(int(n) for n in MARKER.findall(result.answer)))
    assert order == list(range(1, len(order) + 1))
    assert [c.n for c in result.citations] == order
    for citation in result.citations:
        assert citation.quote and citation.source and citation.title


@pytest.mark.parametrize("question, language, source, figures", [
    ("河南是怎么减少信访的？", "zh", HENAN, ["19.7%", "35.6%"]),
    ("How did Henan reduce petitions?", "en", HENAN, ["19.7%"]),
    ("广西案-件比优化到多少？", "zh", GUANGXI, ["1:1.20"]),
    ("What case-to-matter ratio did Guangxi reach?", "en", GUANGXI, ["1:1.20"]),
    ("昆明检察机关司法救助为多少人发放了多少救助金？", "zh", KUNMING, ["360人", "407万元"]),
    ("How many people did Kunming judicial aid help?", "en", KUNMING, ["360人", "407万元"]),
])
def test_seed_questions_are_answered_extractively(engine, question, language, source, figures):
    result = engine.answer([], question)
    assert result.mode == "extractive" and result.language == language and result.warnings == []
    lines = result.answer.splitlines()
    assert lines[-1] == EXTRACTIVE_LABEL[language]  # said once, last; the first line answers
    assert lines[0].startswith({HENAN: ("河南", "Henan"), GUANGXI: ("广西", "Guangxi"),
                                KUNMING: ("昆明", "Kunming")}[source])
    for figure in figures:
        assert figure in result.answer
    assert {c.source for c in result.citations} == {source}
    _check_citations(result)
    # every bullet is quoted verbatim from a passage its marker names
    for line in [line for line in lines if line.startswith("- ")]:
        n = int(MARKER.findall(line)[-1])
        assert without_editors_notes(MARKER.sub("", line)).removeprefix("- ").strip() in result.citations[n - 1].quote


def test_chinese_quotes_kept_in_english_framing(engine):
    result = engine.answer([], "How did Henan reduce petitions?")
    lead, evidence = result.answer.split("\n", 1)
    assert lead.startswith("Henan") and "19.7%" in lead
    assert re.search(r"[\u4e00-\u9fff]", evidence)


def test_nothing_relevant_is_said_plainly(engine):
    result = engine.answer([], "火星上的检察院怎么样？")
    assert result.answer == NOT_FOUND["zh"] and result.citations == []
    english = engine.answer([], "What do procuratorates on Mars think of quantum gravity?")
    assert english.answer == NOT_FOUND["en"] and english.citations == []


def test_an_empty_collection_says_how_to_add_documents_not_that_nothing_was_found(fake_index):
    from retrieval.answer.phrases import NO_DOCUMENTS
    from retrieval.engine import Engine

    engine = Engine(settings=fake_index.settings, index=fake_index)
    for question, language in (("河南是怎么减少信访的？", "zh"), ("How did Henan reduce petitions?", "en")):
        result = engine.answer([], question)
        assert result.answer == NO_DOCUMENTS[language] and "jiancha ingest" in result.answer
    assert engine.summarize("公开听证").answer == NO_DOCUMENTS["zh"]


def test_place_named_but_not_covered_says_so(seeded_index):
    from retrieval.search.hybrid import Searcher

    hits = Searcher(seeded_index).search("广西案-件比优化到多少？")
    result = extractive_answer("西藏案-件比优化到多少？", [h for h in hits if "广西" not in "".join(h.regions)])
    assert "西藏" in result.text and result.cited == []


def test_follow_up_heuristic_substitutes_the_place():
    history = [Turn(role="user", text="河南是怎么减少信访的？"), Turn(role="assistant", text="……")]
    assert heuristic_rewrite(history, "那浙江呢？") == "浙江是怎么减少信访的？"
    assert heuristic_rewrite(history, "and Zhejiang?") == "浙江是怎么减少信访的？"
    # '这个机制' is the one just discussed (fifteenth session; before, the message stood alone)
    assert heuristic_rewrite(history, "这个机制有什么效果？") == "河南是怎么减少信访的，这个机制有什么效果？"
    assert heuristic_rewrite(history, "公开听证有哪些做法？") == "公开听证有哪些做法？"  # a subject of its own
    english = [Turn(role="user", text="How did Henan reduce petitions?")]
    assert heuristic_rewrite(english, "and Zhejiang?") == "How did Zhejiang reduce petitions?"
    assert heuristic_rewrite(english, "What about Kunming?") == "How did Kunming reduce petitions?"
    chained = english + [Turn(role="assistant", text="…"), Turn(role="user", text="and Zhejiang?")]
    assert heuristic_rewrite(chained, "and Kunming?") == "How did Kunming reduce petitions?"
    assert heuristic_rewrite([], "那浙江呢？") == "那浙江呢？"


def test_follow_up_is_answered_about_the_new_place(engine):
    first = engine.answer([], "河南是怎么减少信访的？")
    history = [Turn(role="user", text="河南是怎么减少信访的？"), Turn(role="assistant", text=first.answer)]
    result = engine.answer(history, "那昆明呢？")
    assert {c.source for c in result.citations} == {KUNMING}
    assert "67.52%" in result.answer


def test_prompts_carry_the_not_found_sentinel_and_data_rule():
    for language in ("zh", "en"):
        assert NOT_FOUND[language] in prompt_text("system", language)
        assert "<passages>" in prompt_text("system", language)
        assert "{passages}" in prompt_text("answer", language) and "{question}" in prompt_text("answer", language)
        assert "{history}" in prompt_text("rewrite", language)
    assert CITATION.format(n=1) == "[1]"


def test_cli_ask_json(seeded_index, monkeypatch, capsys):
    from bot import cli

    monkeypatch.setattr(cli, "_index", lambda: seeded_index)
    assert cli.main(["ask", "--json", "广西案-件比优化到多少？"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == {"answer", "citations", "warnings", "mode"}
    assert payload["mode"] == "extractive" and "1:1.20" in payload["answer"]
    assert set(payload["citations"][0]) == {"n", "source", "title", "section", "quote"}
    assert payload["citations"][0]["source"] == GUANGXI


def test_cli_ask_human_and_errors(seeded_index, monkeypatch, capsys):
    from bot import cli

    monkeypatch.setattr(cli, "_index", lambda: seeded_index)
    assert cli.main(["ask", "How", "did", "Henan", "reduce", "petitions?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Henan") and EXTRACTIVE_LABEL["en"] in out and "[1] " + HENAN in out
    assert cli.main(["ask", "   "]) == 1
    err = capsys.readouterr().err
    assert err.startswith("jiancha: ") and len(err.strip().splitlines()) == 1


def test_terminal_chat_answers_follows_up_and_opens_a_source(engine):
    from bot.chat import run_chat

    stdin = io.StringIO("河南是怎么减少信访的？\n:open 1\n那昆明呢？\n:open 9\n:quit\n")
    stdout = io.StringIO()
    assert run_chat(engine, stdin, stdout) == 0
    text = stdout.getvalue()
    assert EXTRACTIVE_LABEL["zh"] in text and HENAN in text and KUNMING in text
    assert "反向审视" in text and "no source [9]" in text


def test_terminal_chat_says_a_new_conversation_has_begun_and_follow_ups_then_stand_alone(engine):
    """':new' printed nothing before; after it, '有没有数据？' leans on no earlier question."""
    from bot.chat import FORGOTTEN, run_chat

    stdout = io.StringIO()
    assert run_chat(engine, io.StringIO("广西是怎么优化案-件比的？\n:new\n:quit\n"), stdout) == 0
    assert FORGOTTEN in stdout.getvalue()


def test_whether_there_are_figures_asks_for_the_figures_of_the_subject(engine):
    """'有没有数据？' after Guangxi's case-to-matter ratio asks for Guangxi's figures, not for the word 数据
    (it had quoted Beijing's '数据孤岛')."""
    history = [Turn(role="user", text="广西是怎么优化“案-件比”的？"), Turn(role="assistant", text="… [1]")]
    answer = engine.answer(history, "有没有数据？").answer
    assert "1:2.08" in answer.splitlines()[0] and "数据孤岛" not in answer, answer


def test_what_is_worth_learning_from_a_place_is_its_practice(engine):
    """'榆林的做法有什么值得借鉴的？' had searched for the words 值得 and 借鉴 and said nothing was found about Yulin."""
    from retrieval.answer.question import Kind, analyse

    asked = analyse("榆林的做法有什么值得借鉴的？", "zh")
    assert asked.kind == Kind.HOW and not asked.topic, asked
    first = engine.answer([], "榆林的做法有什么值得借鉴的？").answer.splitlines()[0]
    assert "榆林" in first and "[1]" in first and "没有" not in first, first


def test_a_neighbour_from_another_region_is_read_under_its_own_heading(engine):
    """In the nine-province compilation Guangxi's first passage follows Jilin's last: the source Guangxi's
    figure is cited from opens with Jilin's text headed as Jilin's, not under Guangxi's heading, and the
    one-line preview starts at Guangxi's own passage."""
    from bot.chat import format_citation

    result = engine.answer([], "广西案-件比优化到多少？")
    cited = [c for c in result.citations if "1:2.08" in c.quote and "1∶2.29" in c.quote]
    assert cited, "the Guangxi passage is expected to be read with Jilin's last one before it"
    citation = cited[0]
    assert citation.section.startswith("广西")
    jilin, guangxi = citation.quote.index("1∶2.29"), citation.quote.index("1:2.08")
    jilin_heading = citation.quote.rfind("【吉林省检察院", 0, jilin)
    guangxi_heading = citation.quote.rfind("【广西壮族自治区检察院", 0, guangxi)
    assert 0 <= jilin_heading < jilin < guangxi_heading < guangxi
    preview = format_citation(citation).splitlines()[1].strip()
    assert preview.startswith("今年以来") and "1∶2.29" not in preview
    assert "【" not in format_citation(citation, full=True).splitlines()[0]


def test_a_sentence_of_a_neighbour_under_another_heading_is_cited_to_that_passage(engine):
    """Comparing Guangxi with Jilin, Jilin's block quoted its 1∶2.29 → 1∶1.35 from the window of Guangxi's passage
    and cited it as that hit: the source shown was Guangxi's section. It is cited as Jilin's own passage."""
    result = engine.answer([], "广西和吉林在案件比上有什么不同？")
    jilin_line = next(line for line in result.answer.splitlines() if "1∶1.35" in line)
    number = int(re.findall(r"\[(\d+)\]", jilin_line)[-1])
    citation = next(c for c in result.citations if c.n == number)
    assert citation.section.startswith("吉林"), (jilin_line, citation.section)
    assert "1∶2.29" in citation.quote and "1:2.08" not in citation.quote


def test_a_context_within_one_section_is_the_passages_as_written():
    from retrieval.types import ContextPart, Hit

    parts = [ContextPart(passage_id=str(n), section="基本案情", text=f"第{n}段。") for n in range(3)]
    hit = Hit(rank=1, score=1.0, source="a.txt", title="t", section="基本案情", text="第1段。", regions=[],
              passage_id="1", context="第0段。\n第1段。\n第2段。", parts=parts)
    assert hit.cited_text() == hit.readable
    judged = hit.model_copy(update={"parts": [*parts[:2], parts[2].model_copy(update={"section": "裁判结果"})]})
    assert judged.cited_text() == "第0段。\n第1段。\n【裁判结果】\n第2段。"


@pytest.mark.parametrize("message, language", [("你好", "zh"), ("好的，谢谢", "zh"), ("怎么样？", "zh"), ("嗯", "zh"),
                                               ("ok", "en"), ("help", "en"), ("Thanks!", "en"),
                                               # an aspect of nothing yet discussed: of what, no document can tell
                                               ("效果怎么样？", "zh"), ("有没有数据？", "zh")])
def test_a_message_asking_nothing_gets_how_to_ask_not_quotes(engine, message, language):
    from retrieval.answer.phrases import NOT_A_QUESTION

    from retrieval.answer.phrases import THANKS

    result = engine.answer([], message)
    thanked = THANKS[language] if "谢" in message or "Thanks" in message else ""  # thanks are answered in kind
    assert result.answer == thanked + NOT_A_QUESTION[language] and result.citations == []


@pytest.mark.parametrize("message", ["🙂", "？？？", "1234"])
def test_a_message_without_words_gets_how_to_ask_in_both_languages(engine, message):
    from retrieval.answer.phrases import NOT_A_QUESTION

    assert engine.answer([], message).answer == f"{NOT_A_QUESTION['zh']}\n{NOT_A_QUESTION['en']}"


def test_a_place_alone_or_an_unknown_subject_is_still_a_question(engine):
    assert engine.answer([], "浙江").answer.startswith("浙江")
    assert engine.answer([], "What is quantum gravity?").answer == NOT_FOUND["en"]


def test_an_english_answer_names_a_place_as_the_question_did(engine):
    """'Tibet' in the question is 'Tibet' in the answer, not the gazetteer's first form 'Xizang'."""
    assert engine.answer([], "How did Tibet reduce petitions?").answer == NOT_FOUND_PLACE["en"].format(place="Tibet")
    assert engine.answer([], "How did Xizang reduce petitions?").answer == NOT_FOUND_PLACE["en"].format(place="Xizang")


def test_the_document_asked_about_is_the_same_in_every_process():
    """Two documents tied on votes and title words: the one search ranked first is the document asked about,
    whatever order a set of their names would have in this process (it changed with the hash seed)."""
    from retrieval.answer.document import asked_document
    from retrieval.answer.question import analyse
    from retrieval.types import Document, Hit

    asked = analyse("总结一下这份报告", "zh")
    for n in range(24):
        first, second = f"甲{n}.txt", f"乙{n}.txt"
        documents = {name: Document(name=name, title="工作报告", text="") for name in (first, second)}
        hits = [Hit(rank=rank, score=1.0 / rank, source=name, title="工作报告", section="", text="", regions=[],
                    passage_id=f"{name}-{rank}") for rank, name in enumerate([first, second, first, second], 1)]
        assert asked_document(asked, documents, hits) == first


@pytest.mark.parametrize("question", ["What did Kunming do about juvenile cases?", "昆明在未成年人检察方面做了什么？"])
def test_a_source_preview_starts_at_the_sentence_the_answer_quotes_from_it(engine, question):
    """A reading window holds its passage's neighbours: the one-line preview of [n] starts at the first sentence
    the answer quotes as [n], not at the start of a passage that may not hold it."""
    from bot.chat import format_citation
    from retrieval.answer.ground import MARKER

    result = engine.answer([], question)
    checked = 0
    for citation in result.citations:
        quoted = [without_editors_notes(MARKER.sub("", line)).removeprefix("- ") for line in result.answer.splitlines()
                  if line.startswith("- ") and f"[{citation.n}]" in line]
        if quoted:
            preview = format_citation(citation).splitlines()[1].strip()
            assert preview.startswith(quoted[0][:20]), (preview, quoted[0])
            checked += 1
    assert checked >= 2, result.answer


def test_a_citation_names_the_heading_of_the_passage_its_quoted_sentence_comes_from():
    """A hit's reading window spans neighbours under other headings: the source line must name the heading of
    the sentence quoted ('(四)…'), not the matched passage's ('(五)…'), or a clerk cites the wrong section."""
    from retrieval.answer.citing import citations
    from retrieval.types import ContextPart, Hit

    parts = [ContextPart(passage_id="k-4", section="二、办理成效 / (四)优化检察业务布局方面",
                         text="公益诉讼立案1074件,实现2015年试点以来首次突破“千件”规模。"),
             ContextPart(passage_id="k-5", section="二、办理成效 / (五)服务保障民生福祉方面",
                         text="全市检察机关推行司法救助“逢案必审”,共受理司法救助324件。")]
    hit = Hit(rank=1, score=1.0, source="000.txt", title="昆明报告", section=parts[1].section, text=parts[1].text,
              regions=[], passage_id="k-5", context=parts[0].text + parts[1].text, parts=parts)

    class Documents:
        def documents(self):
            return {}

    quoting = "昆明：公益诉讼立案1074件[1]\n- 公益诉讼立案1074件,实现2015年试点以来首次突破“千件”规模。[1]"
    assert citations(Documents(), [hit], quoting)[0].section.endswith("(四)优化检察业务布局方面")
    # the sentence quoted opens a window of one section: the preview starts there, not at the passage matched after it
    same = [part.model_copy(update={"section": "第一章"}) for part in parts]
    window = hit.model_copy(update={"parts": same, "section": "第一章"})
    assert citations(Documents(), [window], quoting)[0].passage.startswith("公益诉讼立案1074件")
    assert citations(Documents(), [hit], "- 全市检察机关推行司法救助“逢案必审”,共受理司法救助324件。[1]")[0].section \
        .endswith("(五)服务保障民生福祉方面")


def test_text_pasted_to_be_summarised_is_told_what_the_assistant_can_do(engine):
    """'总结一下这段：<a paragraph of one's own>' got the whole Kunming report as 'its' summary: the pasted text
    is in no document, so the answer says so, and how to ask or add it; '总结一下重庆的报告' is still a report."""
    from retrieval.answer.phrases import PASTED_TEXT

    pasted = "总结一下这段：今年以来，某区检察院共办理刑事案件120件，开展公开听证15次，制发检察建议8份，均获采纳。下一步将继续深化。"
    result = engine.answer([], pasted)
    assert result.answer == PASTED_TEXT["zh"] and not result.citations
    english = "Summarize this: The district procuratorate handled 120 criminal cases and held 15 public hearings this year."
    assert engine.answer([], english).answer == PASTED_TEXT["en"]
    assert engine.answer([], "总结一下重庆的报告").citations
    # a passage of the collection pasted back is the collection's: answered from it and cited (it had been told
    # the text was in no document)
    own = "总结一下这段：河南省人民检察院聚焦高质效办好每一个案件,健全完善以个案审视、类案分析、综合分析为主体,以个案讲评"
    result = engine.answer([], own)
    assert result.answer != PASTED_TEXT["zh"] and result.citations and "河南" in result.answer.splitlines()[0]


def test_asked_where_the_last_answer_came_from_it_names_the_documents_it_cited(engine):
    """'出处是哪份文件？' and 'Which document is that from?' after an answer were refused as questions the
    documents do not answer; they are answered with the last answer's documents and sections, cited."""
    from retrieval.answer.phrases import SOURCES_OF_LAST

    question = "宁夏认罪认罚的量刑建议采纳率是多少？"
    first = engine.answer([], question)
    history = [Turn(role="user", text=question), Turn(role="assistant", text=first.answer)]
    for follow_up, language in (("出处是哪份文件？", "zh"), ("Which document is that from?", "en")):
        result = engine.answer(history, follow_up)
        lines = result.answer.splitlines()
        assert lines[0] == SOURCES_OF_LAST[language], lines
        assert "宁夏回族自治区检察院" in lines[1] and lines[1].endswith("[1]"), lines
        assert [c.passage_id for c in result.citations] == [c.passage_id for c in first.citations]
    # the documents the last answer cited, as the front-end kept them (a model's answer may cite fewer)
    from retrieval.answer.phrases import SOURCES_OF_NOTHING
    from retrieval.types import cited_titles

    kept = [history[0], history[1].model_copy(update={"sources": cited_titles(first.citations)})]
    assert engine.answer(kept, "出处是哪份文件？").answer.splitlines()[0] == SOURCES_OF_LAST["zh"]
    other = [history[0], history[1].model_copy(update={"sources": ["另一份文件"]})]
    assert engine.answer(other, "出处是哪份文件？").answer == SOURCES_OF_NOTHING["zh"]
    fresh = engine.answer([], "出处是哪份文件？").answer  # with no answer before it, nothing to say the source of
    assert not fresh.startswith(SOURCES_OF_LAST["zh"]), fresh
