"""Report summaries by the document's own structure, on the real seeds; `report` by file name, title or place."""

from __future__ import annotations

import re

import pytest

from retrieval.errors import Ambiguous, NotFound
from retrieval.summaries.core import EXTRACTIVE_LABEL
from retrieval.summaries.report import NOT_COVERED, REPORT_HEADINGS, report
from retrieval.summaries.report_structure import ENUMERATOR, FORMALITY, is_keyword_line
from retrieval.summaries.resolve import LIST_HINT

KUNMING = "000_bf64703f7d023cd3.txt"
COMPILATION_2020 = "001_440cd2a1d0a77d82.txt"
CASES_2024 = "002_cd28ed1f78124c5e.txt"
CHONGQING = "003_17342af2a1c5acdf.txt"
MARK = re.compile(r"\[\d+\]")
BLOCK_PROVINCE = re.compile(r"^## (\S+?(?:省|自治区|市)) · ", re.M)


def _part(answer: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", answer, re.M | re.S)
    assert match, f"no part {heading!r} in:\n{answer}"
    return match.group(1)


def _bullets(answer: str) -> list[str]:
    return [line[2:] for line in answer.splitlines() if line.startswith("- ")]


def _assert_readable(result) -> None:
    """Every bullet is cited, carries content beyond a heading, and is neither a formality nor a keyword line."""
    for text in _bullets(result.answer):
        plain = MARK.sub("", text)
        assert MARK.search(text), text
        assert not FORMALITY.search(plain.split("。")[0]), text
        assert not is_keyword_line(plain), text
        sentences = [s for s in re.split(r"(?<=[。；;])", plain) if s.strip()]
        if ENUMERATOR.match(plain):
            assert len(sentences) >= 2, f"bare heading bullet: {text}"
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", result.answer)}
    assert numbers == set(range(1, len(result.citations) + 1))


@pytest.fixture(scope="module")
def reports(seeded_fake_dir):
    """The reports of the seeds, built once (the index is only read)."""
    from fakes import HashEmbedder
    from retrieval.index.store import Index
    from retrieval.settings import Settings, StoreSettings

    index = Index(Settings(store=StoreSettings(data_dir=seeded_fake_dir)), embedder=HashEmbedder())
    built = {name: report(index, name) for name in (KUNMING, COMPILATION_2020, CASES_2024, CHONGQING)}
    built["en"] = report(index, KUNMING, language="en")
    built["yulin-en"] = report(index, "004_fc5693aa24d6f690.txt", language="en")
    yield built
    index.close()


# -- an ordinary report follows its structure --------------------------------------------------------------
def test_kunming_measures_are_its_items_with_their_content(reports):
    measures = _part(reports[KUNMING].answer, "主要做法")
    assert NOT_COVERED["zh"] not in measures
    for item, content in (("一是提高政治站位", "七步落实工作法"), ("二是坚持人民至上", "三心"),
                          ("三是突出系统观念", "489名")):
        line = next(b for b in _bullets(measures) if b.startswith(item))
        assert content in line, line
    assert "主要做法为" not in reports[KUNMING].answer
    _assert_readable(reports[KUNMING])


def test_kunming_sub_parts_problems_and_next_steps(reports):
    answer = reports[KUNMING].answer
    assert "### (一)优化营商环境服务发展方面" in _part(answer, "成效与数据")
    assert "5631件" in _part(answer, "成效与数据")
    problems = _part(answer, "存在问题")
    assert "仍存在" in problems and "取得一定进展" not in problems
    steps = _bullets(_part(answer, "下一步打算"))
    assert any(b.startswith("一是细化统筹管理，规范办理流程。坚持将代表建议".replace("，", ",")) for b in steps)
    assert "主任、各位副主任" not in answer and "按照会议安排" not in answer


def test_chongqing_parts_carry_sentences_not_bare_headings(reports):
    answer = reports[CHONGQING].answer
    assert re.findall(r"^## (.+)$", answer, re.M) == list(REPORT_HEADINGS["zh"].values())[:5]
    assert "### (一)提高思想认识" in _part(answer, "主要做法")
    problems = _bullets(_part(answer, "存在问题"))
    assert any(b.startswith("一是办案质效需进一步提升。全市检察机关") for b in problems)
    steps = _bullets(_part(answer, "下一步打算"))
    assert len(steps) == 5
    third = next(b for b in steps if b.startswith("三是持续增进协作配合。"))
    assert "统一执法司法尺度" in third  # its content sits in the next passage; both are cited
    assert len(MARK.findall(third)) == 2
    assert "特此报告" not in answer and "报告如下" not in answer and "市人大常委会：" not in answer
    _assert_readable(reports[CHONGQING])


def test_chongqing_numbers_markers_down_the_page(reports):
    firsts = []
    for n in map(int, re.findall(r"\[(\d+)\]", reports[CHONGQING].answer)):
        if n not in firsts:
            firsts.append(n)
    assert firsts == sorted(firsts)


# -- compilations: one block per region or case -----------------------------------------------------------
def test_2020_compilation_has_one_block_per_province_and_no_provincial_issuer(reports):
    answer = reports[COMPILATION_2020].answer
    provinces = BLOCK_PROVINCE.findall(answer)
    assert len(set(provinces)) >= 6 and len(provinces) == len(set(provinces))
    assert {"吉林省", "广西壮族自治区", "重庆市", "安徽省"} <= set(provinces)
    meta = answer.split("\n\n")[1]
    assert "四川省" not in meta and "检察院" not in meta
    anhui = _part(answer, "安徽省 · 全面推进公开听证 有效化解社会矛盾")
    assert "485件" in anhui and "76.5%" in anhui
    assert "1:1.20" in _part(answer, "广西壮族自治区 · 优化“案-件比” 提升人民群众司法获得感")
    _assert_readable(reports[COMPILATION_2020])


def test_2024_cases_are_blocks_without_keyword_lines(reports):
    answer = reports[CASES_2024].answer
    assert len(re.findall(r"^## \S+ · 事例\d", answer, re.M)) == 6
    assert "数字检察 技术支撑" not in answer and "关键词" not in answer
    assert answer.split("\n\n")[1].startswith("检察日报社")  # the compiler it names is kept
    _assert_readable(reports[CASES_2024])


def test_parts_a_report_does_not_cover_are_named_in_one_line_not_as_empty_headings(reports):
    """Yulin's report has no problems nor next steps: they were two headings over '(not covered in the document)',
    which pasted into a briefing read as text lost; one line at the end names them."""
    from retrieval.summaries.report import NONE_OF

    english = reports["yulin-en"].answer
    assert "## Open problems" not in english and NOT_COVERED["en"] not in english, english[-400:]
    assert NONE_OF["en"].format(parts="open problems, next steps") in english


def test_english_headings_keep_chinese_quotes(reports):
    result = reports["en"]
    assert result.answer.startswith("# Report summary:") and EXTRACTIVE_LABEL["en"] in result.answer
    assert re.findall(r"^## (.+)$", result.answer, re.M) == list(REPORT_HEADINGS["en"].values())[:5]
    assert "七步落实工作法" in _part(result.answer, "Measures")


def test_a_traditional_reports_title_and_headings_are_simplified_as_its_quotes_are(reports):
    """Yulin's report quoted its sentences in simplified characters under headings like '聚焦領導監督…'."""
    answer = reports["yulin-en"].answer
    headings = re.findall(r"^#{1,3} (.+)$", answer, re.M)
    assert "榆林市检察院" in headings[0] and not any(c in "".join(headings) for c in "檢監導聚焦領"[:3]), headings


# -- which document --------------------------------------------------------------------------------------
@pytest.mark.parametrize("query, name", [
    ("重庆", CHONGQING), ("Chongqing", CHONGQING), ("昆明", KUNMING), ("Kunming", KUNMING),
    ("人大代表建议", KUNMING), ("003_17342af2a1c5acdf.txt", CHONGQING), ("003", CHONGQING),
    ("榆林市檢察院", "004_fc5693aa24d6f690.txt"), ("典型事例", CASES_2024),
])
def test_report_resolves_title_fragments_and_places(seeded_index, query, name):
    from retrieval.summaries.resolve import resolve_in

    assert resolve_in(seeded_index, query).name == name


def test_a_report_chosen_by_its_places_title_names_the_other_documents_about_it(reports, seeded_index):
    """`report 重庆` is the Chongqing report; the 2020 compilation's Chongqing section had gone unsaid."""
    from retrieval.summaries.resolve import also_about

    documents = seeded_index.documents()
    chosen = next(d for d in documents if d.name == CHONGQING)
    assert [d.name for d in also_about(documents, "重庆", chosen)] == ["001_440cd2a1d0a77d82.txt"]
    assert also_about(documents, "003", chosen) == []  # named by file, nothing to add
    assert "另见" in report(seeded_index, "重庆").answer


def test_ambiguous_fragment_lists_the_candidates(seeded_index):
    with pytest.raises(Ambiguous) as caught:
        report(seeded_index, "检察")
    lines = str(caught.value).splitlines()
    assert len(caught.value.matches) == 5 and lines[0].startswith("several documents match")
    assert lines[1].startswith("1) ") and KUNMING in lines[1] and "name one" in lines[-1]


def test_cli_report_by_place_and_its_errors(seeded_index, monkeypatch, capsys):
    import bot.cli

    monkeypatch.setattr(bot.cli, "_index", lambda: seeded_index)
    assert bot.cli.main(["report", "重庆"]) == 0
    assert "839" in capsys.readouterr().out
    assert bot.cli.main(["report", "检察"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 7 and all(f"{n}) " in err[n] for n in range(1, 6))
    assert bot.cli.main(["report", "海洋捕捞"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and LIST_HINT in err
    with pytest.raises(NotFound):
        report(seeded_index, "海洋捕捞")


def test_model_report_gets_the_documents_structure(seeded_index):
    from test_summarize import ScriptedChat

    model = ScriptedChat(prompts=[])
    result = report(seeded_index, "重庆", chat_model=model)
    assert result.mode == "llm" and "839" in result.answer
    maps = [p for p in model.prompts if "</passages>" in p]
    assert any("主要做法 ← 一、整改落实情况 / (三)聚焦薄弱环节" in p for p in maps)
    reduce = model.prompts[-1]
    assert "- 三、下一步工作打算 → 下一步打算" in reduce and "- 二、存在的问题和困难 → 存在问题" in reduce


CASE_24 = """### 指导案例24号：荣宝英诉王阳机动车交通事故责任纠纷案
原文网址：https://www.court.gov.cn/fabu-xiangqing-13327.html

荣宝英诉王阳

机动车交通事故责任纠纷案

（最高人民法院审判委员会讨论通过2014年1月26日发布）

裁判要点

交通事故的受害人没有过错，其体质状况对损害后果的影响不属于可以减轻侵权人责任的法定情形。

基本案情

原告荣宝英诉称：被告王阳驾驶轿车与其发生刮擦，致其受伤。原告要求被告赔偿医疗费用30006元、残疾赔偿金27658.05元。

裁判结果

无锡市中级人民法院作出民事判决：被告永诚保险公司于本判决生效后十日内赔偿荣宝英52258.05元。

裁判理由

法院生效裁判认为：荣宝英的个人体质状况对损害后果的发生具有一定的影响，但这不是侵权责任法等法律规定的过错。
"""


def test_a_guiding_case_is_summarised_by_its_own_headings_without_its_web_address(fake_index, tmp_path):
    from fakes import engine_over

    engine = engine_over(fake_index, tmp_path, {"指导案例24号_荣宝英诉王阳.md": CASE_24})
    result = report(fake_index, "指导案例24号")
    assert result.answer.startswith("# 案例摘要：指导案例24号")
    headings = re.findall(r"^## (.+)$", result.answer, re.M)
    assert headings == ["裁判要点", "基本案情", "裁判结果", "裁判理由"], result.answer
    assert "52258.05元" in _part(result.answer, "裁判结果") and "原文网址" not in result.answer
    assert not set(headings) & set(REPORT_HEADINGS["zh"].values())  # no 背景 / 主要做法 for a court case
    _assert_readable(result)
    english = engine.answer([], "Summarise Guiding Case No. 24").answer
    assert english.startswith("Guiding Case No. 24 (2014-01-26)"), english
    assert "Key points of the ruling:" in english and "Judgment:" in english and "http" not in english


CASE_93 = """### 指导案例993号：于某故意伤害案
原文网址：https://www.court.gov.cn/fabu-xiangqing-104262.html

（最高人民法院审判委员会讨论通过2018年6月20日发布）

裁判要点

1.对正在进行的非法限制他人人身自由的行为，应当认定为刑法第二十条第一款规定的"不法侵害"，可以进行正当防卫。

2.对非法限制他人人身自由并伴有侮辱、轻微殴打的行为，不应当认定为刑法第二十条第三款规定的"严重危及人身安全的暴力犯罪"。

3.判断防卫是否过当，应当综合考虑不法侵害的性质、手段、强度、危害程度，以及防卫行为的性质、时机、手段、强度。

基本案情

2016年4月14日，讨债人员在公司接待室内限制于某及其母亲的人身自由，并对其母亲实施侮辱。

裁判结果

聊城市中级人民法院作出刑事附带民事判决，认定被告人于某犯故意伤害罪，判处无期徒刑。

宣判后，被告人于某及部分原审附带民事诉讼原告人不服，分别提出上诉。

山东省高级人民法院经审理作出刑事附带民事判决：驳回附带民事上诉，维持原判附带民事部分；

撤销原判刑事部分，以故意伤害罪改判于某有期徒刑五年。

裁判理由

法院生效裁判认为：被告人于某持刀捅刺四人，属于制止正在进行的不法侵害，其行为具有防卫性质。

一、关于于某的捅刺行为性质

于某的捅刺行为不属于特殊防卫，其防卫行为明显超过必要限度造成重大损害，属于防卫过当。
"""


def test_a_case_summary_shows_every_numbered_point_the_final_judgment_and_no_sub_heading_as_a_section(
        fake_index, tmp_path):
    """Each point of the ruling stands as one line of its own ('1.…。'), not a heading to drop; how the case
    ended is the appeal's decision, quoted last (改判…五年); the reasoning's '一、关于…' is part of the reasoning."""
    from fakes import engine_over

    engine_over(fake_index, tmp_path, {"指导案例993号_于某故意伤害案.md": CASE_93})
    result = report(fake_index, "Guiding Case No. 993", language="en")
    headings = re.findall(r"^## (.+)$", result.answer, re.M)
    assert headings == ["Key points of the ruling", "Facts", "Judgment", "Reasoning"], result.answer
    points = _part(result.answer, "Key points of the ruling")
    assert all(f"{n}." in points for n in (1, 2, 3)), points
    assert "改判于某有期徒刑五年" in _part(result.answer, "Judgment"), result.answer


def test_a_title_quoting_a_title_marks_the_inner_one_as_chinese_usage_has_it():
    from retrieval.types import book_title

    assert book_title("重庆市人民检察院关于《重庆市人大常委会对〈…〉的审议意见》整改落实情况的报告") == \
        "《重庆市人民检察院关于〈重庆市人大常委会对〈…〉的审议意见〉整改落实情况的报告》"
    assert book_title("") == ""


def test_a_cases_line_naming_its_judges_is_no_bullet():
    from retrieval.answer.units import usable
    from retrieval.summaries.report_structure import is_formality

    assert is_formality("（生效裁判审判人员：姜欣、蔡晓文、吴勇）") and not usable("（生效裁判审判人员：姜欣、蔡晓文、吴勇）")


def test_cli_exports_never_overwrite_a_source_and_say_where_they_went(seeded_index, monkeypatch, capsys, tmp_path):
    """An admin's `report 重庆 --md law_a.txt` had replaced a statute with the summary, which the next ingest
    indexed as a source."""
    import bot.cli

    monkeypatch.setattr(bot.cli, "_index", lambda: seeded_index)
    source = tmp_path / "案例906.md"
    source.write_text("# 指导案例906号：某乙合同纠纷案\n\n## 裁判要点\n\n合同无效的，因该合同取得的财产，应当予以返还。\n",
                      encoding="utf-8")
    seeded_index.ingest([source])
    before = source.read_bytes()
    assert bot.cli.main(["report", "重庆", "--md", str(source)]) == 1
    assert source.read_bytes() == before and "is a document in the index" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        bot.cli.main(["report", "重庆", "--md", str(tmp_path / "law_a.txt")])
    assert "must end in .md" in capsys.readouterr().err
    out = tmp_path / "重庆.md"
    assert bot.cli.main(["report", "重庆", "--md", str(out)]) == 0
    assert out.read_text(encoding="utf-8").strip() and f"wrote {out}" in capsys.readouterr().err


STATUTE = """# 中华人民共和国反外国制裁法

第一章 总则

第一条 为了维护国家主权、安全、发展利益，保护我国公民、组织的合法权益，根据宪法，制定本法。

第二条 中华人民共和国坚持独立自主的和平外交政策。

第二章 反制措施

第四条 国务院有关部门可以决定将直接或者间接参与制定、决定、实施歧视性限制措施的个人、组织列入反制清单。

第六条 国务院有关部门可以根据实际情况决定采取下列一种或者几种措施：
（一）不予签发签证、不准入境、注销签证或者驱逐出境；
（二）查封、扣押、冻结在我国境内的动产、不动产和其他各类财产。
"""


def test_a_statutes_report_is_its_chapters_and_articles_and_it_is_found_by_its_english_name(fake_index, tmp_path):
    """`report --language en "Anti-Foreign Sanctions"` matched no document, and a law's report showed its first
    articles as 'Background' over four '(not covered in the document)' parts of a work report."""
    from fakes import engine_over

    engine = engine_over(fake_index, tmp_path, {"反外国制裁法.md": STATUTE})
    result = report(engine.index, "Anti-Foreign Sanctions", language="en")
    text = result.answer
    assert text.startswith("# Statute summary: 中华人民共和国反外国制裁法"), text[:80]
    assert "## 第一章 总则" in text and "## 第二章 反制措施" in text, text
    assert "- 第四条 国务院有关部门可以决定" in text and NOT_COVERED["en"] not in text, text
    assert report(engine.index, "反外国制裁法").answer.startswith("# 法规摘要：")
