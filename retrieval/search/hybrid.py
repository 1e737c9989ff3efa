"""Hybrid, document-aware search: BM25 + dense fused by reciprocal rank, then documents and neighbours.

Passages stay small so a citation is exact, but they are scored with their context: each passage's
fused score gains its document's rank (documents ranked by their best passages, so a document that
matches the facts *and* the outcome wins) and part of its best neighbour's score (the answer is often
the passage after the one that matches the question's wording). A hit carries a reading context (the
passage with its neighbours); passages already inside a better hit's context are not repeated.
"""

from __future__ import annotations

import re

from retrieval.ingest.clean import has_cjk, index_form
from retrieval.search.colloquial import statutory_terms
from retrieval.search.crosslingual import Translation, translate_question
from retrieval.errors import JianchaError
from retrieval.index.store import Index, date_bound, date_number
from retrieval.index.lexical import tokenize
from retrieval.search.regions import gazetteer
from retrieval.settings import SearchSettings
from retrieval.types import ContextPart, Document, Filters, Hit, Passage

DOCUMENT_DECAY = (1.0, 0.3)  # a document's score: its best passages' scores, decayed


class Query:
    """What one question becomes: BM25 tokens (trusted and weak), dense query texts and the places it names."""

    def __init__(self, question: str, settings: SearchSettings | None = None) -> None:
        settings = settings or SearchSettings()
        self.question = question.strip()
        self.english = not has_cjk(self.question)
        self.regions = [r.name for r in gazetteer().find_in_question(self.question)]
        # dictionary guesses (English) or statutory words for everyday ones (Chinese), each with its weight
        self.weak: list[tuple[list[str], float]] = []
        if self.english:
            translation = translate_question(self.question, glossary_on=settings.use_glossary,
                                             dictionary_on=settings.use_dictionary)
            self.lexical_text = index_form(translation.query)
            self.weak = _weak_rarity(translation)
            dense = index_form(translation.dense_query)
            self.dense_texts = [self.question] + ([dense] if dense else [])
        else:
            simplified = index_form(self.question)
            self.lexical_text = simplified
            self.dense_texts = [simplified]
            if settings.use_colloquial:
                statutory = statutory_terms(simplified)
                self.weak = [(tokenize(" ".join(statutory)), 1.0)] if statutory else []
                if statutory:
                    self.dense_texts = [f"{simplified} {' '.join(statutory)}"]
        self.tokens = tokenize(self.lexical_text)

    @property
    def weak_tokens(self) -> list[str]:
        return [token for tokens, _ in self.weak for token in tokens]

    def lexical_groups(self, weak_weight: float) -> list[tuple[list[str], float]]:
        """BM25 token groups and their weights: trusted terms 1, weak ones `weak_weight` times their own weight
        (an English guess's: how rare its English word is, see crosslingual.english_rarity)."""
        return [(self.tokens, 1.0)] + [(tokens, weak_weight * weight) for tokens, weight in self.weak]


def _weak_rarity(translation: Translation) -> list[tuple[list[str], float]]:
    """The translation's dictionary guesses as tokens with their English word's rarity (the highest when a
    term renders several words)."""
    rarity: dict[str, float] = {}
    for group, weight in zip(translation.weak_groups, translation.weak_weights):
        for term in group:
            rarity[term] = max(rarity.get(term, 0.0), weight)
    return [(tokenize(index_form(term)), weight) for term, weight in rarity.items()]


HEADNOTE = re.compile(r"裁判要点|要旨|内容摘要|摘要|内容提要|基本要点|指导意义")
HEADNOTE_WITHIN = 6  # ordinals from the start where a headnote can be


def _date_range(filters: Filters) -> tuple[int, int] | None:
    """The filter's first and last allowed date numbers (each bound parsed once per search); None without dates."""
    if not (filters.date_from or filters.date_to):
        return None
    return (date_bound(filters.date_from) if filters.date_from else 1,
            date_bound(filters.date_to, last=True) if filters.date_to else 99_999_999)


def rrf(rankings: list[list[str]], k: int, weights: list[float] | None = None) -> dict[str, float]:
    """Reciprocal-rank fusion: each id's weighted sum of 1 / (k + rank) over the rankings it is in."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, pid in enumerate(ranking):
            fused[pid] = fused.get(pid, 0.0) + weight / (k + rank + 1)
    return fused


class Searcher:
    """Searches an Index; one instance serves many questions (BM25 and the model stay warm)."""

    def __init__(self, index: Index, settings: SearchSettings | None = None) -> None:
        self.index = index
        self.settings = settings or index.settings.search
        self._docs: tuple[int, dict[str, Document]] = (-1, {})
        self._headnotes: tuple[int, dict[str, list[Passage]]] = (-1, {})

    def search(self, question: str, k: int | None = None, filters: Filters | None = None,
               context: bool = True) -> list[Hit]:
        """The k best hits; `context=False` returns bare passages (no reading context, neighbours not folded)."""
        if not question.strip():
            raise JianchaError("the question is empty; type what you want to know")
        k = k or self.settings.k
        filters = filters or Filters()
        query = Query(question, self.settings)
        dates = _date_range(filters)
        fused = self._fused(query, filters, k, dates)
        passages = self.index.catalog.passages(list(fused))  # vectors unknown to the catalog drop out here
        docs = self.documents()
        region = gazetteer().lookup(filters.region) if filters.region else None
        if filters.region and region is None:
            return []  # a place the gazetteer does not know has no passages
        allowed = {pid: p for pid, p in passages.items()
                   if self._allowed(p, filters, region.name if region else None, docs, dates)}
        scores = self._document_aware({pid: fused[pid] for pid in allowed}, allowed)
        wanted_regions = set(query.regions)
        if wanted_regions:
            for pid, passage in allowed.items():
                if wanted_regions & set(passage.regions):
                    scores[pid] *= 1.0 + self.settings.region_boost
        ranked = sorted(allowed.values(), key=lambda p: (-scores[p.id], p.id))
        if not context:
            return [passage_hit(rank, scores[p.id], p, docs.get(p.doc), [p]) for rank, p in enumerate(ranked[:k], 1)]
        return self._hits(ranked, scores, k, docs)

    def _fused(self, query: Query, filters: Filters, k: int, dates: tuple[int, int] | None) -> dict[str, float]:
        """Reciprocal-rank fusion of BM25 and one dense list per query text."""
        depth = max(self.settings.candidates, 2 * k) * (4 if not filters.empty else 1)
        bm25 = self.index.bm25()
        lexical = bm25.weighted(query.lexical_groups(self.settings.dictionary_weight))
        rankings = [[pid for pid, _ in bm25.top(lexical, depth)]]
        where = self._where(filters, dates)
        # An English question's wording and its translation: one embedding call (~20 % cheaper than two) and
        # one Chroma query for both.
        vectors = self.index.embedder.embed_batch(query.dense_texts, query=True)
        rankings += [[pid for pid, _ in found] for found in self.index.vectors.search_many(vectors, depth, where)]
        weights = [self.settings.lexical_weight] + [1.0] * (len(rankings) - 1)
        if query.english:
            weights[1] = self.settings.english_dense_weight  # the English wording: the weakest list
        return rrf(rankings, self.settings.rrf_k, weights)

    def _document_aware(self, fused: dict[str, float], passages: dict[str, Passage]) -> dict[str, float]:
        """Each passage's score plus its document's rank and part of its best neighbour's score."""
        by_doc: dict[str, list[float]] = {}
        for pid, score in fused.items():
            by_doc.setdefault(passages[pid].doc, []).append(score)
        doc_score = {doc: sum(w * s for w, s in zip(DOCUMENT_DECAY, sorted(v, reverse=True)))
                     for doc, v in by_doc.items()}
        doc_rank = {doc: rank for rank, doc in enumerate(sorted(doc_score, key=lambda d: -doc_score[d]))}
        at = {(p.doc, p.ordinal): fused[pid] for pid, p in passages.items()}
        scores = {}
        for pid, passage in passages.items():
            neighbour = max(at.get((passage.doc, passage.ordinal - 1), 0.0), at.get((passage.doc, passage.ordinal + 1), 0.0))
            document = self.settings.document_weight / (self.settings.rrf_k + doc_rank[passage.doc] + 1)
            scores[pid] = fused[pid] + document + self.settings.neighbour_weight * neighbour
        return scores

    def _hits(self, ranked: list[Passage], scores: dict[str, float], k: int, docs: dict[str, Document]) -> list[Hit]:
        """The k best passages with their reading contexts; a passage inside a better hit's context is skipped."""
        hits: list[Hit] = []
        covered: set[str] = set()
        headed: set[str] = set()
        for passage in ranked:
            if passage.id in covered:
                continue
            window = self._window(passage)
            if passage.doc not in headed:  # a document's first hit also shows its headnote (裁判要点, 要旨)
                headed.add(passage.doc)
                window = sorted({p.id: p for p in self._headnote(passage.doc) + window}.values(), key=lambda p: p.ordinal)
            covered.update(p.id for p in window)
            hits.append(passage_hit(len(hits) + 1, scores[passage.id], passage, docs.get(passage.doc), window))
            if len(hits) == k:
                break
        return hits

    def _headnote(self, doc: str) -> list[Passage]:
        """The passages of a document's own summary section near its start (裁判要点, 要旨, 摘要), if short."""
        limit = self.settings.headnote_chars
        if limit <= 0:
            return []
        generation, known = self._headnotes
        if generation != self._docs[0]:  # read once per document and catalog generation, not per search
            self._headnotes = generation, known = self._docs[0], {}
        if doc not in known:
            opening = self.index.catalog.around(doc, 0, HEADNOTE_WITHIN)
            found = [p for p in opening if HEADNOTE.search(p.section or "")]
            known[doc] = found if found and sum(len(p.text) for p in found) <= limit else []
        return known[doc]

    def _window(self, passage: Passage) -> list[Passage]:
        """The passage with up to `context_passages` neighbours each side, within `context_max_chars`."""
        radius = self.settings.context_passages
        if radius <= 0:
            return [passage]
        around = self.index.catalog.around(passage.doc, passage.ordinal - radius, passage.ordinal + radius)
        window = [passage]
        budget = self.settings.context_max_chars - len(passage.text)
        before = [p for p in around if p.ordinal < passage.ordinal][::-1]
        after = [p for p in around if p.ordinal > passage.ordinal]
        for step in range(radius):
            for side in (after, before):
                if step < len(side) and len(side[step].text) <= budget:
                    budget -= len(side[step].text)
                    window.append(side[step])
        return sorted(window, key=lambda p: p.ordinal)

    def _where(self, filters: Filters, dates: tuple[int, int] | None) -> dict | None:
        clauses: list[dict] = []
        if filters.docs:
            clauses.append({"doc": {"$in": list(filters.docs)}})
        if dates:  # undated documents (0) never pass a date filter
            clauses += [{"date": {"$gte": dates[0]}}, {"date": {"$lte": dates[1]}}]
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    @staticmethod
    def _allowed(passage: Passage, filters: Filters, region: str | None, docs: dict[str, Document],
                 dates: tuple[int, int] | None) -> bool:
        if filters.docs and passage.doc not in filters.docs:
            return False
        if region and region not in passage.regions:
            return False
        if dates:
            doc = docs.get(passage.doc)
            date = date_number(doc.date if doc else None)  # 0 when undated: a date filter cannot vouch for it
            return dates[0] <= date <= dates[1]
        return True

    def documents(self) -> dict[str, Document]:
        """Documents by name, read once per catalog generation (titles, dates, issuers for hits and citations)."""
        generation = self.index.catalog.generation()
        if self._docs[0] != generation:
            self._docs = (generation, {d.name: d for d in self.index.documents()})
        return self._docs[1]


def passage_hit(rank: int, score: float, passage: Passage, doc: Document | None,
                window: list[Passage] | None = None) -> Hit:
    """A passage as a hit, read with its window of neighbours when it has more than itself."""
    window = window or [passage]
    context = "\n".join(p.text for p in window) if len(window) > 1 else ""
    return Hit(rank=rank, score=round(score, 6), source=passage.doc, title=doc.title if doc else passage.doc,
               section=passage.section, text=passage.text, regions=passage.regions, passage_id=passage.id,
               date=doc.date if doc else None, context=context,
               context_ids=[p.id for p in window] if len(window) > 1 else [],
               parts=[ContextPart(passage_id=p.id, section=p.section, text=p.text, regions=p.regions)
                      for p in window] if len(window) > 1 else [])
