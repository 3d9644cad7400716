#!/usr/bin/python3
"""Writes the word-level attention maps of the tiny cross-encoder, the reference for AttentionMapsReferenceTest.

Run it with any Python 3 that has numpy (no onnx, no onnxruntime, no tokenizer library):

    python3 src/test/python/word_attention_reference.py

It reads ``src/test/resources/models/tiny-cross-encoder/reference.json`` (written by make_tiny_cross_encoder.py:
per pair the tokens, token_type_ids and the numpy forward pass's attention probabilities
``attentions[layer][head][from][to]``) and writes ``word-attention.json`` beside it. Deterministic; the output is
committed, so the build never needs Python.

The aggregation rule (the same as docs/explain.md and io.rerankworkbench.explain.AttentionMaps):

* Words: a token that starts with ``##`` continues the word before it; any other token starts a new word.
  ``[CLS]`` and ``[SEP]`` are special tokens and belong to no word. A word belongs to the query when its tokens have
  token_type_id 0, to the document when 1.
* Layers and heads: "mean" is the arithmetic mean of the token matrices over all layers (or all heads); a single
  layer or head is taken as is.
* A word's row is the MEAN of its tokens' rows; a word's column is the SUM of its tokens' columns. Over the full
  word-by-word matrix (every word, and every special token as a unit of its own) each row therefore still sums
  to 1; the script checks that.
* query -> document: rows query words, columns document words. document -> query: computed with document words as
  rows (sources) and query words as columns, then transposed, so rows are query words and columns document words
  as well. both = (query -> document + transposed document -> query) / 2.
* Word-pieces: every non-special token is a unit of its own (rows query tokens, columns document tokens).

Layers and heads in the output are 0-based: "layer 1, head 0" is the second layer's first head.
"""

import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "resources", "models", "tiny-cross-encoder")
SPECIAL = {"[CLS]", "[SEP]", "[PAD]"}
MEAN = "mean"

# (name, layer, head, direction, granularity); layer and head 0-based or "mean".
MAPS = [
    ("mean_mean_query_to_document", MEAN, MEAN, "query_to_document", "words"),
    ("layer1_head0_document_to_query", 1, 0, "document_to_query", "words"),
    ("mean_mean_both", MEAN, MEAN, "both", "words"),
    ("layer0_head1_word_pieces_query_to_document", 0, 1, "query_to_document", "word_pieces"),
]


def units(tokens, type_ids):
    """Every token in one unit: words (## continues) and special tokens alone. Returns [(segment, [token index])]."""
    out = []
    for i, (token, type_id) in enumerate(zip(tokens, type_ids)):
        if token in SPECIAL:
            out.append(("special", [i]))
        elif token.startswith("##") and out and out[-1][0] != "special":
            out[-1][1].append(i)
        else:
            out.append(("query" if type_id == 0 else "document", [i]))
    return out


def label(tokens, unit):
    return "".join(tokens[i][2:] if tokens[i].startswith("##") else tokens[i] for i in unit)


def pick(attentions, layer, head):
    a = np.asarray(attentions, dtype=np.float64)  # [layer][head][n][n]
    a = a.mean(axis=0) if layer == MEAN else a[layer]
    return a.mean(axis=0) if head == MEAN else a[head]


def to_words(token_matrix, rows, columns):
    """Rows: mean of the row tokens' rows; columns: sum of the column tokens' columns."""
    out = np.zeros((len(rows), len(columns)))
    for r, row in enumerate(rows):
        for c, column in enumerate(columns):
            out[r, c] = token_matrix[np.ix_(row, column)].sum() / len(row)
    return out


def main():
    with open(os.path.join(FIXTURE, "reference.json"), encoding="utf-8") as f:
        reference = json.load(f)
    pairs = []
    for pair in reference["pairs"]:
        tokens = pair["tokens"]
        all_units = units(tokens, pair["token_type_ids"])
        query = [u for s, u in all_units if s == "query"]
        document = [u for s, u in all_units if s == "document"]
        query_pieces = [[i] for u in query for i in u]
        document_pieces = [[i] for u in document for i in u]

        full = to_words(pick(pair["attentions"], MEAN, MEAN), [u for _, u in all_units], [u for _, u in all_units])
        assert np.allclose(full.sum(axis=1), 1.0, atol=1e-5), "a row of the full word matrix does not sum to 1"

        maps = {}
        for name, layer, head, direction, granularity in MAPS:
            m = pick(pair["attentions"], layer, head)
            q, d = (query, document) if granularity == "words" else (query_pieces, document_pieces)
            if direction == "query_to_document":
                values = to_words(m, q, d)
            elif direction == "document_to_query":
                values = to_words(m, d, q).T
            else:
                values = (to_words(m, q, d) + to_words(m, d, q).T) / 2
            maps[name] = {
                "layer": layer, "head": head, "direction": direction, "granularity": granularity,
                "values": [[round(float(v), 10) for v in row] for row in values],
            }
        pairs.append({
            "query": pair["query"],
            "document": pair["document"],
            "query_words": [label(tokens, u) for u in query],
            "document_words": [label(tokens, u) for u in document],
            "query_pieces": [tokens[u[0]] for u in query_pieces],
            "document_pieces": [tokens[u[0]] for u in document_pieces],
            "maps": maps,
        })
    out = {
        "generator": "src/test/python/word_attention_reference.py",
        "source": "reference.json",
        "rule": "word row = mean of its tokens' rows; word column = sum of its tokens' columns; "
                "mean = arithmetic mean over layers / heads; layer and head 0-based",
        "pairs": pairs,
    }
    with open(os.path.join(FIXTURE, "word-attention.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
