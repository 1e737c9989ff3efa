"""The sentences that come with a kept one: the clauses after a rule's '；' (its exception), the time limits
stated in the answering passage and the one stated right after them, the other measures beside the best, the
article punishing the breach of a rule quoted."""

from __future__ import annotations

import re
from itertools import islice

from retrieval.answer.facets import states_time_limit
from retrieval.answer.question import Asked, Kind
from retrieval.answer.sanctions import punishes_breach_of
from retrieval.answer.scoring import Scored, by_place, in_place_of_weakest, sentences_after
from retrieval.answer.traits import RESULT, real_figures, simple_form, traits_of
from retrieval.answer.units import ARTICLE_START

MIN_COVERAGE_SPREAD = 0.25  # the floor when the topic is spread over a hit's sentences (see composer._on_topic)
CLAUSES_AFTER = 4
# a clause continuing a rule when its condition persists or worsens, or with its exception
SEQUEL = re.compile(r"(?:经.{0,8}?仍|逾期|拒不|仍|再次|情节(?:特别|较)?严重|但)")


def continuations(kept: list[Scored], scored: list[Scored]) -> list[Scored]:
    """The clauses after a kept one that ends in '；', to the end of its sentence within the same article, that
    carry some of the topic: a rule's exception ('…应当取得其家属同意并签字；…无法取得患者意见又无家属在场…时，
    经治医师应当提出医疗处置方案…') is often what a question telling a particular situation asks. The clause
    right after it that states what follows when its condition worsens or persists ('…可以处10万元以下的罚款；
    拒不改正的，处10万元以上50万元以下的罚款', '…可以在下一年度补考；经补考仍有一门…不及格的，应当重新…') comes
    whatever its words: the asker rarely says them."""
    taken, found, at = {id(s) for s in kept}, [], by_place(scored)
    for sentence in kept:
        previous = sentence
        for n, clause in enumerate(islice(sentences_after(sentence, at), CLAUSES_AFTER)):
            if not _continues(previous, clause):
                break
            sequel = n == 0 and bool(SEQUEL.match(clause.unit.text))
            if id(clause) not in taken and (sequel or clause.coverage >= MIN_COVERAGE_SPREAD):
                found.append(clause)
                taken.add(id(clause))
            previous = clause
    return found


def _continues(previous: Scored, clause: Scored) -> bool:
    """The clause goes on with the sentence before it: that one ends in '；', and the clause opens no article."""
    return previous.unit.text.rstrip()[-1:] in "；;" and not ARTICLE_START.match(clause.unit.text)


def sequels(chosen: list[Scored], pool: list[Scored], asked: Asked) -> list[Scored]:
    """Asked what a breach costs, the clause right after a chosen penalty that ends in '；' when it states the
    heavier tier ('…处十万元以上一百万元以下的罚款；情节严重的，处五十万元以上五百万元以下的罚款'): a fine
    without its upper tier misleads, and the tier carries none of the asker's words to be chosen by."""
    if not asked.asks_sanction:
        return []
    taken, at = {s.unit.text for s in chosen}, by_place(pool)
    found = []
    for sentence in chosen:
        after = next(iter(sentences_after(sentence, at)), None)
        if after is not None and after.unit.text not in taken and _continues(sentence, after) \
                and SEQUEL.match(after.unit.text):
            found.append(after)
            taken.add(after.unit.text)
    return found


ARTICLE_CLAUSES = 9  # of an article cited or listing what is asked: its whole text, as far as a screen allows


def rest_of_cited_article(kept: list[Scored], scored: list[Scored], asked: Asked) -> list[Scored]:
    """'第十七条怎么规定的？' / 'What does Article 17 say?': the article the question cites is the answer whole,
    its tiers and provisos ('…满5年不足10年的，…最长为18个月；…') as much as its first clause."""
    taken, found, at = {id(s) for s in kept}, [], by_place(scored)
    for opening in kept:
        # an article cited, or one announcing the list the answer is ('担任检察官必须具备下列条件：')
        listing = asked.asks_list and opening.unit.text.rstrip().endswith(("：", ":"))
        if not (ARTICLE_START.match(opening.unit.text) and (asked.cites_article_in(simple_form(opening.unit.text))
                                                            or listing)):
            continue
        for clause in islice(sentences_after(opening, at), ARTICLE_CLAUSES):
            if ARTICLE_START.match(clause.unit.text):
                break
            if id(clause) not in taken:
                found.append(clause)
                taken.add(id(clause))
    return found


def time_limits_with(kept: list[Scored], scored: list[Scored], asked: Asked) -> list[Scored]:
    """For 'within what time', the sentences stating a time limit ('…应当在三日内作出处理决定') that carry some of the
    topic, or stand in a passage whose sentences do, and the limit stated right after one of them in the same
    article: a limit is worded in few of the asker's words."""
    if not asked.wants_time_limit:
        return []
    taken, passages = {id(s) for s in kept}, {s.unit.hit_rank for s in kept}
    found = [s for s in scored if id(s) not in taken and states_time_limit(s)
             and (s.coverage >= MIN_COVERAGE_SPREAD or (s.unit.hit_rank in passages and s.coverage > 0))]
    taken |= {id(s) for s in found}
    # the limits one rule states in a row ('…应当在一个月内补充调查完毕。补充调查以二次为限。'): the second
    # repeats none of the question's words
    at = by_place(scored)
    for limit in list(found):
        after = next(sentences_after(limit, at), None)
        if after is not None and id(after) not in taken and states_time_limit(after) \
                and not ARTICLE_START.match(after.unit.text):
            found.append(after)
            taken.add(id(after))
    return found


def companions(kept: list[Scored], scored: list[Scored], asked: Asked) -> list[Scored]:
    """For 'how', the other measures of the best sentence's passage: a question naming two things
    ('technology and big data') has one sentence with the rarer and the measure beside it with the other."""
    if asked.kind not in (Kind.HOW, Kind.GENERAL) or not kept:
        return []
    best, taken = max(kept, key=lambda s: s.score), {id(s) for s in kept}
    return [s for s in scored if id(s) not in taken and s.unit.hit_rank == best.unit.hit_rank
            and s.coverage >= MIN_COVERAGE_SPREAD and traits_of(simple_form(s.unit.text)).action]


def penalties_for(chosen: list[Scored], pool: list[Scored], asked: Asked, sources: dict[int, str]) -> list[Scored]:
    """For 'what does a breach cost', the article of the same law punishing the breach of a chosen rule
    ('第十八条 违反本条例第六条…没收…并处以罚款' for '第六条 禁止采猎一级保护野生药材物种'): it repeats none of
    the question's words, only the rule's number; or, when the penalty is chosen, the rule it punishes."""
    if not asked.asks_sanction:
        return []
    taken = {s.unit.text for s in chosen}

    def same_law(a: Scored, b: Scored) -> bool:
        return sources.get(a.unit.hit_rank) == sources.get(b.unit.hit_rank)

    found = [s for s in pool if s.unit.text not in taken
             and punishes_breach_of(s.unit.text, [c.unit.text for c in chosen if same_law(c, s)])]
    if found:
        return [max(found, key=lambda s: s.score)]
    # the other way: a chosen penalty article and the rule it punishes the breach of, when that carries the topic
    rules = [s for s in pool if s.unit.text not in taken and s.coverage > 0
             and any(same_law(c, s) and punishes_breach_of(c.unit.text, [s.unit.text]) for c in chosen)]
    return [max(rules, key=lambda s: s.coverage)] if rules else []


def with_a_result(chosen: list[Scored], on_topic: list[Scored], asked: Asked) -> list[Scored]:
    """'How did they do it' is answered by the measures and what they achieved: when no chosen sentence
    gives a figure, the best on-topic sentence giving a result in figures (下降19.7%, 从1:2.08优化至1:1.20)
    takes the weakest one's place."""
    if asked.kind != Kind.HOW or len(chosen) < 2 or any(real_figures(s.unit.text) for s in chosen):
        return chosen
    texts = {s.unit.text for s in chosen}
    results = [s for s in on_topic if s.unit.text not in texts and real_figures(s.unit.text)
               and RESULT.search(simple_form(s.unit.text)) and s.coverage >= min(c.coverage for c in chosen)]
    if not results:
        return chosen
    return in_place_of_weakest(chosen, results)
