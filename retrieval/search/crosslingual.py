"""English question -> Chinese query terms, offline.

Four general sources, strongest first: patterns for case, article and document numbers written the
English way ("Guiding Case No. 86", "Article 133"); the shipped legal/procuratorial glossary; the
gazetteer's place names (pinyin and English); and CC-CEDICT read backwards for the words the glossary
lacks. Dictionary terms are kept apart (`weak_terms`): they are many and often wrong, so search gives
them less weight.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, Field

from retrieval.search.dictionary import dictionary, normalise
from retrieval.search.numbers import chinese_numeral
from retrieval.search.regions import gazetteer

# English words that carry no topic: never looked up in the dictionary on their own.
STOPWORDS = frozenset(
    "a an the of to in on for and or by with what how did does do is are was were which who whom whose why when "
    "where about from at as be been being this that these those their its it any can could should would will "
    "shall may might must has have had not no yes if then than so such there here into out up down over under "
    "after before between during against within without per via i we you he she they them his her our your my "
    "me us say said says tell told give gave given get got make made take took much many more most some other "
    "also only just very each every all both either neither one two three four five six seven eight nine ten "
    "first second third new old way ways kind kinds thing things happen happened case cases china chinese law "
    "laws legal under according people person someone somebody anyone thing court's hold held holding rule ruled "
    "decide decided find found consider considered mean means meant apply applies applied long well whether "
    "need needs needed should know want let like look example question answer "
    # function words from the classic English stop lists (adverbs, reflexives, conjunctions)
    "actually instead sure really rather still even ever always often usually perhaps already yet again too "
    "quite almost though although because since while whereas towards upon onto among themselves itself "
    "himself herself ourselves yourself myself own go goes went "
    # how a question asks, not what about ('figures' are numbers here, never 人物; 'remain' is 'still';
    # 'saw the biggest drop' is no 锯子)
    "figure figures numbers statistics remain remains remaining saw see sees seen key main".split()
)
DENSE_ALTERNATIVES = 2  # renderings per English phrase in the embedded Chinese text (see dense_query)
# 'Guiding Case No. 93', and in a conversation about cases 'case 144', 'case No. 103'
_CASE_NUMBER = re.compile(r"\bguiding\s+cases?\s*(?:no\.?|number|#)?\s*(\d{1,3})\b|\bcases?\s*(?:no\.?|number|#)?\s*(\d{1,3})\b(?![.:]\d)",
                          re.I)
# 'cases 144 and 225', 'Guiding Cases 193, 194 and 195': the numbers listed after the first are cases too
_LISTED_CASES_EN = re.compile(r"\b(?:guiding\s+)?cases?\s*(?:nos?\.?\s*)?\d{1,3}((?:\s*(?:,|and|&|or|vs\.?|versus)\s*"
                              r"(?:no\.?\s*)?\d{1,3}\b(?!\s*(?:years?|days?|months?|yuan|people|persons|%|percent)))+)", re.I)
_PROCURATORIAL_CASE = re.compile(r"\b(?:procuratorial|spp)\s+(?:guiding\s+)?cases?\s*(?:no\.?|number|#)?\s*(\d{1,3})\b",
                                 re.I)
_ARTICLE = re.compile(r"\b(article|paragraph|item|clause)s?\s+(\d{1,4})\b", re.I)
_UNIT = {"article": "条", "clause": "条", "paragraph": "款", "item": "项"}


class Translation(BaseModel):
    """Chinese terms found for an English question, and the English phrases they came from."""

    terms: list[str] = Field(description="Patterns, glossary and place names: trusted terms.")
    matched: list[str] = Field(default_factory=list)
    weak_terms: list[str] = Field(default_factory=list, description="Dictionary candidates: many, some wrong.")
    groups: list[list[str]] = Field(default_factory=list,
                                    description="Trusted terms per English phrase (alternatives for one meaning).")
    weak_groups: list[list[str]] = Field(default_factory=list, description="Dictionary candidates per English phrase.")
    weak_weights: list[float] = Field(default_factory=list,
                                      description="Per weak group: how rare its English phrase is in general English "
                                                  "(1 for 'acid' … RARITY_FLOOR for the commonest words).")
    sole_meanings: list[str] = Field(default_factory=list,
                                     description="Dictionary candidates that are the only rendering of their phrase "
                                                 "and mean nothing else ('extradite' -> 引渡): subjects, not guesses.")

    @property
    def query(self) -> str:
        return " ".join(self.terms)

    @property
    def dense_query(self) -> str:
        """The Chinese text to embed: each phrase's first DENSE_ALTERNATIVES renderings, trusted then guessed.

        All of them (检察院 人民检察院 检察机关 …) made the text up to 70 tokens; two per phrase embed faster
        and, on the tuning halves, found as much (SPC English R@5 0.917 -> 0.958, laws 0.769 = 0.769)."""
        grouped = {t for group in self.groups + self.weak_groups for t in group}
        loose = [t for t in self.terms + self.weak_terms if t not in grouped]  # place names and the like
        chosen = [t for group in self.groups + self.weak_groups for t in group[:DENSE_ALTERNATIVES]]
        return " ".join(dict.fromkeys(loose + chosen))


_ARTICLES = frozenset({"a", "an", "the"})


def _content_words(words: list[str]) -> list[str]:
    """Words without 'a', 'an', 'the' and without the possessive's apostrophe: 'refusing to comply with a
    court judgment' meets the glossary's 'refusing to comply with court judgments', "the procuratorate's
    suggestion" its 'procuratorate'; neither changes which legal term is meant."""
    return [word.rstrip("'") for word in words if word not in _ARTICLES]


class Glossary:
    """English phrasings -> Chinese terms; longest phrases win, each word is used once."""

    def __init__(self, pairs: list[tuple[str, list[str]]]) -> None:
        self._terms: dict[str, list[str]] = {}
        for english, chinese in pairs:
            for phrase in english.split("|"):
                words = _content_words(normalise(phrase))
                # a question spelt the other way finds the row too (see american_spelling), and one hyphenating
                # otherwise: 'fund-raising', 'fundraising' and 'fund raising' are one word
                spellings = (" ".join(words), " ".join(map(american_spelling, words)))
                for key in dict.fromkeys(k for spelt in spellings for k in (spelt, spelt.replace("-", ""),
                                                                              spelt.replace("-", " "))):
                    if key:
                        self._terms.setdefault(key, [])
                        self._terms[key].extend(t for t in chinese if t not in self._terms[key])
        self.max_words = max((len(k.split()) for k in self._terms), default=1)

    def __len__(self) -> int:
        return len(self._terms)

    def get(self, words: list[str]) -> list[str]:
        return self._terms.get(" ".join(words), [])

    def of_phrase(self, phrase: str) -> list[str]:
        """The Chinese terms of an English phrase the glossary has whole ('the Civil Code' -> 民法典), else []."""
        return self.get(_content_words(normalise(phrase)))

    def translate(self, question: str) -> Translation:
        """Glossary terms only (the dictionary and patterns are added by translate_question)."""
        return _translate(_content_words(normalise(question)), self, None)


@lru_cache(maxsize=1)
def glossary_rows() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The glossary's rows, read once per process: English phrasings ('a|b') and their Chinese terms."""
    text = resources.files("retrieval").joinpath("resources/glossary.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple((row["en"], tuple(t.strip() for t in row["zh"].split("|") if t.strip())) for row in rows)


@lru_cache(maxsize=1)
def glossary() -> Glossary:
    return Glossary([(english, list(chinese)) for english, chinese in glossary_rows()])


# English phrases that say nothing of a topic though their words look up ('a lot of' -> 地皮, 'get it right' -> 权利).
STOP_PHRASES = tuple(tuple(_content_words(p.split())) for p in (  # as questions are read: no 'a', 'an', 'the'
    "a lot of", "lots of", "get right", "get it right", "at all", "in the end", "as well as", "such as",
    "rather than", "in order to", "kind of", "sort of", "instead of", "because of", "each other", "so that",
    "even if", "even though", "as soon as", "as far as", "in fact", "for example", "for instance", "of course",
    "in other words", "on the other hand", "make sure", "find out", "turn out", "turned out", "at the time"))


def _stop_phrase(words: list[str], i: int) -> int:
    """The length of a stop phrase starting at word i, else 0."""
    return max((len(p) for p in STOP_PHRASES if tuple(words[i:i + len(p)]) == p), default=0)


def _translate(words: list[str], terms: Glossary | None, words_dictionary) -> Translation:
    """Greedy longest match: the glossary first, then the dictionary; stopwords and stop phrases are skipped."""
    out = Translation(terms=[], matched=[])
    i = 0
    while i < len(words):
        if skip := _stop_phrase(words, i):
            i += skip
            continue
        size, found, weak = _longest(words, i, terms, words_dictionary)
        if found:
            target = out.weak_terms if weak else out.terms
            target.extend(t for t in found if t not in target)
            (out.weak_groups if weak else out.groups).append(list(found))
            if weak:
                out.weak_weights.append(english_rarity(words[i:i + size]))
            if weak and len(found) == 1 and words_dictionary.sole_meaning(words[i:i + size], found[0]):
                out.sole_meanings.append(found[0])
            out.matched.append(" ".join(words[i:i + size]))
            i += size
        else:
            i += 1
    return out


def _longest(words: list[str], i: int, terms: Glossary | None, words_dictionary) -> tuple[int, list[str], bool]:
    longest = min(max(terms.max_words if terms else 1, 4), len(words) - i)
    for size in range(longest, 0, -1):
        phrase = words[i:i + size]
        if terms is not None:
            found = terms.get(phrase)
            if found:
                return size, found, False
        if words_dictionary is not None and not (size == 1 and phrase[0] in STOPWORDS) \
                and phrase[0] not in STOPWORDS and phrase[-1] not in STOPWORDS and not phrase[0].isdigit():
            found = words_dictionary.get(phrase)
            if found:
                return size, found[:2], True
    return 1, [], False


# A dictionary guess weighs (COMMON_ZIPF - Zipf frequency) / RARITY_SPAN, between RARITY_FLOOR and 1: 'see' (6.1)
# 0.33, 'never' (5.9) 0.49, 'technology' (5.1) and 'acid' (4.5) 1. Tuning halves +1; a span of 2.0 gained +2 but
# weighed 'technology' 0.68 and lost a Yulin measure.
COMMON_ZIPF = 6.5
RARITY_SPAN = 1.2
RARITY_FLOOR = 0.2


@lru_cache(maxsize=8192)
def _word_rarity(word: str) -> float:
    from wordfreq import zipf_frequency

    return min(1.0, max(RARITY_FLOOR, (COMMON_ZIPF - zipf_frequency(word, "en")) / RARITY_SPAN))


def english_rarity(words: list[str]) -> float:
    """How much a dictionary guess for an English phrase weighs: a word by its rarity in general English
    (wordfreq), so 'never' -> 从未 or 'see' -> 看到 count half or less where 'acid' or 'shipowner' counts
    fully; a phrase of several words the dictionary knows ('full powers' -> 全权) is specific as a whole."""
    return _word_rarity(words[0]) if len(words) == 1 else 1.0


def pattern_terms(question: str) -> list[str]:
    """Chinese forms of numbered references: 指导案例86号, 检例第12号, 第一百三十三条 and 第133条."""
    terms = []
    procuratorial = [found.span() for found in _PROCURATORIAL_CASE.finditer(question)]
    for match in _CASE_NUMBER.finditer(question):
        if not any(start <= match.start() < end for start, end in procuratorial):
            number = match.group(1) or match.group(2)
            terms += [f"指导案例{number}号", f"指导性案例{number}号"]
    for match in _LISTED_CASES_EN.finditer(question):
        if not any(start <= match.start() < end for start, end in procuratorial):
            terms += [form for number in re.findall(r"\d{1,3}", match.group(1))
                      for form in (f"指导案例{number}号", f"指导性案例{number}号")]
    for match in _PROCURATORIAL_CASE.finditer(question):
        terms.append(f"检例第{match.group(1)}号")
    for match in _ARTICLE.finditer(question):
        number, unit = int(match.group(2)), _UNIT[match.group(1).lower()]
        terms += [f"第{chinese_numeral(number)}{unit}", f"第{number}{unit}"]
    return list(dict.fromkeys(terms))


@lru_cache(maxsize=8192)
def american_spelling(word: str) -> str:
    """'neighbour' -> 'neighbor', 'organisation' -> 'organization' (breame's pairs); other words unchanged."""
    from breame.spelling import get_american_spelling

    stem, apostrophe, rest = word.partition("'")  # neighbour's -> neighbor's
    return get_american_spelling(stem) + apostrophe + rest


def _as_looked_up(words: list[str], terms: Glossary | None, words_dictionary) -> list[str]:
    """The question's words, a British spelling neither the glossary nor CC-CEDICT (American English) knows
    replaced by its American one; a word either knows keeps its own spelling ('cheque' is 支票)."""
    def looked_up(word: str) -> str:
        american = american_spelling(word)
        if american == word or (terms and terms.get([word])) or (words_dictionary and words_dictionary.get([word])):
            return word
        return american

    return [looked_up(word) for word in words]


_ACRONYM = re.compile(r"\b([A-Z]{2,6})s?\b")


# a percentage, or a decimal not scaled by a word ('86.5 million' is 8650万 in Chinese)
_EXACT_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?%|"
                           r"(?<![\d.])\d+\.\d+(?!\d|%|\s*(?:million|billion|thousand|m\b|bn\b))", re.I)


def _exact_figures(question: str) -> list[str]:
    """Figures a Chinese text writes as the question does ('a 6.35% stake' -> 6.35%): they name the case."""
    return list(dict.fromkeys(_EXACT_FIGURE.findall(question)))


def _unknown_acronyms(question: str, terms: Glossary | None) -> list[str]:
    """The question's upper-case acronyms the glossary does not know ('GPS', 'APP'), in order."""
    found = [m.group(1) for m in _ACRONYM.finditer(question)]
    return list(dict.fromkeys(a for a in found if terms is None or not terms.get([a.lower()])))


def _spelt_out(question: str, acronyms: list[str], words_dictionary) -> str:
    """The acronyms given (the glossary's unknown ones), spelt out as the dictionary's definitions spell them
    ('VAT' -> 'value-added tax'): looked up as a lower-case word, 'VAT' is a tub (大桶)."""
    if words_dictionary is None or not acronyms:
        return question

    def spelt(match: re.Match) -> str:
        known = match.group(1) in acronyms and words_dictionary.expansion(match.group(1))
        return known or match.group()

    return _ACRONYM.sub(spelt, question)


def translate_question(question: str, glossary_on: bool = True, dictionary_on: bool = True) -> Translation:
    """Chinese terms for an English question: patterns, glossary, places (trusted); dictionary (weak)."""
    stripped = _ARTICLE.sub(" ", _CASE_NUMBER.sub(" ", _PROCURATORIAL_CASE.sub(" ", question)))
    terms, words_dictionary = glossary() if glossary_on else None, dictionary() if dictionary_on else None
    latin = _unknown_acronyms(stripped, terms)
    stripped = _spelt_out(stripped, latin, words_dictionary)
    words = _as_looked_up(_content_words(normalise(stripped)), terms, words_dictionary)
    translation = _translate(words, terms, words_dictionary)
    # Chinese text often writes an acronym as it is ('GPS干扰器', 'APP'): a guess like a dictionary one
    translation.weak_terms += [a for a in latin if a not in translation.weak_terms]
    translation.weak_groups += [[a] for a in latin]
    translation.weak_weights += [1.0 for _ in latin]
    patterns = pattern_terms(question) + _exact_figures(stripped)
    translation.terms[:0] = patterns
    translation.groups[:0] = [[p] for p in patterns]
    for region in gazetteer().find_in_question(stripped):
        for name in (region.short or region.name, region.name):
            if name not in translation.terms:
                translation.terms.append(name)
    return translation
