package io.rerankworkbench.store;

import java.time.Instant;

/**
 * A variant with what a list of variants shows: its text, how many runs it has kept, and which ranker made the newest
 * of them and when.
 *
 * @param runs       the variant's kept runs
 * @param ranker     the newest run's ranker kind, null when there is no run
 * @param model      the newest run's model, null when there is no run
 * @param finishedAt when the newest run finished, null when there is no run or it did not say
 */
public record VariantSummary(StoredVariant variant, int runs, String ranker, String model, Instant finishedAt) {
}
