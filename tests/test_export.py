"""Word and Markdown exports of summaries: headings, cited text, tables, the numbered reference list."""

from __future__ import annotations

import io

import pytest
from docx import Document as WordDocument

from retrieval.summaries.export import to_docx, to_markdown
from retrieval.summaries.practice import report, summarize
from retrieval.types import Citation, Document, Result

REPORT = "003_17342af2a1c5acdf.txt"


def _open(data: bytes):
    return WordDocument(io.BytesIO(data))


def _headings(word) -> list[str]:
    return [p.text for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def _text(word) -> str:
    return "\n".join(p.text for p in word.paragraphs)


@pytest.fixture
def docs(seeded_index) -> dict[str, Document]:
    return {d.name: d for d in seeded_index.documents()}


def test_summary_docx_has_headings_body_and_references(seeded_index, docs):
    result = summarize(seeded_index, "公开听证")
    word = _open(result.attachment.data)
    headings = _headings(word)
    assert headings[0] == "公开听证：各地做法摘要"
    assert "安徽省" in headings and "参考文献" in headings
    assert headings.count("公开听证：各地做法摘要") == 1  # the answer's own title is not repeated
    text = _text(word)
    assert "485件" in text and "76.5%" in text
    for citation in result.citations:
        assert f"[{citation.n}] 《{docs[citation.source].title}》" in text
        assert citation.quote.strip()[:40] in text
    assert "2020-11-15" in text and "四川省人民检察院" not in text  # the date; a contributor is no issuer


def test_report_docx_opens_with_the_five_parts(seeded_index, docs):
    result = report(seeded_index, REPORT)
    word = _open(to_docx(result, "重庆刑事执行检察整改报告", docs))
    headings = _headings(word)
    assert headings[0] == "重庆刑事执行检察整改报告"
    for part in ("背景", "主要做法", "成效与数据", "存在问题", "下一步打算", "参考文献"):
        assert part in headings
    assert "839" in _text(word)
    bullets = [p for p in word.paragraphs if p.style.name == "List Bullet"]
    assert bullets and all("[" in p.text for p in bullets)


def test_comparison_docx_has_a_table(seeded_index, docs):
    result = summarize(seeded_index, "公开听证", compare=True)
    word = _open(result.attachment.data)
    assert len(word.tables) == 1
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["地区", "主要做法", "数据", "来源"]
    anhui = next(row for row in table.rows if row.cells[0].text == "安徽省")
    assert "485件" in anhui.cells[2].text and anhui.cells[3].text.startswith("[")


def test_markdown_export(seeded_index, docs):
    result = summarize(seeded_index, "public hearings")
    md = to_markdown(result, "Public hearings", docs)
    assert md.startswith("# Public hearings\n")
    assert "## Anhui (安徽省)" in md and "## References" in md
    first = result.citations[0]
    assert f"1. 《{docs[first.source].title}》" in md
    assert f"   > {first.quote.strip()[:30]}" in md


def test_export_lists_warnings_and_handles_minimal_results():
    citation = Citation(n=1, source="x.txt", title="某报告", section="一、总体情况", quote="共办理12件。",
                        passage_id="p1", date=None, issuer=None)
    result = Result(answer="## 甲\n\n- 共办理12件。[1]\n\n> 注释", citations=[citation], warnings=["dropped a sentence"])
    md = to_markdown(result, "标题", {})
    assert "1. 《某报告》，日期不详，一、总体情况" in md and "## 核查提示" in md
    word = _open(to_docx(result, "标题", {}))
    assert "dropped a sentence" in _text(word) and "核查提示" in _headings(word)


def test_a_pasted_request_as_long_as_a_paragraph_still_makes_a_word_file():
    """A 264-character topic was the Word title, which Word caps at 255: the bot answered only '出错了'."""
    title = "公开听证化解矛盾" * 33
    word = _open(to_docx(Result(answer="## 甲\n\n- 共办理12件。"), title, {}))
    assert word.core_properties.title == title[:200] and "共办理12件。" in _text(word)
