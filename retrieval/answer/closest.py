"""What a refusal points at: when no sentence answers, the few sentences of search's first hit that come
closest, quoted and cited under a line saying they may not answer.

A lay question about a law ('区统计局催了好几次，一家食品厂就是不交年报…最多能罚多少钱？') shares almost no words
with the article that answers it, so the composer, which picks sentences by the question's words, finds
none; search, which also reads meaning, often ranks that article first. The asker can judge a quoted
article; a bare "nothing found" gives them nothing to judge. The answer still says first that nothing was
found, so an out-of-scope question is still refused."""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.answer.composer import MAX_CHARS
from retrieval.answer.cues import SANCTION_ASKED
from retrieval.answer.extract import Extract, HitNumbering
from retrieval.answer.english import CASE_NUMBER, case_in_english, is_statute, names_a_case
from retrieval.answer.extractive import term_rarity
from retrieval.answer.followup import names_an_aspect
from retrieval.answer.foreign import foreign_law
from retrieval.answer.ground import MARKER
from retrieval.answer.lead import document_order
from retrieval.answer.phrases import (CLOSEST, NOT_FOREIGN_LAW, NOT_FOUND, NOT_HELD_CASE, NOT_HELD_LAW,
                                      NOT_HELD_LAW_ONLY, NOT_HELD_PARTY, NOT_IN_CASE, NOT_IN_CASE_ONLY,
                                      NOT_IN_COLLECTION, OFFLINE_NOTE)
from retrieval.answer.question import Asked
from retrieval.answer.held import chinese_title
from retrieval.answer.scoring import candidates
from retrieval.answer.terms import unused
from retrieval.answer.traits import simple_form
from retrieval.answer.units import LISTED_ITEM
from retrieval.index.lexical import tokenize
from retrieval.ingest.clean import index_form
from retrieval.types import Hit

CLOSEST_SENTENCES = 3  # of the first hit, best scored; shown in document order
STORY_GROUPS = 10  # topic words of a question that tells its case in the asker's own words
LEAD_PREFIX = 12  # characters a lead shares with the sentence it was cut from


def with_closest(answer: Extract, asked: Asked, hits: list[Hit], idf: Callable[[str], float] | None = None) -> Extract:
    """The answer, or for a bare "nothing found" (not a place the documents never name, nor a subject they never
    mention) the same line followed by the first hit's sentences that come closest to the question."""
    language = asked.language
    if answer.text != NOT_FOUND[language] or not hits:
        return answer
    # the case or law the question names is where the closest is, not search's first hit
    first = next((hit for hit in hits if asked.names_document(hit.source, hit.title)), hits[0])
    # a law named is the subject: what else the question says is asked of it ('What does the Anti-Foreign
    # Sanctions Law allow the government to do?' of a law saying 国务院有关部门可以决定…)
    of_law = bool(asked.named_laws) and (first.title or first.source) in asked.named_laws
    if not of_law and _names_an_absent_subject(asked, idf):
        return answer
    if asked.named_cases and not any(asked.names_document(hit.source, hit.title) for hit in hits):
        return answer  # '检例第1号讲什么' of a collection without it: another case is not close
    if not of_law and len(asked.topic) < STORY_GROUPS and not asked.core_found([simple_form(hits[0].readable)]):
        return answer  # a short question about something its closest passage does not mention
    # a sentence sharing no word of the question's topic is not close, whatever its rank ('火星上的检察院…')
    scored = [s for s in candidates([first], asked) if s.coverage > 0 or not asked.topic or of_law]
    if of_law:  # an item without the article opening its list ('（四）其他必要措施。') says nothing alone
        scored = [s for s in scored if not LISTED_ITEM.match(s.unit.text)] or scored
    chosen = document_order(sorted(scored, key=lambda s: (-s.score, s.unit.position))[:CLOSEST_SENTENCES])
    while len(chosen) > 1 and sum(len(s.unit.text) for s in chosen) > MAX_CHARS:
        chosen.remove(min(chosen, key=lambda s: s.score))
    if not chosen:
        return answer
    numbering = HitNumbering([first])
    # whose words they are: a fine quoted under a refusal about another law reads as that law's
    lines = [NOT_FOUND[language], CLOSEST[language].format(title=first.title or first.source)]
    lines += [f"- {s.unit.text}{numbering.mark_unit(s.unit)}" for s in chosen]
    return Extract(text="\n".join(lines + [OFFLINE_NOTE[language]]), cited=numbering.cited())


HITS_CITING = 5  # top hits read for a law the question names being applied or cited


def _names_an_absent_subject(asked: Asked, idf: Callable[[str], float] | None) -> bool:
    """The question's most specific term is one no passage uses, and it names a subject: a legal term the
    glossary or dictionary gives other wordings for (洗钱|洗钱罪, 'extradition'). Nothing is close to money
    laundering in a collection without it. A single everyday word no passage uses is as often the asker's own
    (调委会, 夫妻俩, 镇上) for what the law words otherwise, and the closest article may well answer."""
    if idf is None or not asked.topic:
        return False
    core, _ = max(asked.topic, key=lambda pair: pair[1])
    rarity = term_rarity(idf)
    # what a breach costs (处罚|罚款) is an aspect asked of whatever the question is about, not its subject
    # a wording of several words each used ('精神损害赔偿': 精神, 损害, 赔偿) is absent unless the hits say it, as
    # the caller checks: its words alone say nothing of damages for emotional distress
    return len(core) >= 2 and unused(core[0], rarity) \
        and all(unused(term, rarity) or len(tokenize(term)) > 1 for term in core[1:]) \
        and not any(SANCTION_ASKED.search(term) for term in core)


def saying_what_is_missing(answer: Extract, asked: Asked, hits: list[Hit], passages_of,
                           idf: Callable[[str], float] | None = None) -> Extract:
    """A Chinese answer that quotes something, though what the question asks about is not there, says so first,
    above the quotes, now shown as the closest there is: cases asked for on a subject no passage of the collection
    uses ('有没有涉及网络主播偷税的案例？': 偷税), or a case named whose text says none of the question's words
    ('指导性案例193号，检察院为什么抗诉？': a word other cases use; `passages_of(source)` gives all of a case's
    passages, not only those search returned); a law the question names that the collection does not hold
    ('刑事诉讼法规定拘留后多久提请逮捕？': other laws' closest articles had been quoted as its answer)."""
    if country := foreign_law(asked.question, asked.language):  # 'Under US federal securities law, …'
        return answer.model_copy(update={"text": NOT_FOREIGN_LAW[asked.language].format(country=country), "cited": []})
    if asked.unheld_cases and _numbers(asked.named_cases) <= _numbers(asked.unheld_cases):
        # every case it names is missing: another case's sentences would answer a question about none of them
        cases = "、".join(asked.unheld_cases) if asked.language == "zh" else \
            " and ".join(case_in_english(case) for case in asked.unheld_cases)
        return answer.model_copy(update={"text": NOT_HELD_CASE[asked.language].format(case=cases), "cited": []})
    if asked.unheld_parties and not asked.named_cases:  # 'the Bo Xilai case': another case is not it
        names = " or ".join(asked.unheld_parties)
        return answer.model_copy(update={"text": NOT_HELD_PARTY[asked.language].format(name=names), "cited": []})
    if asked.unheld_articles:  # '数据安全法第六十条' of a law with 55: other articles' fragments answer nothing
        return answer.model_copy(update={"text": "\n".join(asked.unheld_articles), "cited": []})
    if asked.unheld_laws and not asked.asks_cases and not asked.named_cases:
        law = asked.unheld_laws[0]
        # its article's number in other laws is another article, unless they cite it of that law (a table of
        # crimes by 刑法's articles)
        chinese = chinese_title(law)
        if not answer.cited or (asked.articles and not any(chinese in index_form(hit.text) for hit in answer.cited)):
            return answer.model_copy(update={"text": NOT_HELD_LAW_ONLY[asked.language].format(law=law), "cited": []})
        if any(_applies(hit, chinese) for hit in [*answer.cited, *hits[:HITS_CITING]]):
            return answer  # a case applying it, or a report citing it, answers
        return _prefaced(answer, NOT_HELD_LAW[asked.language].format(law=law), asked.language)
    if asked.language != "zh" or not asked.topic:
        return answer
    core, _ = max(asked.topic, key=lambda pair: pair[1])
    # asked for cases about a subject no passage uses; elsewhere such a word is as often the asker's own for what
    # the law words otherwise (市场监管部门 for 市场监督管理部门), and the quotes may well answer
    named = {hit.source: hit for hit in hits if asked.names_document(hit.source, hit.title)}
    # a subject no passage uses, asked of no document the collection holds, in a question short enough that the
    # term is its subject ('盗窃…多少钱算数额较大？' of a collection without theft: 抢夺's thresholds are not it); a
    # story about a law it names words its authority its own way (市场监管部门 for 市场监督管理部门)
    if answer.cited and not named and (asked.asks_cases or len(asked.topic) < STORY_GROUPS) \
            and _names_an_absent_subject(asked, idf):
        said = [simple_form(h.readable) for h in hits]
        if not asked.core_found(said) and not _nearly_said(core, said):
            return _prefaced(answer, NOT_IN_COLLECTION["zh"].format(term=core[0]))
    if len(named) != 1:
        return answer
    source, hit = next(iter(named.items()))
    case = CASE_NUMBER.search(hit.title or source)
    if case is None or not names_a_case(hit.title or source):
        return answer
    if asked.coverage(simple_form(" ".join(f"{p.section} {p.text}" for p in passages_of(source)))) > 0 \
            or names_an_aspect(core[0]) or asked.asked_list or asked.asks_parties or (idf is not None and unused(core[0], term_rarity(idf))):
        # one of the question's words in the case; an aspect it words its own way (二审, 结果, its 相关法条); or a word no document
        # uses, the asker's way of asking ('怎么回事', '哪条'), no subject another case might have had
        return answer
    if not answer.cited:  # nothing close either: that the case does not say it is the whole answer
        return answer.model_copy(update={"text": NOT_IN_CASE_ONLY["zh"].format(case=case.group(), term=core[0])})
    return _prefaced(answer, NOT_IN_CASE["zh"].format(case=case.group(), term=core[0]))


def _nearly_said(terms: list[str], texts: list[str]) -> bool:
    """A term said with a character more between its own ('免征进口税' in '免征进口关税'): the asker's shorter
    wording of what the text says, not a subject it lacks."""
    patterns = [re.compile(".?".join(map(re.escape, term))) for term in terms if len(term) >= NEAR_CHARS]
    return any(pattern.search(text) for pattern in patterns for text in texts)


NEAR_CHARS = 4


def _applies(hit: Hit, law: str) -> bool:
    """A case or report that cites the law, or a statute about it (its interpretation); another statute citing
    it ('消费者依据食品安全法第一百三十一条…主张') says what that statute provides, not what the law does."""
    title = hit.title or hit.source
    return law in index_form(hit.text) and (not is_statute(title) or law in index_form(title))


def _numbers(refs: list[str]) -> set[str]:
    """'指导案例300号' and '指导性案例300号' are one case: its number (检例 marked apart)."""
    return {("检" if ref.startswith("检例") else "") + re.sub(r"\D", "", ref) for ref in refs}


def _prefaced(answer: Extract, said: str, language: str = "zh") -> Extract:
    """The answer under a first line of its own, its lead (when no bullet repeats it) now a bullet."""
    lead, *rest = [line for line in answer.text.splitlines() if line != OFFLINE_NOTE[language]]
    # a lead cut from a quoted sentence begins as that sentence does; a sentence shown whole is quoted nowhere else
    said_again = any(line.startswith("- " + MARKER.sub("", lead)[:LEAD_PREFIX]) for line in rest)
    quoted = rest if said_again or language != "zh" else [f"- {lead}", *rest]
    return answer.model_copy(update={"text": "\n".join([said, *quoted, OFFLINE_NOTE[language]])})
