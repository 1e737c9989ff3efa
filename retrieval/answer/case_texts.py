"""The collection's cases as a conversation reads them (case_followup.CaseTexts): by a case's title or number,
whether it uses a message's words, and its keywords."""

from __future__ import annotations

from retrieval.answer.english import names_a_case
from retrieval.answer.followup import own_words
from retrieval.answer.references import named_cases
from retrieval.answer.case_keywords import keywords_of
from retrieval.answer.traits import simple_form
from retrieval.search.crosslingual import glossary_rows

class SearcherCases:
    """CaseTexts over a searcher's index."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self._texts: dict[str, str] = {}  # a conversation asks of the same case turn after turn: read it once
        self._known: frozenset[str] | None = None

    def _sources(self, case: str) -> list[str]:
        forms = named_cases(case) or [simple_form(case)]  # a case by its number, a law by its title
        return [source for source, doc in self.searcher.documents().items()
                if any(form in simple_form(f"{source} {doc.title or ''}") for form in forms)]

    def _text(self, case: str) -> str:
        """The case's title and passages, simplified."""
        if case not in self._texts:
            sources = self._sources(case)
            titles = [self.searcher.documents()[source].title or "" for source in sources]
            passages = [p.text for source in sources for p in self.searcher.index.catalog.passages_of(source)]
            self._texts[case] = simple_form(" ".join([*titles, *passages]))
        return self._texts[case]

    def says(self, case: str, message: str) -> bool:
        text = self._text(case)
        words = own_words(message)
        # a name the case never uses ('刘某桂要赔偿多少？' after 黄某辉's case) is another case's, whatever else it shares
        if any(word not in text for word in words if "某" in word):
            return False
        # its most specific word too: '存款保险最多赔多少钱' shares 保险 with a credit law, not what it asks about
        return not words or (2 * sum(word in text for word in words) >= len(words) and max(words, key=len) in text)

    def keywords(self, case: str) -> list[str]:
        sources = set(self._sources(case))
        known = self._vocabulary()
        own = next((words for source in sources if (words := self._keywords_of(source, known))), [])
        if len(own) < 2:
            return own
        # the other cases' keywords (a statute pool's laws have none: not read)
        others = [words for source, doc in self.searcher.documents().items()
                  if source not in sources and names_a_case(doc.title or "") and (words := self._keywords_of(source, known))]
        shared = {word: sum(word in words for words in others) for word in own[1:]}
        # the keyword most other cases share is what a similar case is about (正当防卫, not 防卫过当 alone)
        return [own[0], *sorted(own[1:], key=lambda word: -shared[word])]

    def _keywords_of(self, source: str, known: frozenset[str] = frozenset()) -> list[str]:
        return keywords_of(self._text_of(source), known)

    def _vocabulary(self) -> frozenset[str]:
        """The words a keyword line printed without separators is cut at: the keywords other cases list apart,
        and the glossary's Chinese terms of three characters or more (the crimes: 故意杀人罪, 贪污罪)."""
        if self._known is None:
            lists = [self._keywords_of(source) for source, doc in self.searcher.documents().items()
                     if names_a_case(doc.title or "")]
            listed = {word for words in lists if len(words) > 1 for word in words[1:]}  # not a line printed whole,
            # nor the area of law (刑事, 执行) it opens with
            self._known = frozenset(listed | {term for _, chinese in glossary_rows() for term in chinese if len(term) >= 3})
        return self._known

    def _text_of(self, source: str) -> str:
        doc = self.searcher.documents().get(source)
        return doc.text if doc else ""
