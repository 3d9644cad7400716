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
 * @param runs           the runs of the queries' own texts whose rankings were written, in file order (ranked lists
 *                       and TREC runs; empty for qrels and bundles)
 * @param variantRuns    the runs of query variants whose rankings were written, in file order (kept apart so that
 *                       {@code runs} still says which run of each query was written)
 */
public record ExportSummary(int queries, long rows, List<String> skippedQueries, List<RunUsed> runs,
                            List<RunUsed> variantRuns) {

    /**
     * One run written: query {@code queryId}'s run number {@code number} (its 1-based position among the query's runs
     * in the order they were made), by {@code ranker} and {@code model}; for a variant's run, run {@code number} of
     * variant {@code variant} of the query (numbered among that variant's runs).
     *
     * @param variant the variant's number among its query's variants, 0 for a run of the query's own text
     */
    public record RunUsed(String queryId, int number, String ranker, String model, int variant) {
        public RunUsed {
            Objects.requireNonNull(queryId, "queryId");
            Objects.requireNonNull(ranker, "ranker");
            Objects.requireNonNull(model, "model");
        }

        /** A run of the query's own text. */
        public RunUsed(String queryId, int number, String ranker, String model) {
            this(queryId, number, ranker, model, 0);
        }
    }

    public ExportSummary {
        skippedQueries = List.copyOf(skippedQueries);
        runs = List.copyOf(runs);
        variantRuns = List.copyOf(variantRuns);
    }

    /** A summary without variants' runs. */
    public ExportSummary(int queries, long rows, List<String> skippedQueries, List<RunUsed> runs) {
        this(queries, rows, skippedQueries, runs, List.of());
    }

    /** A summary of a format that holds no rankings (qrels, bundles). */
    public ExportSummary(int queries, long rows, List<String> skippedQueries) {
        this(queries, rows, skippedQueries, List.of());
    }
}
