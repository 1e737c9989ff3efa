"""What an extractive answer is: its text with [n] markers, and the hits those markers number."""

from __future__ import annotations

from pydantic import BaseModel

from retrieval.answer.ground import FirstCited
from retrieval.types import Hit


class Extract(BaseModel):
    """An extractive answer: text with [n] markers and the hits it cites, in marker order."""

    text: str
    cited: list[Hit] = []


class HitNumbering(FirstCited):
    """Hits, by rank, numbered [1], [2], … in the order an answer first cites them."""

    def __init__(self, hits: list[Hit]) -> None:
        super().__init__()
        self.by_rank = {h.rank: h for h in hits}

    def cited(self) -> list[Hit]:
        return [self.by_rank[rank] for rank in self.order]
