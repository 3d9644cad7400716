/**
 * Comparing rankings of the same candidates: rank correlation (Kendall's τ-b, Spearman's ρ), rank-biased overlap
 * (Webber, Moffat and Zobel 2010), set overlap at a cut-off, the rank matrix of several rankers and the summary of
 * an agreement over a set of queries. Toolkit-free and I/O-free: the Compare view, the {@code compare} command and
 * the tests call the same code. Definitions, with ties and lists of different lengths: docs/compare.md.
 */
package io.rerankworkbench.eval.compare;
