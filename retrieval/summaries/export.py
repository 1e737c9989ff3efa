"""Summaries as Word (.docx) and Markdown: headings, the cited text, tables, a numbered reference list."""

from __future__ import annotations

import io
import re

from retrieval.types import Attachment, Citation, Document, Result, book_title

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CJK_FONT = "SimSun"  # East Asian font for Word; without it some viewers fall back to boxes
REFERENCE_LABELS = {"zh": {"references": "参考文献", "notes": "核查提示", "undated": "日期不详"},
                    "en": {"references": "References", "notes": "Check notes", "undated": "undated"}}
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_TABLE_RULE = re.compile(r"^\|?[\s:\-|]+\|?$")


TITLE_PROPERTY_CHARS = 200


def _labels(result: Result) -> dict[str, str]:
    return REFERENCE_LABELS.get(result.language, REFERENCE_LABELS["zh"])


def reference(citation: Citation, docs: dict[str, Document], undated: str) -> str:
    """'《title》, date, issuer, section' for the reference list (document metadata wins over the citation's)."""
    doc = docs.get(citation.source)
    title = doc.title if doc else citation.title
    date = (doc.date if doc else citation.date) or undated
    issuer = (doc.issuer if doc else citation.issuer) or ""
    return "，".join(x for x in (book_title(title), date, issuer, citation.section) if x)


def _body_lines(result: Result, title: str) -> list[str]:
    """The answer's lines, minus a first heading that repeats the title."""
    lines = result.answer.strip().splitlines()
    if lines and _HEADING.match(lines[0]) and _HEADING.match(lines[0]).group(2).strip() == title.strip():
        lines = lines[1:]
    while lines and not lines[0].strip():
        lines = lines[1:]
    return lines


def _table_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


# -- Markdown --------------------------------------------------------------------------------
def to_markdown(result: Result, title: str, docs: dict[str, Document]) -> str:
    """The summary in Markdown with a numbered reference list (and check notes, if any)."""
    labels = _labels(result)
    out = [f"# {title}", "", *_body_lines(result, title), "", f"## {labels['references']}", ""]
    for citation in result.citations:
        quote = citation.quote.replace("\n", " ").strip()
        out.append(f"{citation.n}. {reference(citation, docs, labels['undated'])}  ")
        out.append(f"   > {quote}")
    if result.warnings:
        out += ["", f"## {labels['notes']}", "", *[f"- {w}" for w in result.warnings]]
    return "\n".join(out).rstrip() + "\n"


# -- Word ------------------------------------------------------------------------------------
def _set_cjk_font(document) -> None:
    from docx.oxml.ns import qn

    for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Quote"):
        style = document.styles[style_name]
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), CJK_FONT)


def _add_table(document, rows: list[str]) -> None:
    cells = [_table_cells(row) for row in rows if not _TABLE_RULE.match(row.strip())]
    if not cells:
        return
    width = max(len(row) for row in cells)
    table = document.add_table(rows=len(cells), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(cells):
        for c in range(width):
            table.cell(r, c).text = row[c] if c < len(row) else ""
            if r == 0:
                for run in table.cell(r, c).paragraphs[0].runs:
                    run.bold = True


def _add_line(document, line: str) -> None:
    heading = _HEADING.match(line)
    bullet = _BULLET.match(line)
    if heading:
        document.add_heading(heading.group(2).strip(), level=min(len(heading.group(1)), 3))
    elif bullet:
        document.add_paragraph(bullet.group(1).strip(), style="List Bullet")
    elif line.startswith(">"):
        document.add_paragraph(line.lstrip("> ").strip(), style="Quote")
    else:
        document.add_paragraph(line.strip())


def _add_body(document, lines: list[str]) -> None:
    table: list[str] = []
    for line in [*lines, ""]:
        if line.strip().startswith("|"):
            table.append(line)
            continue
        if table:
            _add_table(document, table)
            table = []
        if line.strip():
            _add_line(document, line)


def to_docx(result: Result, title: str, docs: dict[str, Document]) -> bytes:
    """The summary as a Word document: title, headings, paragraphs, tables, numbered reference list."""
    from docx import Document as WordDocument

    labels = _labels(result)
    document = WordDocument()
    _set_cjk_font(document)
    document.core_properties.title = title[:TITLE_PROPERTY_CHARS]  # Word refuses more than 255
    document.add_heading(title, level=0)
    _add_body(document, _body_lines(result, title))
    document.add_heading(labels["references"], level=1)
    for citation in result.citations:
        document.add_paragraph(f"[{citation.n}] {reference(citation, docs, labels['undated'])}")
        document.add_paragraph(citation.quote.strip(), style="Quote")
    if result.warnings:
        document.add_heading(labels["notes"], level=1)
        for warning in result.warnings:
            document.add_paragraph(warning, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def attach_docx(result: Result, title: str, docs: dict[str, Document], filename: str) -> Result:
    """The result with its .docx attached for front-ends that offer files."""
    result.attachment = Attachment(filename=filename, data=to_docx(result, title, docs))
    return result
