"""`jiancha eval answers`: does the offline answer answer? Facts found, refusals, language, length, latency.

Each question lists exact phrases from its sources that a good answer must contain (`expected`) and how
many of them it must contain (`min_facts`); out-of-scope questions must be refused. Answers are judged
as a user reads them: facts anywhere in the answer, the language of the answer's own lines (quoted
evidence aside), and the length of what is read before the offline note.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
import time
from pathlib import Path

from pydantic import BaseModel, Field

from retrieval.answer.phrases import (NOT_FOREIGN_LAW, NOT_FOUND, NOT_FOUND_PLACE, NOT_HELD_LAW, NOT_HELD_LAW_ONLY,
                                      NOT_IN_CASE, NOT_IN_CASE_ONLY, NOT_IN_COLLECTION, OFFLINE_NOTE)
from retrieval.answer.ground import MARKER, in_language
from retrieval.engine import Engine
from retrieval.eval.suite import EVAL_DIR, _files, corpus_index, shared_laws
from retrieval.index.embed import Embedder
from retrieval.answer.asked_year import without_editors_notes
from retrieval.ingest.clean import index_form
from retrieval.settings import LLMSettings, Settings
from retrieval.types import Turn, cited_titles

_PUNCT = re.compile(r"[\s“”‘’\"'「」『』《》,，。；;：:、（）()]")


class AnswerQuestion(BaseModel):
    id: str
    lang: str
    question: str
    kind: str
    sources: list[str] = Field(default_factory=list)
    expected: list[str] = Field(default_factory=list)
    min_facts: int = 0
    before: list[str] = Field(default_factory=list, description="A conversation's earlier messages, asked in turn "
                                                                "first; only the answer to `question` is judged.")

    @property
    def out_of_scope(self) -> bool:
        return self.kind == "out_of_scope"


class AnswerScore(BaseModel):
    id: str
    lang: str
    kind: str
    ok: bool
    facts: int
    refused: bool
    in_language: bool
    lead_fact: bool = False  # the first line holds an expected phrase (compared for Chinese answers only)
    pointed: bool = Field(False, description="An answerable question refused, whose refusal quotes (as the closest "
                                             "passage) enough of its facts; still a miss.")
    miss: str = Field("", description="Why a missed question missed: 'refused' (an answerable one), 'other "
                                      "sentences' (its source cited, the facts not), 'other document' (its source "
                                      "not cited), 'answered' (an out-of-scope one); empty when it did not miss.")
    chars: int
    ms: float


def _plain(text: str) -> str:
    """The text as facts are matched in it: no citations, punctuation or our editor's notes ('今年〔2020年〕')."""
    return _PUNCT.sub("", index_form(without_editors_notes(MARKER.sub("", text))))


def own_text(answer: str) -> str:
    """What the answer says in its own words: every line but quoted evidence bullets and the offline note."""
    lines = [line for line in answer.splitlines() if not line.startswith("- ")
             and line.strip() not in OFFLINE_NOTE.values()]
    return MARKER.sub("", "\n".join(lines))


def _as_pattern(phrase: str) -> str:
    return re.sub(r"\\\{\w+\\\}", ".+", re.escape(phrase))


def is_refusal(answer: str, language: str) -> bool:
    """The answer says first that nothing answers, or that what it asks about is in no passage or not in the case
    it names (what follows, if anything, is the closest passage quoted)."""
    phrases = [NOT_FOUND_PLACE[language], *(said[language] for said in (NOT_IN_CASE, NOT_IN_CASE_ONLY, NOT_IN_COLLECTION,
                                                                      NOT_HELD_LAW, NOT_HELD_LAW_ONLY, NOT_FOREIGN_LAW)
                                                    if language in said)]
    first = answer.strip().splitlines()[0] if answer.strip() else ""
    return first == NOT_FOUND[language] or any(re.fullmatch(_as_pattern(phrase), first) for phrase in phrases)


def judge(question: AnswerQuestion, answer: str, ms: float, cited: list[str] | None = None) -> AnswerScore:
    """One answer against its question's expectations; `cited`, the files its citations are from, says why a
    miss missed (see AnswerScore.miss)."""
    refused = is_refusal(answer, question.lang)
    plain = _plain(answer)
    facts = sum(1 for phrase in question.expected if _plain(phrase) in plain)
    first = _plain(answer.strip().splitlines()[0]) if answer.strip() else ""
    lead_fact = not refused and any(_plain(phrase) in first for phrase in question.expected)
    enough = facts >= max(1, question.min_facts)
    ok = refused if question.out_of_scope else (not refused and enough)
    body = answer.replace(OFFLINE_NOTE[question.lang], "").strip()
    return AnswerScore(id=question.id, lang=question.lang, kind=question.kind, ok=ok, facts=facts, refused=refused,
                       in_language=in_language(own_text(answer), question.lang) if own_text(answer).strip() else True,
                       lead_fact=lead_fact, pointed=refused and enough and not question.out_of_scope, miss="" if ok else _miss_kind(question, refused, cited or []),
                       chars=len(body), ms=ms)


def _miss_kind(question: AnswerQuestion, refused: bool, cited: list[str]) -> str:
    if question.out_of_scope:
        return "answered"
    if refused:
        return "refused"
    return "other sentences" if set(cited) & set(question.sources) else "other document"


def load(path: Path) -> list[AnswerQuestion]:
    return [AnswerQuestion.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def answer_sets(project_root: Path, shared: Path) -> list[tuple[str, Path, list[Path], bool]]:
    """(name, questions, corpus files, in_sample) for every answer set present.

    Only the SPC test halves are out of sample: the seed halves split questions, not documents, and the
    seeds are the documents the composer was tuned on. `spc-fresh`, `spc-fresh2`, `spc-fresh3` and
    `spc-fresh4` are further SPC sets, written on 2026-11-30 over 40, 32, 28 and 32 cases no earlier set asks
    about, each after the composer's tuning on the sets before it (the middle two mostly English). `laws`
    (2026-11-30, ninth session) asks about 16 statutes among the 120 distractor laws of the laws-en retrieval
    corpus, a kind of document no answer set had asked about, over the same 162-law index; `laws2` (tenth
    session) asks about 12 more of those distractor laws, written blind and measured on its first run; `laws3`
    (eleventh session) likewise, over 12 more, measured first on the code before that session's changes and on
    the code after them, so both runs are out of sample. `spc-oos` (eleventh session): 24 questions the 246
    cases do not answer, written blind to look like ones they do (same areas, same words), so only refusals
    are scored. `conv-seeds` and `conv-spc` (fifteenth session): 40 conversations of two or three messages whose
    last one leans on the earlier ones (another place, another aspect, a comparison, the document or case just
    discussed; some a new question, four out of scope), written blind over the seeds and 18 cases; only the
    last answer is judged. `conv-seeds` counts as in sample (its documents are the seeds the composer was tuned
    on), though its follow-ups were written blind. `laws4` and `spc-fresh5` (sixteenth session): 12 more
    distractor laws and 12 cases no earlier set asks about, written blind and first run on the previous
    session's code and that session's; their tuning halves were then read and tuned on, their test halves not.
    `laws5` and `spc-fresh6` (seventeenth session, 2026-12-01): 12 more distractor laws and 12 cases no earlier
    answer set asks about, written blind by helpers that saw no code, set or result, committed before their first
    run, and measured on the code at the session's start and at its end; their tuning halves were read and tuned
    on after that first run, their test halves not. `laws6` and `spc-fresh7` (eighteenth session): the same, over
    12 more distractor laws and 12 more cases. `laws7` and `spc-fresh8` (nineteenth session): the same again,
    over 12 laws no set of any kind had used and 12 cases no answer set asks about, split by document (a law's or
    case's two questions in one half)."""
    seeds = _files(project_root / "seeds", (".txt",))
    spc = _files(shared / "corpus" / "spc_guiding_cases", (".md",))
    laws = shared_laws(shared)
    sets = []
    for corpus, files, prefix in (("seeds", seeds, "seeds_answers"), ("spc", spc, "spc_answers"),
                                   ("spc-fresh", spc, "spcf_answers"), ("spc-fresh2", spc, "spcg_answers"),
                                   ("spc-fresh3", spc, "spch_answers"), ("spc-fresh4", spc, "spci_answers"),
                                   ("laws", laws, "laws_answers"), ("laws2", laws, "laws2_answers"),
                                   ("laws3", laws, "laws3_answers"), ("spc-oos", spc, "oos_answers"),
                                   ("laws4", laws, "laws4_answers"), ("spc-fresh5", spc, "spcj_answers"),
                                   ("laws5", laws, "laws5_answers"), ("spc-fresh6", spc, "spck_answers"),
                                   ("laws6", laws, "laws6_answers"), ("spc-fresh7", spc, "spcl_answers"),
                                   ("laws7", laws, "laws7_answers"), ("spc-fresh8", spc, "spcm_answers"),
                                   ("conv-seeds", seeds, "conv_seeds_answers"), ("conv-spc", spc, "conv_spc_answers")):
        for half in ("test", "tune"):
            path = EVAL_DIR / f"{prefix}_{half}.jsonl"
            if files and path.exists():
                sets.append((f"{corpus}-{half}", path, files, half == "tune" or corpus in ("seeds", "conv-seeds")))
    return sets


def score_answers(engine: Engine, questions: list[AnswerQuestion]) -> list[AnswerScore]:
    scores = []
    for question in questions:
        history: list[Turn] = []
        for message in question.before:  # the conversation so far, answered as a user would have seen it
            reply = engine.answer(history, message)
            history += [Turn(role="user", text=message),
                        Turn(role="assistant", text=reply.answer, sources=cited_titles(reply.citations))]
        started = time.perf_counter()
        result = engine.answer(history, question.question)
        scores.append(judge(question, result.answer, (time.perf_counter() - started) * 1000,
                            [citation.source for citation in result.citations]))
    return scores


def summarise(name: str, in_sample: bool, scores: list[AnswerScore]) -> dict:
    """Per set: share reaching their facts, Chinese leads quoting one, refusals, English in English, length,
    latency, and how many misses missed which way (miss_kinds)."""
    answerable = [s for s in scores if s.kind != "out_of_scope"]
    scoped = [s for s in scores if s.kind == "out_of_scope"]
    english = [s for s in scores if s.lang == "en" and not s.refused]
    lengths = sorted(s.chars for s in answerable) or [0]
    return {"set": name, "sample": "in" if in_sample else "OUT", "n": len(scores),
            "facts_ok": round(sum(s.ok for s in answerable) / max(1, len(answerable)), 3),
            "facts_ok_zh": _share([s.ok for s in answerable if s.lang == "zh"]),
            "facts_ok_en": _share([s.ok for s in answerable if s.lang == "en"]),
            # does the first line answer? An expected phrase in it (Chinese answers: an English lead
            # paraphrases, it does not quote)
            "lead_answers_zh": _share([s.lead_fact for s in answerable if s.lang == "zh"]),
            "out_of_scope_refused": f"{sum(s.refused for s in scoped)}/{len(scoped)}",
            "english_in_english": _share([s.in_language for s in english]),
            "chars_p50": lengths[len(lengths) // 2], "chars_p90": lengths[int(0.9 * (len(lengths) - 1))],
            "ms_p50": round(statistics.median(s.ms for s in scores), 1) if scores else 0.0,
            "miss_kinds": dict(Counter(s.miss for s in scores if s.miss)),
            # refusals of answerable questions whose closest passage, quoted, holds the facts anyway
            "refused_pointing": f"{sum(s.pointed for s in answerable)}/{sum(s.refused for s in answerable)}",
            "misses": [s.id for s in scores if not s.ok]}


def _share(values: list[bool]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def run_answers(project_root: Path, shared: Path, names: list[str] | None = None, cache: Path | None = None,
                embedder: Embedder | None = None, settings: Settings | None = None) -> list[dict]:
    """Every answer set, offline, on its corpus's cached index."""
    from retrieval.eval.suite import default_cache
    from retrieval.index.embed import make_embedder

    settings = settings or Settings()
    embedder = embedder or make_embedder(settings.embedder)
    rows = []
    for name, path, files, in_sample in answer_sets(project_root, shared):
        if names and name not in names:
            continue
        index = corpus_index(files, cache or default_cache(), embedder, settings)
        offline = index.settings.model_copy(update={"llm": LLMSettings(api_key=None, base_url=None)})
        engine = Engine(settings=offline, index=index)
        engine.answer([], "预热 warm-up")
        rows.append(summarise(name, in_sample, score_answers(engine, load(path))))
        index.close()
    return rows


def format_rows(rows: list[dict]) -> str:
    keys = ["set", "sample", "n", "facts_ok", "facts_ok_zh", "facts_ok_en", "lead_answers_zh", "out_of_scope_refused",
            "refused_pointing", "english_in_english", "chars_p50", "chars_p90", "ms_p50"]
    table = [keys] + [[str(row[k]) for k in keys] for row in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(keys))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in table)
