package io.rerankworkbench.app;

/** Retrieval cannot start or go on: no corpus, no such model or engine, an index that cannot be built. */
public final class RetrievalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RetrievalException(String message, Throwable cause) {
        super(message, cause);
    }
}
