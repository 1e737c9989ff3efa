"""The answer chain: the standalone question (model or followup.py), the LCEL prompt | model | parser,
bounded calls, grounding, fallback."""

from __future__ import annotations

import re
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

from retrieval.answer.asked_year import with_year_caveat, with_years_dated, year_caveat
from retrieval.answer.citing import citations
from retrieval.answer.closest import saying_what_is_missing, with_closest
from retrieval.answer.document import document_answer
from retrieval.answer.english import names_a_case
from retrieval.answer.extractive import asked_of, compose_message
from retrieval.answer.case_followup import CaseTexts
from retrieval.answer.case_texts import SearcherCases
from retrieval.answer.case_parties import case_names, unnamed_parties, with_case_parties
from retrieval.answer.followup import heuristic_rewrite, switches_language
from retrieval.answer.article_of_last import about_last
from retrieval.answer.named_list import named_list
from retrieval.answer.small_talk import (asks_for_word_file, asks_nothing, asks_to_rewrite_pasted, is_only_links,
                                         is_small_talk, not_a_question, pasted_text)
from retrieval.answer.typos import read_places
from retrieval.answer.phrases import NOT_FOUND, PLACE_READ_AS
from retrieval.answer.articles import unheld_articles
from retrieval.answer.held import unheld_cases, unheld_laws
from retrieval.answer.retrieve import law_titles, named_laws_of, retrieve, with_named_laws
from retrieval.answer.prompts import kind_guidance, prompt_text
from retrieval.answer.question import Kind, classify
from retrieval.answer.ground import (MARKER, Grounded, Grounder, check_pieces, in_language, language_of,
                              split_answer)
from retrieval.ingest.clean import index_form, simplified_if_traditional
from retrieval.ingest.flags import redact
from retrieval.search.regions import gazetteer
from retrieval.settings import LLMSettings
from retrieval.types import Hit, Result, Turn

REDACTED = {"zh": "〔此处疑似夹带指令，已略去〕", "en": "[instruction-like text removed]"}
FAILURE = {
    "zh": "语言模型不可用（{reason}），已改用原文摘录回答。",
    "en": "The language model was unavailable ({reason}); this is an extractive answer instead.",
}
UNUSABLE = {
    "zh": "语言模型的回答不可用（{reason}），已改用原文摘录回答。",
    "en": "The language model's answer was unusable ({reason}); this is an extractive answer instead.",
}
T = TypeVar("T")
HISTORY_TURNS = 6
MIN_ANSWER_CHARS = 6
EXTRACTIVE_POOL = 2
MAX_REWRITE_CHARS = 300


class ModelFailure(Exception):
    """The model could not give an answer in time (timeout, 429, 5xx, connection, garbage)."""


class UnusableAnswer(ModelFailure):
    """The model answered, but nothing usable survived (wrong language, empty, nothing supported)."""

    def __init__(self, reason: str, warnings: list[str]) -> None:
        super().__init__(reason)
        self.warnings = warnings


# -- prompts --------------------------------------------------------------------------------------

def answer_prompt(language: str):
    """System + human prompt for an answer; passages and question are template variables."""
    from langchain_core.prompts import ChatPromptTemplate

    return ChatPromptTemplate.from_messages([("system", prompt_text("system", language)),
                                             ("human", prompt_text("answer", language))])


def format_passages(hits: list[Hit], language: str) -> str:
    """Passages numbered [1]..[k] inside <passage> delimiters, instruction-like sentences redacted."""
    blocks = []
    for n, hit in enumerate(hits, start=1):
        text = _as_data(hit.cited_text(), language)  # a neighbour of another section under its own heading
        header = f'<passage n="{n}" source="{_attr(hit.source)}" title="{_attr(hit.title)}" ' \
                 f'section="{_attr(hit.section)}" date="{hit.date or ""}">'
        blocks.append(f"[{n}]\n{header}\n{text}\n</passage>")
    return "\n\n".join(blocks)


def _attr(value: str) -> str:
    return value.replace('"', "'").replace("<", "＜").replace(">", "＞")


def _as_data(text: str, language: str) -> str:
    # A passage must not be able to close its own delimiter or speak as the system.
    return redact(text.replace("<", "＜").replace(">", "＞"), REDACTED[language])


def _history_text(history: list[Turn]) -> str:
    turns = history[-HISTORY_TURNS:]
    return "\n".join(f"{t.role}: {' '.join(t.text.split())[:MAX_REWRITE_CHARS]}" for t in turns)


def model_rewrite(model, history: list[Turn], message: str, deadline: float, settings: LLMSettings) -> str:
    """A standalone question from the model; the heuristic when the model fails or rambles."""
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate

    language = language_of(message)
    chain = ChatPromptTemplate.from_messages([("human", prompt_text("rewrite", language))]) | model | \
        StrOutputParser()
    budget = time.monotonic() + (deadline - time.monotonic()) / 3
    try:
        text = call_bounded(lambda: chain.invoke({"history": _history_text(history), "question": message}),
                            budget, settings)
    except ModelFailure:
        return heuristic_rewrite(history, message)
    text = text.strip().strip("\"“”'")
    if not text or len(text) > MAX_REWRITE_CHARS or language_of(text) != language:
        return heuristic_rewrite(history, message)
    return text


# -- bounded model calls --------------------------------------------------------------------------
def _retry_after(exc) -> float | None:
    headers = getattr(getattr(exc, "response", None), "headers", None) or {}
    value = headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _describe(exc: Exception) -> str:
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    if isinstance(exc, openai.APIConnectionError):
        return "connection error"
    return f"invalid response: {exc.__class__.__name__}"


def _run_with_deadline(fn: Callable[[], T], deadline: float) -> T:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise ModelFailure("timeout")
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jiancha-llm")
    future = pool.submit(fn)
    try:
        return future.result(timeout=remaining)
    except FutureTimeout as exc:
        raise ModelFailure("timeout") from exc
    except Exception as exc:  # every client error becomes a fallback, never a traceback
        raise ModelFailure(_describe(exc)) from exc
    finally:
        pool.shutdown(wait=False)  # an abandoned call finishes (or times out) in its thread


def call_bounded(fn: Callable[[], T], deadline: float, settings: LLMSettings) -> T:
    """Run a model call before the deadline; after a 429, wait Retry-After (bounded) and try once more."""
    for attempt in range(2):
        try:
            return _run_with_deadline(fn, deadline)
        except ModelFailure as failure:
            wait = _retry_after(failure.__cause__)
            rate_limited = str(failure) == "HTTP 429"
            if not rate_limited or attempt:
                raise
            wait = 1.0 if wait is None else wait
            if wait > settings.retry_after_max_s or time.monotonic() + wait >= deadline:
                raise ModelFailure(f"HTTP 429, Retry-After {wait:g} s") from failure
            time.sleep(wait)
    raise ModelFailure("HTTP 429")


# -- answering with the model ---------------------------------------------------------------------
class StreamGate:
    """Grounds a streamed answer sentence by sentence; only checked text ever reaches on_partial."""

    def __init__(self, grounder: Grounder, language: str, on_partial: Callable[[str], None] | None) -> None:
        self.grounder = grounder
        self.language = language
        self.on_partial = on_partial
        self.raw = ""
        self.shown = ""
        self._buffer = ""
        self.closed = threading.Event()

    def feed(self, chunk: str) -> None:
        """Take a piece of model output; pass on every sentence that is complete and checked."""
        self.raw += chunk
        self._buffer += chunk
        pieces = split_answer(self._buffer)
        # The last piece may still grow (a marker after '。' can arrive in the next chunk).
        if len(pieces) > 1 and re.sub(r"[\s\[\]\d]", "", pieces[-1]):
            self._commit(pieces[:-1])
            self._buffer = pieces[-1]

    def finish(self) -> Grounded:
        """Check what is left and return the grounded answer."""
        self._commit(split_answer(self._buffer))
        self._buffer = ""
        return self.grounder.result(self.shown)

    def _commit(self, pieces: list[str]) -> None:
        self.shown += check_pieces(self.grounder, pieces)
        if self.on_partial and self.shown.strip() and not self.closed.is_set() \
                and in_language(self.shown, self.language):
            self.on_partial(self.shown.strip())


def _stream_into(chain, inputs: dict, gate: StreamGate, streaming: bool) -> str:
    if not streaming:
        text = chain.invoke(inputs)
        gate.feed(text)
        return text
    for chunk in chain.stream(inputs):
        if gate.closed.is_set():
            break
        gate.feed(chunk)
    return gate.raw


def _streaming(model):
    # A ChatOpenAI built with streaming=False refuses to stream even from .stream().
    if getattr(model, "streaming", None) is False and hasattr(model, "model_copy"):
        return model.model_copy(update={"streaming": True})
    return model


def llm_answer(model, question: str, hits: list[Hit], language: str, settings: LLMSettings, deadline: float,
               on_partial: Callable[[str], None] | None = None, kind: Kind | None = None,
               cues: tuple[str, ...] = ()) -> Grounded:
    """Ask the model over the hits and ground its answer; ModelFailure when it is unusable.

    `cues` add guidance beyond the kind: 'outcome' (how a case ended), 'holding' (the rule it laid down)."""
    from langchain_core.output_parsers import StrOutputParser

    chain = answer_prompt(language) | (_streaming(model) if on_partial else model) | StrOutputParser()
    kind = kind or classify(question, gazetteer().find_in_question(question))
    guidance = " ".join(kind_guidance(key, language) for key in (kind.value, *cues))
    inputs = {"passages": format_passages(hits, language), "question": question, "guidance": guidance}
    attempts: list[StreamGate] = []

    def run() -> tuple[str, Grounded]:
        gate = StreamGate(Grounder({n: h.readable for n, h in enumerate(hits, 1)}, language), language, on_partial)
        attempts.append(gate)
        raw = _stream_into(chain, inputs, gate, streaming=on_partial is not None)
        return raw, gate.finish()

    try:
        raw, grounded = call_bounded(run, deadline, settings)
    finally:
        for gate in attempts:  # an abandoned call must not show anything after we gave up on it
            gate.closed.set()
    _check_usable(raw, grounded, language)
    return grounded


def _check_usable(raw: str, grounded: Grounded, language: str) -> None:
    if not raw.strip():
        raise UnusableAnswer("empty answer", grounded.warnings)
    if not in_language(raw, language):
        raise UnusableAnswer("wrong language", [])
    if NOT_FOUND[language] in grounded.text:
        return
    if len(re.sub(r"\W", "", MARKER.sub("", grounded.text))) < MIN_ANSWER_CHARS:
        raise UnusableAnswer("too short", grounded.warnings)
    if not grounded.kept or not grounded.used:
        raise UnusableAnswer("nothing in it is supported by a cited passage", grounded.warnings)


def fallback_warnings(failure: ModelFailure, language: str) -> list[str]:
    """Why the answer is extractive, after what grounding removed (if the model answered at all)."""
    if isinstance(failure, UnusableAnswer):
        return failure.warnings + [UNUSABLE[language].format(reason=str(failure))]
    return [FAILURE[language].format(reason=str(failure))]


def model_queries(model, question: str, deadline: float, settings: LLMSettings) -> list[str]:
    """Chinese search wordings of an English question from the model (multi-query); none when it fails."""
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate

    if model is None or not settings.translate_with_model or language_of(question) != "en":
        return []
    chain = ChatPromptTemplate.from_messages([("human", prompt_text("translate", "en"))]) | model | \
        StrOutputParser()
    budget = time.monotonic() + (deadline - time.monotonic()) / 4
    try:
        text = call_bounded(lambda: chain.invoke({"question": question}), budget, settings)
    except ModelFailure:
        return []
    lines = [" ".join(line.split())[:MAX_REWRITE_CHARS] for line in text.splitlines()]
    return [line for line in lines if language_of(line) == "zh"][:3]


# -- one answer, start to finish --------------------------------------------------------------------
def standalone_question(model, history: list[Turn], message: str, deadline: float, settings: LLMSettings,
                        cases: CaseTexts | None = None) -> str:
    """The message as a question that stands alone (unchanged when there is no earlier user turn)."""
    if not any(t.role == "user" for t in history):
        return message
    if model is not None and settings.rewrite_with_model:
        return model_rewrite(model, history, message, deadline, settings)
    return heuristic_rewrite(history, message, cases)


# searcher -> (its documents, their laws by short title, its cases by name)
_TITLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _titles_of(searcher) -> tuple[dict[str, str], dict[str, str], str]:
    """The laws of the searcher's collection by short title, its cases by name and all its titles (index form, one
    string), read again only when its documents change (a 60,000-article pool's titles are not scanned per question)."""
    documents = searcher.documents()  # the same object until the catalog changes
    cached = _TITLES.get(searcher)
    if cached is None or cached[0] is not documents:
        titles = [doc.title for doc in documents.values()]
        cached = _TITLES[searcher] = (documents, law_titles(titles), case_names(titles),
                                      index_form("\n".join(title or "" for title in titles)))
    return cached[1], cached[2], cached[3]


PASTED_PROBE_CHARS = 24  # of pasted text, found word for word in a passage: it is the collection's own


def _quotes_the_collection(searcher, pasted: str) -> bool:
    """Whether pasted text is a passage of the collection (its opening found word for word in a search hit)."""
    probe = re.sub(r"\s+", "", index_form(pasted))[:PASTED_PROBE_CHARS]
    return any(probe in re.sub(r"\s+", "", index_form(hit.readable)) for hit in searcher.search(pasted[:200], k=3))


def respond(searcher, model, settings: LLMSettings, history: list[Turn], message: str,
            on_partial: Callable[[str], None] | None = None,
            across: Callable[[str], Result | None] | None = None) -> Result:
    """Rewrite, retrieve, answer with the model if there is one, ground, fall back to extractive. `across`: the
    answer to a follow-up whose standalone form asks across the regions (a per-region summary), else None."""
    deadline = time.monotonic() + settings.timeout_s
    language = switches_language(message) if history else None
    language = language or language_of(message)  # 'Summarise that in English': the last question, in English
    if (pasted := pasted_text(message)) and _quotes_the_collection(searcher, pasted):
        message = pasted  # a passage of the collection pasted back: answered from it, cited
    # 'ok', '谢谢', a URL, text pasted to be summarised: no rewriting (a model call), no search
    if is_small_talk(message) or is_only_links(message) or asks_for_word_file(message) or asks_to_rewrite_pasted(message):
        return Result(answer=not_a_question(message), mode="extractive", language=language)
    # '出处是哪份文件？', '依据哪条？': the last question answered again without a model (no second model call)
    if (about := about_last(history, message, language,
                            lambda earlier, asked: respond(searcher, None, settings, earlier, asked, None, None))):
        return about
    message, misspelt = read_places(message)  # '昆名检察院…': 昆明, typed by its sound
    read_as = [PLACE_READ_AS[language].format(typed=typed, place=place) for typed, place in misspelt]
    question = standalone_question(model, history, message, deadline, settings, SearcherCases(searcher))
    if across is not None and question != message and (summary := across(question)) is not None:
        return summary
    idf = searcher.index.bm25().idf
    # kind, places, topic: read once, in the question's own language ('in Chinese please' after an English
    # question is answered in Chinese, but the question to read is still the English one)
    asked = asked_of(question, language_of(question), idf).model_copy(update={"language": language})
    laws, cases, titles = _titles_of(searcher)
    asked = with_case_parties(with_named_laws(asked, laws), cases)
    asked = asked.model_copy(update={"unheld_laws": unheld_laws(asked, titles), "unheld_cases": unheld_cases(asked, titles),
                                     "unheld_articles": unheld_articles(searcher, asked, named_laws_of(searcher, asked)),
                                     "unheld_parties": unnamed_parties(asked.question, cases) if asked.language == "en" else []})
    if asks_nothing(asked, message):
        return Result(answer=not_a_question(message), mode="extractive", language=language)
    # Sentence scoring re-ranks, so the extractive answer reads a wider pool than the model is given.
    pool = retrieve(searcher, asked, searcher.settings.k * EXTRACTIVE_POOL,
                    also=model_queries(model, question, deadline, settings))
    hits = pool[:searcher.settings.k]
    # The bound is for the model: a slow first search (loading the dictionary) must not use it all up.
    deadline = max(deadline, time.monotonic() + settings.timeout_s / 2)
    warnings: list[str] = read_as
    if model is not None and hits:
        try:
            case_document = asked.kind == Kind.DOCUMENT and names_a_case(hits[0].title or "")
            cues = tuple(cue for cue, asked_for in (("outcome", asked.asks_outcome), ("holding", asked.asks_holding),
                                                    ("cases", asked.asks_cases), ("case_document", case_document))
                         if asked_for)
            grounded = llm_answer(model, question, hits, language, settings, deadline, on_partial, asked.kind, cues)
            used = [hits[n - 1] for n in grounded.used]
            caveat = year_caveat(asked, used)  # a model, too, may quote another year's figures for the one asked
            text = f"{caveat}\n{grounded.text}" if caveat else grounded.text
            return Result(answer=text, citations=citations(searcher, used),
                          warnings=read_as + grounded.warnings, mode="llm", language=language)
        except ModelFailure as failure:
            warnings = read_as + fallback_warnings(failure, language)
    about_document = document_answer(searcher.index, searcher.documents(), asked, pool, language)
    if about_document is not None:
        if on_partial:
            on_partial(about_document.answer)
        return about_document.model_copy(update={"warnings": warnings})
    extract = (language == "zh" and named_list(searcher, question, pool)) or \
        with_year_caveat(with_closest(compose_message(asked, pool, idf), asked, pool, idf), asked)
    extract = with_years_dated(extract) if language == "zh" else extract  # '今年〔2020年〕1月至7月
    extract = saying_what_is_missing(extract, asked, pool, searcher.index.catalog.passages_of, idf)
    if language == "zh" and simplified_if_traditional(message) == message:  # 榆林's report quoted to a simplified question
        extract = extract.model_copy(update={"text": simplified_if_traditional(extract.text)})
    if on_partial:
        on_partial(extract.text)
    return Result(answer=extract.text, citations=citations(searcher, extract.cited, extract.text), warnings=warnings,
                  mode="extractive", language=language)
