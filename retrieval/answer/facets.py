"""A question asking two things at once ('Did the court accept that, and what sentence did he get?',
'法院支持吗？判了多少？', 'how much …, and why …?') is answered only when each is: its facets are what a
sentence must do to answer one of them, and an answer keeps a sentence for each facet it can."""

from __future__ import annotations

from collections.abc import Callable

from retrieval.answer.question import Asked, Kind
from retrieval.answer.scoring import Scored, tells_new_figure
from retrieval.answer.english import conclusion
from retrieval.answer.traits import FACTS, HOLDING, simple_form, traits_of

Facet = Callable[[Scored], bool]
RELEVANT_SHARE = 0.4  # a sentence answering one part must score this share of the best chosen one
RULE_SHARE = 0.25  # … and the case's rule answering 'why' this share (measured: 0.30 answering, 0.125 another point)


def concludes(scored: Scored) -> bool:
    """The court says which way it goes (a holding's 应予支持, a judgment's 驳回…诉讼请求), not a party telling
    the facts ('原告诉称…不属于…')."""
    text = simple_form(scored.unit.text)
    if scored.under(FACTS):
        return False
    # a court's own wording of a conclusion anywhere; the looser words (属于, 可以, 应当 …) only in its rule
    return conclusion(text) is not None or (traits_of(text).conclusion and scored.under(HOLDING))


def _gives_penalty(scored: Scored) -> bool:
    return traits_of(simple_form(scored.unit.text)).penalty


def _gives_date(scored: Scored) -> bool:
    return traits_of(simple_form(scored.unit.text)).dated


def states_time_limit(scored: Scored) -> bool:
    return traits_of(simple_form(scored.unit.text)).time_limit


def _states_rule(scored: Scored) -> bool:
    return scored.under(HOLDING)


def facets(asked: Asked) -> list[Facet]:
    """What each part of a compound question needs (a conclusion for 'whether', a figure for 'how much', a
    sentence of imprisonment for 'what sentence', the case's rule for 'why'); none for a question asking one
    thing, which the scores alone answer."""
    needs: list[Facet] = []
    if asked.yes_no:
        needs.append(concludes)
    if asked.asks_term:
        needs.append(_gives_penalty)
    elif asked.kind == Kind.FIGURE:
        needs.append(lambda scored: tells_new_figure(scored.unit.text, asked.question))
    if asked.wants_time_limit:
        needs.append(states_time_limit)
    if asked.asks_date:
        needs.append(_gives_date)
    if asked.asks_holding and asked.kind == Kind.FIGURE:
        needs.append(_states_rule)
    return needs if len(needs) >= 2 else []


def with_every_facet(chosen: list[Scored], on_topic: list[Scored], needs: list[Facet]) -> list[Scored]:
    """The chosen sentences, with the best on-topic sentence for each facet none of them meets taking the place
    of the weakest sentence no other facet needs; a sentence far weaker than the chosen ones (a rule on
    another point of the case) does not answer the part."""
    chosen = list(chosen)
    best = max((s.score for s in chosen), default=0.0)
    for need in needs:
        if any(need(s) for s in chosen):
            continue
        # a rule, worded in general terms and without figures, scores lower than the awards beside it; on
        # another point of the case it scores lower still
        floor = (RULE_SHARE if need is _states_rule else RELEVANT_SHARE) * best
        meeting = [s for s in on_topic if need(s) and s.score >= floor
                   and s.unit.text not in {c.unit.text for c in chosen}]
        if not meeting:
            continue
        spare = [s for s in chosen if s not in sole_answers(chosen, needs)]
        if spare and len(chosen) >= 2:
            chosen.remove(min(spare, key=lambda s: s.score))
        chosen.append(max(meeting, key=lambda s: s.score))
    return chosen


def sole_answers(chosen: list[Scored], needs: list[Facet]) -> list[Scored]:
    """The sentences that alone meet a facet: an answer cut to fit a screen keeps them."""
    sole = []
    for need in needs:
        meeting = [s for s in chosen if need(s)]
        if len(meeting) == 1 and meeting[0] not in sole:
            sole.append(meeting[0])
    return sole
