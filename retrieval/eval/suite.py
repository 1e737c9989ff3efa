"""`jiancha eval retrieval`: every question set side by side, with a plain-LangChain baseline and ablations.

A set is a corpus (a folder of files, or a list of them) plus questions with gold passages
(source file + a phrase the right passage contains). Each corpus is indexed once into a cache
folder outside the repository (named by corpus, file list and embedder), the baseline likewise, so a
second run only searches. Sets whose data is missing (no ../shared) are skipped and say so.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from retrieval.eval.recall import EvalQuestion, evaluate, first_relevant, load_questions
from retrieval.index.embed import Embedder
from retrieval.index.store import Index
from retrieval.search.hybrid import Searcher
from retrieval.settings import Settings, StoreSettings, user_cache_dir
from retrieval.types import Hit

EVAL_DIR = Path(__file__).resolve().parent.parent / "resources" / "eval"
LAWS_DISTRACTORS = 120  # laws indexed beside the ones questions are about (fixed seed), to make search hard


class EvalSet(BaseModel):
    """Questions over a corpus; `in_sample` sets were looked at (or tuned on) while building the system."""

    name: str
    questions: Path
    files: list[Path] = Field(description="The corpus: every file indexed for this set.")
    in_sample: bool
    note: str = ""


class SetScores(BaseModel):
    """One set's recall@5 per language: ours, ablations, and the baseline, measured in one run."""

    name: str
    in_sample: bool
    lang: str
    n: int
    recall: dict[int, float]
    mrr: float
    passage_recall_at_5: float = Field(0.0, description="recall@5 counting only the matched passage, not its context.")
    ablations: dict[str, float] = Field(default_factory=dict, description="recall@5 with a resource switched off.")
    baseline: float | None = Field(None, description="recall@5 of the plain-LangChain pipeline.")
    misses: list[str] = Field(default_factory=list)


def _files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in suffixes) if folder.is_dir() else []


def laws_corpus(laws: Path, questions: list[EvalQuestion]) -> list[Path]:
    """The laws the questions are about plus a fixed random sample of others."""
    every = _files(laws, (".txt",))
    wanted = {q.source for q in questions}
    others = [p for p in every if p.name not in wanted]
    random.Random(20261124).shuffle(others)
    return sorted([p for p in every if p.name in wanted] + others[:LAWS_DISTRACTORS])


def shared_laws(shared: Path) -> list[Path]:
    """The 162-law corpus the English statute questions are asked of (their laws and the same distractors),
    or nothing when `shared` has no laws."""
    laws_all = EVAL_DIR / "laws_en_all.jsonl"
    if not (shared / "corpus" / "laws").is_dir() or not laws_all.exists():
        return []
    return laws_corpus(shared / "corpus" / "laws", load_questions(laws_all))


def standard_sets(project_root: Path, shared: Path) -> list[EvalSet]:
    """The team's sets: out-of-sample first (SPC cases, laws in English), then the in-sample seed sets."""
    seeds = _files(project_root / "seeds", (".txt", ".md", ".html", ".docx", ".pdf"))
    spc = _files(shared / "corpus" / "spc_guiding_cases", (".md",))
    sets = []
    for half in ("test", "tune"):
        path = EVAL_DIR / f"spc_retrieval_{half}.jsonl"
        if spc and path.exists():
            sets.append(EvalSet(name=f"spc-{half}", questions=path, files=spc, in_sample=half == "tune",
                                note="246 SPC guiding cases; " + ("never tuned on" if half == "test" else "tuned on")))
    corpus = shared_laws(shared)
    if corpus:
        for half in ("test", "tune"):
            path = EVAL_DIR / f"laws_en_{half}.jsonl"
            if path.exists():
                sets.append(EvalSet(name=f"laws-en-{half}", questions=path, files=corpus, in_sample=half == "tune",
                                    note=f"{len(corpus)} national laws; English questions"))
    sets.append(EvalSet(name="seeds", questions=EVAL_DIR / "seeds.jsonl", files=seeds, in_sample=True,
                        note="5 seeds; written first, tuned on"))
    sets.append(EvalSet(name="seeds-heldout", questions=EVAL_DIR / "seeds_heldout.jsonl", files=seeds,
                        in_sample=True, note="5 seeds; written blind later, same documents and vocabulary"))
    return sets


def _cache_name(kind: str, files: list[Path], embedder: Embedder) -> str:
    digest = hashlib.sha256("\n".join(sorted(p.name for p in files)).encode()).hexdigest()[:10]
    return f"{kind}-{digest}-{embedder.name}"


def corpus_index(files: list[Path], cache: Path, embedder: Embedder, settings: Settings | None = None) -> Index:
    """Our index of the files, cached; an unchanged corpus costs only the hash checks."""
    base = settings or Settings()
    data_dir = cache / _cache_name("index", files, embedder)
    index = Index(base.model_copy(update={"store": StoreSettings(data_dir=data_dir)}), embedder=embedder)
    index.ingest(files, progress=None)
    return index


def searcher_variants(index: Index) -> dict[str, Searcher]:
    """Our search as configured, and with each offline translation resource switched off."""
    search = index.settings.search
    variants = {"ours": Searcher(index)}
    for name, field in (("no-glossary", "use_glossary"), ("no-dictionary", "use_dictionary")):
        if getattr(search, field, None):
            variants[name] = Searcher(index, search.model_copy(update={field: False}))
    if search.document_weight:  # the design question of issue E: does ranking documents as well help?
        variants["no-doc-rank"] = Searcher(index, search.model_copy(update={"document_weight": 0.0}))
    if search.headnote_chars:
        variants["no-headnote"] = Searcher(index, search.model_copy(update={"headnote_chars": 0}))
    return variants


def score_set(eval_set: EvalSet, index: Index, baseline: Callable[[str], list[Hit]] | None) -> list[SetScores]:
    """Recall per language for one set, with ablations and the baseline."""
    questions = load_questions(eval_set.questions)
    variants = searcher_variants(index)
    main = {s.lang: s for s in evaluate(questions, lambda q, k: variants["ours"].search(q, k=k))}
    extra: dict[str, dict[str, float]] = {}
    for name, searcher in variants.items():
        if name == "ours":
            continue
        for scores in evaluate(questions, lambda q, k, s=searcher: s.search(q, k=k)):
            extra.setdefault(scores.lang, {})[name] = scores.recall[5]
    base = _baseline_recall(questions, baseline) if baseline else {}
    return [SetScores(name=eval_set.name, in_sample=eval_set.in_sample, lang=lang, n=s.n, recall=s.recall, mrr=s.mrr,
                      passage_recall_at_5=s.passage_recall_at_5,
                      ablations=extra.get(lang, {}), baseline=base.get(lang), misses=s.misses)
            for lang, s in main.items()]


def _baseline_recall(questions: list[EvalQuestion], search: Callable[[str], list[Hit]]) -> dict[str, float]:
    found: dict[str, list[bool]] = {}
    for question in questions:
        ok = first_relevant(question, search(question.question)) is not None
        for lang in (question.lang, "all"):
            found.setdefault(lang, []).append(ok)
    return {lang: sum(v) / len(v) for lang, v in found.items()}


def format_suite(rows: list[SetScores]) -> str:
    """A table: set, sample, lang, n, R@1/3/5/10, MRR, ablations' R@5, baseline R@5."""
    names = sorted({a for r in rows for a in r.ablations})
    header = ["set", "sample", "lang", "n", "R@1", "R@3", "R@5", "R@10", "MRR", "R@5 passage", *names,
              "baseline R@5"]
    lines = [header]
    for r in rows:
        lines.append([r.name, "in" if r.in_sample else "OUT", r.lang, str(r.n),
                      *(f"{r.recall[c]:.3f}" for c in (1, 3, 5, 10)), f"{r.mrr:.3f}", f"{r.passage_recall_at_5:.3f}",
                      *(f"{r.ablations[a]:.3f}" if a in r.ablations else "—" for a in names),
                      f"{r.baseline:.3f}" if r.baseline is not None else "—"])
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) for row in lines)


def default_cache() -> Path:
    return user_cache_dir() / "eval"


def run_suite(project_root: Path, shared: Path, names: list[str] | None = None, baseline: bool = True,
              as_json: bool = False, cache: Path | None = None, embedder: Embedder | None = None,
              settings: Settings | None = None) -> str:
    """Index each set's corpus (cached), score it with ablations and the baseline, return the table."""
    import json

    from retrieval.index.embed import make_embedder
    from retrieval.eval.baseline import LangChainBaseline

    settings = settings or Settings()
    embedder = embedder or make_embedder(settings.embedder)
    cache = cache or default_cache()
    sets = [s for s in standard_sets(project_root, shared) if not names or s.name in names]
    rows: list[SetScores] = []
    indexes: dict[str, Index] = {}
    baselines: dict[str, LangChainBaseline] = {}
    for eval_set in sets:
        key = _cache_name("index", eval_set.files, embedder)
        if key not in indexes:
            indexes[key] = corpus_index(eval_set.files, cache, embedder, settings)
        base = None
        if baseline:
            if key not in baselines:
                folder = cache / _cache_name("langchain", eval_set.files, embedder)
                baselines[key] = LangChainBaseline(eval_set.files, folder, embedder,
                                                   ef_search=settings.store.hnsw_ef_search)
            base = baselines[key].search
        rows += score_set(eval_set, indexes[key], base)
    for index in indexes.values():
        index.close()
    if as_json:
        return "\n".join(json.dumps(r.model_dump(), ensure_ascii=False) for r in rows)
    skipped = "" if shared.is_dir() else f"\n(skipped the sets over {shared}: folder not found)"
    return format_suite(rows) + skipped
