package io.rerankworkbench.eval.plot;

import java.util.Objects;

/**
 * One query's value of a measure for two rankers, A and B.
 *
 * @param queryId   the query's id as the project shows it
 * @param queryText the query's text (for the tooltip); may be empty
 */
public record QueryValues(String queryId, String queryText, double a, double b) {

    public QueryValues {
        Objects.requireNonNull(queryId, "queryId");
        queryText = queryText == null ? "" : queryText;
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("query " + queryId + ": values must be finite numbers, got A = " + a
                    + ", B = " + b);
        }
    }

    /** B − A: positive when B does better on this query. */
    public double difference() {
        return b - a;
    }
}
