package io.rerankworkbench.rerank.remote;

import io.rerankworkbench.rerank.remote.RemoteApiException.Kind;

import okhttp3.HttpUrl;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/**
 * Maps what went wrong with one request — an HTTP status with its body, an I/O failure, an unusable body — to a
 * {@link RemoteApiException} whose message tells the user what happened in words. Provider messages are scrubbed of
 * the key in case a provider echoes it.
 */
final class Failures {

    private Failures() {
    }

    /** Statuses worth retrying: timeouts, rate limits, and server errors that may pass. */
    static boolean retryable(int status) {
        return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504
                || status == 529;
    }

    /**
     * A non-2xx response.
     *
     * @param key      the key sent, to scrub from the provider's message; may be null
     * @param location the {@code Location} header, for redirects; may be null
     */
    static RemoteApiException fromStatus(Dialect dialect, int status, String body, String url, String location,
                                         ApiKey key) {
        return fromStatus(dialect, status, body, url, location, key, null);
    }

    /**
     * A non-2xx response.
     *
     * @param model the model sent, or null; a 404 whose body is about a model is a model problem, not a wrong URL
     */
    static RemoteApiException fromStatus(Dialect dialect, int status, String body, String url, String location,
                                         ApiKey key, String model) {
        String provider = dialect.displayName();
        String said = key == null ? Responses.errorMessage(body) : key.scrub(Responses.errorMessage(body));
        String detail = said == null ? " (HTTP " + status + ", empty response)" : " (HTTP " + status + "): " + said;
        boolean retry = retryable(status);
        String lowerSaid = said == null ? "" : said.toLowerCase(Locale.ROOT);
        if (status == 404 && lowerSaid.contains("model")) {
            return new RemoteApiException(Kind.BAD_REQUEST, provider, status, false, provider + " does not serve "
                    + (model == null ? "the model asked for" : "the model \"" + model + "\"") + detail
                    + "; check the model name" + (model == null ? "" : " (or leave it empty for a server that serves "
                    + "one model)"), said, null);
        }
        if (status == 429 && (lowerSaid.contains("quota_exceeded") || lowerSaid.contains("resource_exhausted")
                || body != null && (body.contains("QUOTA_EXCEEDED") || body.contains("RESOURCE_EXHAUSTED")))) {
            // Pinecone's monthly quota: it does not come back within a run, so waiting and retrying only delays this
            return new RemoteApiException(Kind.RATE_LIMITED, provider, status, false, provider
                    + " says the account's quota is used up" + detail + "; it does not recover within a run: raise "
                    + "the plan's limit or wait for the next period", said, null);
        }
        return switch (status) {
            case 498 -> new RemoteApiException(Kind.BAD_REQUEST, provider, status, false, provider
                    + " blocked the request or its answer because it contains a deny-listed token (HTTP 498, not a "
                    + "key problem)" + (said == null ? "" : ": " + said) + "; look for unusual text in the query or "
                    + "documents", said, null);
            case 401, 403 -> new RemoteApiException(Kind.AUTH, provider, status, false,
                    "API key rejected by " + provider + detail, said, null);
            case 400, 422 -> new RemoteApiException(Kind.BAD_REQUEST, provider, status, false,
                    provider + " refused the request" + detail, said, null);
            case 402 -> new RemoteApiException(Kind.PAYMENT, provider, status, false,
                    provider + " says the account has no credit left" + detail, said, null);
            case 404, 405 -> new RemoteApiException(Kind.NOT_FOUND, provider, status, false,
                    "nothing answers at " + url + detail + "; check the base URL and the provider", said, null);
            case 413 -> new RemoteApiException(Kind.TOO_LARGE, provider, status, false,
                    "the request is too large for " + provider + detail
                            + "; lower the documents per request", said, null);
            case 429 -> new RemoteApiException(Kind.RATE_LIMITED, provider, status, true,
                    "rate limited by " + provider + detail, said, null);
            default -> {
                if (status >= 300 && status < 400) {
                    yield new RemoteApiException(Kind.REDIRECT, provider, status, false, provider + " redirected "
                            + url + " to " + (location == null ? "another address" : location) + " (HTTP " + status
                            + "); redirects are not followed because they could carry the key elsewhere: "
                            + "set the base URL to the new address", said, null);
                }
                Kind kind = status >= 400 && status < 500 ? Kind.BAD_REQUEST : Kind.SERVER;
                String what = status >= 500 ? provider + " failed" : provider + " answered with an error";
                yield new RemoteApiException(kind, provider, status, retry, what + detail, said, null);
            }
        };
    }

    /**
     * A request that got no usable response. A connection that could not be opened at all — refused, unknown host, no
     * route — is final: nothing listens at that address, and waiting seconds between tries would only delay saying so
     * (the address or the server needs fixing). Timeouts and connections that broke along the way are retryable.
     *
     * @param requestUrl the request's URL; messages name it without its query string, which could hold a credential
     */
    static RemoteApiException fromIo(Dialect dialect, IOException e, EndpointOptions options, HttpUrl requestUrl) {
        String hostPort = requestUrl.host() + ":" + requestUrl.port();
        String url = shown(requestUrl);
        String provider = dialect.displayName();
        String msg = e.getMessage() == null ? "" : e.getMessage();
        String lower = msg.toLowerCase(Locale.ROOT);
        if (e instanceof SocketTimeoutException && lower.contains("connect")) {
            return io(Kind.TIMEOUT, provider, "could not connect to " + hostPort + " within the connect timeout ("
                    + seconds(options.connectTimeout()) + ")", e);
        }
        if (e instanceof SocketTimeoutException) {
            return io(Kind.TIMEOUT, provider, provider + " at " + hostPort + " sent nothing for the read timeout ("
                    + seconds(options.readTimeout()) + ")", e);
        }
        if (e instanceof InterruptedIOException && lower.contains("timeout")) {
            return io(Kind.TIMEOUT, provider, provider + " at " + hostPort
                    + " did not finish answering within the call timeout (" + seconds(options.callTimeout()) + ")", e);
        }
        if (e instanceof UnknownHostException) {
            return unreachable(provider, "could not reach " + url + ": unknown host " + requestUrl.host()
                    + " (no DNS entry, or offline); check the base URL", e);
        }
        if (e instanceof NoRouteToHostException) {
            return unreachable(provider, "could not reach " + url + ": no route to " + hostPort
                    + " (the host is down or a firewall blocks it)", e);
        }
        if (e instanceof ConnectException) {
            String why = refused(e) ? "connection refused: nothing listens at " + hostPort
                    + "; check that the server is running and the base URL" : reason(e);
            return unreachable(provider, "could not connect to " + url + ": " + why, e);
        }
        if (e instanceof SSLException) {
            return io(Kind.NETWORK, provider, "the TLS handshake with " + hostPort + " failed (" + msg + ")", e);
        }
        return io(Kind.NETWORK, provider, "the connection to " + hostPort + " failed"
                + (msg.isEmpty() ? " (" + e.getClass().getSimpleName() + ")" : " (" + msg + ")")
                + " before a complete response arrived", e);
    }

    /** A 2xx response whose body cannot be used. Not retryable: the same request gets the same body. */
    static RemoteApiException protocol(Dialect dialect, int status, String problem) {
        String provider = dialect.displayName();
        return new RemoteApiException(Kind.PROTOCOL, provider, status, false,
                "unusable response from " + provider + ": " + problem, null, null);
    }

    /** The same failure, saying how many tries it took. */
    static RemoteApiException afterAttempts(RemoteApiException e, int attempts, String why) {
        String suffix = why != null ? " (" + why + ")" : attempts > 1 ? " (gave up after " + attempts + " tries)" : "";
        if (suffix.isEmpty()) {
            return e;
        }
        return new RemoteApiException(e.kind(), e.provider(), e.status(), e.retryable(), e.getMessage() + suffix,
                e.providerMessage(), e.getCause());
    }

    private static RemoteApiException io(Kind kind, String provider, String message, IOException cause) {
        return new RemoteApiException(kind, provider, 0, true, message, null, cause);
    }

    /** A URL as messages show it: without the query string or user info, which could carry a credential. */
    static String shown(HttpUrl url) {
        return url.newBuilder().query(null).username("").password("").build().toString();
    }

    /** No connection could be opened: final at once (see {@link #fromIo}). */
    private static RemoteApiException unreachable(String provider, String message, IOException cause) {
        return new RemoteApiException(Kind.NETWORK, provider, 0, false, message, null, cause);
    }

    /** OkHttp says "Failed to connect to /127.0.0.1:9"; the socket's "Connection refused" is in a cause. */
    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("refused")) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message, e.g. "Connection timed out", for a connect failure that was not a refusal. */
    private static String reason(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
