"""What practice and report summaries share: numbering and citations, the model's map-reduce, the output check.

The check keeps only what the passages support: a marker naming no given passage is removed, and a
sentence (or table row) stating a figure that none of its cited passages contains is dropped.
"""

from __future__ import annotations

import re

from retrieval.ground import in_language
from retrieval.prompts import prompt_text
from retrieval.clean import has_cjk
from retrieval.sentences import figures, numbers
from retrieval.types import Citation, Document, Passage, Result

PROMPT_SPLIT = "\n---\n"
MAP_CONCURRENCY = 4
NO_CONTENT = ("无相关内容", "nothing relevant")
MARKER = re.compile(r"\[(\d+(?:\s*[,，、]\s*\d+)*)\]")
# Markers after the closing punctuation belong to the sentence before it: move them inside.
_TRAILING_MARKERS = re.compile(r"([。！？；!?;]|\.(?=\s*\[))\s*((?:\[\d+(?:\s*[,，、]\s*\d+)*\])+)")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.、])?\s*")
_UNIT = re.compile(r".+?(?:[。！？；!?;]+[”’」』)）]*|\.(?=\s|$)|$)", re.S)
QUOTE_PREVIEW = 60
EXTRACTIVE_LABEL = {"zh": "（离线摘录：以下句子摘自原文，未经语言模型改写。）",
                    "en": "(Extractive: the sentences below are quoted from the Chinese sources, "
                          "not rewritten by a language model.)"}
MEASURE_CUES = ("一是", "二是", "三是", "四是", "五是", "六是", "出台", "建立", "制定", "推行", "开展", "实行", "完善",
                "健全", "组织", "邀请", "规范", "机制", "制度")
DATE_FIGURE = re.compile(r"^\d{4}年(\d{1,2}月)?(\d{1,2}日)?$|^\d{1,2}[月日]$")  # dates are not results

Batch = tuple[str, list[tuple[int, Passage]]]


def detect_language(text: str) -> str:
    """'zh' when the text has Chinese characters, else 'en'."""
    return "zh" if has_cjk(text) else "en"


def count_figures(sentence: str) -> int:
    """Figures in a sentence other than bare dates."""
    return sum(1 for f in figures(sentence) if not DATE_FIGURE.match(f))


class Numbering:
    """Numbers passages [1], [2], … in order of first citation."""

    def __init__(self) -> None:
        self.passages: list[Passage] = []

    def cite(self, passage: Passage) -> str:
        if passage not in self.passages:
            self.passages.append(passage)
        return f"[{self.passages.index(passage) + 1}]"


def citations(passages: list[Passage], docs: dict[str, Document]) -> list[Citation]:
    """Citations [1..n] for passages, with their documents' titles, dates and issuers."""
    out = []
    for n, passage in enumerate(passages, start=1):
        doc = docs.get(passage.doc)
        out.append(Citation(n=n, source=passage.doc, title=doc.title if doc else passage.doc,
                            section=passage.section, quote=passage.text, passage_id=passage.id,
                            date=doc.date if doc else None, issuer=doc.issuer if doc else None))
    return out


def extractive_result(body: str, numbering: Numbering, docs: dict[str, Document], language: str,
                      warnings: list[str]) -> Result:
    """An extractive Result, labelled as such."""
    return Result(answer=f"{EXTRACTIVE_LABEL[language]}\n\n{body}", citations=citations(numbering.passages, docs),
                  warnings=warnings, mode="extractive", language=language)


def load_prompt(kind: str, language: str) -> tuple[str, str]:
    """(system, human) templates from prompts/summary_{kind}_{language}.txt."""
    text = prompt_text(f"summary_{kind}", language)
    system, _, human = text.partition(PROMPT_SPLIT)
    return system.strip(), human.strip()


def _chain(kind: str, language: str, chat_model):
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate

    system, human = load_prompt(kind, language)
    return ChatPromptTemplate.from_messages([("system", system), ("human", human)]) | chat_model | StrOutputParser()


def format_passages(batch: list[tuple[int, Passage]], docs: dict[str, Document]) -> str:
    """Numbered passages with their document title and section, as the model sees them."""
    blocks = []
    for n, passage in batch:
        doc = docs.get(passage.doc)
        where = " · ".join(x for x in (doc.title if doc else passage.doc, passage.section) if x)
        blocks.append(f"[{n}] ({where})\n{passage.text}")
    return "\n\n".join(blocks)


def map_reduce(chat_model, reduce_kind: str, language: str, batches: list[Batch], variables: dict,
               docs: dict[str, Document]) -> str:
    """Map each batch of passages to cited notes, then reduce the notes to one text (LCEL both ways)."""
    mapper = _chain("map", language, chat_model)
    inputs = [{**variables, "group": group, "passages": format_passages(batch, docs)} for group, batch in batches]
    notes = mapper.batch(inputs, config={"max_concurrency": MAP_CONCURRENCY})
    kept = [f"## {group}\n{note.strip()}" for (group, _), note in zip(batches, notes)
            if note.strip() and not any(marker in note for marker in NO_CONTENT)]
    if not kept:
        return ""
    return _chain(reduce_kind, language, chat_model).invoke({**variables, "notes": "\n\n".join(kept)})


# -- the check -------------------------------------------------------------------------------
def _supported(figure: str, text: str) -> bool:
    wanted = numbers(figure)
    return wanted <= numbers(text) if wanted else figure in text


def _marker_numbers(group: str) -> list[int]:
    return [int(x) for x in re.split(r"[,，、\s]+", group) if x]


def _check_unit(unit: str, passages: list[Passage], warnings: list[str]) -> str | None:
    """The unit with bad markers removed, or None when a figure it states is not in its cited passages."""
    cited: list[int] = []

    def keep_given(match: re.Match) -> str:
        found = _marker_numbers(match.group(1))
        good = [n for n in found if 1 <= n <= len(passages)]
        for n in found:
            if n not in good:
                warnings.append(f"removed citation [{n}]: it names no passage given to the model")
        cited.extend(good)
        return "".join(f"[{n}]" for n in good)

    had_markers = bool(MARKER.search(unit))
    unit = MARKER.sub(keep_given, unit)
    preview = MARKER.sub("", unit).strip(" -*|")[:QUOTE_PREVIEW]
    if had_markers and not cited:  # it claims a source and none of its sources was given
        warnings.append(f"dropped a sentence citing no given passage: {preview}")
        return None
    stated = figures(MARKER.sub("", unit))
    if not stated:
        return unit
    if not cited:
        warnings.append(f"dropped a sentence stating figures without a citation: {preview}")
        return None
    support = "\n".join(passages[n - 1].text for n in set(cited))
    missing = [f for f in dict.fromkeys(stated) if not _supported(f, support)]
    if missing:
        warnings.append(f"dropped a sentence: {', '.join(missing)} is not in the cited passages: {preview}")
        return None
    return unit


def check_grounding(text: str, passages: list[Passage]) -> tuple[str, list[str]]:
    """Keep headings and the sentences (table rows) whose markers and figures the given passages support."""
    warnings: list[str] = []
    lines = []
    for line in _TRAILING_MARKERS.sub(r"\2\1", text).splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or re.fullmatch(r"[|:\-\s]+", stripped):
            lines.append(line)
            continue
        prefix = "" if stripped.startswith("|") else _BULLET.match(line).group()
        rest = line[len(prefix):]
        units = [rest] if not prefix and stripped.startswith("|") else [m.group() for m in _UNIT.finditer(rest)]
        kept = [u for u in (_check_unit(unit, passages, warnings) for unit in units if unit) if u is not None]
        if "".join(kept).strip():
            lines.append(prefix + "".join(kept).rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), warnings


def renumber(text: str, passages: list[Passage]) -> tuple[str, list[Passage]]:
    """Markers renumbered 1, 2, … in order of first use; returns the cited passages in that order."""
    order: list[int] = []

    def renumber_marker(match: re.Match) -> str:
        out = []
        for n in _marker_numbers(match.group(1)):
            if n not in order:
                order.append(n)
            out.append(f"[{order.index(n) + 1}]")
        return "".join(dict.fromkeys(out))

    renumbered = MARKER.sub(renumber_marker, text)
    return renumbered, [passages[n - 1] for n in order]


def run_model(call, given: list[Passage], docs: dict[str, Document], language: str) -> Result:
    """The model's checked text, or an empty extractive Result whose warnings say why the model was not used."""
    try:
        text = call()
    except Exception as exc:  # any model failure falls back to the extractive summary
        reason = str(exc).splitlines()[0][:120] if str(exc) else ""
        return Result(answer="", warnings=[f"model failed ({exc.__class__.__name__}: {reason}); "
                                           "extractive summary shown"], language=language)
    if not in_language(re.sub(r"[#|*\-\s\[\]\d]", "", text or ""), language):
        return Result(answer="", warnings=[f"the model wrote in the wrong language (asked: {language}); "
                                           "extractive summary shown"], language=language)
    checked, warnings = check_grounding(text or "", given)
    renumbered, cited = renumber(checked, given)
    if not cited:
        warnings.append("the model's summary kept no cited sentence after checking; extractive summary shown")
        return Result(answer="", warnings=warnings, language=language)
    return Result(answer=renumbered, citations=citations(cited, docs), warnings=warnings, mode="llm",
                  language=language)
