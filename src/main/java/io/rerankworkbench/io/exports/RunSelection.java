package io.rerankworkbench.io.exports;

import java.util.Objects;

/**
 * Which runs of each query a ranked-list CSV or a TREC run holds. Runs are named by their number: the 1-based
 * position among their query's runs in the order they were made ("Run 2"), as the window and the command line show
 * it ({@code StoredRun.number()} of the project store).
 */
public sealed interface RunSelection {

    /** The latest completed run of each query (a failed or cancelled run is not a ranking to hand on). */
    RunSelection LATEST = new Latest();
    /** Every run of each query, oldest first, whatever its status (CSV and bundles only). */
    RunSelection ALL = new All();

    /** Run {@code number} of each query, whatever its status; queries with fewer runs have none. */
    static RunSelection numbered(int number) {
        return new Numbered(number);
    }

    /**
     * What the window shows: run {@code number} of query {@code queryId}; every other query its latest completed run
     * by the same ranker and model, or, when it has none, its latest completed run.
     */
    static RunSelection shown(String queryId, int number) {
        return new Shown(queryId, number);
    }

    /** See {@link #LATEST}. */
    record Latest() implements RunSelection {
    }

    /** See {@link #ALL}. */
    record All() implements RunSelection {
    }

    /** See {@link #numbered(int)}. */
    record Numbered(int number) implements RunSelection {
        public Numbered {
            if (number < 1) {
                throw new IllegalArgumentException("run numbers start at 1, was " + number);
            }
        }
    }

    /** See {@link #shown(String, int)}. */
    record Shown(String queryId, int number) implements RunSelection {
        public Shown {
            Objects.requireNonNull(queryId, "queryId");
            if (number < 1) {
                throw new IllegalArgumentException("run numbers start at 1, was " + number);
            }
        }
    }
}
