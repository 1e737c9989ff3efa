"""The retrieval harness on LeCoQA (real legal-consultation questions over statute articles, gold ids).

Each statute article is one passage (they are already short and self-contained). The index lives in
its own data folder, outside the repository, and is built once.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from retrieval.ingest.clean import index_form
from retrieval.index.store import Index
from retrieval.search.hybrid import Searcher
from retrieval.settings import Settings, StoreSettings
from retrieval.types import Document, Passage

CUTOFFS = (10, 100)


def _passages(folder: Path, pool: str) -> list[dict]:
    unique: dict[str, dict] = {}
    for line in (folder / "passages.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        unique.setdefault(row["id"], row)  # one id appears twice in the file: keep its first row
    return [row for row in unique.values() if pool == "all" or row["source"] == "gold"]


def build(folder: Path, data_dir: Path, pool: str, embedder=None, progress: bool | None = None) -> Index:
    """Index the pool ('gold': 1,445 gold articles; 'all': 60,539) unless that index already exists."""
    index = Index(Settings(store=StoreSettings(data_dir=data_dir)), embedder=embedder)
    if index.status()["passages"]:
        return index
    rows = _passages(folder, pool)
    doc = Document(name=f"lecoqa-{pool}", title="LeCoQA statute articles", text="",
                   content_hash=hashlib.sha256(f"lecoqa-{pool}-{len(rows)}".encode()).hexdigest())
    passages = [Passage(id=f"lecoqa-{row['id']}", doc=doc.name, ordinal=i, start=0, end=0, section=row["name"],
                        text=row["content"].strip(), index_text=index_form(f"{row['name']}\n{row['content']}"))
                for i, row in enumerate(rows)]
    index.ingest_prepared([(doc, passages)], progress=progress)
    return index


def bm25_baseline(folder: Path, pool: str) -> dict:
    """BM25 alone, built in memory over the pool (no embedding needed: cheap even for 60k articles)."""
    from retrieval.index.lexical import BM25Index, tokenize

    rows = _passages(folder, pool)
    ids = [f"lecoqa-{row['id']}" for row in rows]
    bm25 = BM25Index.build(ids, [tokenize(index_form(f"{row['name']}\n{row['content']}")) for row in rows])
    return _score(folder, set(ids), lambda q: [pid for pid, _ in bm25.top(searcher_tokens(q), max(CUTOFFS))],
                  "bm25")


def _score(folder: Path, pool: set[str], rank, method: str) -> dict:
    questions = [json.loads(line) for line in (folder / "questions.jsonl").open(encoding="utf-8")]
    recall = {c: 0.0 for c in CUTOFFS}
    mrr = 0.0
    for question in questions:
        gold = {f"lecoqa-{g}" for g in question["gold_ids"]} & pool
        ranked = rank(question["question"])
        for cutoff in CUTOFFS:
            recall[cutoff] += len(gold & set(ranked[:cutoff])) / max(len(gold), 1)
        first = next((i for i, pid in enumerate(ranked, start=1) if pid in gold), None)
        mrr += 1 / first if first else 0.0
    n = len(questions)
    return {"questions": n, "passages": len(pool), **{f"recall_at_{c}": round(recall[c] / n, 4) for c in CUTOFFS},
            "mrr": round(mrr / n, 4), "method": method}


def evaluate(folder: Path, index: Index, bm25_only: bool = False) -> dict:
    """recall@10/100 (share of gold articles found, averaged over questions) and MRR on a built index."""
    searcher = Searcher(index)
    if bm25_only:
        def rank(question):
            return [pid for pid, _ in index.bm25().top(searcher_tokens(question), max(CUTOFFS))]
    else:
        def rank(question):
            return [h.passage_id for h in searcher.search(question, k=max(CUTOFFS))]
    return _score(folder, set(index.catalog.passage_ids()), rank, "bm25" if bm25_only else "hybrid")


def searcher_tokens(question: str) -> list[str]:
    from retrieval.search.hybrid import Query

    return Query(question).tokens
