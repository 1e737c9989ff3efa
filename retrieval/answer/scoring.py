"""How well each sentence of the hits answers the question: its share of the topic (terms weighted by
rarity), the asked place, and what the question asks (a figure, a measure, a case's outcome or rule)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

from pydantic import BaseModel

from retrieval.answer.claims import claimed, party_claim
from retrieval.answer.definitions import defines_term_of, states_value_of
from retrieval.answer.english import is_statute, names_a_case
from retrieval.answer.how_much import COUNT, counted_unit, measures_asked
from retrieval.answer.instances import Role, roles
from retrieval.answer.negation import says_negated
from retrieval.answer.question import Asked, Kind
from retrieval.answer.tiers import tier_fit
from retrieval.answer.traits import (CONCLUDES, EXCEPTS, FACTS, HOLDING, NAMES_AGENCY, OUTCOME, PARTY_GROUNDS, PLANS,
                                     PROBLEMS, REASON, REASONING, RESULT, real_figures, simple_form, traits_of)
from retrieval.answer.units import ANNOUNCED_LIST, LISTED_ITEM, Unit, units_of
from retrieval.search.regions import gazetteer
from retrieval.types import Hit

RANK_DECAY = 0.06
FOCUS = 0.3  # tuning halves: laws 0.750 -> 0.812 with the asking clause as focus (0.5 the same), nothing lower
SANCTION_BONUS = 0.3  # asked what a breach costs: a sentence stating a sanction
DATE_BONUS = 0.3  # asked when: a sentence giving a date
REASON_BONUS = 0.3  # asked why: a sentence giving a purpose or a cause
PROVISIONS_BONUS = 1.0  # asked which law a case applied: its list of provisions, worded in none of the question's words
RESULT_BONUS = 0.2  # asked what was achieved: a sentence reporting a result
TIME_LIMIT_BONUS = 0.5  # tuning halves: laws 0.625 -> 0.688 with the time-limit cue, nothing lower elsewhere
FINAL_RULING = 0.05  # the last sentence of a judgment section, when the question asks how the case ended
UPHELD = 0.15  # a judgment a later court upheld, asked how the case ended: what the parties must do


# A law's own framing: its purpose ('为了…，制定本法'), its reach ('…应当遵守本条例'), its start ('自…起施行').
_BOILERPLATE = re.compile(r"制定本(?:法|条例|规定|办法|细则)|自[^，。；]{0,16}起施行|"
                          r"(?:适用|遵守)本(?:法|条例|规定|办法|细则)[。；]?$")
BOILERPLATE_PENALTY = 0.3
# A list's last, catch-all item(s): '（十）其他有能力执行而拒不执行，情节严重的情形；'
_CATCH_ALL = re.compile(r"(?:(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）.、．])?\s*(?:其他|其它)[^。；;]{0,40}?(?:情形|行为|情况|事项|内容)"
                        r"(?:之一)?[。；;]?\s*)+")
CATCH_ALL_PENALTY = 0.5
CLAIM_PENALTY = 0.3
# A law's legislative history ('2011年6月30日第十一届全国人民代表大会常务委员会第二十一次会议《关于修改…》第六次
# 修正'): its dates and ordinals are no figure asked for, and it answers only when or how the law was made.
_HISTORY = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日.{0,80}(?:会议|国务院令|主席令|公告).{0,80}(?:通过|修正|修订|公布|批准)")
KINDS_BONUS = 0.5  # asked how many grades or kinds: the sentence dividing the thing into them
_DIVIDED = re.compile(r"分为[一二三四五六七八九十两\d]+(?:个)?(?:级|类|种|档|等|个等级)|"
                      r"(?:分为|分成|划分为)[^，。；]{1,30}、[^，。；]{1,30}(?:和|及|以及|与)")  # '分为高水平…、中水平…和低水平…'
KEY_FIGURE_BONUS = 0.3  # asked for figures of nothing named: a result (1:2.08 → 1:1.20), not a count of parts
AGENCY_BONUS = 0.3  # asked which authority: a sentence naming the one that acts ('由…部门', '…机关是…部门')
NEGATION_BONUS = 0.3  # asked of something not done: a sentence saying it negated (the breach, not the duty)
DEFINED_BONUS = 0.3  # a sentence defining, in quotes, a term the question uses ('…的“严重扰乱社会秩序”')
EXCEPTION_BONUS = 0.3  # asked for a rule's exceptions, a sentence stating one ('…可以缓征', '…除外')
VALUE_BONUS = 0.5  # asked how much or how long, a sentence giving an asked term its value ('记分周期为12个月')
TIER_BONUS = 0.3  # a sentence whose amount condition the question's amount meets (or -0.3: fails)


class Scored(BaseModel):
    """A sentence of the hits and how well it answers the question."""

    unit: Unit
    score: float
    coverage: float
    place: bool

    def under(self, section: re.Pattern) -> bool:
        """Whether the sentence stands under a heading of this kind (traits.OUTCOME, HOLDING …)."""
        return bool(section.search(simple_form(self.unit.heading)))


def topic_share(text: str, asked: Asked, given: frozenset[int] = frozenset()) -> float:
    return asked.coverage(simple_form(text), given)


SUBJECT_SHARE = 0.8  # a topic group this share of the hits name is their common subject


def shared_subjects(asked: Asked, hits: list[Hit]) -> frozenset[int]:
    """For 'how' in reports: topic groups nearly every hit names ('社会治理检察建议'), the subject the passages
    share, which the sentences on the asked aspect ('quality', 'implemented') no longer repeat."""
    if asked.kind != Kind.HOW or len(hits) < 3 or len(asked.topic) < 2 \
            or any(names_a_case(hit.title or "") for hit in hits):
        return frozenset()
    texts = [simple_form(hit.readable) for hit in hits]
    if not asked.core_found(texts):
        return frozenset()  # the question's most specific term is nowhere: nothing is shared, it is out of scope
    named = [asked.groups_in(text) for text in texts]
    subjects = frozenset(i for i in range(len(asked.topic)) if sum(i in n for n in named) >= SUBJECT_SHARE * len(hits))
    return subjects if len(subjects) < len(asked.topic) else frozenset()


def _about(unit: Unit, hit: Hit, names: set[str], forms: list[str]) -> bool:
    """Named in the sentence, or its own passage's place; a neighbour's sentence naming other places is not.
    A title naming the place in a party's name ('诉山海关船舶重工有限责任公司…案'), where the gazetteer
    sees no place, makes the whole document about it."""
    simplified = simple_form(unit.text)
    if any(f in simplified for f in forms) or _title_names(hit.title, tuple(forms)):
        return True
    if not unit.in_passage and _names_a_place(simplified):
        return False
    return bool(names & set(unit.regions)) and not _lists_provinces(tuple(unit.regions))


@lru_cache(maxsize=16384)
def _counts(simplified: str, unit: str | None) -> bool:
    """The sentence gives a number of what the question counts ('撤案456件' for 多少件)."""
    return bool(unit) and bool(re.search(rf"{COUNT}{unit}", simplified))


MANY_PROVINCES = 3


@lru_cache(maxsize=4096)
def _lists_provinces(regions: tuple[str, ...]) -> bool:
    """A passage naming three provinces or more lists them ('吉林、广西、宁夏等9个省级检察院交流了…'): it is
    about none of them, and its other sentences are not one province's practice."""
    provinces = {region.adcode[:2] for name in regions if (region := gazetteer().lookup(name))}
    return len(provinces) >= MANY_PROVINCES


@lru_cache(maxsize=4096)
def _title_names(title: str, forms: tuple[str, ...]) -> bool:
    simplified = simple_form(title)
    return any(f in simplified for f in forms) and not _names_a_place(simplified)


@lru_cache(maxsize=8192)
def _names_a_place(simplified: str) -> bool:
    # The same passages come back for many questions; scanning each sentence for places once is enough.
    return bool(gazetteer().find_in_text(simplified))


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@lru_cache(maxsize=2048)
def _stated_numbers(question: str) -> frozenset[str]:
    return frozenset(n.replace(",", "") for n in _NUMBER.findall(question))


@lru_cache(maxsize=16384)
def tells_new_figure(text: str, question: str) -> bool:
    """The sentence gives a figure the question does not state itself: asked 'what were the fines' about a
    label claiming '100% olive oil', the sentence quoting the label's 100% is not the answer."""
    stated = _stated_numbers(question)
    return any((found := _NUMBER.search(figure)) is None or found.group().replace(",", "") not in stated
               for figure in real_figures(text))


def _score(unit: Unit, hit: Hit, asked: Asked, given: frozenset[int] = frozenset()) -> Scored:
    simplified = simple_form(unit.text)
    achieved = bool(asked.result_words) and reports_result(simplified)
    if achieved:  # '取得了什么成效？' is answered by '汇聚线索110余条', which never says 成效
        given = given | asked.result_words
    own = topic_share(unit.text, asked, given)
    coverage = topic_share(f"{unit.heading} {unit.text}", asked, given) if unit.in_passage else own
    heading = simple_form(unit.heading)
    named_here = any(p in simplified for p in asked.place_forms)
    about_place = _about(unit, hit, {r.name for r in asked.places}, asked.place_forms)
    score = own + 0.5 * (coverage - own)  # a sentence saying it beats one only under a heading that does
    score += FOCUS * asked.focus_share(simplified)  # what is asked after the story, not the story told
    if asked.places:
        score += 0.3 * about_place + 0.15 * named_here
    traits = traits_of(simplified)  # the patterns are simplified Chinese; a traditional report matches too
    if asked.kind == Kind.FIGURE:
        score += 0.6 * (traits.figure and tells_new_figure(unit.text, asked.question)) + 0.4 * (asked.wants_share and traits.share) + 0.4 * (asked.asks_term and traits.penalty)
        score += 0.3 * _counts(simplified, counted_unit(asked.question))
        score += 0.3 * measures_asked(simplified, asked.question)
        # 'key figures for Guangxi', '主要数据有哪些': no measure named, so the figures that say what was achieved
        score += KEY_FIGURE_BONUS * (not asked.topic and reports_result(simplified))
    elif asked.kind == Kind.COMPARE:
        score += 0.3 * traits.action + 0.3 * traits.figure
    elif asked.kind in (Kind.HOW, Kind.GENERAL):
        # asked what was achieved, a measure is not the answer; its result is
        action = traits.action and not (asked.result_words and not achieved)
        action = action and not asked.asks_sanction  # nor, asked what a breach costs, a measure ('建立…保护区')
        action = action and not is_statute(hit.title or "")  # a law's '设立…' or '开展…' is no practice reported
        score += 0.35 * action + 0.1 * traits.figure + 0.3 * bool(HOLDING.search(heading))
    score += RESULT_BONUS * achieved
    score += SANCTION_BONUS * (asked.asks_sanction and traits.sanction)  # '怎么处理' is answered by '没收…罚款'
    score += DATE_BONUS * (asked.asks_date and traits.dated)  # 'on what date' is answered by '于2022年3月17日'
    # 'why' by '防止“因熟生惰”', and asked why a court held so, by its rule and 裁判理由, not the facts it found
    reasoned = REASON.search(simplified) or REASONING.search(heading) or HOLDING.search(heading)
    reasoned = reasoned and not (asked.asks_court_reason and PARTY_GROUNDS.search(simplified))  # not the appellant's
    score += REASON_BONUS * (asked.asks_reason and bool(reasoned))
    score -= REASON_BONUS * (asked.asks_reason and bool(FACTS.search(heading)))
    score += 0.5 * REASON_BONUS * (asked.asks_reason and bool(CONCLUDES.match(simplified)))  # '综上，…不予支持'
    score += PROVISIONS_BONUS * bool(asked.asked_list and asked.asked_list.fullmatch(heading))
    if asked.wants_time_limit:
        score += TIME_LIMIT_BONUS * traits.time_limit  # 'within what time' is answered by '三日内', not by 时间
    score += 0.1 * unit.in_passage + (0.2 if unit.item and asked.kind != Kind.FIGURE else 0.0)
    if asked.yes_no and (asked.kind != Kind.FIGURE or HOLDING.search(heading)):
        score += 0.3 * traits.conclusion  # 'supported? how much?': the holding says whether, the judgment how much
    if ((asked.asks_outcome and OUTCOME.search(heading)) or (asked.asks_holding and HOLDING.search(heading))) \
            and (asked.kind != Kind.FIGURE or traits.figure):  # 'how much' is answered by an award, not a dismissal
        score += 0.3
    score += AGENCY_BONUS * (asked.asks_agency and bool(NAMES_AGENCY.search(simplified)))  # '…的登记机关是…司法行政部门'
    score += NEGATION_BONUS * says_negated(simplified, asked.negated_terms)  # '对方不履行' by '…不履行…的'
    score += DEFINED_BONUS * defines_term_of(simplified, asked.question)
    score += VALUE_BONUS * states_value_of(simplified, asked.value_terms)  # '记分周期是多长？' by '记分周期为12个月'
    score += KINDS_BONUS * (asked.asks_kinds and bool(_DIVIDED.search(simplified)))  # '分几级' by '分为四级'
    score += EXCEPTION_BONUS * (asked.asks_exception and bool(EXCEPTS.search(simplified)))  # '有没有例外' by '但是…'
    if asked.asks_problems and PROBLEMS.search(heading):
        score += 0.3  # 'what problems remain' is what a report's 存在的问题 section says
    if ((asked.kind != Kind.FIGURE and asked.yes_no) or asked.asks_outcome) and FACTS.search(heading):
        score -= 0.3  # how it ended, or whether: the facts the asker told are not the answer, nor their amounts
    if asked.stated_amount is not None:  # '货值大约8000元': the rule's tier it falls in ('货值金额不足1万元的，…')
        score += TIER_BONUS * tier_fit(simplified, asked.stated_amount)
    if party_claim(unit, simplified, hit, asked):
        score -= CLAIM_PENALTY  # '请求人民法院判令：…' is what a party asked, not what the court held
    if _CATCH_ALL.fullmatch(simplified):
        score -= CATCH_ALL_PENALTY  # '（五）其他情节严重的情形。' names no case of its own: no answer alone
    if _BOILERPLATE.search(simplified) and not asked.asks_scope:
        score -= BOILERPLATE_PENALTY  # '…适用本条例', '为了…制定本法' answers only what a law covers
    score *= 1.0 - RANK_DECAY * min(hit.rank - 1, 10)
    return Scored(unit=unit, score=score, coverage=coverage, place=about_place)


# work done, counted by what it yields (cases, people, documents, money), not the parts of a measure (6个版块)
_WORK_COUNTED = re.compile(rf"{COUNT}(?:件|人|名|份|条|次|起|笔|元|户|%|％)")


@lru_cache(maxsize=16384)
def reports_result(simplified: str) -> bool:
    """A sentence reporting what was achieved: a change (下降19.7%, 从1:2.08优化至1:1.20) or a count of work done
    ('2024年以来…汇聚线索110余条…均取得良好效果'), not a date nor a measure's size ('6个版块的管理系统')."""
    return bool(RESULT.search(simplified) and re.search(r"\d", simplified)) or bool(_WORK_COUNTED.search(simplified))


def candidates(hits: list[Hit], asked: Asked) -> list[Scored]:
    """Every sentence of the hits, scored; in a report, a sentence inherits the shared subject its passage names."""
    subjects = shared_subjects(asked, hits)
    scored, by_document = [], {}
    for hit in hits:
        given = subjects & asked.groups_in(simple_form(hit.text)) if subjects else frozenset()
        of_hit = [_score(unit, hit, asked, given) for unit in units_of(hit)
                  if (asked.asks_date or not _HISTORY.search(simple_form(unit.text))) and not claimed(unit, hit, asked)]
        scored += of_hit
        by_document.setdefault(hit.source, []).extend(of_hit)
    history = set()
    for of_document in by_document.values():  # a case's judgment may span several hits: read it whole
        history |= _final_ruling_first(of_document, asked.asks_outcome, asked.asks_earlier)
    return [s for s in scored if id(s) not in history]


def _final_ruling_first(scored: list[Scored], outcome_asked: bool, earlier_asked: bool = False) -> set[int]:
    """A judgment section lists every instance in order (一审…, 二审…, 再审…): a judgment a later court set aside
    is history (returned, by id), left out whatever is asked but the earlier instance ('一审怎么判的': the caller
    keeps it) — quoted beside a comparison of two cases, '判处有期徒刑十二年六个月' passes for an acquitted man's
    outcome. Asked how it ended, its last sentence is the final word and one a later court upheld is what the
    parties must do; asked for the earlier instance, that one comes first and nothing is left out. The sentences
    are read in document order, each once, though two hits' windows may both hold one."""
    judgment = sorted((s for s in scored if s.under(OUTCOME)), key=lambda s: (s.unit.passage, s.unit.position))
    texts = list(dict.fromkeys(s.unit.text for s in judgment))
    if earlier_asked:  # '一审判了几年？': the judgment a later court set aside or upheld is the answer
        role_of = dict(zip(texts, roles(texts)))
        for sentence in judgment:
            sentence.score += FINAL_RULING * (role_of[sentence.unit.text] in (Role.SET_ASIDE, Role.UPHELD))
        return set()
    if len(texts) > 1 and outcome_asked:
        for sentence in judgment:
            sentence.score += FINAL_RULING * (sentence.unit.text == texts[-1])
    role_of = dict(zip(texts, roles(texts)))
    history = set()
    for sentence in judgment:
        role = role_of[sentence.unit.text]
        sentence.score += UPHELD * (role is Role.UPHELD and outcome_asked)
        if role is Role.SET_ASIDE:
            history.add(id(sentence))
    return history


def in_place_of_weakest(chosen: list[Scored], candidates: list[Scored]) -> list[Scored]:
    """The best of `candidates` taking the place of the weakest chosen sentence."""
    weakest = min(chosen, key=lambda s: s.score)
    return [s for s in chosen if s is not weakest] + [max(candidates, key=lambda s: s.score)]


def list_openings(chosen: list[Scored], pool: list[Scored]) -> list[Scored]:
    """The sentences that announce the lists chosen items belong to, when not chosen themselves: '（二）申请执行人
    曾经提出控告…' alone does not say what it is a condition of; '…以自诉案件立案审理：（一）…；' does. A clause of
    an article after its list ('被撤销教师资格的，自撤销之日起5年内不得重新申请…' after '（二）品行不良、侮辱学生…的。')
    gets the opening too, and the list's item the question speaks of most."""
    taken, found = {id(s) for s in chosen}, []
    at = by_place(pool)
    for item in chosen:
        after_list = _after_a_list(item, at)
        if not after_list and not LISTED_ITEM.match(item.unit.text):
            continue
        earlier = sorted((s for s in pool if s.unit.hit_rank == item.unit.hit_rank
                          and s.unit.position < item.unit.position), key=lambda s: -s.unit.position)
        items = []
        for sentence in earlier:
            if ANNOUNCED_LIST.search(sentence.unit.text) or sentence.unit.text.rstrip().endswith(("：", ":")):
                # '…：（一）…；' as one sentence, or the opening on a line of its own before the items
                best = max(items, key=lambda s: s.score, default=None) if after_list else None
                for opening in [sentence, *([best] if best is not None and best.coverage > 0 else [])]:
                    if id(opening) not in taken:
                        taken.add(id(opening))
                        found.append(opening)
                break
            if not LISTED_ITEM.match(sentence.unit.text):
                break
            items.append(sentence)
    return found


def _after_a_list(sentence: Scored, at: dict[tuple[int, int], Scored]) -> bool:
    """A clause of an article right after its list's last item, not an item itself (`at`: the pool by place)."""
    before = at.get((sentence.unit.hit_rank, sentence.unit.position - 1))
    return bool(sentence.unit.article and before is not None and not LISTED_ITEM.match(sentence.unit.text)
                and LISTED_ITEM.match(before.unit.text) and before.unit.article == sentence.unit.article)


ITEMS_SHOWN = 4


def by_place(pool: list[Scored]) -> dict[tuple[int, int], Scored]:
    """The sentences of the hits by (hit rank, position), to walk from one to those after it."""
    return {(s.unit.hit_rank, s.unit.position): s for s in pool}


def sentences_after(sentence: Scored, at: dict[tuple[int, int], Scored]) -> Iterator[Scored]:
    """The sentences after one in its hit, in order (`at`: the pool by place)."""
    position = sentence.unit.position + 1
    while (after := at.get((sentence.unit.hit_rank, position))) is not None:
        yield after
        position += 1


def announced_items(chosen: list[Scored], pool: list[Scored]) -> list[Scored]:
    """The items of a list a chosen sentence announces and stops at ('…不得开具增值税专用发票：' then '(一)…；
    (二)…'): the items are what it says, and it says nothing without them; at most four, in order."""
    taken, found, at = {id(s) for s in chosen}, [], by_place(pool)
    for opening in (s for s in chosen if s.unit.text.rstrip().endswith(("：", ":"))):
        for item in islice(sentences_after(opening, at), ITEMS_SHOWN):
            if not LISTED_ITEM.match(item.unit.text):
                break
            if id(item) not in taken:
                taken.add(id(item))
                found.append(item)
    return found


# A sentence that opens by pointing back ('逾期不履行，…', '该协议…', '上述行为…') says nothing alone.
POINTS_BACK = re.compile(r"^(?:逾期|否则|该|此|上述|前述|以上|其中|对此|为此)")


def antecedents(chosen: list[Scored], pool: list[Scored]) -> list[Scored]:
    """The sentence before each chosen one that points back to it ('逾期不履行，本院将…刊登判决书' needs the
    order it enforces, '二、被告…公开登报赔礼道歉'), when not chosen itself."""
    taken, found = {id(s) for s in chosen}, []
    for item in chosen:
        if not POINTS_BACK.match(item.unit.text):
            continue
        before = [s for s in pool
                  if s.unit.hit_rank == item.unit.hit_rank and s.unit.position == item.unit.position - 1]
        if before and id(before[0]) not in taken:
            taken.add(id(before[0]))
            found.append(before[0])
    return found


def done_not_planned(on_topic: list[Scored], asked: Asked) -> list[Scored]:
    """'是怎么办理代表建议的？' is answered by what was done: a report's next steps ('三、存在问题及下一步工作打算')
    answer only when asked (they share a section with the problems), or when nothing else does."""
    if asked.asks_plans or asked.asks_problems:
        return on_topic
    done = [s for s in on_topic if not PLANS.search(simple_form(s.unit.section))]
    return done or on_topic


def best_sentences(scored: list[Scored], limit: int) -> list[Scored]:
    """The best sentences, no repeats, at most three per hit."""
    chosen: list[Scored] = []
    seen: set[str] = set()
    per_hit: dict[int, int] = {}
    for item in sorted(scored, key=lambda s: (-s.score, s.unit.hit_rank, s.unit.position)):
        key = simple_form(item.unit.text)
        if key in seen or any(key in s or s in key for s in seen) or per_hit.get(item.unit.hit_rank, 0) >= 3:
            continue
        chosen.append(item)
        seen.add(key)
        per_hit[item.unit.hit_rank] = per_hit.get(item.unit.hit_rank, 0) + 1
        if len(chosen) == limit:
            break
    return chosen
