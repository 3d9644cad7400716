package io.rerankworkbench.rerank.remote;

import io.rerankworkbench.rerank.RerankException;

import java.util.Objects;

/**
 * A remote endpoint could not score documents. The message is written for the user and never contains the API key;
 * {@link #providerMessage()} carries what the provider itself said (also scrubbed of the key), {@link #status()} the
 * HTTP status (0 when no response arrived) and {@link #retryable()} whether trying again later may help.
 */
public class RemoteApiException extends RerankException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently (ask for a key, offer "allow http", ...). */
    public enum Kind {
        /** 401/403: the key is missing, wrong or not allowed to use this model. */
        AUTH,
        /** 400/422 and similar: the provider refused the request; {@link #providerMessage()} says why. */
        BAD_REQUEST,
        /** 413: the request body is larger than the server accepts. */
        TOO_LARGE,
        /** 404/405: nothing answers at that URL; usually a wrong base URL or dialect. */
        NOT_FOUND,
        /** 402: the account is out of credit. */
        PAYMENT,
        /** 429 after the retries ran out. */
        RATE_LIMITED,
        /** 5xx after the retries ran out, or a status the client does not know. */
        SERVER,
        /** A connect, read or call timeout. */
        TIMEOUT,
        /** The connection failed (refused, reset, unknown host, TLS). */
        NETWORK,
        /** A 2xx response the client cannot use: not JSON, cut short, missing fields, bad indices. */
        PROTOCOL,
        /** A redirect: not followed, because it could carry the key to another host. */
        REDIRECT,
        /** Plain http to a host other than this machine, without the endpoint allowing it. */
        INSECURE,
        /** The endpoint is not usable as configured (no key, no base URL, bad URL, ...). */
        CONFIG
    }

    private final Kind kind;
    private final String provider;
    private final int status;
    private final boolean retryable;
    private final String providerMessage;

    public RemoteApiException(Kind kind, String provider, int status, boolean retryable, String message,
                              String providerMessage, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.status = status;
        this.retryable = retryable;
        this.providerMessage = providerMessage;
    }

    /** A failure with no HTTP response behind it. */
    static RemoteApiException of(Kind kind, String provider, String message) {
        return new RemoteApiException(kind, provider, 0, false, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The provider's display name, e.g. "Cohere v2". */
    public String provider() {
        return provider;
    }

    /** The HTTP status, or 0 when there was no response (timeout, network, configuration). */
    public int status() {
        return status;
    }

    /**
     * Whether the same request may succeed later: rate limits, server errors, timeouts and connections that broke;
     * not a connection refused, an unknown host or no route, which need the address or the server fixed.
     */
    public boolean retryable() {
        return retryable;
    }

    /** What the provider said, from its error body (or its raw text); {@code null} when it said nothing. */
    public String providerMessage() {
        return providerMessage;
    }
}
