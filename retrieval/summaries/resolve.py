"""Which document a user means: an exact file name, a title fragment, or a place.

Order: exact name (or name without extension) > start of the name > the case numbered ('Guiding Case No. 93')
> title contains the fragment > title holds every word of it > the title names the place > the document
speaks about the place. The first step that matches decides: one match is the answer; several raise Ambiguous
listing them; none raises NotFound.
"""

from __future__ import annotations

import re

from retrieval.answer.case_parties import by_pinyin, case_names
from retrieval.answer.references import named_cases
from retrieval.answer.held import glossary_title
from retrieval.errors import Ambiguous, NoMatch
from retrieval.ingest.clean import index_form
from retrieval.search.regions import gazetteer
from retrieval.types import Document

LIST_HINT = "`jiancha docs` (or /docs in Telegram) lists the documents"
AMBIGUOUS_HINT = "name one: its file name or a longer part of its title"
KNOWN_SHOWN = 3


def _plain(text: str) -> str:
    """Simplified, lower-case, without spaces and punctuation: how titles and fragments are compared."""
    return re.sub(r"[\s\W_]+", "", index_form(text).lower())


def _word_in(word: str, title: str) -> bool:
    """A word is in a title whole, or as all its parts ('人大代表建议' in '…人大…代表建议…')."""
    from retrieval.index.lexical import tokenize

    parts = [t for t in tokenize(word) if t != word and len(t) >= 2]
    return word in title or bool(parts) and all(part in title for part in parts)


def _words(fragment: str) -> list[str]:
    from retrieval.index.lexical import _tokenizer

    return [w for w in dict.fromkeys(_tokenizer().lcut(_plain(fragment))) if len(w) >= 2]


def _places(text: str) -> set[str]:
    """Full names of the places a text names, with their ancestors."""
    found = gazetteer().find_in_text(index_form(text), allow_county_short=True)
    return set(gazetteer().with_ancestors(found))


def _by_name(docs: list[Document], query: str) -> list[Document]:
    stem = query.strip().lower()
    return [d for d in docs if d.name.lower() == stem or d.name.rsplit(".", 1)[0].lower() == stem]


def _by_name_prefix(docs: list[Document], query: str) -> list[Document]:
    """'002' or '003_1734' for 003_17342af2a1c5acdf.txt."""
    stem = query.strip().lower()
    return [d for d in docs if len(stem) >= 3 and d.name.lower().startswith(stem)]


def _by_title(docs: list[Document], query: str) -> list[Document]:
    fragment = _plain(query)
    return [d for d in docs if fragment and fragment in _plain(d.title)] if len(fragment) >= 2 else []


def _by_title_words(docs: list[Document], query: str) -> list[Document]:
    words = _words(query)
    return [d for d in docs if words and all(_word_in(w, _plain(d.title)) for w in words)]


def _query_places(query: str) -> list[str]:
    """The places a query may mean (pinyin can name several: Yulin is 榆林 and 玉林)."""
    return [r.name for r in gazetteer().find_in_question(query.strip())]


def _by_title_place(docs: list[Document], query: str) -> list[Document]:
    places = _query_places(query)
    return [d for d in docs if any(p in _places(d.title) for p in places)]


def _by_region(docs: list[Document], query: str) -> list[Document]:
    places = _query_places(query)
    return [d for d in docs if any(p in d.regions for p in places)]


def _by_case_number(docs: list[Document], query: str) -> list[Document]:
    """'Guiding Case No. 93', '93号案例', '检例第12号': the case of that number, however the asker writes it."""
    refs = [index_form(ref) for ref in named_cases(query)]
    return [d for d in docs if refs and any(ref in index_form(f"{d.name} {d.title}") for ref in refs)]




def _by_english_title(docs: list[Document], query: str) -> list[Document]:
    """'Anti-Foreign Sanctions', 'the Export Control Law': the law whose Chinese title the glossary gives it."""
    if not query.isascii():
        return []
    named = query.strip().rstrip("?.")
    _, chinese = glossary_title(named if re.search(r"\b(?:law|regulations?|code)$", named, re.I) else f"{named} Law")
    return [d for d in docs if chinese and _plain(chinese) in _plain(d.title)]


SHOWN_TITLE_CHARS = 24


def _short(title: str) -> str:
    return title if len(title) <= SHOWN_TITLE_CHARS else title[:SHOWN_TITLE_CHARS] + "…"


def _by_party_in_pinyin(docs: list[Document], query: str) -> list[Document]:
    """'Wang Laoji', 'the Zhang Namula case': the one case whose name a pinyin name spells."""
    names = case_names([d.title or "" for d in docs])
    titles = set(by_pinyin(f"{query} case", names).values())
    return [d for d in docs if d.title in titles]


STEPS = (_by_name, _by_name_prefix, _by_case_number, _by_title, _by_title_words, _by_english_title, _by_title_place,
         _by_region, _by_party_in_pinyin)


def resolve(documents: list[Document], query: str) -> Document:
    """The one document the query means; Ambiguous (several) or NotFound (none), each saying what to do."""
    for step in STEPS:
        found = step(documents, query)
        if len(found) == 1:
            return found[0]
        if found:
            raise Ambiguous(query, [(d.name, d.title) for d in found], AMBIGUOUS_HINT)
    # a few titles, each short: 1,100 characters of file names was no help to a reader
    known = "; ".join(_short(d.title or d.name) for d in documents[:KNOWN_SHOWN]) or "none; run `jiancha ingest`"
    raise NoMatch(f"no document matches {query!r}; {LIST_HINT} (known: {known})", query)


def also_about(documents: list[Document], query: str, chosen: Document) -> list[Document]:
    """The other documents speaking about the place a query names, when it chose one by its title ('重庆' -> the
    Chongqing report, while a compilation has a Chongqing section too): said under the report, not guessed."""
    if not _query_places(query) or not _by_title_place([chosen], query):
        return []
    return [d for d in _by_region(documents, query) if d.name != chosen.name]


def resolve_in(index, query: str) -> Document:
    """resolve() over an Index's catalog."""
    return resolve(index.documents(), query)
