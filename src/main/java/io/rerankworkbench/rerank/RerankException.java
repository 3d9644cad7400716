package io.rerankworkbench.rerank;

/** A ranker could not produce scores. The message is written for the user. */
public class RerankException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RerankException(String message) {
        super(message);
    }

    public RerankException(String message, Throwable cause) {
        super(message, cause);
    }
}
