package io.rerankworkbench.cli;

/**
 * A command cannot go on for a reason the user can act on. The message is one line for stderr, without the
 * {@code rerank-workbench: error:} prefix; no stack trace is shown.
 */
final class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
