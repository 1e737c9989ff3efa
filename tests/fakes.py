"""Deterministic fakes that are real subclasses of the product's interfaces."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from retrieval.ingest.clean import index_form
from retrieval.index.embed import Embedder


class HashEmbedder(Embedder):
    """Bag of character bigrams (and English words) hashed into 256 dimensions: fast, deterministic,
    and similar texts get similar vectors, which is all the plumbing tests need."""

    name = "hash-256"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.calls = 0

    def _features(self, text: str) -> list[str]:
        text = index_form(text).lower()
        han = re.sub(r"[^\u3400-\u9fff]", "", text)
        return [han[i:i + 2] for i in range(len(han) - 1)] + re.findall(r"[a-z0-9]+", text)

    def embed_batch(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature in self._features(text):
                bucket = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=4).digest(), "little")
                out[row, bucket % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


def engine_over(index, folder, documents: dict[str, str]):
    """An Engine on `index` once `documents` (file name -> text) are written into `folder` and ingested."""
    from retrieval.engine import Engine

    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    index.ingest([folder], progress=False)
    return Engine(settings=index.settings, index=index)
