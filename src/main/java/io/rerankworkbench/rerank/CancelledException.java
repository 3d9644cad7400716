package io.rerankworkbench.rerank;

/** Work stopped because the user asked for it; not an error to report. */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("cancelled", null, false, false);
    }
}
