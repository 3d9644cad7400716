#!/usr/bin/python3
"""Writes the tiny, randomly initialised BERT test fixtures under src/test/resources/models/.

Run it with Debian's Python (it needs only ``onnx`` and ``numpy``; no torch, no transformers, no onnxruntime):

    /usr/bin/python3 src/test/python/make_tiny_cross_encoder.py

The output is committed; the tests only read the files, so CI never needs Python. The script is deterministic:
running it again rewrites byte-identical files.

Each fixture is a folder in the Hugging Face export layout:

    tiny-cross-encoder/          BertForSequenceClassification, num_labels 1, output logits [batch, 1]
    tiny-cross-encoder-2label/   the same with num_labels 2, output logits [batch, 2]
    tiny-bi-encoder/             BertModel, output last_hidden_state [batch, sequence, 32], mean pooling
    tiny-fused-attention/        the bi-encoder's weights behind com.microsoft Attention: no Softmax nodes

Every model has 2 layers, hidden size 32, 2 heads of 16, intermediate size 64 (exact erf GELU), 64 positions and
2 token types. Attention is unfused (MatMul, scale, additive mask, Softmax, MatMul) like an HF ``torch.onnx``
export, so each layer's attention probabilities are the output of a node named
``.../encoder/layer.N/attention/self/Softmax``.

``reference.json`` holds what the model must compute. It is NOT produced by running the ONNX graph: tokens come
from a WordPiece implementation in this file that mirrors ``tokenizer.json``, and every number comes from a numpy
forward pass (float64 over the float32 weights) that implements the same math as the graph. The Java tests compare
both the DJL tokenizer and ONNX Runtime against it.
"""

import json
import math
import os
import unicodedata

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HIDDEN = 32
HEADS = 2
HEAD_DIM = HIDDEN // HEADS
INTERMEDIATE = 64
LAYERS = 2
MAX_POSITIONS = 64
TYPE_VOCAB = 2
LN_EPS = 1e-12
MASK_BIAS = -10000.0
OPSET = 14
MAX_LENGTH = 64
WEIGHT_STD = 0.2

OUT_ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "models"))

# --------------------------------------------------------------------------------------------------------------
# Vocabulary and tokenizer
# --------------------------------------------------------------------------------------------------------------

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PUNCTUATION = [".", ",", "?", "!", "'", "-", ":", "(", ")", "&"]
WORDS = """
the a an of in on at for to and or is are was be with by from as it its this that near best top new old
how what where which who why when do does can i you we they my your our their not no more most very
search searching query document documents rank ranking relevance relevant score result results engine index
match token model user users click page web site text word words find look
city cities paris france london tokyo japan rome italy berlin madrid spain naples new york lisbon capital
river museum louvre tower bridge street square station hotel
food pizza pasta bread cheese wine coffee tea sushi ramen noodle broth egg rice fish soup salad cake
chocolate apple banana tomato garlic olive oil restaurant cafe bakery market shop kitchen cook recipe
menu dinner lunch breakfast taste fresh hot warm cold sweet famous serve live place small large cheap good
so every show first high tune judge like queries
""".split()
SUFFIXES = ["##s", "##es", "##ing", "##ed", "##er", "##ers", "##ly", "##y", "##est", "##ian", "##d", "##n"]


def build_vocab():
    tokens = list(SPECIAL)
    for t in PUNCTUATION + WORDS + SUFFIXES:
        if t not in tokens:
            tokens.append(t)
    return {t: i for i, t in enumerate(tokens)}


VOCAB = build_vocab()
CLS, SEP, UNK = VOCAB["[CLS]"], VOCAB["[SEP]"], VOCAB["[UNK]"]


def _is_control(ch):
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch).startswith("C")


def _is_whitespace(ch):
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def _is_punctuation(ch):
    # BertPreTokenizer: ASCII punctuation or any Unicode punctuation category.
    return (ch.isascii() and not ch.isalnum() and ch.isprintable() and not ch.isspace()) \
        or unicodedata.category(ch).startswith("P")


def _is_chinese(ch):
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def normalize(text):
    """BertNormalizer(clean_text, handle_chinese_chars, strip_accents=None -> follows lowercase, lowercase)."""
    out = []
    for ch in text:
        if ch == "\0" or ch == "\ufffd" or _is_control(ch):
            continue
        out.append(" " if _is_whitespace(ch) else ch)
    text = "".join(" " + ch + " " if _is_chinese(ch) else ch for ch in out)
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    return text.lower()


def pre_tokenize(text):
    """BertPreTokenizer: split on whitespace, and isolate every punctuation character."""
    words, current = [], []
    for ch in text:
        if _is_whitespace(ch):
            if current:
                words.append("".join(current))
                current = []
        elif _is_punctuation(ch):
            if current:
                words.append("".join(current))
                current = []
            words.append(ch)
        else:
            current.append(ch)
    if current:
        words.append("".join(current))
    return words


def wordpiece(word):
    """Greedy longest-match-first; a word that cannot be covered becomes a single [UNK]."""
    if len(word) > 100:
        return ["[UNK]"]
    pieces, start = [], 0
    while start < len(word):
        end, found = len(word), None
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in VOCAB:
                found = piece
                break
            end -= 1
        if found is None:
            return ["[UNK]"]
        pieces.append(found)
        start = end
    return pieces


def tokenize(text):
    return [p for w in pre_tokenize(normalize(text)) for p in wordpiece(w)]


def encode_single(text, max_length=MAX_LENGTH):
    a = tokenize(text)[: max_length - 2]
    tokens = ["[CLS]"] + a + ["[SEP]"]
    return tokens, [VOCAB[t] for t in tokens], [0] * len(tokens)


def encode_pair(query, document, max_length=MAX_LENGTH):
    """[CLS] q [SEP] d [SEP]; when too long, tokens are cut from the end of the document (only_second)."""
    a, b = tokenize(query), tokenize(document)
    excess = len(a) + len(b) + 3 - max_length
    dropped = 0
    if excess > 0:
        if excess > len(b):
            raise ValueError("query too long for only_second truncation")
        b = b[: len(b) - excess]
        dropped = excess
    tokens = ["[CLS]"] + a + ["[SEP]"] + b + ["[SEP]"]
    types = [0] * (len(a) + 2) + [1] * (len(b) + 1)
    return tokens, [VOCAB[t] for t in tokens], types, dropped


def tokenizer_json():
    def added(token):
        return {"id": VOCAB[token], "content": token, "single_word": False, "lstrip": False, "rstrip": False,
                "normalized": False, "special": True}

    def special(token):
        return {"SpecialToken": {"id": token, "type_id": 0}}

    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [added(t) for t in SPECIAL],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [special("[CLS]"), {"Sequence": {"id": "A", "type_id": 0}}, special("[SEP]")],
            "pair": [special("[CLS]"), {"Sequence": {"id": "A", "type_id": 0}}, special("[SEP]"),
                     {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {t: {"id": t, "ids": [VOCAB[t]], "tokens": [t]} for t in ("[CLS]", "[SEP]")},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": VOCAB},
    }


# --------------------------------------------------------------------------------------------------------------
# Weights and the numpy forward pass
# --------------------------------------------------------------------------------------------------------------

def make_weights(seed, num_labels):
    """Random BERT weights, float32. Dense weights are stored [in, out] (the MatMul layout of an export)."""
    rng = np.random.default_rng(seed)

    def normal(*shape, std=WEIGHT_STD):
        return (rng.standard_normal(shape) * std).astype(np.float32)

    def layer_norm():
        return {"gamma": (1.0 + normal(HIDDEN, std=0.05)).astype(np.float32), "beta": normal(HIDDEN, std=0.05)}

    w = {
        "word": normal(len(VOCAB), HIDDEN, std=1.0),
        "position": normal(MAX_POSITIONS, HIDDEN, std=0.5),
        "type": normal(TYPE_VOCAB, HIDDEN, std=0.5),
        "emb_ln": layer_norm(),
        "layers": [],
    }
    for _ in range(LAYERS):
        w["layers"].append({
            "q_w": normal(HIDDEN, HIDDEN), "q_b": normal(HIDDEN, std=0.05),
            "k_w": normal(HIDDEN, HIDDEN), "k_b": normal(HIDDEN, std=0.05),
            "v_w": normal(HIDDEN, HIDDEN), "v_b": normal(HIDDEN, std=0.05),
            "o_w": normal(HIDDEN, HIDDEN), "o_b": normal(HIDDEN, std=0.05),
            "attn_ln": layer_norm(),
            "i_w": normal(HIDDEN, INTERMEDIATE), "i_b": normal(INTERMEDIATE, std=0.05),
            "f_w": normal(INTERMEDIATE, HIDDEN), "f_b": normal(HIDDEN, std=0.05),
            "ffn_ln": layer_norm(),
        })
    if num_labels:
        w["pool_w"] = normal(HIDDEN, HIDDEN)
        w["pool_b"] = normal(HIDDEN, std=0.05)
        w["cls_w"] = normal(HIDDEN, num_labels, std=0.5)
        w["cls_b"] = normal(num_labels, std=0.05)
    return w


_erf = np.vectorize(math.erf)


def _f64(a):
    return np.asarray(a, dtype=np.float64)


def _layer_norm(x, ln):
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LN_EPS) * _f64(ln["gamma"]) + _f64(ln["beta"])


def _softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def forward(w, ids, types):
    """One sequence (batch 1, no padding). Returns (last_hidden_state [seq, hidden], attentions, logits or None)."""
    ids, types = np.asarray(ids), np.asarray(types)
    seq = len(ids)
    h = _f64(w["word"])[ids] + _f64(w["position"])[:seq] + _f64(w["type"])[types]
    h = _layer_norm(h, w["emb_ln"])
    mask_bias = (1.0 - np.ones(seq)) * MASK_BIAS  # all ones: no padding in a single sequence
    attentions = []
    for layer in w["layers"]:
        def heads(x):
            return x.reshape(seq, HEADS, HEAD_DIM).transpose(1, 0, 2)

        q = heads(h @ _f64(layer["q_w"]) + _f64(layer["q_b"]))
        k = heads(h @ _f64(layer["k_w"]) + _f64(layer["k_b"]))
        v = heads(h @ _f64(layer["v_w"]) + _f64(layer["v_b"]))
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(HEAD_DIM) + mask_bias[None, None, :]
        probs = _softmax(scores)
        attentions.append(probs)
        context = (probs @ v).transpose(1, 0, 2).reshape(seq, HIDDEN)
        h = _layer_norm(context @ _f64(layer["o_w"]) + _f64(layer["o_b"]) + h, layer["attn_ln"])
        inner = h @ _f64(layer["i_w"]) + _f64(layer["i_b"])
        inner = inner * 0.5 * (1.0 + _erf(inner / math.sqrt(2.0)))
        h = _layer_norm(inner @ _f64(layer["f_w"]) + _f64(layer["f_b"]) + h, layer["ffn_ln"])
    logits = None
    if "pool_w" in w:
        pooled = np.tanh(h[0] @ _f64(w["pool_w"]) + _f64(w["pool_b"]))
        logits = pooled @ _f64(w["cls_w"]) + _f64(w["cls_b"])
    return h, attentions, logits


# --------------------------------------------------------------------------------------------------------------
# ONNX graph
# --------------------------------------------------------------------------------------------------------------

class Graph:
    """Collects nodes and initializers; every node gets an HF-export-style name and output ``<name>_output_0``."""

    def __init__(self):
        self.nodes, self.initializers = [], []

    def const(self, name, array):
        self.initializers.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def op(self, op_type, inputs, name, domain=None, **attrs):
        out = name + "_output_0"
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=name, domain=domain, **attrs))
        return out


def _layer_norm_nodes(g, x, prefix, ln, params):
    mean = g.op("ReduceMean", [x], prefix + "/ReduceMean", axes=[-1], keepdims=1)
    centred = g.op("Sub", [x, mean], prefix + "/Sub")
    squared = g.op("Pow", [centred, "const.two"], prefix + "/Pow")
    var = g.op("ReduceMean", [squared], prefix + "/ReduceMean_1", axes=[-1], keepdims=1)
    std = g.op("Sqrt", [g.op("Add", [var, "const.eps"], prefix + "/Add")], prefix + "/Sqrt")
    normed = g.op("Div", [centred, std], prefix + "/Div")
    scaled = g.op("Mul", [normed, g.const(params + ".weight", ln["gamma"])], prefix + "/Mul")
    return g.op("Add", [scaled, g.const(params + ".bias", ln["beta"])], prefix + "/Add_1")


def _dense(g, x, prefix, params, weight, bias):
    y = g.op("MatMul", [x, g.const(params + ".weight", weight)], prefix + "/MatMul")
    return g.op("Add", [y, g.const(params + ".bias", bias)], prefix + "/Add")


def build_model(w, num_labels, fused_attention=False):
    """BertForSequenceClassification (num_labels > 0) or BertModel (num_labels == 0) as an ONNX model."""
    g = Graph()
    p = "/bert" if num_labels else ""      # node-name prefix, as torch.onnx names BertForSequenceClassification
    t = "bert." if num_labels else ""      # parameter-name prefix
    g.const("const.two", np.float32(2.0))
    g.const("const.eps", np.float32(LN_EPS))
    g.const("const.one", np.float32(1.0))
    g.const("const.half", np.float32(0.5))
    g.const("const.sqrt2", np.float32(math.sqrt(2.0)))
    g.const("const.scale", np.float32(math.sqrt(HEAD_DIM)))
    g.const("const.mask_bias", np.float32(MASK_BIAS))
    g.const("const.axes12", np.array([1, 2], dtype=np.int64))
    g.const("const.zero1", np.array([0], dtype=np.int64))
    g.const("const.one1", np.array([1], dtype=np.int64))
    g.const("const.two1", np.array([2], dtype=np.int64))
    g.const("const.heads_shape", np.array([0, 0, HEADS, HEAD_DIM], dtype=np.int64))
    g.const("const.merge_shape", np.array([0, 0, HIDDEN], dtype=np.int64))
    g.const("const.cls_index", np.array(0, dtype=np.int64))

    # Embeddings: word + position + token type, then LayerNorm.
    e = p + "/embeddings"
    words = g.op("Gather", [g.const(t + "embeddings.word_embeddings.weight", w["word"]), "input_ids"],
                 e + "/word_embeddings/Gather")
    types = g.op("Gather", [g.const(t + "embeddings.token_type_embeddings.weight", w["type"]), "token_type_ids"],
                 e + "/token_type_embeddings/Gather")
    shape = g.op("Shape", ["input_ids"], e + "/Shape")
    seq_len = g.op("Slice", [shape, "const.one1", "const.two1", "const.zero1"], e + "/Slice")
    position_ids = g.op("Slice", [g.const(t + "embeddings.position_ids",
                                          np.arange(MAX_POSITIONS, dtype=np.int64)),
                                  "const.zero1", seq_len, "const.zero1"], e + "/Slice_1")
    positions = g.op("Gather", [g.const(t + "embeddings.position_embeddings.weight", w["position"]), position_ids],
                     e + "/position_embeddings/Gather")
    summed = g.op("Add", [g.op("Add", [words, types], e + "/Add"), positions], e + "/Add_1")
    h = _layer_norm_nodes(g, summed, e + "/LayerNorm", w["emb_ln"], t + "embeddings.LayerNorm")

    # Additive mask bias [batch, 1, 1, seq]: 0 where attention_mask is 1, MASK_BIAS where it is 0.
    if fused_attention:
        mask_index = g.op("Cast", ["attention_mask"], p + "/Cast", to=TensorProto.INT32)
    else:
        mask = g.op("Cast", [g.op("Unsqueeze", ["attention_mask", "const.axes12"], p + "/Unsqueeze")],
                    p + "/Cast", to=TensorProto.FLOAT)
        mask_bias = g.op("Mul", [g.op("Sub", ["const.one", mask], p + "/Sub"), "const.mask_bias"], p + "/Mul")

    for i, layer in enumerate(w["layers"]):
        lp = f"{p}/encoder/layer.{i}"
        lt = f"{t}encoder.layer.{i}"
        if fused_attention:
            qkv_w = np.concatenate([layer["q_w"], layer["k_w"], layer["v_w"]], axis=1)
            qkv_b = np.concatenate([layer["q_b"], layer["k_b"], layer["v_b"]])
            context = g.op("Attention", [h, g.const(lt + ".attention.self.qkv.weight", qkv_w),
                                         g.const(lt + ".attention.self.qkv.bias", qkv_b), mask_index],
                           lp + "/attention/self/Attention", domain="com.microsoft", num_heads=HEADS)
        else:
            s = lp + "/attention/self"
            st = lt + ".attention.self"

            def heads(x, name, perm):
                split = g.op("Reshape", [x, "const.heads_shape"], f"{s}/{name}/Reshape")
                return g.op("Transpose", [split], f"{s}/{name}/Transpose", perm=perm)

            q = heads(_dense(g, h, s + "/query", st + ".query", layer["q_w"], layer["q_b"]), "query", [0, 2, 1, 3])
            k = heads(_dense(g, h, s + "/key", st + ".key", layer["k_w"], layer["k_b"]), "key", [0, 2, 3, 1])
            v = heads(_dense(g, h, s + "/value", st + ".value", layer["v_w"], layer["v_b"]), "value", [0, 2, 1, 3])
            scores = g.op("Div", [g.op("MatMul", [q, k], s + "/MatMul"), "const.scale"], s + "/Div")
            probs = g.op("Softmax", [g.op("Add", [scores, mask_bias], s + "/Add")], s + "/Softmax", axis=-1)
            context = g.op("MatMul", [probs, v], s + "/MatMul_1")
            context = g.op("Transpose", [context], s + "/Transpose", perm=[0, 2, 1, 3])
            context = g.op("Reshape", [context, "const.merge_shape"], s + "/Reshape")
        o = lp + "/attention/output"
        out = _dense(g, context, o + "/dense", lt + ".attention.output.dense", layer["o_w"], layer["o_b"])
        h = _layer_norm_nodes(g, g.op("Add", [out, h], o + "/Add"), o + "/LayerNorm", layer["attn_ln"],
                              lt + ".attention.output.LayerNorm")
        inner = _dense(g, h, lp + "/intermediate/dense", lt + ".intermediate.dense", layer["i_w"], layer["i_b"])
        a = lp + "/intermediate/intermediate_act_fn"
        erf = g.op("Erf", [g.op("Div", [inner, "const.sqrt2"], a + "/Div")], a + "/Erf")
        gelu = g.op("Mul", [g.op("Mul", [inner, g.op("Add", [erf, "const.one"], a + "/Add")], a + "/Mul"),
                            "const.half"], a + "/Mul_1")
        out = _dense(g, gelu, lp + "/output/dense", lt + ".output.dense", layer["f_w"], layer["f_b"])
        h = _layer_norm_nodes(g, g.op("Add", [out, h], lp + "/output/Add"), lp + "/output/LayerNorm",
                              layer["ffn_ln"], lt + ".output.LayerNorm")

    batch_seq = ["batch", "sequence"]
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, batch_seq)
              for n in ("input_ids", "attention_mask", "token_type_ids")]
    if num_labels:
        first = g.op("Gather", [h, "const.cls_index"], "/bert/pooler/Gather", axis=1)
        pooled = g.op("Tanh", [_dense(g, first, "/bert/pooler/dense", "bert.pooler.dense", w["pool_w"],
                                      w["pool_b"])], "/bert/pooler/activation/Tanh")
        logits = g.op("MatMul", [pooled, g.const("classifier.weight", w["cls_w"])], "/classifier/MatMul")
        g.nodes.append(helper.make_node("Add", [logits, g.const("classifier.bias", w["cls_b"])], ["logits"],
                                        name="/classifier/Add"))
        outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", num_labels])]
    else:
        g.nodes.append(helper.make_node("Identity", [h], ["last_hidden_state"], name="/Identity"))
        outputs = [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT,
                                                 ["batch", "sequence", HIDDEN])]

    used = {name for node in g.nodes for name in node.input}
    initializers = [i for i in g.initializers if i.name in used]  # shared constants a variant does not need
    graph = helper.make_graph(g.nodes, "main_graph", inputs, outputs, initializers)
    opsets = [helper.make_opsetid("", OPSET)]
    if fused_attention:
        opsets.append(helper.make_opsetid("com.microsoft", 1))
    model = helper.make_model(graph, opset_imports=opsets, producer_name="make_tiny_cross_encoder.py",
                              producer_version="1")
    if not fused_attention:  # the checker knows no com.microsoft schemas
        onnx.checker.check_model(model, full_check=True)
    return model


# --------------------------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------------------------

PAIRS = [
    ("best pizza in naples", "Naples is famous for its pizza, pasta and fresh bread."),
    ("searching for restaurants in Paris", "The ranker ranked cafés and bakeries near the Louvre highest."),
    ("capital of france", "Zyzzyva beetles live in warm places by the river."),
    ("Tokyo ramen?", "Ramen shops in Tokyo serve noodles, hot broth and eggs!"),
    ("search relevance",
     "A search engine ranks documents by relevance. Users click the top results, so the ranking model scores "
     "every document for the query and the best matching pages are shown first. Relevance engineers tune the "
     "ranker with judged queries from cities like Paris, Rome and Lisbon, and look at which words in the text "
     "matched the query tokens."),
]
TEXTS = ["pizza and pasta in Naples", "searching for sushi restaurants in Tokyo", "Zyzzyva cheeses are tasty"]


def _rounded(array, digits=8):
    return np.round(np.asarray(array, dtype=np.float64), digits).tolist()


def _write_json(path, data, indent=2):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(data, f, indent=indent, ensure_ascii=False)
        f.write("\n")


def _write_compact_json(path, data):
    """One line per top-level entry of each case keeps the file diffable yet small."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("{\n")
        keys = list(data)
        for i, key in enumerate(keys):
            value = data[key]
            if isinstance(value, list) and value and isinstance(value[0], dict):
                f.write(f"  {json.dumps(key)}: [\n")
                for j, case in enumerate(value):
                    f.write("    {\n")
                    ckeys = list(case)
                    for k, ckey in enumerate(ckeys):
                        sep = "," if k < len(ckeys) - 1 else ""
                        f.write(f"      {json.dumps(ckey)}: "
                                f"{json.dumps(case[ckey], ensure_ascii=False, separators=(',', ':'))}{sep}\n")
                    f.write("    }" + ("," if j < len(value) - 1 else "") + "\n")
                f.write("  ]")
            else:
                f.write(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
            f.write(",\n" if i < len(keys) - 1 else "\n")
        f.write("}\n")


def _common_config(architecture):
    return {
        "architectures": [architecture], "model_type": "bert", "hidden_size": HIDDEN,
        "num_hidden_layers": LAYERS, "num_attention_heads": HEADS, "intermediate_size": INTERMEDIATE,
        "hidden_act": "gelu", "max_position_embeddings": MAX_POSITIONS, "type_vocab_size": TYPE_VOCAB,
        "vocab_size": len(VOCAB), "layer_norm_eps": LN_EPS, "pad_token_id": VOCAB["[PAD]"],
        "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "initializer_range": WEIGHT_STD,
        "position_embedding_type": "absolute", "torch_dtype": "float32",
    }


def _write_tokenizer_files(folder):
    _write_json(os.path.join(folder, "tokenizer.json"), tokenizer_json())
    specials = {"unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]",
                "mask_token": "[MASK]"}
    _write_json(os.path.join(folder, "tokenizer_config.json"), {
        "tokenizer_class": "BertTokenizer", "do_lower_case": True, "model_max_length": MAX_LENGTH,
        "tokenize_chinese_chars": True, "strip_accents": None, "clean_up_tokenization_spaces": True, **specials})
    _write_json(os.path.join(folder, "special_tokens_map.json"), specials)


def _save_model(model, folder):
    data = model.SerializeToString()
    with open(os.path.join(folder, "model.onnx"), "wb") as f:
        f.write(data)
    return len(data)


def write_cross_encoder(name, seed, num_labels):
    folder = os.path.join(OUT_ROOT, name)
    os.makedirs(folder, exist_ok=True)
    w = make_weights(seed, num_labels)
    size = _save_model(build_model(w, num_labels), folder)
    labels = {"0": "LABEL_0"} if num_labels == 1 else {"0": "not_relevant", "1": "relevant"}
    _write_json(os.path.join(folder, "config.json"), {
        **_common_config("BertForSequenceClassification"), "num_labels": num_labels,
        "id2label": labels, "label2id": {v: int(k) for k, v in labels.items()}})
    _write_tokenizer_files(folder)
    cases = []
    for query, document in PAIRS:
        tokens, ids, types, dropped = encode_pair(query, document)
        _, attentions, logits = forward(w, ids, types)
        case = {"query": query, "document": document, "tokens": tokens, "input_ids": ids,
                "token_type_ids": types, "tokens_dropped": dropped}
        if num_labels == 1:
            case["logit"] = float(logits[0])
            case["probability"] = float(1.0 / (1.0 + math.exp(-logits[0])))
        else:
            case["logits"] = [float(x) for x in logits]
            case["probability"] = float(_softmax(logits)[1])
        case["attentions"] = [_rounded(a, 7) for a in attentions]
        cases.append(case)
    _write_compact_json(os.path.join(folder, "reference.json"), {
        "generator": "src/test/python/make_tiny_cross_encoder.py", "seed": seed, "max_length": MAX_LENGTH,
        "truncation": "only_second", "num_labels": num_labels,
        "attentions_shape": "[layers][heads][seq][seq], batch 1, no padding", "pairs": cases})
    return size


def write_bi_encoder(name, seed, fused_attention):
    folder = os.path.join(OUT_ROOT, name)
    os.makedirs(os.path.join(folder, "1_Pooling"), exist_ok=True)
    w = make_weights(seed, 0)
    size = _save_model(build_model(w, 0, fused_attention), folder)
    _write_json(os.path.join(folder, "config.json"), _common_config("BertModel"))
    _write_tokenizer_files(folder)
    _write_json(os.path.join(folder, "1_Pooling", "config.json"), {
        "word_embedding_dimension": HIDDEN, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False, "pooling_mode_lasttoken": False, "include_prompt": True})
    _write_json(os.path.join(folder, "modules.json"), [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}])
    _write_json(os.path.join(folder, "sentence_bert_config.json"),
                {"max_seq_length": MAX_LENGTH, "do_lower_case": False})
    cases = []
    for text in TEXTS:
        tokens, ids, types = encode_single(text)
        hidden, _, _ = forward(w, ids, types)
        mean = hidden.mean(axis=0)
        cases.append({"text": text, "tokens": tokens, "input_ids": ids, "token_type_ids": types,
                      "embedding": _rounded(mean / np.linalg.norm(mean)),
                      "last_hidden_state": _rounded(hidden)})
    _write_compact_json(os.path.join(folder, "reference.json"), {
        "generator": "src/test/python/make_tiny_cross_encoder.py", "seed": seed, "max_length": MAX_LENGTH,
        "pooling": "mean over attention mask, then L2-normalised", "fused_attention": fused_attention,
        "texts": cases})
    return size


def write_unknown_kind(name):
    """A valid graph over BERT inputs whose output is neither a bi-encoder's nor a cross-encoder's: the engine must
    refuse it with a message naming what it found."""
    folder = os.path.join(OUT_ROOT, name)
    os.makedirs(folder, exist_ok=True)
    ids = helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"])
    mask = helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"])
    out = helper.make_tensor_value_info("token_scores", TensorProto.FLOAT, ["batch", "sequence"])
    nodes = [
        helper.make_node("Mul", ["input_ids", "attention_mask"], ["masked"], name="mask_ids"),
        helper.make_node("Cast", ["masked"], ["token_scores"], to=TensorProto.FLOAT, name="to_float"),
    ]
    graph = helper.make_graph(nodes, "unknown_kind", [ids, mask], [out])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)], producer_name="rerank-workbench")
    model.ir_version = 8
    onnx.checker.check_model(model)
    _write_tokenizer_files(folder)
    return _save_model(model, folder)


def main():
    sizes = {
        "tiny-unknown-kind": write_unknown_kind("tiny-unknown-kind"),
        "tiny-cross-encoder": write_cross_encoder("tiny-cross-encoder", 20240601, 1),
        "tiny-cross-encoder-2label": write_cross_encoder("tiny-cross-encoder-2label", 20240602, 2),
        "tiny-bi-encoder": write_bi_encoder("tiny-bi-encoder", 20240603, False),
        # Same seed as the bi-encoder: the fused graph must compute the same embeddings.
        "tiny-fused-attention": write_bi_encoder("tiny-fused-attention", 20240603, True),
    }
    for name, size in sizes.items():
        print(f"{name}/model.onnx: {size} bytes")
    for query, document in PAIRS:
        tokens, _, _, dropped = encode_pair(query, document)
        print(len(tokens), dropped, " ".join(tokens))


if __name__ == "__main__":
    main()
