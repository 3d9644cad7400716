/**
 * The data behind the Evaluate panel's plots, prepared without a toolkit: per-query differences between two rankers
 * sorted largest gain first, the nDCG@k-style curves over cut-offs, score histograms split by grade with readable bin
 * edges, and per-query grade counts. Toolkit-free and I/O-free: the charts in {@code ui.evaluate.chart} draw these
 * values and nothing else, and the tests check the numbers here.
 */
package io.rerankworkbench.eval.plot;
