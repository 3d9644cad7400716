package io.rerankworkbench.io.exports;

import java.util.List;

/**
 * What an export wrote.
 *
 * @param queries        queries with at least one row in the file
 * @param rows           data rows (CSV rows after the header, TREC or qrels lines, bundle candidates)
 * @param skippedQueries selected queries that had nothing to write in this format (no completed run for a TREC run,
 *                       no judgment for qrels), by id
 */
public record ExportSummary(int queries, long rows, List<String> skippedQueries) {
    public ExportSummary {
        skippedQueries = List.copyOf(skippedQueries);
    }
}
