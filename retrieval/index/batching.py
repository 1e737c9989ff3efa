"""Questions asked at the same moment are embedded in one call: one batch of 8 costs far less than 8 calls.

The first thread to ask leads: it waits a few milliseconds for others to join, embeds everything that
waits in one call, hands each asker its vectors, and passes the lead to the oldest asker still waiting.
Passages (ingest) go straight through; a lone question pays only the short wait.
"""

from __future__ import annotations

import threading
import time

import numpy as np

from retrieval.index.embed import Embedder

MAX_TEXTS = 32  # texts per batched call


class _Request:
    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.vectors: np.ndarray | None = None
        self.error: BaseException | None = None
        self.lead = False
        self.done = threading.Event()


class BatchingEmbedder(Embedder):
    """Wraps an embedder; concurrent `embed_batch(..., query=True)` calls share one call to it."""

    def __init__(self, inner: Embedder, window_s: float) -> None:
        self.inner = inner
        self.name = inner.name
        self.window_s = window_s
        self._lock = threading.Lock()
        self._waiting: list[_Request] = []
        self._busy = False

    def bulk_done(self) -> None:
        self.inner.bulk_done()

    def embed_batch(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        if not query or len(texts) > MAX_TEXTS // 2:
            return self.inner.embed_batch(texts, query=query)
        request = _Request(list(texts))
        with self._lock:
            self._waiting.append(request)
            request.lead = not self._busy
            self._busy = True
        if not request.lead:
            request.done.wait()
        if request.lead and request.vectors is None and request.error is None:
            self._lead()
        if request.error is not None:
            raise request.error
        return request.vectors

    def _lead(self) -> None:
        time.sleep(self.window_s)  # let questions asked at the same moment join this call
        with self._lock:
            batch, taken = [], 0
            while self._waiting and taken + len(self._waiting[0].texts) <= MAX_TEXTS:
                taken += len(self._waiting[0].texts)
                batch.append(self._waiting.pop(0))
        try:
            vectors = self.inner.embed_batch([t for r in batch for t in r.texts], query=True)
            start = 0
            for request in batch:
                request.vectors = vectors[start:start + len(request.texts)]
                start += len(request.texts)
        except BaseException as exc:  # every asker in the batch gets the failure, none waits forever
            for request in batch:
                request.error = exc
        with self._lock:
            if self._waiting:
                self._waiting[0].lead = True
                self._waiting[0].done.set()
            else:
                self._busy = False
        for request in batch:
            request.done.set()
