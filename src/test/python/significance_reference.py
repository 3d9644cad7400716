#!/usr/bin/python3
"""Writes scipy's paired t-test, exact paired permutation test and numpy's type-7 quantiles, the reference for
SignificanceReferenceTest (io.rerankworkbench.eval.significance).

Run it with a Python 3 that has numpy and scipy:

    python3 src/test/python/significance_reference.py

It writes ``src/test/resources/io/rerankworkbench/eval/significance/significance-reference.json``. Deterministic
(fixed seed); the output is committed, so the build never needs Python.

- ``ttest``: pairs of per-query values a, b (nDCG-like values in [0, 1], P@10-like multiples of 0.1, shifted pairs
  with tiny p-values, two and three queries) with ``scipy.stats.ttest_rel(a, b)``'s statistic, df and p-value.
- ``randomization``: pairs with 8..12 queries and ``scipy.stats.permutation_test`` on the paired samples
  (``permutation_type="samples"``: each query's a and b may swap, which flips the sign of its difference), statistic
  mean(a − b), two-sided, ``n_resamples=inf`` so every one of the 2^n sign patterns is enumerated (an exact p).
- ``quantile``: sorted samples and probabilities with ``numpy.quantile(method="linear")`` (Hyndman & Fan type 7).
"""

import json
import os

import numpy as np
import scipy
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "io", "rerankworkbench", "eval", "significance",
                   "significance-reference.json")
SEED = 20071106


def values(rng, kind, n):
    if kind == "ndcg":
        a = rng.uniform(0, 1, n)
        b = np.clip(a + rng.normal(0.03, 0.15, n), 0, 1)
    elif kind == "p10":
        a = rng.integers(0, 11, n) / 10.0
        b = rng.integers(0, 11, n) / 10.0
    elif kind == "shifted":
        a = rng.uniform(0.3, 0.7, n)
        b = a - 0.2 + rng.normal(0, 0.05, n)
    else:
        raise ValueError(kind)
    return [float(x) for x in a], [float(x) for x in b]


def ttest_case(rng, kind, n):
    a, b = values(rng, kind, n)
    r = stats.ttest_rel(a, b)
    return {"kind": kind, "a": a, "b": b, "t": float(r.statistic), "df": int(r.df), "p": float(r.pvalue)}


def randomization_case(rng, kind, n):
    a, b = values(rng, kind, n)
    r = stats.permutation_test((np.array(a), np.array(b)), lambda x, y, axis: np.mean(x - y, axis=axis),
                               permutation_type="samples", vectorized=True, n_resamples=np.inf,
                               alternative="two-sided")
    assert len(r.null_distribution) == 2 ** n
    return {"kind": kind, "a": a, "b": b, "mean": float(r.statistic), "p": float(r.pvalue)}


def quantile_case(rng, size):
    xs = sorted(float(x) for x in rng.normal(0, 1, size))
    ps = [0.0, 0.025, 0.05, 0.5, 0.95, 0.975, 1.0] + [float(p) for p in rng.uniform(0, 1, 5)]
    return {"sorted": xs, "p": ps, "q": [float(np.quantile(xs, p, method="linear")) for p in ps]}


def main():
    rng = np.random.default_rng(SEED)
    ttest = [ttest_case(rng, "ndcg", 2), ttest_case(rng, "ndcg", 3), ttest_case(rng, "p10", 3)]
    for n in (5, 10, 25, 50, 100, 250, 1000):
        for kind in ("ndcg", "p10", "shifted"):
            ttest.append(ttest_case(rng, kind, n))
    randomization = []
    for n in range(8, 13):
        for kind in ("ndcg", "p10", "shifted"):
            randomization.append(randomization_case(rng, kind, n))
    quantile = [quantile_case(rng, size) for size in (1, 2, 3, 10, 101, 1000)]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"generator": "src/test/python/significance_reference.py", "scipy": scipy.__version__,
                   "numpy": np.__version__, "seed": SEED, "ttest": ttest, "randomization": randomization,
                   "quantile": quantile}, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %d t-tests, %d randomization tests, %d quantile cases to %s"
          % (len(ttest), len(randomization), len(quantile), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
