package io.rerankworkbench.store;

/**
 * A query with the counts the queries panel shows.
 *
 * @param candidates         candidate documents
 * @param runs               kept runs
 * @param judgedDocuments    candidates with at least one grade from anyone
 */
public record QuerySummary(StoredQuery query, int candidates, int runs, int judgedDocuments) {

    /** Share of the candidates with a grade, 0 when there are none. */
    public double labeledFraction() {
        return candidates == 0 ? 0 : Math.min(1.0, (double) judgedDocuments / candidates);
    }
}
