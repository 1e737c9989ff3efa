"""What practice and report summaries share: numbering and citations, the model's map-reduce, the output check.

The check keeps only what the passages support: a marker naming no given passage is removed, and a
sentence (or table row) stating a figure that none of its cited passages contains is dropped.
"""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor

from retrieval.answer.ground import FirstCited, Grounder, in_language
from retrieval.answer.prompts import prompt_text
from retrieval.answer.traits import DATE_ONLY
from retrieval.answer.asked_year import dated_relative_years
from retrieval.ingest.clean import has_cjk, simplified_if_traditional
from retrieval.answer.sentences import figures, split_sentences
from retrieval.ingest.flags import is_instruction_like, redact
from retrieval.settings import LLMSettings
from retrieval.types import Citation, Document, Passage, Result

PROMPT_SPLIT = "\n---\n"
MAP_CONCURRENCY = 4
REDACTED = "〔此处疑似夹带指令，已略去 / instruction-like text removed〕"
EXTRACTIVE_NOTES = 4  # sentences quoted for a section the model could not summarize in time
NO_CONTENT = ("无相关内容", "nothing relevant")
# Markers after the closing punctuation belong to the sentence before it: move them inside.
_TRAILING_MARKERS = re.compile(r"([。！？；!?;]|\.(?=\s*\[))\s*((?:\[\d+(?:\s*[,，、]\s*\d+)*\])+)")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.、])?\s*")
_UNIT = re.compile(r".+?(?:[。！？；!?;]+[”’」』)）]*|\.(?=\s|$)|$)", re.S)
EXTRACTIVE_LABEL = {"zh": "（离线摘录：以下句子摘自原文，未经语言模型改写。）",
                    "en": "(Extractive: the sentences below are quoted from the Chinese sources, "
                          "not rewritten by a language model.)"}
MEASURE_CUES = ("一是", "二是", "三是", "四是", "五是", "六是", "出台", "建立", "制定", "推行", "开展", "实行", "完善",
                "健全", "组织", "邀请", "规范", "机制", "制度")

Batch = tuple[str, list[tuple[int, Passage]]]


def as_drafted(sentence: str, date: str | None = None) -> str:
    """A sentence as a Chinese draft quotes it: in simplified characters when it was in traditional ones, and its
    '今年' / '去年' dated by its document's year ('今年〔2020年〕1月至7月': an editor's note, in 〔〕), since a
    summary sets documents of several years side by side."""
    sentence = simplified_if_traditional(sentence)
    return dated_relative_years(sentence, date)


def detect_language(text: str) -> str:
    """'zh' when the text has Chinese characters, else 'en'."""
    return "zh" if has_cjk(text) else "en"


def undated_figures(sentence: str) -> list[str]:
    """Figures in a sentence other than bare dates."""
    return [f for f in figures(sentence) if not DATE_ONLY.match(f)]


def count_figures(sentence: str) -> int:
    return len(undated_figures(sentence))


class Numbering(FirstCited):
    """Passages numbered [1], [2], … in order of first citation."""

    def cite(self, passage: Passage) -> str:
        return self.mark(passage)

    @property
    def passages(self) -> list[Passage]:
        return self.order


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
        # A passage cannot close </passages>, and its instruction-like sentences never reach the model.
        text = redact(passage.text.replace("<", "＜").replace(">", "＞"), REDACTED)
        blocks.append(f"[{n}] ({where})\n{text}")
    return "\n\n".join(blocks)


class SummaryBudget:
    """One deadline for every model call of a summary, and what was shown without the model (as warnings)."""

    def __init__(self, settings: LLMSettings) -> None:
        self.settings = settings
        self.deadline = time.monotonic() + settings.summary_timeout_s
        self.warnings: list[str] = []


def extractive_notes(batch: list[tuple[int, Passage]], limit: int = EXTRACTIVE_NOTES) -> str:
    """A section's notes without the model: its passages' sentences with figures or measures, quoted and cited."""
    picked = []
    for n, passage in batch:
        for sentence in split_sentences(passage.text):
            if len(sentence) >= 12 and not is_instruction_like(sentence) \
                    and (count_figures(sentence) or any(cue in sentence for cue in MEASURE_CUES)):
                picked.append(f"- {sentence}[{n}]")
                break
        if len(picked) >= limit:
            break
    return "\n".join(picked)


def map_reduce(chat_model, reduce_kind: str, language: str, batches: list[Batch], variables: dict,
               docs: dict[str, Document], budget: SummaryBudget) -> str:
    """Map each batch of passages to cited notes, then reduce the notes to one text (LCEL both ways).

    Every call runs before the budget's deadline (a 429 is retried once after its Retry-After, bounded); a
    section whose call fails or runs out of time is quoted extractively, and if the reduce fails the sections'
    notes are the summary. Raises ModelFailure only when no section got a model answer.
    """
    from retrieval.answer.chain import ModelFailure, call_bounded

    mapper = _chain("map", language, chat_model)

    def one(group: str, batch: list[tuple[int, Passage]]) -> tuple[str, Exception | None]:
        inputs = {**variables, "group": group, "passages": format_passages(batch, docs)}
        try:
            return call_bounded(lambda: mapper.invoke(inputs), budget.deadline, budget.settings), None
        except ModelFailure as failure:
            return extractive_notes(batch), failure

    with ThreadPoolExecutor(MAP_CONCURRENCY, thread_name_prefix="jiancha-map") as pool:
        results = list(pool.map(lambda item: one(*item), batches))
    failed = [(group, reason) for (group, _), (_, reason) in zip(batches, results) if reason]
    if len(failed) == len(batches):
        raise failed[0][1] if failed else ModelFailure("no sections")
    if failed:
        budget.warnings.append(f"{len(failed)} of {len(batches)} section(s) quoted from the sources without the "
                               f"model ({failed[0][1]}): {'、'.join(dict.fromkeys(g for g, _ in failed))}")
    kept = [f"## {group}\n{note.strip()}" for (group, _), (note, _) in zip(batches, results)
            if note.strip() and not any(marker in note for marker in NO_CONTENT)]
    if not kept:
        return ""
    notes = "\n\n".join(kept)
    reducer = _chain(reduce_kind, language, chat_model)
    try:
        return call_bounded(lambda: reducer.invoke({**variables, "notes": notes}), budget.deadline, budget.settings)
    except ModelFailure as failure:
        budget.warnings.append(f"the model could not combine the sections ({failure}); the sections' notes are shown")
        return notes


# -- the check: the answers' Grounder, applied line by line so headings, bullets and table rows survive --
def check_grounding(text: str, passages: list[Passage], language: str = "zh") -> tuple[str, list[Passage], list[str]]:
    """Keep headings and the sentences (table rows) the given passages support, markers renumbered 1, 2, …
    in order of first use; returns the checked text, the cited passages in that order, and the warnings."""
    grounder = Grounder({n: passage.text for n, passage in enumerate(passages, start=1)}, language)
    lines = []
    for line in _TRAILING_MARKERS.sub(r"\2\1", text).splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or re.fullmatch(r"[|:\-\s]+", stripped):
            lines.append(line)
            continue
        prefix = "" if stripped.startswith("|") else _BULLET.match(line).group()
        rest = line[len(prefix):]
        units = [rest] if not prefix and stripped.startswith("|") else [m.group() for m in _UNIT.finditer(rest)]
        kept = [u for u in (grounder.check(unit) for unit in units if unit) if u is not None]
        if "".join(kept).strip():
            lines.append(prefix + "".join(kept).rstrip())
    cited = [passages[n - 1] for n in sorted(grounder.mapping, key=grounder.mapping.get)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), cited, grounder.warnings


def run_model(call, given: list[Passage], docs: dict[str, Document], language: str,
              budget: SummaryBudget | None = None) -> Result:
    """The model's checked text, or an empty extractive Result whose warnings say why the model was not used;
    what the budget quoted without the model is warned first."""
    try:
        text = call()
    except Exception as exc:  # any model failure falls back to the extractive summary
        reason = str(exc).splitlines()[0][:120] if str(exc) else ""
        kind = (exc.__cause__ or exc).__class__.__name__  # ModelFailure says what; its cause says which error
        return Result(answer="", warnings=[f"model failed ({kind}: {reason}); "
                                           "extractive summary shown"], language=language)
    noted = list(budget.warnings) if budget else []
    if not in_language(re.sub(r"[#|*\-\s\[\]\d]", "", text or ""), language):
        return Result(answer="", warnings=noted + [f"the model wrote in the wrong language (asked: {language}); "
                                                   "extractive summary shown"], language=language)
    renumbered, cited, warnings = check_grounding(text or "", given, language)
    if not cited:
        warnings.append("the model's summary kept no cited sentence after checking; extractive summary shown")
        return Result(answer="", warnings=noted + warnings, language=language)
    return Result(answer=renumbered, citations=citations(cited, docs), warnings=noted + warnings, mode="llm",
                  language=language)
