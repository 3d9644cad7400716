package io.rerankworkbench.app;

/** A submitted background task. */
public interface TaskHandle {

    /**
     * Asks the task to stop. It stops at its next cancellation check (for rankers: before the next batch) and its
     * {@code onCancelled} callback runs. Safe to call from any thread, more than once.
     */
    void cancel();

    boolean isCancelled();
}
