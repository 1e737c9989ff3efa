"""The offline answer: one line that answers, then the sentences that back it, each cited, in document order.

Sentences are scored by how well they answer *this* question: the asked place (with its cities and
districts), the asked topic (terms weighted by rarity), and the kind of question (a figure for 'how
much', an action for 'how'). A comparison gives each place its own block. A question whose rarest topic
terms appear in no retrieved sentence is out of scope and says so, like a place the documents never name.
"""

from __future__ import annotations

from retrieval.answer.companions import (MIN_COVERAGE_SPREAD, companions, continuations, penalties_for, sequels,
                                         rest_of_cited_article, time_limits_with, with_a_result)
from retrieval.answer.english import (case_list_in_english, cases_in_english, english_lead, is_statute, names_a_case,
                                      statutes_in_english)
from retrieval.answer.english_figures import date_in_english
from retrieval.answer.facets import facets, sole_answers, with_every_facet
from retrieval.answer.extract import Extract, HitNumbering
from retrieval.answer.ground import MARKER
from retrieval.answer.how_much import counted_unit
from retrieval.answer.lead import document_order, lead_zh
from retrieval.answer.names import chinese_names, spelled_names
from retrieval.answer.outcomes import outcomes_line
from retrieval.answer.phrases import CASE_FACTS, EVIDENCE, NO_SIDE, NOT_FOUND, NOT_FOUND_PLACE, OFFLINE_NOTE, ONLY_ABOVE
from retrieval.answer.kinds import years_in
from retrieval.answer.question import Asked, Kind
from retrieval.answer.retrieve import named_sides
from retrieval.answer.rulings import (case_sections, concluded, names_an_asked_person, ruling_first, sole_ruling,
                                     with_the_ruling)
from retrieval.answer.scoring import Scored, announced_items, best_sentences, antecedents, candidates, done_not_planned, list_openings
from retrieval.answer.traits import FACTS, HOLDING, OUTCOME, real_figures, simple_form, traits_of
from retrieval.answer.units import without_ordinal
from retrieval.answer.where import places_answering, sentence_regions, side_label, whose_jurisdiction
from retrieval.ingest.clean import screen_chars
from retrieval.types import Hit

MAX_BULLETS = 4
MAX_BULLETS_PER_SIDE = 3
MAX_CHARS = 600           # lead and bullets: one phone screen, in Chinese characters (an English letter is half one)
MIN_COVERAGE = 0.5        # share of the topic's weight a sentence must carry to count as on topic
MIN_COVERAGE_EN = 0.2     # the floor for English questions about a named place (see _on_topic)
RELATIVE_COVERAGE = 0.6
ANCHORED_FLOOR = 0.01  # a sentence of a named case needs at least one topic term
HITS_COVERING = 3
HITS_COVER_EN = 0.35
DOMINANT, DOMINANT_OF = 3, 5  # search is sure of a document when it has 3 of the top 5 hits
FACTS_SHOWN = 5  # a case's facts asked: the first sentences of its 基本案情


def _on_topic(scored: list[Scored], asked: Asked, hits: list[Hit], anchored: bool = False) -> list[Scored]:
    """Sentences that carry enough of the topic (and are about the place, when one is asked).

    A question that describes a case in its own words ('设局劝酒后碰瓷酒驾司机敲诈…') rarely has one sentence
    carrying half of it; when the hits as a whole do, the best-covered sentences count."""
    if asked.places and asked.places_filter:
        scored = [s for s in scored if s.place]
    if not asked.topic:
        return scored
    best = max((s.coverage for s in scored), default=0.0)
    threshold = MIN_COVERAGE
    if anchored:  # the right document: its best-covered sentences, and for 'how much' its figures, answer
        threshold = max(ANCHORED_FLOOR, RELATIVE_COVERAGE * best)
        # … and asked what a breach costs, the sanctions it states, worded in none of the asker's story
        kept = [s for s in scored
                if s.coverage >= threshold or (asked.kind == Kind.FIGURE and real_figures(s.unit.text))
                or (asked.asks_sanction and s.coverage > 0 and traits_of(simple_form(s.unit.text)).sanction)]
        # 'what sentence did Wu Qiang get?': another defendant's judgment does not answer
        kept = [s for s in kept if not s.under(OUTCOME) or names_an_asked_person(s, asked)]
        kept += time_limits_with(kept, scored, asked) + continuations(kept, scored)
        return kept + case_sections(kept, scored, asked, hits)
    if best < MIN_COVERAGE and scored and _hits_cover(asked, hits):
        threshold = max(MIN_COVERAGE_SPREAD, RELATIVE_COVERAGE * best)
    elif asked.places and asked.language == "en":
        # An English topic is a guess at Chinese wording (several candidate terms per English word), so a
        # sentence about the asked place needs only most of what the best such sentence carries.
        threshold = max(MIN_COVERAGE_EN, min(MIN_COVERAGE, RELATIVE_COVERAGE * best))
    # 'Whether' is answered by the court's holding, which words the question's facts more generally.
    holding = min(threshold, max(MIN_COVERAGE_SPREAD, RELATIVE_COVERAGE * best)) if asked.yes_no else threshold
    kept = [s for s in scored if s.coverage >= (holding if s.under(HOLDING) else threshold)
            # the article the question cites, with more of its topic ('按刑法第168条…该定什么罪名？')
            or (s.coverage >= MIN_COVERAGE_SPREAD and asked.cites_article_in(simple_form(s.unit.text)))]
    kept += time_limits_with(kept, scored, asked)
    kept += continuations(kept, scored)
    return kept + companions(kept, scored, asked) + case_sections(kept, scored, asked, hits)


def _hits_cover(asked: Asked, hits: list[Hit]) -> bool:
    """One of the top hits, read whole, carries the topic."""
    return any(asked.coverage(simple_form(hit.readable)) >= _whole_hit_floor(asked) for hit in hits[:HITS_COVERING])


def _whole_hit_floor(asked: Asked) -> float:
    """Share of the topic a whole hit (or document) must carry to count as on topic."""
    # An English topic carries the dictionary's guesses for every word (ring -> 戒指), so less of it is expected.
    return MIN_COVERAGE if asked.language == "zh" else HITS_COVER_EN


def _block(chosen: list[Scored], asked: Asked, language: str, label: str, numbering: HitNumbering,
           listed: frozenset[int] = frozenset()) -> list[str]:
    """A lead line that answers, then the sentences in document order, each cited; `listed` (ids) are the items
    of a list a chosen sentence announces, shown but not what the lead is made of."""
    best = ruling_first(chosen, asked)
    ordered = document_order(chosen)
    if language == "en":
        marks = "".join(dict.fromkeys(numbering.mark_unit(s.unit) for s in ordered))
        titles = [numbering.by_rank[s.unit.hit_rank].title or "" for s in ordered]
        cases = cases_in_english(titles)
        judged = [hit.text for hit in numbering.by_rank.values()]
        decided = concluded(chosen, asked, {r: h.source for r, h in numbering.by_rank.items()}, judged) if cases else None
        named = cases or statutes_in_english(titles)  # the court cases quoted, else the statutes
        # the sentence a Chinese lead is made from first (the tier asked, the value of the term asked), then by score
        by_score = [best.unit.text, *(s.unit.text for s in sorted(chosen, key=lambda s: -s.score) if s is not best)]
        best_first = by_score if asked.kind == Kind.FIGURE else None
        if asked.asks_outcome and cases:  # how it ended: what the final judgment imposed, not a rule's 从轻处罚
            best_first = [best.unit.text, *(s.unit.text for s in ordered if s is not best)]
        lead = english_lead([s.unit.text for s in ordered], {t.lower() for t in asked.english_topic}, label, named,
                            decided, best_first, counted_unit(asked.question),
                            {s.unit.text: numbering.mark_unit(s.unit) for s in ordered},
                            asked.wants_time_limit, any(is_statute(title) for title in titles),
                            {s.unit.text: numbering.by_rank[s.unit.hit_rank].source for s in ordered},
                            case_list_in_english([s.unit.text for s in ordered if s.under(asked.asked_list)]
                                                 if asked.asked_list else [], asked.asks_provisions),
                            asked.asks_holding and bool(ordered) and ordered[0].under(HOLDING), judged,
                            date_in_english(best.unit.text) if asked.asks_date else "")
        lines = [f"{lead} {marks}".rstrip()]
    else:
        lead = lead_zh(best, [s for s in chosen if id(s) not in listed], asked, label)
        lines = [f"{lead}{numbering.mark_unit(best.unit)}"]
        # a sentence the lead shows whole is not quoted again below (a clipped lead keeps its sentence below)
        ordered = [s for s in ordered if without_ordinal(s.unit.text).strip().rstrip("。；;，,") not in lead]
    shown: set[str] = set()  # a sentence two passages hold (their overlap) is quoted once
    lines += [f"- {s.unit.text}{numbering.mark_unit(s.unit)}" for s in ordered
              if not (s.unit.text in shown or shown.add(s.unit.text))]
    return lines


def _not_found(asked: Asked, language: str, hits: list[Hit]) -> Extract:
    if asked.places and asked.places_filter and hits:  # a place of the asker's story is no reason
        return Extract(text=NOT_FOUND_PLACE[language].format(place=side_label(asked, language)))
    return Extract(text=NOT_FOUND[language])


def compose(asked: Asked, hits: list[Hit]) -> Extract:
    """The answer for the question taken apart in `asked`, from the hits (best first)."""
    asked = _with_names(asked, hits)
    named = _named_case_hits(asked, hits)
    # a case or law the question names is where to look; its places are parties and courts, not filters
    plain = asked.model_copy(update={"places": [], "place_forms": []}) if named else asked
    documents = named_sides(asked, named)
    if len(documents) >= 2:  # 'how's 243 different from 244?': a block per case (or law) named, in its own words
        blocks = _side_blocks([(label, plain, own) for label, own in documents], asked, named, anchored=True,
                              heading=lambda numbering: outcomes_line(documents, asked.language,
                                                                      lambda hit: numbering.mark(hit.rank)))
        if blocks is not None:
            return blocks
    if named and asked.asks_facts and not (asked.asks_outcome or asked.asks_holding):
        facts = judgment(asked, named)  # 'What were the facts of Guiding Case 144?': its 基本案情, told in order
        if facts.cited:
            return facts
    if named:
        answer = _answer_from(plain, named, anchored=True)
        # 'What was the outcome of Guiding Case No. 143?' asks its judgment, in none of the judgment's words
        # ('…145号的裁判要点是什么？' its rule, which never says 裁判要点 either)
        return judgment(asked, named) if not answer.cited and (asked.asks_outcome or asked.asks_holding) else answer
    if asked.kind == Kind.COMPARE and len(asked.places) >= 2:
        return _compare(asked, hits)
    years = years_in(asked.question)
    if asked.kind == Kind.COMPARE and len(years) >= 2:
        return _compare_years(asked, hits, years)
    if hits:  # a case's places are its facts from the start
        asked = _places_as_facts(asked, [hit for hit in hits if hit.source == hits[0].source])
    case = _sure_case(hits)
    if case:  # search is sure of one case: it answers, not the sentences of others that share its words
        answer = _answer_from(asked, case)
        if _unanswered(answer, asked) and _leading_document(asked, hits):
            # no one sentence carries a case told at length: its best-covered sentences, read as the case's
            answer = _answer_from(_places_as_facts(asked, case), case, anchored=True)
        if not _unanswered(answer, asked):
            return answer
    answer = _answer_from(asked, hits)
    leading = _leading_document(asked, hits) if _unanswered(answer, asked) else []
    if not leading:
        return answer
    instead = _answer_from(_places_as_facts(asked, leading), leading, anchored=True)
    # 'how many' answered without a figure either way: the sentences that carry the question stay
    return answer if answer.cited and asked.kind == Kind.FIGURE and _unanswered(instead, asked) else instead


def _unanswered(answer: Extract, asked: Asked) -> bool:
    """Nothing quoted, or for 'how much' no figure quoted (an English lead's 'Guiding Case No. 204' is no
    figure: only the quoted Chinese counts)."""
    if not answer.cited:
        return True
    quoted = answer.text.splitlines()[1:] if asked.language == "en" else answer.text.splitlines()
    return asked.kind == Kind.FIGURE and not real_figures(MARKER.sub("", "\n".join(quoted)))


def _dominant(hits: list[Hit]) -> bool:
    """Search is sure of its first document: it holds most of the top hits."""
    return bool(hits) and sum(hit.source == hits[0].source for hit in hits[:DOMINANT_OF]) >= DOMINANT


def _sure_case(hits: list[Hit]) -> list[Hit]:
    """The hits of a case (a guiding case, not a report) holding most of the top hits, when there is one."""
    if not _dominant(hits) or not names_a_case(hits[0].title or ""):
        return []
    return [hit for hit in hits if hit.source == hits[0].source]


def _places_as_facts(asked: Asked, hits: list[Hit]) -> Asked:
    """The places of a question answered from one case that names them all are facts of its story (its
    parties and courts), not a filter on its sentences; a sentence naming them still scores higher. A
    report's or a compilation's places say whose practice it is: another region's block of the same
    compilation does not answer for the one asked about."""
    title = (hits[0].title or "") if hits else ""
    if not asked.places or not hits or not (names_a_case(title) or is_statute(title)):
        return asked  # a law's places ('长江宜宾以下干流') are where its rule applies, as a case's are its story
    texts = [simple_form(hit.readable) for hit in hits]  # each hit's form is cached; a joined one never is
    named = [any(f in text for text in texts for f in (r.name, r.short) if f) for r in asked.places]
    # a law naming none of them applies there as anywhere: '在上海工作的外国人…' tells the asker's story
    if not all(named) and not (is_statute(title) and not any(named)):
        return asked
    return asked.model_copy(update={"places_filter": False})


def _with_names(asked: Asked, hits: list[Hit]) -> Asked:
    """An English question's people ('Wu Qiang'), as the hits write them (吴强), join its topic, weighing most."""
    if asked.language != "en":
        return asked
    texts = [hit.readable for hit in hits]
    groups = [names[:2] for spelled in spelled_names(asked.question) if (names := chinese_names(spelled, texts))]
    if not groups:
        return asked
    weight = 2 * max((w for _, w in asked.topic), default=1.0)  # the person asked about is the subject
    return asked.model_copy(update={"topic": [*asked.topic, *((group, weight) for group in groups)],
                                    "people": [name for group in groups for name in group]})


def _leading_document(asked: Asked, hits: list[Hit]) -> list[Hit]:
    """The hits of the document search put first, when most top hits are its and, read whole, it carries the
    topic: a case told in the asker's words ('船厂向海里排放含铁污水…赔了多少钱') matches its facts in one
    passage and holds the outcome in another, so no single sentence carries the question."""
    if not hits or not asked.topic:
        return []
    top = hits[0].source
    own = [hit for hit in hits if hit.source == top]
    # Search sure of its document (most of the top hits): a case told at length in the asker's words
    # ('有个农民…在村里收玉米') or an English question's dictionary guesses at them ('wife' -> 妻子 where the
    # case writes 雷某某) need carry only part of the topic, and need not find its most specific term.
    sure = _dominant(hits)
    if not sure and sum(hit.source == top for hit in hits[:HITS_COVERING]) < 2:
        return []
    whole = simple_form(" ".join(hit.readable for hit in own))
    if asked.coverage(whole) < (MIN_COVERAGE_SPREAD if sure else _whole_hit_floor(asked)):
        return []
    if asked.language == "en" and not sure and not asked.core_found([whole]):
        return []
    return own


def _named_case_hits(asked: Asked, hits: list[Hit]) -> list[Hit]:
    """The hits from the case(s) the question names by number, if search found them."""
    return [hit for hit in hits if asked.names_document(hit.source, hit.title)]


def _answer_from(asked: Asked, hits: list[Hit], anchored: bool = False) -> Extract:
    """One block: lead line and cited sentences; anchored = the hits are known to be the right document."""
    scored = candidates(hits, asked)
    # '指导案例24号最后怎么判的？' asks nothing but what the case it names says
    on_topic = _on_topic(scored, asked, hits, anchored) if asked.topic or asked.places or anchored else []
    on_topic = done_not_planned(on_topic, asked)
    if not anchored and asked.language == "en" and not asked.places \
            and not asked.core_found([simple_form(hit.readable) for hit in hits]):
        on_topic = []  # 'how much heroin…' answered from sentences on 被告人 and 死刑 alone would mislead
    return _render(asked, hits, on_topic, scored)


def _render(asked: Asked, hits: list[Hit], on_topic: list[Scored], pool: list[Scored] | None = None) -> Extract:
    """The block for the sentences that answer (lead line, cited sentences), trimmed to one screen; `pool`,
    every sentence of the hits, lends the sentence that opens a chosen item's list."""
    language = asked.language
    if not on_topic:
        return _not_found(asked, language, hits)
    needs = facets(asked)
    chosen = with_every_facet(with_the_ruling(with_a_result(best_sentences(on_topic, MAX_BULLETS), on_topic, asked),
                                               on_topic, asked, hits), on_topic, needs)
    openings = list_openings(chosen, pool or on_topic)
    openings += antecedents(chosen + openings, pool or on_topic)
    items = announced_items(chosen, pool or on_topic)
    openings += items + penalties_for(chosen, pool or on_topic, asked, {hit.rank: hit.source for hit in hits})
    openings += rest_of_cited_article(chosen + openings, pool or on_topic, asked)
    openings += sequels(chosen + openings, pool or on_topic, asked)
    chosen += openings
    while True:  # the label from the sentences left: a place whose sentence was dropped is not named
        numbering = HitNumbering(hits)
        lines = _block(chosen, asked, language, _label(asked, chosen, hits), numbering, frozenset(id(s) for s in items))
        if sum(map(screen_chars, lines)) <= MAX_CHARS or len(chosen) == 1:
            break
        kept = sole_answers(chosen, needs) + sole_ruling(chosen, asked) + openings
        chosen = [s for s in chosen if s is not _weakest(chosen, asked, kept)]
    if language == "en":
        lines.insert(1, EVIDENCE["en"])
    return Extract(text="\n".join(lines + [OFFLINE_NOTE[language]]), cited=numbering.cited())


def _label(asked: Asked, chosen: list[Scored], hits: list[Hit]) -> str:
    """Whose practice the lead states: the place asked, the places that answer 'which province…', or the
    jurisdiction a sentence names; none for a case, whose places are its facts (a party's home, a court)."""
    ranks = {s.unit.hit_rank for s in chosen}
    if any(names_a_case(hit.title or "") for hit in hits if hit.rank in ranks):
        return ""
    label = side_label(asked, asked.language) if asked.places_filter else ""
    if asked.asks_place and not asked.places:
        best_first = sorted(chosen, key=lambda s: -s.score)
        return places_answering([sentence_regions(s.unit) for s in best_first], asked.language, asked.question)
    if asked.language == "zh" and not label and not asked.places:
        return whose_jurisdiction(ruling_first(chosen, asked).unit, asked.question)
    return label


def judgment(asked: Asked, case: list[Hit]) -> Extract:
    """'最后对这块屏的使用作了哪些限制？' asked of the one case a message is answered from: its judgment
    answers, though it words the ruling ('亮度值不得高于600cd/㎡') in none of the question's terms; asked its
    rule ('裁判要点是什么？'), its holding does."""
    section = OUTCOME if asked.asks_outcome else HOLDING if asked.asks_holding else FACTS if asked.asks_facts else None
    if section is None or len({hit.source for hit in case}) != 1 or not names_a_case(case[0].title or ""):
        return _not_found(asked, asked.language, case)
    ruling = [s for s in candidates(case, asked) if s.under(section)]
    if section is FACTS:
        return _facts(asked, case, ruling)
    ruling = [s for s in ruling if names_an_asked_person(s, asked)]  # another defendant's judgment does not answer
    return _render(asked.model_copy(update={"places": [], "place_forms": []}), case, ruling)


def _facts(asked: Asked, case: list[Hit], told: list[Scored]) -> Extract:
    """'What were the facts of Guiding Case 144?': its 基本案情 from the start, in order, under a line saying so
    (no sentence of a story is its summary)."""
    told = sorted(told, key=lambda s: (s.unit.passage, s.unit.position))[:FACTS_SHOWN]
    if not told:
        return _not_found(asked, asked.language, case)
    numbering, language = HitNumbering(case), asked.language
    name = cases_in_english([case[0].title or ""]) if language == "en" else f"《{case[0].title}》"
    lines = [CASE_FACTS[language].format(case=name or case[0].title)]
    lines += [f"- {s.unit.text}{numbering.mark_unit(s.unit)}" for s in told]
    return Extract(text="\n".join(lines + [OFFLINE_NOTE[language]]), cited=numbering.cited())


def _weakest(chosen: list[Scored], asked: Asked, kept: list[Scored] = ()) -> Scored:
    """The sentence to leave out when an answer is longer than a screen: the lowest scored, but first, for
    'how much', one without a figure, then one that would fill half the screen alone; never one that alone
    answers a part of the question (`kept`) while another can go. The lead is rebuilt from those left, so it
    names no figure whose sentence was dropped."""
    figures = asked.kind == Kind.FIGURE
    return min(chosen, key=lambda s: (any(s is k for k in kept), bool(figures and real_figures(s.unit.text)),
                                      len(s.unit.text) <= MAX_CHARS // 2, s.score))


def _compare_years(asked: Asked, hits: list[Hit], years: list[str]) -> Extract:
    """'What did Chongqing do in 2020 compared with 2023?': one block per year, from the documents of that
    year (dated so, or naming it in the title); a year with none says so."""
    place = side_label(asked, asked.language)
    sides = [((f"{place} {year}" if asked.language == "en" else f"{place}{year}年").strip(), asked,
              [hit for hit in hits if (hit.date or "").startswith(year) or year in (hit.title or "")]) for year in years]
    blocks = _side_blocks(sides, asked, hits)
    return blocks if blocks is not None else _answer_from(asked, hits)


def _compare(asked: Asked, hits: list[Hit]) -> Extract:
    """One block per place the question compares; a place with nothing on the topic says so."""
    sides = [(side_label(asked, asked.language, [region]),
              asked.model_copy(update={"places": [region], "place_forms": [f for f in (region.name, region.short) if f]}),
              hits) for region in asked.places]
    blocks = _side_blocks(sides, asked, hits)
    return blocks if blocks is not None else _not_found(asked, asked.language, hits)


def _side_blocks(sides: list[tuple[str, Asked, list[Hit]]], asked: Asked, hits: list[Hit],
                 anchored: bool = False, heading=None) -> Extract | None:
    """A labelled block per side (label, what it asks, its hits), one numbering of sources; None when no side
    has anything. A sentence is quoted once: comparing a city with its province ('Kunming … the rest of
    Yunnan'), the province's block does not repeat the city's sentences and says they are above."""
    language = asked.language
    numbering = HitNumbering(hits)
    first = heading(numbering) if heading else ""  # two cases: how each ended, before their blocks
    lines: list[str] = [first] if first else []
    shown: set[str] = set()
    found_per_side = [_on_topic(candidates(side_hits, side_asked), side_asked, side_hits, anchored) if side_hits else []
                      for _, side_asked, side_hits in sides]
    # 'Yulin' is 榆林 and 玉林: the one the collection has nothing on goes unsaid when the other answers
    answered = {label for (label, _, _), found in zip(sides, found_per_side) if found}
    for (label, side_asked, side_hits), found in zip(sides, found_per_side):
        side = [s for s in found if s.unit.text not in shown]
        if not side:
            if found or label not in answered:
                lines.append((ONLY_ABOVE if found else NO_SIDE)[language].format(place=label))
            continue
        chosen = best_sentences(side, MAX_BULLETS_PER_SIDE)
        shown.update(s.unit.text for s in chosen)
        lines += _block(chosen, side_asked, language, label, numbering)
    if not numbering.order:
        return None
    return Extract(text="\n".join(lines + [OFFLINE_NOTE[language]]), cited=numbering.cited())
