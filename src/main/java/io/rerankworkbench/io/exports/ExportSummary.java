package io.rerankworkbench.io.exports;

import java.util.List;
import java.util.Objects;

/**
 * What an export wrote.
 *
 * @param queries        queries with at least one row in the file
 * @param rows           data rows (CSV rows after the header, TREC or qrels lines, bundle candidates)
 * @param skippedQueries selected queries that had nothing to write in this format (no completed run for a TREC run,
 *                       no judgment for qrels), by id
 * @param runs           the runs whose rankings were written, in file order (ranked lists and TREC runs; empty for
 *                       qrels and bundles)
 */
public record ExportSummary(int queries, long rows, List<String> skippedQueries, List<RunUsed> runs) {

    /**
     * One run written: query {@code queryId}'s run number {@code number} (its 1-based position among the query's runs
     * in the order they were made), by {@code ranker} and {@code model}.
     */
    public record RunUsed(String queryId, int number, String ranker, String model) {
        public RunUsed {
            Objects.requireNonNull(queryId, "queryId");
            Objects.requireNonNull(ranker, "ranker");
            Objects.requireNonNull(model, "model");
        }
    }

    public ExportSummary {
        skippedQueries = List.copyOf(skippedQueries);
        runs = List.copyOf(runs);
    }

    /** A summary of a format that holds no rankings (qrels, bundles). */
    public ExportSummary(int queries, long rows, List<String> skippedQueries) {
        this(queries, rows, skippedQueries, List.of());
    }
}
