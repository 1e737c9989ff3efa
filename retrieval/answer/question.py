"""What a question asks: its kind (how, figure, compare, document, general), places and weighted topic terms."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from retrieval.answer.asking import asking_clause, asking_part, asking_text
from retrieval.answer.cues import (AGENCY_ASKED, BEST, CASES_ASKED, CASES_COUNTED, COMPARE, COMPARE_WORDS_EN, COURT_HANDLED,
                                   COURT_REASON_ASKED, EXCEPTION_ASKED,
                                   DATE_ASKED, DIFFERENCE, EARLIER_ASKED, EFFECTIVE_ASKED, FACTS_ASKED, GENERIC,
                                   HOLDING_ASKED, KEYWORDS_ASKED, KINDS_ASKED, LEAST, LIST_ASKED, MOST, NOT_MEASURED, OUTCOME,
                                   OUTCOME_WORDS_EN, PARTIES_ASKED, PLANS, PROBLEMS_ASKED, PROVISIONS_ASKED, REASON_ASKED,
                                   SANCTION_ASKED, SCOPE_ASKED, SHARE_ASKED, TERM_ASKED, TIME_ASK_WORDS, TIME_LIMIT_ASKED,
                                   WHICH, YES_NO)
from retrieval.answer.kinds import Kind, classify
from retrieval.answer.negation import negated_groups
from retrieval.answer.references import ARTICLE_REF, NAMED_CASE, article_groups, named_cases
from retrieval.answer.terms import CJK_RUN, abbreviations, chinese_groups, statutory_alternatives, weak_topic
from retrieval.answer.tiers import stated_amount, stated_amount_en
from retrieval.answer.traits import KEYWORDS, PROVISIONS, SANCTION, simple_form
from retrieval.answer.where import PLACE_ASKED
from retrieval.index.lexical import known_word, tokenize
from retrieval.ingest.clean import index_form
from retrieval.search.crosslingual import translate_question
from retrieval.search.regions import Region, gazetteer

# Which way something moved ('怎么减少信访' asks about 信访): a text saying only that something fell
# ('受理审查逮捕5631件、同比下降24.3%') is not about what the question wants reduced (Asked.coverage).
DIRECTION = re.compile(r"^(?:减少|下降|降低|压降|减轻|提高|提升|上升|增加|增长|增强|加快|缩短)$")
# The words that ask what a practice achieved ('取得了什么成效？', 'What were the results?'): a sentence reporting
# a result ('汇聚线索110余条…取得良好效果', '信访量下降19.7%') carries them, in whatever words it uses.
_RESULT_WORD = re.compile(r"^(?:成效|效果|成果|成绩|实效|办理成效|工作成效)$")
_RESULT_VERB = re.compile(r"(?:取得|获得|收到|达到)(?=了?(?:哪些|什么|怎样的?|多大的?|明显的?)?(?:成效|效果|成果|成绩|实效))")
# '交流了什么经验？', '介绍了哪些做法': the verb frames the asking as 做法 does ('交流' is no word of the answer's)
_EXPERIENCE_VERB = re.compile(r"(?:交流|分享|介绍|总结)(?=了?(?:哪些|什么|些|的)?(?:好的?)?(?:经验|做法|举措))")
_QUOTES = re.compile(r"[“”‘’\"'「」『』《》〈〉\s]")


@lru_cache(maxsize=8192)
def _parts(term: str) -> list[str]:
    """A term's words (jieba), cached: the same topic terms are checked against every sentence. None when they
    leave a character out: '食药品安全' is no 药品安全, its 食 (food) is what it asks."""
    parts = [p for p in tokenize(term) if p != term and len(p) >= 2]
    covered = {m.start() + i for p in parts for m in re.finditer(re.escape(p), term) for i in range(len(p))}
    return parts if len(covered) == len(term) else []


def _says(term: str, text: str) -> bool:
    """The term, whole or all its words ('清理“挂案”' says 挂案清理); its last word, when far from the others, not
    where it heads another term ('…检察工作…代表建议' is no 检察建议: that 建议 is a deputy's)."""
    if term in text:
        return True
    parts = _parts(term)
    if len(term) < 4 or len(parts) < 2 or not all(p in text for p in parts):
        return False
    head, modifiers = parts[-1], set(parts[:-1])

    def says_it(at: int) -> bool:
        before = term[:-len(head)]
        if text[max(0, at - 2):at] == "特别" and text[max(0, at - 2 - len(before)):max(0, at - 2)] == before:
            return False  # '情节特别严重' is the tier above 情节严重, not it
        # its other words close by ('执行检察监督' says 执行监督), or the head no other term's ('代表建议')
        close = text[max(0, at - len(term) - 2):at + len(term) + 2]
        other = at >= 2 and text[at - 2:at] not in modifiers and known_word(text[at - 2:at] + head)
        return any(m in close for m in modifiers) or not other

    return any(says_it(m.start()) for m in re.finditer(re.escape(head), text))


def asks_comparison(question: str) -> bool:
    """'有什么不同', 'compare', 'differ': the question compares."""
    return bool(COMPARE.search(question))


@lru_cache(maxsize=2048)
def _without_court_handling(question: str) -> str:
    return COURT_HANDLED.sub("，", question)


@lru_cache(maxsize=8192)
def _asks(pattern: re.Pattern, question: str) -> bool:
    """Whether the question matches, in its simplified form too ('指導案例93號的關鍵詞'); asked once per question,
    not once per sentence scored."""
    return bool(pattern.search(question) or pattern.search(simple_form(question)))


class _Cue:
    """A read-only attribute of Asked: whether its question matches a pattern."""

    def __init__(self, pattern: re.Pattern, doc: str) -> None:
        self.pattern, self.__doc__ = pattern, doc

    def __get__(self, asked: Asked | None, owner: type | None = None):
        return self if asked is None else _asks(self.pattern, asked.question)


class Asked(BaseModel):
    """A question taken apart for the composer."""

    model_config = ConfigDict(ignored_types=(_Cue,))

    question: str
    language: str
    kind: Kind
    places: list[Region] = Field(default_factory=list)
    place_forms: list[str] = Field(default_factory=list, description="Chinese names of the places, full and short.")
    topic: list[tuple[list[str], float]] = Field(
        default_factory=list, description="Topic term groups (alternatives that mean the same) and their weights.")
    english_topic: list[str] = Field(default_factory=list, description="The English phrases the topic came from.")
    places_filter: bool = Field(True, description="Only sentences about the asked places answer (False when the "
                                                  "places are facts of the one document answering).")
    people: list[str] = Field(default_factory=list,
                              description="People the question names, as the hits write them (吴强 for 'Wu Qiang').")
    focus: frozenset[int] = Field(default_factory=frozenset,
                                  description="Topic groups the asking sentences name, after a story told first.")
    named_cases: list[str] = Field(default_factory=list,
                                   description="Case numbers the question names (指导案例84号, 检例第12号), as titles spell them.")
    named_laws: list[str] = Field(default_factory=list,
                                  description="Titles of laws in the collection the question names ('依照消防法…').")
    unheld_laws: list[str] = Field(default_factory=list, description="Laws the question names by title that the "
                                   "collection does not hold ('刑事诉讼法', 'Civil Code (民法典)').")
    unheld_cases: list[str] = Field(default_factory=list, description="Cases the question names by number that the "
                                    "collection does not hold ('指导案例300号').")
    unheld_parties: list[str] = Field(default_factory=list, description="People the question names as a case's party, in "
                                      "pinyin, that no case of the collection names ('Bo Xilai').")
    unheld_articles: list[str] = Field(default_factory=list, description="What the laws the question names lack of the "
                                       "articles it cites, said as the answer ('《数据安全法》没有第六十条…').")
    articles: list[str] = Field(default_factory=list,
                                description="Articles the question cites, both spellings ('第一百六十八条', '第168条').")

    # What the question asks beyond its topic, each matched once per question (see _asks).
    wants_share = _Cue(SHARE_ASKED, "The question asks for a percentage or rate, not a count.")
    asks_holding = _Cue(HOLDING_ASKED, "The question asks the case's rule ('裁判要点怎么说', 'what does the case say …').")
    asks_provisions = _Cue(PROVISIONS_ASKED, "The question asks which laws a case applied ('依据的是哪条法律？', "
                                              "'Which law did the court apply?').")
    asks_effective = _Cue(EFFECTIVE_ASKED, "The question asks when a law took effect ('什么时候施行？').")
    asks_list = _Cue(LIST_ASKED, "The question asks what a list holds ('必须具备哪些条件？').")
    asks_facts = _Cue(FACTS_ASKED, "The question asks what happened in a case ('144号的基本案情', 'the facts of …').")
    asks_keywords = _Cue(KEYWORDS_ASKED, "The question asks a case's keywords ('它的关键词呢？').")
    asks_parties = _Cue(PARTIES_ASKED, "The question asks who a case's parties are ('当事人是谁？', 'Who were the parties?').")
    asks_problems = _Cue(PROBLEMS_ASKED, "The question asks what is still wrong ('还存在哪些问题？', 'What problems …?').")
    asks_agency = _Cue(AGENCY_ASKED, "The question asks who acts or enforces ('谁来查处？', 'Which authority …?').")
    asks_kinds = _Cue(KINDS_ASKED, "The question asks how many grades or kinds there are ('医疗事故分几级？').")
    asks_reason = _Cue(REASON_ASKED, "The question asks why ('为什么要轮岗？', 'Why did the prosecutor appeal?').")
    asks_exception = _Cue(EXCEPTION_ASKED, "The question asks a rule's exceptions ('有没有例外？', 'Is there an "
                                           "exception?').")
    asks_court_reason = _Cue(COURT_REASON_ASKED, "The question asks why a court held so ('法院为什么这么认定？'), "
                                                 "which a party's grounds do not answer.")
    asks_plans = _Cue(PLANS, "The question asks what is planned next ('下一步打算怎么做？', 'What are the next steps?').")
    asks_term = _Cue(TERM_ASKED, "The question asks how long a sentence was ('判了几年？', 'what prison term …?').")
    asks_time_limit = _Cue(TIME_LIMIT_ASKED, "The question asks a time limit ('期限最长是多久？', 'Within what time?').")
    asks_outcome = _Cue(OUTCOME, "The question asks how a case ended ('最后怎么判的', '二审怎么处理的', 'Was the "
                                  "pursuer held liable?').")
    asks_scope = _Cue(SCOPE_ASKED, "The question asks what a law covers or when it applies ('适用哪部条例？').")
    asks_date = _Cue(DATE_ASKED, "The question asks when something happened ('on what date', '什么时候作出的').")
    asks_cases = _Cue(CASES_ASKED, "The question asks which cases there are ('有哪些…的指导案例？', 'Which cases …?').")
    asks_place = _Cue(PLACE_ASKED, "The question asks which place ('哪个省…', 'Which procuratorate …?').")
    yes_no = _Cue(YES_NO, "The question asks whether something holds ('能否作为共益债务清偿？', 'Is that a work injury?').")

    @property
    def ranks(self) -> str | None:
        """'most' or 'least' when the question asks which place (of those it names, or any) has the highest or the
        lowest of something ('哪个地方的案件比最低？', 'Which fell more, Kunming or Henan?'); 'difference' when it asks
        how far apart two places are; else None."""
        if len({place.pinyin for place in self.places}) == 2 and DIFFERENCE.search(self.question):
            return "difference"  # '昆明的听证员比榆林多多少人？': the two figures and how far apart they are
        asks_which = self.asks_place or (len(self.places) >= 2 and WHICH.search(self.question))
        most, least = MOST.search(self.question), LEAST.search(self.question)
        if asks_which and not (most or least) and BEST.search(self.question) and self.measure:
            return "least" if self.measure[0].endswith("比") else "most"
        if not asks_which or bool(most) == bool(least):
            return None
        return "most" if most else "least"

    @property
    def measure(self) -> list[str]:
        """The topic group a ranking question measures (案件比), not what it says of it (最低, 下降, 同比)."""
        measured = [pair for pair in self.topic if not NOT_MEASURED.search(pair[0][0])]
        return max(measured, key=lambda pair: pair[1])[0] if measured else []

    @property
    def asked_list(self) -> re.Pattern[str] | None:
        """The heading of the list of its own a case answers with (相关法条, 关键词), when the question asks it."""
        return PROVISIONS if self.asks_provisions else KEYWORDS if self.asks_keywords else None

    @property
    def wants_time_limit(self) -> bool:
        """A time limit is asked ('within what time…'), not a prison term ('判了多久')."""
        return self.asks_time_limit and not self.asks_term

    @property
    def asks_sanction(self) -> bool:
        """The question asks what a breach costs ('应该怎么处理？', 'what penalty …?'), not what a court did."""
        return _asks(SANCTION_ASKED, _without_court_handling(self.question))

    @property
    def stated_amount(self) -> tuple[float, str] | None:
        """The one quantity of a unit the question states ('货值大约8000元', '12 years of service'), else None
        (see answer/tiers.py)."""
        return stated_amount(simple_form(self.question)) if self.language == "zh" else stated_amount_en(self.question)

    @property
    def asks_earlier(self) -> bool:
        """The question asks an earlier court's judgment ('一审怎么判的', 'originally'); a story telling it ('一审按
        故意伤害判了，二审最后怎么处理的？') asks the last one."""
        return _asks(EARLIER_ASKED, asking_text(self.question, self.language))

    @property
    def negated_terms(self) -> tuple[str, ...]:
        """The topic terms a Chinese question says were not done ('对方不履行…'; see answer/negation.py)."""
        if self.language != "zh":
            return ()
        return _negated_terms(self.question, tuple(tuple(group) for group, _ in self.topic))

    @property
    def value_terms(self) -> tuple[str, ...]:
        """Asked how much or how long (in Chinese), the topic's terms whose value a sentence may state."""
        if self.language != "zh":
            return ()
        return _value_terms(self.question, tuple(tuple(group) for group, _ in self.topic))

    @property
    def topic_weight(self) -> float:
        return sum(weight for _, weight in self.topic)

    def core_found(self, simplified_texts: list[str]) -> bool:
        """The topic's most specific term (its rarest group) appears in one of the texts; true with no topic."""
        if not self.topic:
            return True
        core, _ = max(self.topic, key=lambda pair: pair[1])
        return any(_says(term, _QUOTES.sub("", text)) for text in simplified_texts for term in core)

    def coverage(self, simplified: str, given: frozenset[int] = frozenset()) -> float:
        """Share of the topic's weight a (simplified) text carries; 1 when the question names no topic.

        A term counts when it appears whole, or when all its words do ('“挂案”清理' says 清理挂案); the
        groups numbered in `given` count as carried (the subject a sentence's passage already names)."""
        if not self.topic:
            return 1.0
        found = self.groups_in(simplified) | given
        if found and found <= self.directions and len(self.directions) < len(self.topic):
            return 0.0  # only which way something moved, not what
        return sum(self.topic[i][1] for i in found) / self.topic_weight

    @property
    def result_words(self) -> frozenset[int]:
        """The topic groups that ask what was achieved (成效, 效果, 'results')."""
        return frozenset(i for i, (group, _) in enumerate(self.topic) if any(_RESULT_WORD.match(t) for t in group))

    @property
    def directions(self) -> frozenset[int]:
        """The topic groups that say only which way something moved (减少, 下降, 提高)."""
        return frozenset(i for i, (group, _) in enumerate(self.topic) if DIRECTION.match(group[0]))

    def focus_share(self, simplified: str) -> float:
        """Share of the asking sentences' topic weight a (simplified) text carries; 0 with no story told."""
        total = sum(self.topic[i][1] for i in self.focus)
        return sum(self.topic[i][1] for i in self.groups_in(simplified) & self.focus) / total if total else 0.0

    def cites_article_in(self, simplified: str) -> bool:
        """Whether a (simplified) text names an article the question cites."""
        return any(article in simplified for article in self.articles)

    def names_document(self, source: str, title: str | None) -> bool:
        """Whether the document (by file name and title) is a case the question names by number or a law it
        names by title."""
        named = simple_form(f"{source} {title or ''}") if self.named_cases else ""  # cached: read per question
        return any(ref in named for ref in self.named_cases) or (title or "") in self.named_laws

    def groups_in(self, simplified: str) -> frozenset[int]:
        """The topic groups a (simplified) text names."""
        bare = _QUOTES.sub("", simplified)
        # (English only: a Chinese question's 处罚 is its own word, and '如何处罚' already asks for the sanction)
        penalised = self.language == "en" and bool(SANCTION.search(bare) or _SENTENCED.search(bare))
        return frozenset(i for i, (group, _) in enumerate(self.topic)
                         if any(_says(t, bare) for t in group) or (penalised and _PENALTY_WORD.match(group[0])))


# A penalty asked in an English word ('What is the penalty…?' -> 处罚|刑罚|判处) is named by any sentence imposing
# one ('并处…罚款', '处三年以下有期徒刑'), in whatever words.
_PENALTY_WORD = re.compile(r"^(?:处罚|刑罚|判处|惩罚|罚则|法律责任|行政处罚)$")
_SENTENCED = re.compile(r"有期徒刑|拘役|管制|无期徒刑|死刑")
_GUIDING_CASES = re.compile(r"指导性?案例")
_REPORTS_AS_DUTY = re.compile(r"(?:没有?|未|不|应当|应|及时|如实|按(?:照)?规定|谎|瞒)报告")
_ENGLISH_WORDS = re.compile(r"\b[A-Za-z][a-z'-]{2,}\b")  # words, not acronyms (APP, ETC) nor codes (P2P)
_FUNCTION_CHARS = frozenset("为了着过去来得的地把被给向在是也都就又还")
_PLACEHOLDER = re.compile(r"^某[\u4e00-\u9fff]{1,3}$")
_ASKS_WHETHER = re.compile(r"^([\u4e00-\u9fff])[不没]\1")  # 够不够, 算不算, 会不会, 行不行
_VAGUE_COUNT = re.compile(r"^(?:好几|几|数|上)[十百千万]+[次人件元个天年月名条起份块回遍]?$")  # 几百次, 上千元
_SOMEONE = frozenset({"有人", "别人", "人家", "某人"})
_ASKS_VALUE = re.compile(r"多长|多久|多少|多大|多高|几[年月天日个次]|最[低高长短少多](?!额)|上限|下限")  # how much, how long


@lru_cache(maxsize=2048)
def _negated_terms(question: str, groups: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    asked = asking_text(question, "zh")  # a story's '没尽到…义务' is the facts told, not what is asked
    return tuple(term for i in sorted(negated_groups(asked, groups)) for term in groups[i])


@lru_cache(maxsize=2048)
def _value_terms(question: str, groups: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    return tuple(t for group in groups for t in group if len(t) >= 2) if _ASKS_VALUE.search(question) else ()


def _topical(term: str, places: list[str], terms: list[str]) -> bool:
    """A term that says what is asked: not generic, not a place, not a sub-word of a longer term asked."""
    if len(term) < 2 or term in GENERIC or term.isdigit() or any(term in p or p in term for p in places):
        return False
    if _PLACEHOLDER.match(term):  # '某县', '某公司': who it was, not what is asked
        return False
    if _ASKS_WHETHER.match(term) or _VAGUE_COUNT.match(term) or term in _SOMEONE:
        return False  # '够不够诽谤罪', '转发了几百次', '有人在网上…': how it asks or tells, no word of the answer's
    if len(term) == 2 and term[1] in _FUNCTION_CHARS and not known_word(term):
        return False  # '县为' (…两个县为一片山林…), '挪去': a character and a particle jieba's model paired
    return not any(term != other and term in other for other in terms)


def analyse(question: str, language: str, idf: Callable[[str], float] | None = None) -> Asked:
    """Kind, places and topic terms (weighted by rarity in the collection when `idf` is given)."""
    places = gazetteer().find_in_question(question)
    forms: list[str] = []
    for region in places:
        forms.extend(p for p in (region.name, region.short) if p and p not in forms)
    english: list[str] = []
    articles: list[list[str]] = []
    if language == "en":
        # 'which provinces' asks for places, 'which article' for the provisions a case applied: no topic words
        asking = PROVISIONS_ASKED.sub(" ", PLACE_ASKED.sub(" ", question))
        asking = COMPARE_WORDS_EN.sub(" ", asking)
        translation = translate_question(OUTCOME_WORDS_EN.sub(" ", asking) if OUTCOME.search(question) else asking)
        groups = [[index_form(t) for t in terms] for terms in translation.groups]
        weak = [[index_form(t) for t in terms] for terms in translation.weak_groups]
        weak_weights = dict(zip(map(tuple, weak), translation.weak_weights))
        english = list(translation.matched)
        # A Chinese term quoted in an English question ('How did Guangxi improve its 案-件比?') is its subject.
        groups += chinese_groups(" ".join(CJK_RUN.findall(index_form(question))))
        # 'Article 17' is 第十七条 or 第17条, one term written two ways, as a Chinese question's article is
        articles = article_groups(" ".join(term for group in groups for term in group))
        spelt = {term for group in articles for term in group}
        groups = articles + [group for group in groups if not set(group) <= spelt]
    else:
        weak, weak_weights, sole = [], {}, frozenset()
        # the case a question names ('指导案例24号') is where to look, not words its sentences say
        asking = CASES_COUNTED.sub("多少件", TIME_ASK_WORDS.sub("，", NAMED_CASE.sub("，", index_form(question))))
        asking = _GUIDING_CASES.sub("，", asking)  # '有指导案例吗？' asks for cases: 指导 is no word of theirs
        asking = KINDS_ASKED.sub("，", asking)  # '分几级' asks how a thing is divided: no word of the answer's
        words = _ENGLISH_WORDS.findall(asking)
        if words:  # '昆明检察院的司法救助 case count 是多少？': English words, guessed at in Chinese, weigh little
            asking = _ENGLISH_WORDS.sub("，", asking)
            mixed = translate_question(" ".join(words))
            weak = [[index_form(t) for t in terms] for terms in [*mixed.groups, *mixed.weak_groups]]
        asking = PLACE_ASKED.sub("，", asking)  # '哪些省份…' asks for places: 省份 is no word of the answer's
        asking = _RESULT_VERB.sub("，", asking)  # '取得了哪些成效' asks for results: 取得 is how it asks
        asking = _EXPERIENCE_VERB.sub("，", asking)
        articles = article_groups(asking)
        groups = articles + statutory_alternatives(chinese_groups(ARTICLE_REF.sub("，", asking)), idf)
    shorts = abbreviations()
    groups = [[*group, *dict.fromkeys(a for term in group for item in (term, *term.split("、"))
                                      for a in shorts.get(item, []) if a not in group)] for group in groups]
    cases = named_cases(question)
    groups = [group for group in groups if group[0] not in cases]  # the case named is where to look (see above)
    own = [group[0] for group in groups]
    topic = []
    for group in {g[0]: g for g in groups}.values():  # a word the question repeats counts once
        if _topical(group[0], forms, own):
            topic.append((group, idf(group[0]) if idf else float(min(len(group[0]), 4))))
    if language == "zh" and _REPORTS_AS_DUTY.search(question) and not any(g[0] == "报告" for g, _ in topic):
        # '公司没报告职业病要罚多少': the duty to report, not a report (a document noun, generic otherwise)
        topic.append((["报告"], idf("报告") if idf else 2.0))
    if language == "zh" and articles and len(topic) > len(articles):
        # the article cited is what the question is about, however long the story told around it
        heaviest = max(weight for group, weight in topic if group not in articles)
        topic = [(group, 2 * heaviest if group in articles else weight) for group, weight in topic]
    if weak:  # dictionary guesses count less: 'quantum gravity' must still be found somewhere
        sole = frozenset(index_form(t) for t in translation.sole_meanings) if language == "en" else sole
        topic += [(group, weight * weak_weights.get(tuple(group), 1.0)) for group, weight in
                  weak_topic([g for g in weak if _topical(g[0], forms, own)], idf, bool(topic), sole)]
    return Asked(question=question, language=language, kind=classify(question, places), places=places,
                 place_forms=forms, topic=topic, english_topic=english, named_cases=cases,
                 articles=[term for group in articles for term in group],
                 focus=_focus(question, language, topic, idf))


def _focus(question: str, language: str, topic: list[tuple[list[str], float]],
           idf: Callable[[str], float] | None) -> frozenset[int]:
    """The topic groups the asking sentences name, when the question tells a story before it asks: in other
    sentences ('被十几个同学围殴。怎么判的？') or, in Chinese, earlier clauses of the asking one
    ('外国人涉嫌非法居留，被公安机关拘留审查，拘留审查的期限最长是多久？')."""
    asking = asking_part(question)
    if asking.strip() == question.strip() and language == "zh":
        asking = asking_clause(question)
    if asking.strip() == question.strip():
        return frozenset()
    asked_terms = {term for group, _ in analyse(asking, language, idf).topic for term in group}
    return frozenset(i for i, (group, _) in enumerate(topic) if asked_terms & set(group))
