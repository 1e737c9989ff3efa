"""The conversation engine every front-end uses: (history, message) -> Result.

Kept thin on purpose: the answer logic lives in chain.py / extractive.py / ground.py, and further
capabilities (summaries, report summaries) are thin methods delegating to their own modules.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from retrieval.index.store import Index
from retrieval.search.hybrid import Searcher
from retrieval.settings import Settings
from retrieval.types import Result, Turn


class Engine:
    """One per process; collaborators default from settings and are created on first use."""

    def __init__(self, settings: Settings | None = None, index: Index | None = None,
                 searcher: Searcher | None = None, chat_model=None) -> None:
        self.settings = settings or (index.settings if index else searcher.index.settings if searcher else Settings())
        self._index = index or (searcher.index if searcher else None)
        self._searcher = searcher
        self._chat_model = chat_model
        self._lock = threading.Lock()  # front-end threads may race to create the index or searcher

    @property
    def index(self) -> Index:
        with self._lock:
            if self._index is None:
                self._index = Index(self.settings)
        return self._index

    @property
    def searcher(self) -> Searcher:
        if self._searcher is None:
            index = self.index
            with self._lock:
                if self._searcher is None:
                    self._searcher = Searcher(index)
        return self._searcher

    @property
    def chat_model(self):
        """The given chat model, else the configured one, else None (offline)."""
        if self._chat_model is None and self.settings.llm.configured:
            from retrieval.answer.llm import make_chat_model

            self._chat_model = make_chat_model(self.settings.llm)
        return self._chat_model

    def answer(self, history: list[Turn], message: str,
               on_partial: Callable[[str], None] | None = None) -> Result:
        """A cited answer to the message in the context of the history; never raises for model trouble."""
        from retrieval.answer.chain import respond
        from retrieval.answer.ground import language_of
        from retrieval.answer.across import across_topic, comparison_topic

        if not self.searcher.documents():
            return self._nothing_indexed(language_of(message))
        topic = comparison_topic(message)
        if topic:  # 'compare what provinces do about public hearings': the per-region comparison table
            return self.summarize(topic, language=language_of(message), compare=True)
        topic = across_topic(message)
        if topic:  # '公开听证各地是怎么做的？': what each region did, grouped by region
            return self.summarize(topic, language=language_of(message))

        def across(question: str) -> Result | None:
            """'其他省份有类似做法吗？' after Fujian's, once rewritten: what each region did."""
            topic = across_topic(question)
            return self.summarize(topic, language=language_of(message)) if topic else None

        return respond(self.searcher, self.chat_model, self.settings.llm, history, message, on_partial, across)

    def summarize(self, topic: str, language: str | None = None, compare: bool = False) -> Result:
        """What each region did about a topic, grouped by region, cited; a .docx attached."""
        from retrieval.answer.ground import language_of
        from retrieval.summaries.practice import summarize

        if not self.searcher.documents():
            return self._nothing_indexed(language or language_of(topic))
        return summarize(self.searcher, topic, language=language, compare=compare, chat_model=self.chat_model)

    @staticmethod
    def _nothing_indexed(language: str) -> Result:
        """A new installation: say how to add documents, not 'nothing found'."""
        from retrieval.answer.phrases import NO_DOCUMENTS

        return Result(answer=NO_DOCUMENTS[language], mode="extractive", language=language)

    def report(self, name: str, language: str | None = None) -> Result:
        """One document in full, by its own structure, cited; a .docx attached. `name` may be a file name, part of
        the title or a place; several matches raise Ambiguous (listing them), none raises NotFound."""
        from retrieval.summaries.report import report

        return report(self.index, name, language=language, chat_model=self.chat_model)

    def close(self) -> None:
        """Release the index (its catalog connection)."""
        if self._index is not None:
            self._index.close()
