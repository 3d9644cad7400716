#!/usr/bin/python3
"""Writes scipy's Kendall tau-b and Spearman rho of random pairs of rankings, the reference for
RankCorrelationReferenceTest (io.rerankworkbench.eval.compare).

Run it with a Python 3 that has numpy and scipy:

    python3 src/test/python/rank_correlation_reference.py

It writes ``src/test/resources/io/rerankworkbench/eval/compare/rank-correlation-reference.json``. Deterministic
(fixed seed); the output is committed, so the build never needs Python.

Each case is two rankings of documents drawn from one pool, each holding only some of the pool (so some documents
are in one list only), best first, with a tie key per document (equal neighbouring keys tie, as
io.rerankworkbench.eval.compare.RankedList reads them) or no keys (a strict order). The measures are taken, as
docs/compare.md defines them, over the documents in both lists: each document's tie group in A and in B goes to
``scipy.stats.kendalltau(variant="b")`` and ``scipy.stats.spearmanr`` (which ranks tied values at their mean rank).
Undefined values (fewer than two shared documents, or every shared document tied in one list) are written as null.
"""

import json
import math
import os
import random
import warnings

import numpy as np
import scipy
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "io", "rerankworkbench", "eval", "compare",
                   "rank-correlation-reference.json")
SEED = 20101123


def ranking(rng, pool, size, tie_levels):
    """A random ranking of `size` documents of `pool`: ids best first and tie keys (or None for a strict order)."""
    ids = rng.sample(pool, size)
    if tie_levels is None:
        return ids, None
    # Scores from a few levels give long tie groups; sorted best first so that equal scores are neighbours.
    keys = sorted((float(rng.randrange(tie_levels)) for _ in ids), reverse=True)
    return ids, keys


def groups(ids, keys):
    """Each document's tie group: 0, 1, ... down the list; neighbours with equal keys share one."""
    out = {}
    group = 0
    for i, doc in enumerate(ids):
        if i > 0 and (keys is None or keys[i] != keys[i - 1]):
            group += 1
        out[doc] = group
    return out


def number(value):
    value = float(value)
    return None if math.isnan(value) else value


def case(rng, pool_size, size_a, size_b, levels_a, levels_b):
    pool = ["d%d" % i for i in range(pool_size)]
    ids_a, keys_a = ranking(rng, pool, size_a, levels_a)
    ids_b, keys_b = ranking(rng, pool, size_b, levels_b)
    ga = groups(ids_a, keys_a)
    gb = groups(ids_b, keys_b)
    shared = [d for d in ids_a if d in gb]
    x = np.array([ga[d] for d in shared], dtype=float)
    y = np.array([gb[d] for d in shared], dtype=float)
    if len(shared) < 2 or len(set(x)) < 2 or len(set(y)) < 2:
        tau, rho = None, None
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tau = number(stats.kendalltau(x, y, variant="b").statistic)
            rho = number(stats.spearmanr(x, y).statistic)
    return {
        "a": {"ids": ids_a, "keys": keys_a},
        "b": {"ids": ids_b, "keys": keys_b},
        "shared": len(shared),
        "tau_b": tau,
        "rho": rho,
    }


def main():
    rng = random.Random(SEED)
    cases = []
    # Hand-picked shapes: strict orders, one list all tied, two shared, one shared, empty, disjoint.
    cases.append(case(rng, 10, 10, 10, None, None))
    cases.append(case(rng, 10, 10, 10, 1, None))
    cases.append(case(rng, 8, 8, 8, 2, 2))
    cases.append(case(rng, 2, 2, 2, None, 2))
    cases.append(case(rng, 6, 1, 6, None, None))
    cases.append(case(rng, 6, 0, 6, None, 3))
    # Random shapes, most with ties on one or both sides.
    for _ in range(120):
        pool = rng.randrange(2, 80)
        size_a = rng.randrange(0, pool + 1)
        size_b = rng.randrange(0, pool + 1)
        levels_a = rng.choice([None, 2, 3, 5, 10, 40])
        levels_b = rng.choice([None, 2, 3, 5, 10, 40])
        cases.append(case(rng, pool, size_a, size_b, levels_a, levels_b))
    for _ in range(6):
        cases.append(case(rng, 1200, 1000, 1000, rng.choice([None, 50, 300]), rng.choice([None, 50, 300])))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"generator": "src/test/python/rank_correlation_reference.py", "scipy": scipy.__version__,
                   "seed": SEED, "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    defined = sum(1 for c in cases if c["tau_b"] is not None)
    print("wrote %d cases (%d with defined values) to %s" % (len(cases), defined, os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
