"""What an extractive answer is: its text with [n] markers, and the hits those markers number."""

from __future__ import annotations

from pydantic import BaseModel

from retrieval.answer.ground import FirstCited
from retrieval.answer.units import Unit
from retrieval.types import Hit


class Extract(BaseModel):
    """An extractive answer: text with [n] markers and the hits it cites, in marker order."""

    text: str
    cited: list[Hit] = []


class HitNumbering(FirstCited):
    """Hits, by rank, numbered [1], [2], … in the order an answer first cites them. A sentence of a hit's reading
    window under another heading (a compilation's next region) is cited as that passage, numbered apart: Jilin's
    figures quoted from Guangxi's window had been cited to Guangxi's section."""

    def __init__(self, hits: list[Hit]) -> None:
        super().__init__()
        self.by_rank = {h.rank: h for h in hits}
        self._neighbours: dict[tuple[int, str], Hit] = {}

    def mark_unit(self, unit: Unit) -> str:
        """The marker of the passage a sentence is in."""
        hit = self.by_rank[unit.hit_rank]
        part = next((p for p in hit.parts if p.passage_id == unit.passage), None)
        if part is None or part.passage_id == hit.passage_id or part.section == hit.section:
            return self.mark(unit.hit_rank)
        key = (unit.hit_rank, part.passage_id)
        if key not in self._neighbours:  # marked once per sentence shown, and again for the lead: built once
            self._neighbours[key] = hit.model_copy(update={"section": part.section, "text": part.text, "regions": part.regions,
                                                           "passage_id": part.passage_id, "context": "", "context_ids": [],
                                                           "parts": []})
        return self.mark(key)

    def mark_hit(self, hit: Hit) -> str:
        """The marker of a hit as an answer cites it: one of the numbered hits, or a passage of one's window."""
        own = self.by_rank.get(hit.rank)
        if own is not None and own.passage_id == hit.passage_id:
            return self.mark(hit.rank)
        self._neighbours[(hit.rank, hit.passage_id)] = hit
        return self.mark((hit.rank, hit.passage_id))

    def cited(self) -> list[Hit]:
        return [self._neighbours[key] if isinstance(key, tuple) else self.by_rank[key] for key in self.order]
