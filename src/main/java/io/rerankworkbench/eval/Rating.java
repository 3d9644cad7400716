package io.rerankworkbench.eval;

/**
 * One annotator's current grade of one document for one query: the unit agreement statistics compare.
 *
 * @param annotator who graded; never null (callers name unknown annotators)
 */
public record Rating(long queryId, long documentId, String annotator, int grade) {
    public Rating {
        java.util.Objects.requireNonNull(annotator, "annotator");
    }
}
