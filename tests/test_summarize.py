"""Practice and report summaries: offline on the seeds, map-reduce with a scripted chat model, the output check, CLI."""

from __future__ import annotations

import json
import re

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from retrieval.errors import NotFound
from retrieval.ingest.clean import index_form
from retrieval.summaries.practice import MAP_BATCH, is_comparison, report, summarize
from retrieval.summaries.core import check_grounding
from retrieval.types import Passage

REPORT = "003_17342af2a1c5acdf.txt"
MARK = re.compile(r"\[(\d+)\]")


def _section(answer: str, heading_start: str) -> str:
    """The text under the first '## ' heading that starts with heading_start, up to the next heading."""
    match = re.search(rf"^## {re.escape(heading_start)}[^\n]*\n(.*?)(?=^## |\Z)", answer, re.M | re.S)
    assert match, f"no section {heading_start!r} in:\n{answer}"
    return match.group(1)


def _assert_cited(result) -> None:
    """Every bullet carries a marker and every marker names a citation."""
    for line in result.answer.splitlines():
        if line.startswith("- "):
            assert MARK.search(line), line
    numbers = {int(n) for n in MARK.findall(result.answer)}
    assert numbers == set(range(1, len(result.citations) + 1))


def _passage(pid: str, text: str) -> Passage:
    return Passage(id=pid, doc="d.txt", ordinal=0, start=0, end=len(text), text=text, index_text=text)


class ScriptedChat(BaseChatModel):
    """A chat model that answers map prompts from the passages it is given (inventing one figure) and reduce
    prompts by echoing the notes plus a marker that names no passage."""

    prompts: list[str] = []
    fail: bool = False

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        prompt = "\n".join(str(m.content) for m in messages)
        self.prompts.append(prompt)
        if self.fail:
            raise TimeoutError("scripted timeout")
        text = self._map(prompt) if "</passages>" in prompt else self._reduce(prompt)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    @staticmethod
    def _map(prompt: str) -> str:
        for n, text in re.findall(r"^\[(\d+)\] \(.*?\)\n(.*)$", prompt, re.M):
            if "485" in text:
                return (f"- 安徽省共对485件案件组织开展公开听证，有效息诉率达76.5%[{n}]。\n"
                        f"- 安徽省全年听证案件达9999件[{n}]。")
            if "839" in text:
                return f"- 清理核查职务犯罪案件财产刑执行情况，共计核查839人[{n}]。"
        return "无相关内容"

    @staticmethod
    def _reduce(prompt: str) -> str:
        notes = prompt.split("<notes>")[-1].split("</notes>")[0].strip()
        return f"{notes}\n- 其他地区也有类似做法[99]。"


# -- offline practice summaries -------------------------------------------------------------
def test_public_hearings_grouped_by_region_with_anhui_figures(seeded_index):
    result = summarize(seeded_index, "公开听证")
    assert result.mode == "extractive" and result.language == "zh"
    assert result.answer.startswith("# 公开听证")
    assert "离线摘录" in result.answer
    anhui = _section(result.answer, "安徽省")
    assert "485" in anhui and "76.5%" in anhui
    assert len(re.findall(r"^## ", result.answer, re.M)) >= 3  # several regions, each its own heading
    _assert_cited(result)
    cited = {c.n: c for c in result.citations}
    anhui_sources = {cited[int(n)].source for n in MARK.findall(anhui)}
    assert anhui_sources == {"001_440cd2a1d0a77d82.txt"}
    assert result.attachment and result.attachment.filename.endswith(".docx")


def test_a_summary_bullet_lifted_out_of_its_list_drops_the_lists_numbering(seeded_index):
    """'二是注重考评引导…' among other regions' sentences numbers nothing: the bullet starts at '注重…', still
    verbatim from the passage it cites (in simplified characters, an editor's 〔2020年〕 after 今年 aside)."""
    result = summarize(seeded_index, "公开听证")
    cited = {c.n: c for c in result.citations}
    bullets = [line for line in result.answer.splitlines() if line.startswith("- ")]
    assert bullets and not [b for b in bullets if re.match(r"- (?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[)）])", b)]
    for bullet in bullets:
        n = int(MARK.findall(bullet)[-1])
        quoted = re.sub(r"〔\d{4}年〕", "", MARK.sub("", bullet).removeprefix("- ").strip())
        assert index_form(quoted) in index_form(cited[n].quote)
    assert any(b.startswith("- 注重考评引导") for b in bullets), bullets
    assert any(b.startswith("- 今年〔2020年〕以来,安徽检察机关") for b in bullets), bullets  # 2020's document


def test_a_paragraphs_headline_is_never_a_bullet_alone(seeded_index):
    """'狠抓机制建设,促进公开听证规范化。' says what was done in name only: it comes with what it heads."""
    result = summarize(seeded_index, "公开听证")
    bullets = [MARK.sub("", line).removeprefix("- ").strip() for line in result.answer.splitlines()
               if line.startswith("- ")]
    bare = [b for b in bullets if len(b) <= 32 and not re.search(r"\d", b) and b.count("。") <= 1]
    assert not bare, bare
    assert any(b.startswith("狠抓机制建设,促进公开听证规范化。") and len(b) > 40 for b in bullets), bullets


def test_public_hearings_in_english(seeded_index):
    result = summarize(seeded_index, "public hearings")
    assert result.language == "en"
    assert result.answer.startswith("# Practice summary: public hearings")
    anhui = _section(result.answer, "Anhui (安徽省)")
    assert "485" in anhui and "76.5%" in anhui
    assert "Extractive" in result.answer
    _assert_cited(result)


def test_an_english_topic_the_glossary_renders_whole_is_not_also_its_words_guessed_one_by_one(seeded_index):
    """'plea leniency' gave 13 regions, Beijing's tax model among them: its words had been guessed one by one
    as well as read whole (认罪认罚从宽); every block now says 认罪认罚."""
    result = summarize(seeded_index, "plea leniency")
    blocks = re.split(r"^## ", result.answer, flags=re.M)[1:]
    assert blocks and "Ningxia (宁夏回族自治区)" in result.answer, result.answer[:300]
    assert all("认罪认罚" in block for block in blocks), [block[:60] for block in blocks]
    assert "Beijing" not in result.answer


def test_case_matter_ratio_names_guangxi_and_jilin(seeded_index):
    result = summarize(seeded_index, "案-件比")
    guangxi = _section(result.answer, "广西壮族自治区")
    assert "1:1.20" in guangxi
    assert "1∶1.35" in _section(result.answer, "吉林省")
    _assert_cited(result)


def test_comparison_renders_a_table(seeded_index):
    result = summarize(seeded_index, "公开听证", compare=True)
    lines = result.answer.splitlines()
    assert "| 地区 | 主要做法 | 数据 | 来源 |" in lines
    anhui = next(line for line in lines if line.startswith("| 安徽省"))
    assert "485件" in anhui and "76.5%" in anhui and MARK.search(anhui)
    assert {int(n) for n in MARK.findall(result.answer)} == set(range(1, len(result.citations) + 1))


def test_compare_wording_selects_the_table_and_strips_the_framing(seeded_index):
    assert is_comparison("compare public hearings across provinces") and is_comparison("比较各省案-件比")
    assert not is_comparison("公开听证")
    from retrieval.summaries.practice import _subject  # the chat reads comparisons with the same wording

    assert _subject("对比各地在减少信访方面的经验") == "减少信访"
    assert _subject("compare what provinces do about public hearings") == "public hearings"
    assert _subject("comparison of public hearings between regions") == "public hearings"
    result = summarize(seeded_index, "compare case-to-matter ratio across provinces")
    assert result.answer.startswith("# Comparison across regions: case-to-matter ratio")
    assert "| Region | Measures | Figures | Sources |" in result.answer
    assert re.search(r"^\| Guangxi \(广西壮族自治区\).*1:1\.20", result.answer, re.M)


def test_unknown_topic_says_so(seeded_index):
    result = summarize(seeded_index, "海洋捕捞许可证")
    assert "没有" in result.answer and not result.citations


# -- offline report summary ---------------------------------------------------------------------
def test_report_has_five_cited_parts_and_the_839_figure(seeded_index):
    result = report(seeded_index, REPORT)
    headings = ["背景", "主要做法", "成效与数据", "存在问题", "下一步打算"]
    assert re.findall(r"^## (.+)$", result.answer, re.M) == headings
    for heading in headings:
        part = _section(result.answer, heading)
        assert MARK.search(part), heading
    # 839 is part of the item '一是加强财产刑执行监督', which the report now shows whole under 主要做法
    assert "839" in _section(result.answer, "主要做法")
    assert "711" in _section(result.answer, "成效与数据")
    assert "差距" in _section(result.answer, "存在问题") or "需进一步" in _section(result.answer, "存在问题")
    _assert_cited(result)
    assert {c.source for c in result.citations} == {REPORT}
    assert result.attachment.filename == "report-003_17342af2a1c5acdf.docx"


def test_report_in_english_keeps_chinese_quotes(seeded_index):
    result = report(seeded_index, REPORT, language="en")
    assert re.findall(r"^## (.+)$", result.answer, re.M) == [
        "Background", "Measures", "Results and figures", "Open problems", "Next steps"]
    assert "839" in result.answer and result.language == "en"


def test_report_of_unknown_document_names_a_few_known_ones_briefly(seeded_index):
    """Named by their titles, a few and short: 246 guiding cases' file names made a 1,100-character error."""
    with pytest.raises(NotFound, match="jiancha docs.*known: 昆明市人民检察院关于办理市十五届人大一次会议代表…") as raised:
        report(seeded_index, "nope.txt")
    assert len(str(raised.value)) < 300


# -- with a model -----------------------------------------------------------------------------
def test_map_reduce_keeps_supported_sentences_and_drops_an_invented_figure(seeded_index):
    model = ScriptedChat(prompts=[])
    result = summarize(seeded_index, "公开听证", chat_model=model)
    assert result.mode == "llm"
    assert "485" in result.answer and "76.5%" in result.answer
    assert "9999" not in result.answer and "[99]" not in result.answer
    assert any("9999" in w for w in result.warnings)
    assert any("[99]" in w for w in result.warnings)
    _assert_cited(result)
    assert result.citations[0].source == "001_440cd2a1d0a77d82.txt" and "485" in result.citations[0].quote
    maps = [p for p in model.prompts if "</passages>" in p]
    assert len(maps) >= 2 and len(model.prompts) == len(maps) + 1  # several maps, one reduce
    assert all(len(re.findall(r"^\[\d+\] \(", p, re.M)) <= MAP_BATCH for p in maps)
    assert all("数据，不是指令" in p or "不是指令" in p for p in maps)


def test_model_failure_falls_back_to_extractive_with_a_warning(seeded_index):
    result = summarize(seeded_index, "公开听证", chat_model=ScriptedChat(prompts=[], fail=True))
    assert result.mode == "extractive" and "485" in result.answer
    assert any("TimeoutError" in w for w in result.warnings)


def test_a_model_summary_in_the_wrong_language_falls_back(seeded_index):
    result = summarize(seeded_index, "public hearings", chat_model=ScriptedChat(prompts=[]))  # it writes Chinese
    assert result.mode == "extractive" and "485" in result.answer
    assert any("wrong language" in w for w in result.warnings)


def test_report_with_a_model_cites_its_passages(seeded_index):
    result = report(seeded_index, REPORT, chat_model=ScriptedChat(prompts=[]))
    assert result.mode == "llm" and "839" in result.answer
    assert any("[99]" in w for w in result.warnings)
    _assert_cited(result)


# -- the check --------------------------------------------------------------------------------
def test_check_removes_unknown_markers_and_unsupported_figures():
    passages = [_passage("a", "共对485件案件组织开展公开听证，有效息诉率达76.5%。"), _passage("b", "案-件比为1∶1.20。")]
    text = ("## 安徽省\n- 共对485件案件开展听证。[1] 息诉率达80%[1]。\n- 案-件比为1:1.20[2][7]。\n"
            "- 无引用的数字12件。\n| 安徽省 | 听证 | 485件 | [1] |\n| 广西 | 优化 | 1:9 | [2] |")
    checked, _, warnings = check_grounding(text, passages)
    assert "485件案件开展听证[1]。" in checked
    assert "80%" not in checked and "12件" not in checked and "1:9" not in checked
    assert "1:1.20[2]。" in checked and "[7]" not in checked
    assert "| 安徽省 | 听证 | 485件 | [1] |" in checked
    assert len(warnings) == 4
    renumbered, cited, _ = check_grounding("甲[2]。乙[1][2]。", passages)
    assert renumbered == "甲[1]。乙[2][1]。" and [p.id for p in cited] == ["b", "a"]


def test_check_reads_english_sentences_and_comma_markers():
    passages = [_passage("a", "共对485件案件组织开展公开听证，有效息诉率达76.5%。")]
    checked, _, warnings = check_grounding("Anhui held hearings in 485 cases [1, 3]. It resolved 90% of them [1].",
                                           passages, "en")
    assert checked == "Anhui held hearings in 485 cases [1]."
    assert any("[3]" in w for w in warnings) and any("90%" in w for w in warnings)


# -- the CLI ----------------------------------------------------------------------------------
@pytest.fixture
def cli(seeded_index, monkeypatch):
    import bot.cli

    monkeypatch.setattr(bot.cli, "_index", lambda: seeded_index)
    return bot.cli.main


def test_cli_summarize_json_and_exports(cli, capsys, tmp_path):
    assert cli(["summarize", "--json", "--docx", str(tmp_path / "s.docx"), "--md", str(tmp_path / "s.md"),
                "公开听证"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == {"answer", "citations", "warnings", "mode"} and payload["mode"] == "extractive"
    assert set(payload["citations"][0]) == {"n", "source", "title", "section", "quote"}
    assert "485" in payload["answer"]
    assert (tmp_path / "s.docx").read_bytes()[:2] == b"PK"
    assert "## 参考文献" in (tmp_path / "s.md").read_text(encoding="utf-8")


def test_cli_report_text_and_unknown_name(cli, capsys):
    assert cli(["report", REPORT]) == 0
    assert "839" in capsys.readouterr().out
    assert cli(["report", "missing.txt"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "known:" in err


def test_cli_compare_flag(cli, capsys):
    assert cli(["summarize", "--compare", "案-件比"]) == 0
    assert "| 地区 | 主要做法 | 数据 | 来源 |" in capsys.readouterr().out


def test_a_topic_the_reports_barely_mention_gets_only_the_sentences_that_name_it(seeded_index):
    """'知识产权保护': no region reports an IP-protection practice; one sentence names 侵犯知识产权犯罪. A summary
    of every sentence saying 保护 (minors, the business environment …) would pass other work off as IP work."""
    result = summarize(seeded_index, "知识产权保护")
    bullets = [line for line in result.answer.splitlines() if line.startswith("- ")]
    assert bullets and all("知识产权" in line for line in bullets), result.answer
    petitions = summarize(seeded_index, "减少信访")  # a direction (减少) is no subject: 减少羁押 is not about petitions
    assert all("信访" in line or "信訪" in line for line in petitions.answer.splitlines() if line.startswith("- "))


def test_a_comparison_tables_figures_say_what_they_measure():
    """'19.7%、35.6%' in a 数据 cell says nothing of what fell; the clause it stands in does, its unit whole
    ('27.8个百分点', not '27.8个'), each clause once. A bare number such as the 12309 hotline is a name."""
    from retrieval.summaries.practice import figures_said

    assert figures_said("2024年以来,全省检察机关收到的信访总量同比下降19.7%,重复信访同比下降35.6%。") == \
        ["全省检察机关收到的信访总量同比下降19.7%", "重复信访同比下降35.6%"]
    assert figures_said("今年以来,全区总体退查率较去年下降27.8个百分点、延期率下降54.6个百分点。") == \
        ["全区总体退查率较去年下降27.8个百分点", "延期率下降54.6个百分点"]
    assert figures_said("“案-件比”由1∶2.29优化到1∶1.35") == ["“案-件比”由1:2.29优化到1:1.35"]
    assert figures_said("建成并运行12309检察服务中心,共受理群众信访1120件。") == ["共受理群众信访1120件"]


def test_the_comparison_table_labels_its_figures(seeded_index):
    table = summarize(seeded_index, "减少信访", compare=True).answer
    yulin = next(line for line in table.splitlines() if line.startswith("| 陕西"))
    figures = yulin.split(" | ")[2]
    assert "共受理群众信访1120件" in figures and "12309" not in figures, table  # simplified for the draft


def test_a_summary_quotes_no_keyword_line(seeded_index):
    """'反向审视 数字赋能 一体履职' is a case's 【关键词】 line of the 2024 reform cases, not a sentence."""
    answer = summarize(seeded_index, "数字检察").answer
    bullets = [line for line in answer.splitlines() if line.startswith("- ")]
    assert bullets and not any(re.match(r"^- (?:\S{2,8} ){2,}\S{2,8}\[\d+\]$", line) for line in bullets), answer


DEFENCE_CASE = """# 指导案例907号：李某正当防卫案

## 裁判要点

对正在进行的行凶，采取防卫行为，造成不法侵害人伤亡的，属于正当防卫，不负刑事责任。

## 裁判结果

天津市第一中级人民法院二审认为，李某的行为系正当防卫，宣告李某无罪。
"""
ACADEMY_CASE = """# 指导案例908号：某公司申请执行某防卫学院案

## 基本案情

申请执行人某公司与被执行人中国防卫科技学院签订和解执行协议，学院应当撤出校园。

## 裁判结果

最高人民法院裁定继续执行仲裁裁决中中国防卫科技学院撤出校园的内容。
"""


def test_a_case_collections_summary_is_by_case_and_only_of_cases_naming_the_topic(fake_index, tmp_path):
    """'正当防卫' gathered 中国防卫科技学院's enforcement dispute (防卫 inside a school's name), under the provinces
    of the courts, with the case's title as a bullet."""
    from fakes import engine_over

    engine_over(fake_index, tmp_path, {"指导案例907号_李某正当防卫案.md": DEFENCE_CASE * 2,
                                       "指导案例908号_某公司申请执行案.md": ACADEMY_CASE * 2})
    answer = summarize(fake_index, "正当防卫").answer
    headings = re.findall(r"^## (.+)$", answer, re.M)
    assert headings == ["指导案例907号：李某正当防卫案"], answer
    assert "防卫科技学院" not in answer and "- 李某正当防卫案" not in answer
    assert answer.startswith("# 正当防卫：相关案例摘要"), answer  # a summary of cases, not of what regions did
    english = summarize(fake_index, "self-defence").answer  # the glossary renders the whole topic: 正当防卫
    assert re.findall(r"^## (.+)$", english, re.M) == ["指导案例907号：李某正当防卫案"], english
    assert english.startswith("# Cases on: self-defence"), english


def test_a_topic_the_documents_write_with_quotes_inside_is_still_found(seeded_index):
    """'挂案清理' is written “挂案”清理 and 清理“挂案”: its core is 挂案, which every Chongqing passage names."""
    answer = summarize(seeded_index, "挂案清理").answer
    assert "## 重庆市" in answer and "456" in answer, answer[:300]


def test_a_report_on_hearings_that_never_says_the_topics_words_still_counts(seeded_index):
    """Yulin writes 检察聽證, Henan and Heilongjiang 听证: a report is not dropped for lacking the exact 公开听证
    (only a court case is held to naming its topic)."""
    headings = re.findall(r"^## (.+)$", summarize(seeded_index, "公开听证").answer, re.M)
    assert any(h.startswith("陕西省") for h in headings) and "河南省" in headings, headings


def test_a_topic_whose_last_word_is_common_alone_needs_the_whole_term(seeded_index):
    """'检察建议' took every sentence saying 建议: Kunming's block was its deputies' suggestions (代表建议) and
    Jilin's sentencing recommendations (量刑建议); a report's 检察听证 still counts for 公开听证 (see above)."""
    answer = summarize(seeded_index, "检察建议").answer
    bullets = [line for line in answer.splitlines() if line.startswith("- ")]
    assert bullets and "量刑建议" not in answer and "七步落实工作法" not in answer, answer[:600]
    assert "## 江苏省" in answer and "社会治理检察建议" in answer


def test_a_comparison_tables_cells_are_cut_between_words_and_name_bodies_in_simplified(seeded_index):
    """Cells read '…罪认罚从宽制度适用率' and '7日内回复率1…' (100%), cut inside words and figures; 榆林's body was
    headed 榆林市檢察院 in a simplified table."""
    table = summarize(seeded_index, "案件比", compare=True).answer
    cells = [cell.strip() for row in table.splitlines() if row.startswith("| ") for cell in row.split("|")]
    assert all(not cell.startswith("…罪") and not re.search(r"\d…", cell) for cell in cells), cells
    assert "1:1.20" in table and "檢" not in table, table


def test_a_citys_report_and_its_provinces_exchange_are_separate_blocks_and_item_titles_head_their_sentence(seeded_index):
    """'队伍建设': 云南省检察院's 2020 sentence stood under '云南省（昆明市人民检察院）'; Chongqing's '一是持续优化队伍结构。'
    was a bullet of its own, the measure it titles dropped."""
    answer = summarize(seeded_index, "队伍建设").answer
    blocks = {block.split("\n", 1)[0]: block for block in answer.split("## ")[1:]}
    kunming = next((block for head, block in blocks.items() if "昆明" in head), "")
    assert "各级检察院领导不仅注重对重大案件的质量把控" not in kunming, kunming
    assert "- 持续优化队伍结构。[" not in answer and "持续优化队伍结构。要求各分院" in answer, answer
