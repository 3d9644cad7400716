package io.rerankworkbench.rerank;

/** A model could not be loaded. The message says which model and why, in words for the user. */
public class ModelLoadException extends RerankException {
    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
