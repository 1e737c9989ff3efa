"""BM25 over jieba-segmented simplified text, with a user dictionary of procuratorial terms."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

_STOP = set(
    "的 了 是 在 和 与 及 等 对 把 将 被 为 以 于 并 或 也 又 就 都 而 中 上 下 个 这 那 其 之 从 由 向 到 有 "
    "怎么 怎样 如何 什么 哪些 哪个 哪里 多少 几 吗 呢 啊 吧 是否 是不是 请 请问 一下 我们 你们 他们 我 你 他 它 "
    "做 做法 情况 方面 进行 开展 工作 通过 关于 主要 一些 有关 采取 措施 哪 谁 "
    "the a an of to in on for and or by with what how did does do is are was were which who whom "
    "about from at as be been this that these those their its it any".split()
)
_KEEP = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    with resources.as_file(resources.files("retrieval").joinpath("resources/userdict.txt")) as path:
        tokenizer.load_userdict(str(path))
    return tokenizer


def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens of simplified text: whole terms plus their sub-words, no stopwords."""
    tokens = []
    for token in _tokenizer().cut_for_search(text.lower()):
        token = token.strip()
        if token and token not in _STOP and _KEEP.search(token):
            tokens.append(token)
    return tokens


def inside_words(text: str) -> frozenset[int]:
    """The offsets inside a dictionary word of the text (jieba's precise cut): '贪污还是' has 1 and 3; a pair of
    characters jieba's model guessed together ('那广溪') holds none, being no word."""
    inside, at = set(), 0
    for word in _tokenizer().cut(text):
        if known_word(word):
            inside.update(range(at + 1, at + len(word)))
        at += len(word)
    return frozenset(inside)


def known_word(token: str) -> bool:
    """Whether jieba's dictionary (with ours) has the token: a word, not a pair of characters its model guessed."""
    tokenizer = _tokenizer()
    tokenizer.check_initialized()
    return tokenizer.FREQ.get(token, 0) > 0


class BM25Index:
    """A BM25 index over passages identified by id; rebuilt whole (cheap) whenever the catalog changes."""

    def __init__(self, ids: list[str], retriever) -> None:
        self.ids = ids
        self._retriever = retriever

    @classmethod
    def build(cls, ids: list[str], token_lists: list[list[str]]) -> "BM25Index":
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        retriever = bm25s.BM25()
        if ids:
            retriever.index([tokens or ["∅"] for tokens in token_lists], show_progress=False)
        return cls(ids, retriever)

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        known = [t for t in dict.fromkeys(query_tokens) if t in getattr(self._retriever, "vocab_dict", {})]
        if not self.ids or not known:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._retriever.get_scores(known), dtype=np.float32)

    def idf(self, token: str) -> float:
        """How rare a token is among the passages (BM25's idf); an unknown token is the rarest."""
        n = len(self.ids)
        vocab = getattr(self._retriever, "vocab_dict", {}) or {}
        position = vocab.get(token)
        df = 0
        if position is not None and n:
            indptr = self._retriever.scores["indptr"]
            df = int(indptr[position + 1] - indptr[position])
        return float(np.log(1.0 + (n - df + 0.5) / (df + 0.5)))

    def weighted(self, groups: list[tuple[list[str], float]]) -> np.ndarray:
        """Sum of each token group's scores times its weight (trusted terms 1, dictionary guesses less)."""
        return self.token_weighted([(token, weight) for tokens, weight in groups for token in dict.fromkeys(tokens)])

    def token_weighted(self, tokens: list[tuple[str, float]]) -> np.ndarray:
        """BM25 scores with a weight per query token (a token listed twice adds up), in one pass over the
        index's token columns: BM25 of a query is the sum of its tokens' columns."""
        total = np.zeros(len(self.ids), dtype=np.float32)
        vocab = getattr(self._retriever, "vocab_dict", {}) or {}
        if not self.ids or not vocab:
            return total
        matrix = self._retriever.scores
        for token, weight in tokens:
            position = vocab.get(token)
            if position is None or not weight:
                continue
            start, end = matrix["indptr"][position], matrix["indptr"][position + 1]
            total[matrix["indices"][start:end]] += weight * matrix["data"][start:end]
        return total

    def top(self, query_tokens: list[str] | np.ndarray, k: int) -> list[tuple[str, float]]:
        """The k best passages for the tokens (or for a score array from `weighted`)."""
        scores = query_tokens if isinstance(query_tokens, np.ndarray) else self.scores(query_tokens)
        if not len(scores):
            return []
        k = min(k, len(scores))
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.argsort(-scores[best])]
        return [(self.ids[i], float(scores[i])) for i in best if scores[i] > 0]

    def save(self, folder: Path) -> None:
        """Write to a temporary folder, then swap it in: a reader never sees half an index."""
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self.ids:
            self._retriever.save(str(tmp), show_progress=False)
        (tmp / "ids.json").write_text(json.dumps(self.ids), encoding="utf-8")
        old = folder.with_name(folder.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            os.replace(folder, old)
        os.replace(tmp, folder)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> "BM25Index | None":
        import bm25s

        try:
            ids = json.loads((folder / "ids.json").read_text(encoding="utf-8"))
            retriever = bm25s.BM25.load(str(folder), show_progress=False) if ids else bm25s.BM25()
        except (OSError, ValueError):
            return None
        return cls(ids, retriever)
