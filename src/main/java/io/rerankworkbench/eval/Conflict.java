package io.rerankworkbench.eval;

import java.util.Map;

/**
 * An item whose annotators' current grades differ.
 *
 * @param grades each annotator's grade, by annotator name in alphabetical order
 * @param spread how far apart the grades are: highest minus lowest on an ordinal scale, the number of distinct
 *               grades minus one on a nominal scale
 */
public record Conflict(long queryId, long documentId, Map<String, Integer> grades, int spread) {
    public Conflict {
        grades = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(grades));
    }
}
