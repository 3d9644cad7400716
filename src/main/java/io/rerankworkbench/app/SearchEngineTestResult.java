package io.rerankworkbench.app;

import java.util.List;

/**
 * What a Test connection found: the first hits and a one-line summary.
 *
 * @param summary e.g. {@code 5 hits for "test" in 0.12 s}
 */
public record SearchEngineTestResult(String summary, List<Hit> hits) {

    public SearchEngineTestResult {
        hits = List.copyOf(hits);
    }

    /** One hit: its id, title (may be blank) and the engine's score (NaN when it sent none). */
    public record Hit(String id, String title, double score) {
    }
}
