"""Retrieval evaluation: recall@k and MRR per language on a question set with gold passages."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from pydantic import BaseModel

from retrieval.types import Hit

CUTOFFS = (1, 3, 5, 10)


class EvalQuestion(BaseModel):
    id: str
    lang: str
    question: str
    source: str
    phrase: str


class EvalScores(BaseModel):
    lang: str
    n: int
    recall: dict[int, float]
    mrr: float
    misses: list[str]
    passage_recall_at_5: float = 0.0


def load_questions(path: Path | None = None) -> list[EvalQuestion]:
    if path is None:
        text = resources.files("retrieval").joinpath("resources/eval/seeds.jsonl").read_text(encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    return [EvalQuestion.model_validate_json(line) for line in text.splitlines() if line.strip()]


def first_relevant(question: EvalQuestion, hits: list[Hit], strict: bool = False) -> int | None:
    """1-based rank of the first hit from the right document whose text as shown contains the phrase
    (`strict`: the matched passage itself, not its reading context)."""
    for hit in hits:
        if hit.source == question.source and question.phrase in (hit.text if strict else hit.readable):
            return hit.rank
    return None


def evaluate(questions: list[EvalQuestion], search: Callable[[str, int], list[Hit]],
             k: int = max(CUTOFFS)) -> list[EvalScores]:
    """Scores per language and overall ('all')."""
    ranks: dict[str, list[int | None]] = {}
    strict: dict[str, list[bool]] = {}
    misses: dict[str, list[str]] = {}
    for question in questions:
        hits = search(question.question, k)
        rank = first_relevant(question, hits)
        passage_rank = first_relevant(question, hits, strict=True)
        for lang in (question.lang, "all"):
            ranks.setdefault(lang, []).append(rank)
            strict.setdefault(lang, []).append(bool(passage_rank and passage_rank <= 5))
            if rank is None or rank > 5:
                misses.setdefault(lang, []).append(question.id)
    return [
        EvalScores(lang=lang, n=len(values),
                   recall={c: sum(1 for r in values if r and r <= c) / len(values) for c in CUTOFFS},
                   mrr=sum(1 / r for r in values if r) / len(values), misses=misses.get(lang, []),
                   passage_recall_at_5=sum(strict[lang]) / len(values))
        for lang, values in sorted(ranks.items(), key=lambda item: item[0] == "all")
    ]


def format_table(scores: list[EvalScores]) -> str:
    header = "lang   n    " + "  ".join(f"R@{c:<3}" for c in CUTOFFS) + "  MRR"
    rows = [f"{s.lang:<5} {s.n:<4} " + "  ".join(f"{s.recall[c]:.3f}" for c in CUTOFFS) + f"  {s.mrr:.3f}"
            for s in scores]
    return "\n".join([header, *rows])


def to_json(scores: list[EvalScores]) -> str:
    return json.dumps([s.model_dump() for s in scores], ensure_ascii=False)
