package io.rerankworkbench.rerank;

/**
 * Receives progress from long-running work. Called on the worker thread; implementations hand the values to
 * whatever thread they need.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> { };

    /** {@code done} of {@code total} units (documents, for rankers) are finished. */
    void progress(long done, long total);
}
