"""Report summary: one document in full (not top-k) as background, measures, results, problems, next steps."""

from __future__ import annotations

import re
from pathlib import Path

from retrieval.summaries.export import attach_docx
from retrieval.answer.sentences import split_sentences
from retrieval.summaries.core import (MEASURE_CUES, Numbering, count_figures, extractive_result, map_reduce,
                                    run_model)
from retrieval.types import Document, Passage, Result

REPORT_BATCH = 8  # passages per map call; a long report takes several calls, never one huge prompt
REPORT_PARTS = ("background", "measures", "results", "problems", "next")
REPORT_HEADINGS = {
    "zh": {"background": "背景", "measures": "主要做法", "results": "成效与数据", "problems": "存在问题",
           "next": "下一步打算"},
    "en": {"background": "Background", "measures": "Measures", "results": "Results and figures",
           "problems": "Open problems", "next": "Next steps"},
}
REPORT_TITLE = {"zh": "报告摘要：{title}", "en": "Report summary: {title}"}
NOT_COVERED = {"zh": "（原文未涉及）", "en": "(not covered in the document)"}
REPORT_LIMITS = {"background": 3, "measures": 10, "results": 12, "problems": 5, "next": 5}
SECTION_CUES = {"problems": ("存在的问题", "存在问题", "问题和困难", "问题与困难", "困难和问题", "不足"),
                "next": ("下一步", "打算", "展望", "今后工作"),
                "results": ("成效", "成果", "成绩"), "background": ("背景", "总体情况", "基本情况", "概况")}
SENTENCE_CUES = {"next": ("下一步", "今后", "将继续", "将进一步", "将坚持", "将持续"),
                 "problems": ("存在的问题", "存在问题", "还存在", "仍存在", "尚存在", "有待", "需进一步"),
                 "future": ("将", "下一步", "今后"),
                 "results": ("取得", "提升", "提高", "下降", "上升", "增长", "优化", "达到", "实现", "成效", "%", "％",
                             "共", "累计", "核查")}
BOILERPLATE = re.compile(r"如下[:：]?$|特此报告|^(主任|各位)")
MIN_SENTENCE = 8


def report(index, name: str, language: str | None = None, chat_model=None) -> Result:
    """One document in full: background, measures, results, problems, next steps, each cited."""
    doc = index.document(name)
    passages = index.catalog.passages_of(name)
    language = language or "zh"
    title = REPORT_TITLE[language].format(title=doc.title)
    docs = {doc.name: doc}
    result = _llm_report(chat_model, doc, passages, language) if chat_model is not None else None
    if result is None or result.mode != "llm":
        body, numbering = _extractive_report(passages, language)
        result = extractive_result(body, numbering, docs, language, result.warnings if result else [])
    meta = " · ".join(x for x in (doc.issuer, doc.date, doc.name) if x)
    result.answer = f"# {title}\n\n{meta}\n\n{result.answer}"
    return attach_docx(result, title, docs, f"report-{Path(name).stem}.docx")


def _section_parts(section: str) -> set[str]:
    return {part for part, cues in SECTION_CUES.items() if any(cue in section for cue in cues)}


def classify(sentence: str, passage: Passage) -> str:
    """Which part of a report a sentence belongs to, from its section's headings and its own cues."""
    by_section = _section_parts(passage.section)
    if {"problems", "next"} <= by_section:  # '存在问题及下一步工作打算': the sentence decides
        return "next" if any(cue in sentence for cue in SENTENCE_CUES["future"]) else "problems"
    for part in ("problems", "next"):
        if part in by_section:
            return part
    for part in ("next", "problems"):
        if any(cue in sentence for cue in SENTENCE_CUES[part]):
            return part
    if count_figures(sentence) and any(cue in sentence for cue in SENTENCE_CUES["results"]):
        return "results"
    if "background" in by_section or passage.ordinal == 0 or not passage.section:
        return "background"
    return "results" if "results" in by_section else "measures"


def _score(sentence: str) -> float:
    cues = sum(cue in sentence for cue in MEASURE_CUES + SENTENCE_CUES["results"])
    return 3 * count_figures(sentence) + cues + (2 if sentence.startswith(MEASURE_CUES[:6]) else 0)


def _extractive_report(passages: list[Passage], language: str) -> tuple[str, Numbering]:
    parts: dict[str, list[tuple[float, int, str, Passage]]] = {part: [] for part in REPORT_PARTS}
    for passage in passages:
        for position, sentence in enumerate(split_sentences(passage.text)):
            if len(sentence) >= MIN_SENTENCE and not BOILERPLATE.search(sentence):
                parts[classify(sentence, passage)].append(
                    (_score(sentence), passage.ordinal * 1000 + position, sentence, passage))
    numbering = Numbering()
    lines = []
    for part in REPORT_PARTS:
        # Background reads in document order; the other parts keep their most concrete sentences.
        items = parts[part] if part == "background" else sorted(parts[part], key=lambda i: (-i[0], i[1]))
        chosen = sorted(items[:REPORT_LIMITS[part]], key=lambda item: item[1])
        lines += [f"## {REPORT_HEADINGS[language][part]}", ""]
        lines += [f"- {sentence}{numbering.cite(passage)}" for _, _, sentence, passage in chosen]
        lines += ["" if chosen else NOT_COVERED[language], ""]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), numbering


def _llm_report(chat_model, doc: Document, passages: list[Passage], language: str) -> Result:
    numbered = list(enumerate(passages, start=1))
    batches = [(doc.title, numbered[i:i + REPORT_BATCH]) for i in range(0, len(numbered), REPORT_BATCH)]
    headings = "\n".join(f"## {REPORT_HEADINGS[language][part]}" for part in REPORT_PARTS)
    return run_model(lambda: map_reduce(chat_model, "report", language, batches,
                                        {"topic": doc.title, "headings": headings}, {doc.name: doc}),
                     passages, {doc.name: doc}, language)
