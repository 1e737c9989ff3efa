"""The sections of a case that answer what a question asks of it: the judgment (裁判结果) for 'how did it
end', the rule (裁判要点) for 'whether' or 'what is the rule' — worded in general terms, they carry little of
a question told in the asker's own words, so the composer brings them in by section, not by score."""

from __future__ import annotations

import re

from retrieval.answer.english import conclusion, standing
from retrieval.answer.facets import concludes
from retrieval.answer.instances import Role, opens_decision, roles
from retrieval.answer.question import Asked, Kind
from retrieval.answer.sanctions import punishes_breach_of
from retrieval.answer.scoring import Scored, in_place_of_weakest
from retrieval.answer.definitions import states_value_of
from retrieval.answer.traits import (HOLDING, NAMES_AGENCY, OUTCOME, PARTY_GROUNDS, REASON, REASONING, real_figures,
                                     simple_form, traits_of)
from retrieval.types import Hit


# The lead is the sentence that answers best and carries the most of the question: tuning halves, 0.5 raised
# one first line (spc) and lowered none; 1.0 and 2.0 moved several both ways.
LEAD_COVERAGE = 0.5
# '驳回原告荣宝英的其他诉讼请求': what a judgment's other items left over, which says how it ended only alone
_REST_DISMISSED = re.compile(r"驳回[^。；，,]{0,24}(?:其他|其余)[^。；，,]{0,6}(?:诉讼)?请求")


def case_sections(kept: list[Scored], scored: list[Scored], asked: Asked, hits: list[Hit]) -> list[Scored]:
    """The sections of the answering case the question asks for: 'how did it end?' its judgment, 'what is
    the rule?' its holding. They name the parties or state the rule in general words ('二、原审被告人王力军
    无罪。'), not the question's facts, so they carry little of the topic."""
    # 'Whether' (有没有管辖权？) is what a case's holding says, however the asker told the facts; asked with
    # how it ended (能不能…？最后怎么判的？) the judgment answers it.
    holding = asked.asks_holding or (asked.yes_no and (not asked.asks_outcome or asked.kind == Kind.FIGURE))
    # a case named by number and asked what or how: its holding is what it says in general words
    holding = holding or (bool(asked.named_cases) and asked.kind in (Kind.HOW, Kind.GENERAL))
    reasoning = asked.asks_reason and bool(asked.named_cases)  # '法院为什么这样认定？' of a case: its 裁判理由
    sections = [pattern for pattern, wanted in ((OUTCOME, asked.asks_outcome), (HOLDING, holding),
                                                (REASONING, reasoning),
                                                (asked.asked_list, asked.asked_list is not None)) if wanted]
    if not sections:
        return []
    if not kept:  # '144号依据的是哪条法律？': its list (read from the case, ranked first) though no word of it is asked
        first = hits[0].source if hits and asked.asked_list is not None else None
        source_of = {h.rank: h.source for h in hits}
        return [s for s in scored if first and s.under(asked.asked_list) and source_of.get(s.unit.hit_rank) == first]
    best, taken = max(kept, key=lambda s: s.score), {id(s) for s in kept}
    source = next((h.source for h in hits if h.rank == best.unit.hit_rank), None)
    ranks = {h.rank for h in hits if h.source == source}
    return [s for s in scored if id(s) not in taken and s.unit.hit_rank in ranks
            and any(s.under(pattern) for pattern in sections)
            and (asked.kind != Kind.FIGURE or real_figures(s.unit.text)
                 or ((asked.yes_no or asked.asks_holding) and s.under(HOLDING)))
            # a holding states a rule in general words, naming no party; a judgment naming other people
            # is another defendant's
            and (s.under(HOLDING) or s.under(REASONING) or names_an_asked_person(s, asked))]


def concluded(chosen: list[Scored], asked: Asked, source_of: dict[int, str],
              judged: list[str] = ()) -> tuple[str, str] | None:
    """For 'whether' and 'how did it end' about cases: the first conclusion stated by the sentences of the
    section that answers it in the best sentence's case (`source_of`: hit rank -> document), best first (the
    judgment for how it ended, the holding for whether or what the rule is; the best sentence when none is
    quoted), or nothing — never one from elsewhere, nor from a judgment the passages quoted (`judged`) set
    aside (乔丹's first instance, '驳回…诉讼请求', quashed on retrial)."""
    section = _ruling_section(asked)
    if section is None:
        return None
    ranked = sorted(chosen, key=lambda s: -s.score)
    # the section's best sentence stating a conclusion ('驳回…诉讼请求', not '宣判后，当事人服判息诉'), in the
    # case of the best sentence: another case's holding says nothing of this one
    case = source_of.get(ranked[0].unit.hit_rank)
    from_section = [s for s in ranked if s.under(section) and source_of.get(s.unit.hit_rank) == case]
    from_section = _awards_first(from_section)
    texts = [s.unit.text for s in from_section or ranked[:1]]
    if asked.asks_earlier:  # 'what did the first-instance court decide': the judgment a later court upheld or set
        # aside, not the later court's '驳回上诉，维持原判' or '撤销…'
        ordered = list(dict.fromkeys(s.unit.text for s in sorted(from_section, key=lambda s: (s.unit.passage,
                                                                                             s.unit.position))))
        earlier = {text for text, role in zip(ordered, roles(ordered)) if role in (Role.SET_ASIDE, Role.UPHELD)}
        in_force = earlier or {text for text in texts if "撤销" not in text}
    else:
        in_force = set(standing(texts, [*(s.unit.text for s in chosen), *judged]))
    return next(filter(None, (conclusion(s.unit.text) for s in from_section or ranked[:1] if s.unit.text in in_force)),
                None)


def with_the_ruling(chosen: list[Scored], on_topic: list[Scored], asked: Asked, hits: list[Hit]) -> list[Scored]:
    """'Does that make it unlawful?' is answered by the case's rule (裁判要点), 'how did it end?' by its
    judgment: when the four best sentences tell the facts and the reasoning but none of that section, its
    best sentence takes the weakest one's place (a rule is worded in general terms, so it carries less of a
    question told in the asker's own words)."""
    wanted = _ruling_section(asked)
    if wanted is None or not chosen:
        return chosen
    if asked.asks_outcome and not asked.yes_no:
        best = max(chosen, key=lambda s: s.score)
        source = {hit.rank: hit.source for hit in hits}
        of_case = [s for s in on_topic if source.get(s.unit.hit_rank) == source.get(best.unit.hit_rank)]
        return _with_orders(chosen, of_case, asked)
    if any(s.under(wanted) and _decides(s, asked) for s in chosen):  # not '一审判决已发生法律效力。'
        return chosen
    texts = {s.unit.text for s in chosen}
    section = [s for s in on_topic if s.under(wanted) and s.unit.text not in texts and _decides(s, asked)]
    if not section:
        return chosen
    return in_place_of_weakest(chosen, section)


ORDERS_SHOWN = 2
_ORDER = re.compile(r"赔偿|支付|返还|判处|张贴|赔礼道歉|继续履行|没收|罚金|有期徒刑|拘役|管制|无罪|免予|确认|撤销")
_REST_DISMISSED = re.compile(r"驳回[^。；]{0,30}其他(?:诉讼)?请求")
_WHY = re.compile(r"为什么|为何|理由|原因|依据|\bwhy\b|\breason|\bgrounds?\b|\bbasis\b", re.I)


def _with_orders(chosen: list[Scored], of_case: list[Scored], asked: Asked) -> list[Scored]:
    """'How did it end?' is answered by what the judgment orders ('赔偿…经济损失三千元', '判处有期徒刑三年'): up to
    two of the orders of the best sentence's case (`of_case`; one, when the question also asks why) take the
    weakest other sentences' places, the substantive ones before '驳回…其他诉讼请求'."""
    def orders(s: Scored) -> bool:
        return s.under(OUTCOME) and (_decides(s, asked) or bool(_ORDER.search(s.unit.text))
                                     or opens_decision(s.unit.text))

    wanted = 1 if _WHY.search(asked.question) else ORDERS_SHOWN  # asked why too: the reasons keep their places
    shown = sum(orders(s) for s in chosen)
    texts = {s.unit.text for s in chosen}
    waiting = sorted((s for s in of_case if orders(s) and s.unit.text not in texts),
                     key=lambda s: (bool(_REST_DISMISSED.search(s.unit.text)), -s.score))
    for order in waiting[:max(0, wanted - shown)]:
        others = [s for s in chosen if not s.under(OUTCOME)]
        if not others:
            break
        weakest = min(others, key=lambda s: s.score)
        chosen = [s for s in chosen if s is not weakest] + [order]
    return chosen


def sole_ruling(chosen: list[Scored], asked: Asked) -> list[Scored]:
    """The one chosen sentence of the section that answers (see with_the_ruling): a cut keeps it."""
    wanted = _ruling_section(asked)
    ruling = [s for s in chosen if wanted and s.under(wanted)]
    return ruling if len(ruling) == 1 and _decides(ruling[0], asked) else []


def ruling_first(chosen: list[Scored], asked: Asked) -> Scored:
    """The sentence a Chinese lead is made from: the best scored (the topic it carries counting once more), but
    for 'how did it end' (not 'whether', which the rule answers) the best of the judgment's sentences that
    decide or award, when one is chosen, and for 'what does a breach cost' the penalty article punishing the
    breach of a rule quoted beside it."""
    if asked.asks_court_reason:  # '法院为什么这么认定？' is not answered by the grounds a party appealed on
        chosen = [s for s in chosen if not PARTY_GROUNDS.search(simple_form(s.unit.text))] or chosen
    best = max(chosen, key=lambda s: s.score + LEAD_COVERAGE * s.coverage)
    if asked.asks_sanction:  # what a breach costs: the penalty for breaking the rule quoted beside it
        rules = [s.unit.text for s in chosen]
        for_breach = [s for s in chosen if punishes_breach_of(s.unit.text, rules)]
        best = max(for_breach, key=lambda s: s.score) if for_breach else best
    if asked.wants_time_limit:  # '试用期最长能约定多久？' is answered by a limit ('试用期不得超过一个月'), not '不得约定试用期'
        best = _best_saying(chosen, lambda said: traits_of(said).time_limit, best)
    if asked.asks_agency:  # '要向谁报告？', '由哪个部门负责？': the sentence naming the authority
        best = _best_saying(chosen, NAMES_AGENCY.search, best)
    # '记分周期是多长？' is answered by '记分周期为12个月', not the articles counting within one
    best = _best_saying(chosen, lambda said: states_value_of(said, asked.value_terms), best, on_topic=False)
    if asked.asks_date:  # 'when did it go live?' is answered by the sentence dating it ('2023年9月管理系统正式上线')
        best = _best_saying(chosen, lambda said: traits_of(said).dated, best)
    listed = [s for s in chosen if s.under(asked.asked_list)] if asked.asked_list else []
    if listed:  # 'which law did the court apply', 'its keywords': the case's own list of them, from its first
        return min(listed, key=lambda s: (s.unit.hit_rank, s.unit.position))
    if asked.asks_reason:  # 'why did the procuratorate protest': the sentence giving its reason (抗诉认为…)
        reasons = [s for s in chosen if s.coverage >= best.coverage and REASON.search(simple_form(s.unit.text))]
        if reasons:  # '为什么改判？' asks the grounds, not the new judgment
            return max(reasons, key=lambda s: s.score)
    if not asked.asks_outcome or asked.yes_no:
        return best
    deciding = [s for s in chosen if s.under(OUTCOME) and (concludes(s) or real_figures(s.unit.text))]
    return max(_awards_first(deciding), key=lambda s: s.score) if deciding else best


def _best_saying(chosen: list[Scored], says, best: Scored, on_topic: bool = True) -> Scored:
    """The best of the chosen sentences whose (simplified) text `says` what is asked (carrying some of the topic,
    when `on_topic`), else `best`."""
    saying = [s for s in chosen if says(simple_form(s.unit.text)) and (s.coverage > 0 or not on_topic)]
    return max(saying, key=lambda s: s.score + LEAD_COVERAGE * s.coverage) if saying else best


def _awards_first(judgment: list[Scored]) -> list[Scored]:
    """A judgment's sentences but its leftover '驳回…其他诉讼请求', which says how it ended only when nothing
    else of it is quoted."""
    awarding = [s for s in judgment if not _REST_DISMISSED.search(simple_form(s.unit.text))]
    return awarding or judgment


def names_an_asked_person(sentence: Scored, asked: Asked) -> bool:
    """True unless the question names people and the sentence none of them (a judgment naming other people
    is another defendant's)."""
    return not asked.people or any(name in sentence.unit.text for name in asked.people)


def _decides(sentence: Scored, asked: Asked) -> bool:
    """A sentence that decides (驳回…诉讼请求, 应当视为…; for 'how much' an award), not a formality such as
    '宣判后，当事人服判息诉，均未提起上诉'."""
    return concludes(sentence) or (asked.kind == Kind.FIGURE and bool(real_figures(sentence.unit.text)))


def _ruling_section(asked: Asked):
    """The section of a case that answers: its judgment for 'how did it end', its rule for 'whether'."""
    return OUTCOME if asked.asks_outcome else HOLDING if (asked.yes_no or asked.asks_holding) else None
