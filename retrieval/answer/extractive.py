"""Extractive answers: the sentences of the top passages that carry the answer and its figures, cited."""

from __future__ import annotations

from pydantic import BaseModel, Field

from retrieval.ingest.clean import index_form
from retrieval.search.crosslingual import translate_question
from retrieval.answer.ground import CITATION, INJECTION, URL, language_of
from retrieval.index.lexical import tokenize
from retrieval.search.regions import gazetteer
from retrieval.answer.sentences import figures, split_sentences
from retrieval.types import Hit

EXTRACTIVE_LABEL = {
    "zh": "以下为检索到的原文摘录（未使用语言模型）：",
    "en": "Extractive answer (no language model), quoting the sources:",
}
NOT_FOUND = {
    "zh": "检索到的资料中没有找到能回答这个问题的内容。",
    "en": "The indexed documents do not contain an answer to this question.",
}
NOT_FOUND_PLACE = {
    "zh": "检索到的资料中没有关于{place}的相关内容。",
    "en": "The indexed documents say nothing about {place} on this question.",
}
MAX_SENTENCES = 6
MAX_PER_PASSAGE = 3
FIGURE_BONUS = 0.5
RANK_DECAY = 0.08
RELATIVE_FLOOR = 0.4  # sentences scoring under this share of the best one are noise
# Words in nearly every sentence of these reports: they say nothing about the topic.
GENERIC = {"检察", "检察院", "检察机关", "人民检察院", "检察官", "全市", "全省", "全区", "省", "市", "怎么样", "怎么",
           "样", "多少", "哪些", "情况", "工作", "察院", "机关", "检察工作"}


class Extract(BaseModel):
    """An extractive answer: text with [n] markers and the hits it cites, in marker order."""

    text: str
    cited: list[Hit] = Field(default_factory=list)


class _Scored(BaseModel):
    score: float
    hit_rank: int
    position: int
    sentence: str


def question_terms(question: str) -> tuple[list[str], list[str]]:
    """(topic terms, place terms) of a question, in the simplified Chinese the passages are compared in."""
    places: list[str] = []
    for region in gazetteer().find_in_question(question):
        places.extend(p for p in (region.name, region.short) if p and p not in places)
    if language_of(question) == "en":
        terms = translate_question(question).terms
    else:
        terms = tokenize(index_form(question))
    topic = [t for t in dict.fromkeys(index_form(t) for t in terms)
             if len(t) > 1 and t not in GENERIC and t not in places and not any(t in p for p in places)]
    return topic, places


def _score(sentence: str, topic: list[str], places: list[str]) -> float:
    text = index_form(sentence)
    matched = [t for t in topic if t in text]
    if not matched:
        return 0.0
    score = sum(min(len(t), 4) for t in matched) / max(1, sum(min(len(t), 4) for t in topic))
    score += 0.3 * any(p in text for p in places)
    return score + FIGURE_BONUS * bool(figures(sentence))


def _usable(sentence: str) -> bool:
    return len(sentence) >= 8 and not INJECTION.search(sentence) and not URL.search(sentence)


def _candidates(hits: list[Hit], topic: list[str], places: list[str]) -> list[_Scored]:
    scored = []
    for hit in hits:
        sentences = [s for s in split_sentences(hit.text) if _usable(s)]
        for position, sentence in enumerate(sentences):
            score = _score(sentence, topic, places)
            if score > 0:
                score *= 1.0 - RANK_DECAY * (hit.rank - 1)
                scored.append(_Scored(score=score, hit_rank=hit.rank, position=position, sentence=sentence))
    return scored


def _select(scored: list[_Scored]) -> list[_Scored]:
    chosen: list[_Scored] = []
    floor = RELATIVE_FLOOR * max((s.score for s in scored), default=0.0)
    scored = [s for s in scored if s.score >= floor]
    per_passage: dict[int, int] = {}
    seen: set[str] = set()
    for item in sorted(scored, key=lambda s: (-s.score, s.hit_rank, s.position)):
        key = index_form(item.sentence)
        if per_passage.get(item.hit_rank, 0) >= MAX_PER_PASSAGE or key in seen:
            continue
        chosen.append(item)
        seen.add(key)
        per_passage[item.hit_rank] = per_passage.get(item.hit_rank, 0) + 1
        if len(chosen) == MAX_SENTENCES:
            break
    # Read in source order: by passage rank, then by position inside the passage.
    return sorted(chosen, key=lambda s: (s.hit_rank, s.position))


def _about_places(hits: list[Hit], places: list[str], question: str) -> list[Hit]:
    """Hits about the places the question names (all hits when it names none)."""
    wanted = {r.name for r in gazetteer().find_in_question(question)}
    if not wanted:
        return hits
    return [h for h in hits if wanted & set(h.regions) or any(p in index_form(h.text) for p in places)]


def extractive_answer(question: str, hits: list[Hit], language: str | None = None) -> Extract:
    """Quote the best sentences of the hits with [n] markers under a label saying no model was used."""
    language = language or language_of(question)
    topic, places = question_terms(question)
    relevant = _about_places(hits, places, question)
    if hits and not relevant:
        place = "、".join(r.short or r.name for r in gazetteer().find_in_question(question))
        return Extract(text=NOT_FOUND_PLACE[language].format(place=place))
    chosen = _select(_candidates(relevant, topic, places))
    if not chosen:
        return Extract(text=NOT_FOUND[language])
    numbers: dict[int, int] = {}
    lines = []
    for item in chosen:
        n = numbers.setdefault(item.hit_rank, len(numbers) + 1)
        lines.append(f"- {item.sentence.strip()}{CITATION.format(n=n)}")
    by_rank = {h.rank: h for h in hits}
    cited = [by_rank[rank] for rank in sorted(numbers, key=numbers.get)]
    return Extract(text=EXTRACTIVE_LABEL[language] + "\n" + "\n".join(lines), cited=cited)
