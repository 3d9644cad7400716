package io.rerankworkbench.app;

/** An explanation that cannot be made, with a message for the user (what, and what works instead). */
public final class ExplainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExplainException(String message) {
        super(message);
    }
}
