package io.rerankworkbench.store;

/** How many of a query's candidates a session has graded, of how many. */
public record LabelingProgress(long queryId, int labeled, int total) {
}
