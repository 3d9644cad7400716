package io.rerankworkbench.retrieve.engine;

import java.io.IOException;

/**
 * A search engine request that did not give hits. The message is for the user as it is: it names the endpoint (name
 * and URL, never user info or a secret) and says what went wrong in words.
 */
public final class SearchEngineException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure, for callers that treat them differently (a setup problem vs. a passing one). */
    public enum Kind {
        /** The config or template cannot be used, or a password is missing; nothing was sent. */
        SETUP,
        /** No connection: unknown host, refused, TLS failure. */
        UNREACHABLE,
        /** A connect, read or whole-call timeout. */
        TIMEOUT,
        /** The engine answered with an error status. */
        HTTP,
        /** The answer was not what the engine sends: not JSON, missing lists or fields, too large. */
        MALFORMED
    }

    private final Kind kind;
    private final int status;

    SearchEngineException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status for {@link Kind#HTTP}, else 0. */
    public int status() {
        return status;
    }
}
