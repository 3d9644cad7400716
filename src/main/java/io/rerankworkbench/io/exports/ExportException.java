package io.rerankworkbench.io.exports;

import java.io.IOException;

/**
 * The data cannot be written in the chosen format (a document id with a space in a TREC file, a run without
 * scores); the message says what and where, in words a user can act on. Being an {@link IOException}, it makes
 * {@link io.rerankworkbench.io.AtomicFiles} drop the half-written file.
 */
public final class ExportException extends IOException {
    private static final long serialVersionUID = 1L;

    public ExportException(String message) {
        super(message);
    }
}
