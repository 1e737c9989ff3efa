"""Topic term groups of Chinese text: jieba words with the glossary's synonyms (下降|减少|降低), its
abbreviations (减刑 -> 减假暂) and multi-word terms spelled out (减刑假释暂予监外执行)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from retrieval.index.lexical import known_word, tokenize
from retrieval.ingest.clean import index_form
from retrieval.search.colloquial import statutory_terms
from retrieval.search.crosslingual import glossary_rows


@lru_cache(maxsize=1)
def chinese_synonyms() -> dict[str, list[str]]:
    """Chinese terms the glossary lists as one meaning (下降|减少|降低), so a sentence can say it either way."""
    out: dict[str, list[str]] = {}
    for _, chinese in glossary_rows():
        terms = [index_form(t) for t in chinese if len(t) >= 2]
        if 2 <= len(terms) <= 5:
            for term in terms:
                out.setdefault(term, [])
                out[term] += [t for t in terms if t != term and t not in out[term]]
    return out


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, list[str]]:
    """Chinese abbreviations of the glossary's enumerations, by each item: 减刑 -> 减假暂 (from the row
    '减假暂|减刑、假释、暂予监外执行'), so a sentence saying 减假暂 says 减刑 too."""
    out: dict[str, list[str]] = {}
    for _, chinese in glossary_rows():
        terms = [index_form(t) for t in chinese]
        short = [t for t in terms if "、" not in t and len(t) <= 4]
        for listing in (t for t in terms if "、" in t):
            shortened = [a for a in short if _abbreviates(a, listing.split("、"))]
            for item in listing.split("、"):
                if len(item) >= 2:
                    out.setdefault(item, [])
                    out[item] += [a for a in shortened if a not in out[item] and a != item]
    return out


def _abbreviates(short: str, items: list[str]) -> bool:
    """减假暂 abbreviates 减刑、假释、暂予监外执行: every item gives it characters, in order, and nothing else does
    (so 贩卖毒品 is no abbreviation of 走私、贩卖、运输、制造毒品罪)."""
    at = 0
    for item in items:
        taken = 0
        for char in item:
            if at < len(short) and char == short[at]:
                at, taken = at + 1, taken + 1
        if not taken:
            return False
    return at == len(short)


def _glossary_phrases(question: str, synonyms: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """Multi-word glossary terms the question spells out (减刑假释暂予监外执行 = 减假暂), longest first."""
    compact = question.replace("、", "")
    found: list[tuple[str, list[str]]] = []
    for term, bare in _long_terms():
        if bare in compact and not any(bare in p.replace("、", "") for p, _ in found):
            found.append((term, synonyms[term]))
    return found


@lru_cache(maxsize=1)
def _long_terms() -> list[tuple[str, str]]:
    """(term, term without 、) for the glossary's Chinese terms of five or more characters, longest first."""
    terms = [(t, t.replace("、", "")) for t in chinese_synonyms()]
    return sorted([(t, bare) for t, bare in terms if len(bare) >= 5], key=lambda pair: -len(pair[0]))


def _case_name(term: str) -> list[str]:
    """'马乐案' -> ['马乐']: a case called by its party's name; the documents write the name alone."""
    return [term[:-1]] if len(term) >= 3 and term.endswith("案") and term[-2] not in "本此该个全结立办备预" else []


CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def chinese_groups(text: str) -> list[list[str]]:
    """Topic groups of Chinese text (index form): glossary phrases with their synonyms, then the other words."""
    if not text.strip():
        return []
    synonyms = chinese_synonyms()
    phrases = _glossary_phrases(text, synonyms)
    inside = "".join(p.replace("、", "") for p, _ in phrases)
    groups = [[p, *alternatives] for p, alternatives in phrases]
    return groups + [[t, *synonyms.get(t, []), *_case_name(t), *_without_generic_head(t)]
                     for t in names_whole(tokenize(text)) if t not in inside]


_GENERIC_HEAD = re.compile(r"^(?P<stem>[\u4e00-\u9fff]{2,})(?:工作|情况|方面|领域)$")


def _without_generic_head(term: str) -> list[str]:
    """'信访工作' -> ['信访']: a word jieba reads with a generic head ('…work', '…situation') is said by its
    stem alone ('信访总量同比下降67.52%')."""
    found = _GENERIC_HEAD.match(term)
    return [found["stem"]] if found else []


_GLUED = "判要是在被的把将对向"
_MODAL = "要会该能得需"  # a modal jieba's guesses glue to the verb after it ('要罚')
_ASKING_PART = re.compile(r"多大|多少|多久|多长|多高|多重|哪些|哪个|什么|怎么|怎样")  # a verb or particle jieba's guesses glue to the word before it


def names_whole(tokens: list[str]) -> list[str]:
    """A person's name as one word, as jieba's guesses split or extend it: '刘' + '某桂判' -> '刘某桂', '潘玉梅判' ->
    '潘玉梅' (the verb of '…判了几年？' or '…要赔偿多少？' glued to the name the question asks about); no '罪有'
    word of a crime's last character and the asking word after it."""
    out: list[str] = []
    for token in tokens:
        if len(token) == 2 and token[0] in "罪案" and token[1] in _GLUED + "有" and not known_word(token):
            continue  # '开设赌场罪有哪些…': 罪 ends the crime named before it, 有 begins the asking
        if len(token) >= 3 and token[-1] in _GLUED and not known_word(token):
            token = token[:-1]
        if len(token) == 2 and token[0] in _MODAL and not known_word(token):
            continue  # '要罚多少' cut as 要罚: what would happen, asked; the sanction is a cue, not a topic word
        if len(token) >= 3 and not known_word(token) and (asking := _ASKING_PART.search(token)):
            token = token.replace(asking.group(), "")  # '是指多大年龄' cut as 指多大: 多大 asks, 指 is no topic
            if len(token) < 2:
                continue
        if out and len(out[-1]) == 1 and token.startswith("某") and len(token) >= 2:
            out[-1] += token  # a surname and the 某 that stands for the given name in a judgment
            continue
        out.append(token)
    return out


WEAK_WEIGHT = 0.25
UNSEEN = "\U0010fffd"  # a token no collection holds: its idf is the weight of a word no passage uses


def unused(term: str, idf: Callable[[str], float]) -> bool:
    """No passage of the collection uses the term: it weighs as much as a token no collection holds."""
    return idf(term) >= idf(UNSEEN) - 1e-6


def statutory_alternatives(groups: list[list[str]], idf: Callable[[str], float] | None) -> list[list[str]]:
    """An everyday word no passage uses ('丈夫', '物业公司') is also carried by the statutes' words for it
    (配偶 or 夫妻, 物业服务人; `resources/colloquial.tsv`): a lay question about a law meets the law's sentences.
    Only words the collection lacks: a word it has keeps its own meaning ('公司' is not 用人单位 in a case)."""
    if idf is None:
        return groups
    return [[*group, *(t for t in statutory_terms(group[0]) if t not in group)] if unused(group[0], idf)
            else group for group in groups]


def _specific(group: list[str]) -> bool:
    return len(group) == 1 and len(group[0]) >= 3


def weak_topic(weak: list[list[str]], idf: Callable[[str], float] | None,
               has_trusted: bool, sole: frozenset[str] = frozenset()) -> list[tuple[list[str], float]]:
    """Dictionary guesses, weighted; a guess the collection never uses ('does' -> 雌鹿, a female deer) is
    dropped when the rest of the topic is found, so it cannot outweigh the words that are."""
    if not idf:
        return [(group, WEAK_WEIGHT * float(min(len(group[0]), 4))) for group in weak]
    weighted = [(group, WEAK_WEIGHT * idf(group[0]), not all(unused(t, idf) for t in group)) for group in weak]
    if has_trusted or any(used for _, _, used in weighted):
        # A term the dictionary renders one way only, three characters or more ('anti-dumping' -> 反倾销), or
        # one whose Chinese word means only that ('extradite' -> 引渡), is a subject, not a misread word:
        # unused by the collection, it makes the question out of scope.
        return [(group, weight) for group, weight, used in weighted if used or _specific(group) or group[0] in sole]
    return [(group, weight) for group, weight, _ in weighted]
