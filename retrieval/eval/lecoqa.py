"""The retrieval harness on LeCoQA (real legal-consultation questions over statute articles, gold ids).

Each statute article is one document and one passage (they are already short and self-contained), so
document-aware ranking treats articles as the separate documents they are. The index lives in its own data
folder, outside the repository, and is built once.

The STARD-style pool goes through the product's own file ingest instead: 5,000 articles (every gold
article plus a fixed sample of distractors, duplicates and very short articles included) written as one
file each, so that refusals and duplicate handling are measured as an admin's upload would meet them.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from datetime import date
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
    started = time.monotonic()
    prepared = [_article(row) for row in _passages(folder, pool)]
    index.ingest_prepared(prepared, progress=progress)
    record = {"large_index_build_s": round(time.monotonic() - started, 1), "large_index_built": str(date.today()),
              "large_index_embedder": index.embedder.name}
    (data_dir / "build.json").write_text(json.dumps(record), encoding="utf-8")  # read by `make bench`
    return index


def gold_article_texts(folder: Path) -> list[str]:
    """The gold pool's articles as their index texts, in file order (for comparing embedders)."""
    return [passages[0].index_text for _, passages in map(_article, _passages(folder, "gold"))]


def _article(row: dict) -> tuple[Document, list[Passage]]:
    text = row["content"].strip()
    doc = Document(name=f"lecoqa-{row['id']}", title=row["name"], text=text,
                   content_hash=hashlib.sha256(f"{row['name']}\n{text}".encode()).hexdigest())
    return doc, [Passage(id=f"lecoqa-{row['id']}", doc=doc.name, ordinal=0, start=0, end=len(text),
                         section=row["name"], text=text, index_text=index_form(f"{row['name']}\n{text}"))]


def write_stard_pool(folder: Path, out: Path, size: int = 5000, seed: int = 20261129) -> list[Path]:
    """Every gold article plus a fixed sample of distractors, one `<id>.txt` file each (title line + text)."""
    rows = _passages(folder, "all")
    gold = [r for r in rows if r["source"] == "gold"]
    others = [r for r in rows if r["source"] != "gold"]
    random.Random(seed).shuffle(others)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for row in gold + others[:max(0, size - len(gold))]:
        path = out / f"{row['id']}.txt"
        if not path.exists():
            path.write_text(f"{row['name']}\n{row['content'].strip()}\n", encoding="utf-8")
        paths.append(path)
    return paths


def _articles(rows: list[dict]) -> dict[str, str]:
    """Each passage id → the first id of its identical copies (same name and text: one article, listed
    under several ids in LeCoQA; the product's own ingest indexes such a copy once)."""
    first: dict[tuple[str, str], str] = {}
    return {f"lecoqa-{r['id']}": first.setdefault(_key(r["name"], r["content"]), f"lecoqa-{r['id']}") for r in rows}


def _key(name: str, text: str) -> tuple[str, str]:
    return name, text.strip()


def evaluate_files(folder: Path, index: Index, paths: list[Path]) -> dict:
    """recall@10/100 on a pool ingested from files; a file indexed under its identical twin counts as found."""
    stems = {p.stem for p in paths}
    searcher = Searcher(index)
    return _score(folder, [r for r in _passages(folder, "all") if r["id"] in stems],
                  lambda q: [f"lecoqa-{Path(h.source).stem}" for h in searcher.search(q, k=max(CUTOFFS))],
                  "hybrid, files")


def bm25_baseline(folder: Path, pool: str) -> dict:
    """BM25 alone, built in memory over the pool (no embedding needed: cheap even for 60k articles)."""
    from retrieval.index.lexical import BM25Index, tokenize

    rows = _passages(folder, pool)
    ids = [f"lecoqa-{row['id']}" for row in rows]
    bm25 = BM25Index.build(ids, [tokenize(index_form(f"{row['name']}\n{row['content']}")) for row in rows])
    return _score(folder, rows, lambda q: [pid for pid, _ in bm25.top(searcher_tokens(q), max(CUTOFFS))],
                  "bm25")


def _score(folder: Path, rows: list[dict], rank, method: str) -> dict:
    """Recall and MRR over the articles of the pool `rows`, for the gold ids and for the named gold articles.

    Identical copies are one article, found through any of them and counted once in a ranking. For 64 of
    the 454 gold ids, the id's article is not the one the question's `gold_names` and `gold_texts` name
    (民法典第九百九十条 for a medical-malpractice question whose gold text is 第一千二百二十一条); the
    `named_` figures take the named article where the pool has it (the id otherwise). Questions with an
    even qid form the half that search settings may be tuned on (`tune_`), odd ones the test half.
    """
    article = _articles(rows)
    named_article = _NamedGold(rows, article)
    questions = [json.loads(line) for line in (folder / "questions.jsonl").open(encoding="utf-8")]
    by_ids, by_names = [], []
    for question in questions:
        ranked = list(dict.fromkeys(article.get(pid, pid) for pid in rank(question["question"])))
        by_ids.append(_recall({article[g] for g in _gold_ids(question) if g in article}, ranked))
        by_names.append(_recall(named_article.of(question), ranked))
    tune = [n for n, question in enumerate(questions) if question["qid"] % 2 == 0]
    test = [n for n in range(len(questions)) if n not in set(tune)]
    figures = {**_means(by_ids, ""), **_means(by_names, "named_"),
               **_means([by_names[n] for n in tune], "named_tune_"), **_means([by_names[n] for n in test], "named_test_")}
    return {"questions": len(questions), "passages": len(article), "articles": len(set(article.values())),
            **figures, "method": method}


def _gold_ids(question: dict) -> list[str]:
    return [f"lecoqa-{g}" for g in question["gold_ids"]]


class _NamedGold:
    """The articles a question's gold names and texts name, found in the pool (the gold id's own otherwise)."""

    def __init__(self, rows: list[dict], article: dict[str, str]) -> None:
        self.article = article
        self.names = {f"lecoqa-{r['id']}": r["name"] for r in rows}
        self.by_text = {_key(r["name"], r["content"]): article[f"lecoqa-{r['id']}"] for r in rows}

    def of(self, question: dict) -> set[str]:
        found = set()
        for gold, name, text in zip(_gold_ids(question), question.get("gold_names", []), question.get("gold_texts", [])):
            if self.names.get(gold) == name:
                found.add(self.article[gold])
            elif (match := self.by_text.get(_key(name, text), self.article.get(gold))) is not None:
                found.add(match)
        return found or {self.article[g] for g in _gold_ids(question) if g in self.article}


def _means(per_question: list[dict[str, float]], prefix: str) -> dict[str, float]:
    if not per_question:
        return {}
    return {f"{prefix}{name}": round(sum(q[name] for q in per_question) / len(per_question), 4) for name in per_question[0]}


def _recall(gold: set[str], ranked: list[str]) -> dict[str, float]:
    first = next((i for i, pid in enumerate(ranked, start=1) if pid in gold), None)
    return {**{f"recall_at_{c}": len(gold & set(ranked[:c])) / max(len(gold), 1) for c in CUTOFFS},
            "mrr": 1 / first if first else 0.0}


def evaluate(folder: Path, index: Index, bm25_only: bool = False) -> dict:
    """recall@10/100 (share of gold articles found, averaged over questions) and MRR on a built index."""
    searcher = Searcher(index)
    if bm25_only:
        def rank(question):
            return [pid for pid, _ in index.bm25().top(searcher_tokens(question), max(CUTOFFS))]
    else:
        def rank(question):
            return [h.passage_id for h in searcher.search(question, k=max(CUTOFFS))]
    indexed = set(index.catalog.passage_ids())
    rows = [r for r in _passages(folder, "all") if f"lecoqa-{r['id']}" in indexed]
    return _score(folder, rows, rank, "bm25" if bm25_only else "hybrid")


def searcher_tokens(question: str) -> list[str]:
    from retrieval.search.hybrid import Query

    return Query(question).tokens
