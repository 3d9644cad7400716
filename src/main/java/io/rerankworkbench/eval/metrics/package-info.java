/**
 * Retrieval measures per query against graded judgments — nDCG@k, P@k, recall@k, reciprocal rank, AP, AP@k,
 * success@k, judged@k and the counts — computed by default exactly as trec_eval computes them
 * ({@link io.rerankworkbench.eval.metrics.Conventions#TREC_EVAL}), with the other common conventions as settings.
 * Toolkit-free: no JavaFX, no database, no files; one implementation behind the metrics panel, {@code eval} and the
 * tests.
 */
package io.rerankworkbench.eval.metrics;
