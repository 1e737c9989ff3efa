"""Concurrent questions share one embedding call, each asker gets its own vectors, and failures reach all."""

import threading
import time

import numpy as np
import pytest

from fakes import HashEmbedder
from retrieval.index.batching import BatchingEmbedder


class SlowEmbedder(HashEmbedder):
    """The fake embedder, slow enough that concurrent askers pile up, counting its calls."""

    def __init__(self, fail: bool = False) -> None:
        super().__init__()
        self.sizes: list[int] = []
        self.fail = fail

    def embed_batch(self, texts, *, query=False):
        self.sizes.append(len(texts))
        time.sleep(0.05)
        if self.fail:
            raise RuntimeError("embedder down")
        return super().embed_batch(texts, query=query)


def _ask_together(embedder, questions):
    results, errors = {}, {}

    def ask(question):
        try:
            results[question] = embedder.embed_batch([question, question + " (英)"], query=True)
        except Exception as exc:
            errors[question] = exc

    threads = [threading.Thread(target=ask, args=(q,)) for q in questions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    return results, errors


def test_concurrent_questions_share_calls_and_get_their_own_vectors():
    inner = SlowEmbedder()
    batching = BatchingEmbedder(inner, window_s=0.02)
    questions = [f"问题{i}：河南是怎么减少信访的？" for i in range(8)]
    results, errors = _ask_together(batching, questions)
    assert not errors and len(results) == 8
    assert len(inner.sizes) < 8 and sum(inner.sizes) == 16
    direct = HashEmbedder()
    for question, vectors in results.items():
        assert np.allclose(vectors, direct.embed_batch([question, question + " (英)"], query=True))


def test_a_failure_reaches_every_asker_and_nobody_hangs():
    batching = BatchingEmbedder(SlowEmbedder(fail=True), window_s=0.02)
    results, errors = _ask_together(batching, [f"问题{i}" for i in range(5)])
    assert not results and len(errors) == 5
    assert all(str(e) == "embedder down" for e in errors.values())
    with pytest.raises(RuntimeError):  # and the next question still gets an answer (the lead was released)
        batching.embed_batch(["再问一次"], query=True)


def test_passages_go_straight_through():
    inner = SlowEmbedder()
    BatchingEmbedder(inner, window_s=0.02).embed_batch(["一段", "两段"], query=False)
    assert inner.sizes == [2]
