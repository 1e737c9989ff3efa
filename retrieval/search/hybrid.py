"""Hybrid search: BM25 + dense, fused by reciprocal rank, then region awareness and filters."""

from __future__ import annotations

from retrieval.ingest.clean import has_cjk, index_form
from retrieval.search.crosslingual import translate_question
from retrieval.errors import JianchaError
from retrieval.index.store import Index, date_number
from retrieval.index.lexical import tokenize
from retrieval.search.regions import gazetteer
from retrieval.types import Document, Filters, Hit, Passage


class Query:
    """What one question becomes: BM25 tokens, dense query texts and the places it names."""

    def __init__(self, question: str) -> None:
        self.question = question.strip()
        self.english = not has_cjk(self.question)
        self.regions = [r.name for r in gazetteer().find_in_question(self.question)]
        if self.english:
            translation = translate_question(self.question)
            self.lexical_text = translation.query
            self.dense_texts = [self.question] + ([translation.query] if translation.terms else [])
        else:
            simplified = index_form(self.question)
            self.lexical_text = simplified
            self.dense_texts = [simplified]
        self.tokens = tokenize(self.lexical_text)


def _rrf(rankings: list[list[str]], k: int, weights: list[float]) -> dict[str, float]:
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, pid in enumerate(ranking):
            fused[pid] = fused.get(pid, 0.0) + weight / (k + rank + 1)
    return fused


class Searcher:
    """Searches an Index; one instance serves many questions (BM25 and the model stay warm)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.settings = index.settings.search
        self._docs: tuple[int, dict[str, Document]] = (-1, {})

    def search(self, question: str, k: int | None = None, filters: Filters | None = None) -> list[Hit]:
        if not question.strip():
            raise JianchaError("the question is empty; type what you want to know")
        k = k or self.settings.k
        filters = filters or Filters()
        query = Query(question)
        depth = self.settings.candidates * (4 if not filters.empty else 1)
        rankings = [[pid for pid, _ in self.index.bm25().top(query.tokens, depth)]]
        where = self._where(filters)
        # One call for an English question's wording and its translation: ~20 % cheaper than two.
        for vector in self.index.embedder.embed_batch(query.dense_texts, query=True):
            rankings.append([pid for pid, _ in self.index.vectors.search(vector, depth, where)])
        weights = [1.0] * len(rankings)
        if query.english:
            weights[1] = self.settings.english_dense_weight  # the English wording: the weakest list
        fused = _rrf(rankings, self.settings.rrf_k, weights)
        passages = self.index.catalog.passages(list(fused))  # vectors unknown to the catalog drop out here
        docs = self.documents()
        region = gazetteer().lookup(filters.region) if filters.region else None
        if filters.region and region is None:
            return []  # a place the gazetteer does not know has no passages
        wanted_regions = set(query.regions)
        scored = []
        for pid, passage in passages.items():
            if not self._allowed(passage, filters, region.name if region else None, docs):
                continue
            score = fused[pid]
            if wanted_regions and wanted_regions & set(passage.regions):
                score *= 1.0 + self.settings.region_boost
            scored.append((score, passage))
        scored.sort(key=lambda item: (-item[0], item[1].id))
        return [self._hit(rank, score, passage, docs.get(passage.doc))
                for rank, (score, passage) in enumerate(scored[:k], start=1)]

    def _where(self, filters: Filters) -> dict | None:
        clauses: list[dict] = []
        if filters.docs:
            clauses.append({"doc": {"$in": list(filters.docs)}})
        if filters.date_from:
            clauses.append({"date": {"$gte": date_number(filters.date_from)}})
        if filters.date_to:
            clauses.append({"date": {"$lte": date_number(filters.date_to) or 99999999}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    @staticmethod
    def _allowed(passage: Passage, filters: Filters, region: str | None, docs: dict[str, Document]) -> bool:
        if filters.docs and passage.doc not in filters.docs:
            return False
        if region and region not in passage.regions:
            return False
        if filters.date_from or filters.date_to:
            doc = docs.get(passage.doc)
            date = date_number(doc.date if doc else None)
            if filters.date_from and date < date_number(filters.date_from):
                return False
            if filters.date_to and date > date_number(filters.date_to):
                return False
        return True

    def documents(self) -> dict[str, Document]:
        """Documents by name, read once per catalog generation (titles, dates, issuers for hits and citations)."""
        generation = self.index.catalog.generation()
        if self._docs[0] != generation:
            self._docs = (generation, {d.name: d for d in self.index.documents()})
        return self._docs[1]

    @staticmethod
    def _hit(rank: int, score: float, passage: Passage, doc: Document | None) -> Hit:
        return Hit(rank=rank, score=round(score, 6), source=passage.doc, title=doc.title if doc else passage.doc,
                   section=passage.section, text=passage.text, regions=passage.regions, passage_id=passage.id,
                   date=doc.date if doc else None)
