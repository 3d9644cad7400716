package io.rerankworkbench.rerank;

/**
 * Polled by long-running work between units (batches, requests). Implementations must be safe to read from any
 * thread.
 */
@FunctionalInterface
public interface CancellationToken {

    CancellationToken NONE = () -> false;

    boolean isCancelled();

    /** Throws {@link CancelledException} when cancellation has been requested. */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
