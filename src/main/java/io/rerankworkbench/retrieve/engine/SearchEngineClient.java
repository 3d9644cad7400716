package io.rerankworkbench.retrieve.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import io.rerankworkbench.retrieve.engine.SearchEngineException.Kind;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the user's search engine (Solr, OpenSearch, Elasticsearch) for a query's top hits, in the engine's order with
 * its scores, over the app's one {@link RemoteHttp}.
 *
 * <p>Threading: {@link #search} and {@link #test} block the calling thread until the answer is read (never call them
 * on the FX thread); they poll the cancellation token every 50 ms and cancel the call in flight at once when it is
 * set (or the thread is interrupted), throwing {@link CancelledException}. Every other way a request can end is a
 * {@link SearchEngineException} whose message names the endpoint. Thread-safe.
 */
public final class SearchEngineClient {

    /** Answers larger than this are refused (32 MiB: about 10,000 hits of 3 KB text). */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 32L << 20;
    /** How many hits {@link #test} asks for. */
    public static final int TEST_HITS = 5;
    /** The query {@link #test(SearchEngineConfig, EngineSecret)} sends. */
    public static final String TEST_QUERY = "test";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_CONNECT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 50;
    private static final Pattern EXCEPTION_PREFIX =
            Pattern.compile("(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): ");

    private final RemoteHttp http;
    private final long maxResponseBytes;

    public SearchEngineClient(RemoteHttp http) {
        this(http, DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** As above, refusing answers larger than {@code maxResponseBytes}. */
    public SearchEngineClient(RemoteHttp http, long maxResponseBytes) {
        this.http = Objects.requireNonNull(http, "http");
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be positive");
        }
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * The engine's top {@code depth} hits for {@code query}.
     *
     * @param secret the password or key when {@code config.auth()} is not NONE, else ignored (may be null)
     * @throws SearchEngineException  with a message for the user
     * @throws CancelledException     when {@code cancel} was set or the thread interrupted
     */
    public List<EngineHit> search(SearchEngineConfig config, EngineSecret secret, String query, int depth,
                                  CancellationToken cancel) throws SearchEngineException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(cancel, "cancel");
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw setup(config, String.join("; ", problems));
        }
        if (depth < 1 || depth > SearchEngineConfig.MAX_DEPTH) {
            throw setup(config, "depth " + depth + " is out of range (1-" + SearchEngineConfig.MAX_DEPTH + ")");
        }
        if (config.auth() != EngineAuth.NONE && secret == null) {
            throw setup(config, "no " + (config.auth() == EngineAuth.BASIC ? "password" : "API key")
                    + " is stored for it; enter it again");
        }
        cancel.throwIfCancelled();
        Request request;
        try {
            request = config.kind() == SearchEngineKind.SOLR ? SolrProtocol.request(config, query, depth)
                    : ElasticProtocol.request(config, query, depth);
        } catch (IllegalArgumentException e) {
            throw setup(config, "the template is " + e.getMessage());
        }
        request = withAuth(request, config, secret);
        Answer answer = send(config, secret, request, cancel);
        JsonNode root;
        try {
            root = JSON.readTree(answer.body());
        } catch (IOException e) {
            root = null;
        }
        if (answer.status() < 200 || answer.status() > 299) {
            throw httpError(config, secret, answer, root);
        }
        if (root == null || !root.isObject()) {
            throw new SearchEngineException(Kind.MALFORMED, 0, prefix(config) + "the answer is not JSON"
                    + contentType(answer) + " — is the base URL the engine's API?", null);
        }
        try {
            return config.kind() == SearchEngineKind.SOLR ? SolrProtocol.hits(root, config)
                    : ElasticProtocol.hits(root, config);
        } catch (IllegalArgumentException e) {
            throw new SearchEngineException(Kind.MALFORMED, 0, prefix(config) + e.getMessage()
                    + (e.getMessage().startsWith("hit ") ? " (check the field mapping)" : ""), null);
        }
    }

    /** The first {@value #TEST_HITS} hits for {@value #TEST_QUERY}: for a Test connection button. Blocks. */
    public List<EngineHit> test(SearchEngineConfig config, EngineSecret secret) throws SearchEngineException {
        return test(config, secret, TEST_QUERY, CancellationToken.NONE);
    }

    /** The first {@value #TEST_HITS} hits for {@code query}. Blocks. */
    public List<EngineHit> test(SearchEngineConfig config, EngineSecret secret, String query, CancellationToken cancel)
            throws SearchEngineException {
        return search(config, secret, query == null || query.isBlank() ? TEST_QUERY : query, TEST_HITS, cancel);
    }

    static Request withAuth(Request request, SearchEngineConfig config, EngineSecret secret) {
        String header = switch (config.auth()) {
            case NONE -> null;
            case BASIC -> Credentials.basic(config.username(), secret.reveal(), StandardCharsets.UTF_8);
            case API_KEY -> switch (config.kind()) {
                case ELASTICSEARCH -> "ApiKey " + secret.reveal();
                case OPENSEARCH -> Credentials.basic(config.username(), secret.reveal(), StandardCharsets.UTF_8);
                case SOLR -> "Bearer " + secret.reveal();
            };
        };
        return header == null ? request : request.newBuilder().header("Authorization", header).build();
    }

    /** What came back: the status and the body (at most the cap), read on the dispatcher thread. */
    private record Answer(int status, byte[] body, String contentType) {
    }

    private Answer send(SearchEngineConfig config, EngineSecret secret, Request request, CancellationToken cancel)
            throws SearchEngineException {
        Duration timeout = config.timeout();
        OkHttpClient client = http.client(timeout.compareTo(MAX_CONNECT) < 0 ? timeout : MAX_CONNECT, timeout,
                timeout, secret == null ? line -> line : secret::scrub);
        Call call = client.newCall(request);
        CompletableFuture<Answer> done = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                done.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    done.complete(read(response));
                } catch (IOException | RuntimeException e) {
                    done.completeExceptionally(e);
                }
            }
        });
        while (true) {
            if (cancel.isCancelled() || Thread.currentThread().isInterrupted()) {
                call.cancel();
                throw new CancelledException();
            }
            try {
                return done.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillWaiting) {
                // poll the token again
            } catch (InterruptedException e) {
                call.cancel();
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } catch (ExecutionException e) {
                if (cancel.isCancelled()) {
                    throw new CancelledException();
                }
                throw failure(config, secret, e.getCause());
            }
        }
    }

    private Answer read(Response response) throws IOException {
        ResponseBody body = response.body();
        long declared = body.contentLength();
        if (declared > maxResponseBytes) {
            throw new TooLarge(declared);
        }
        BufferedSource source = body.source();
        if (source.request(maxResponseBytes + 1)) {
            throw new TooLarge(-1);
        }
        String type = body.contentType() == null ? "" : body.contentType().toString();
        return new Answer(response.code(), source.getBuffer().readByteArray(), type);
    }

    /** An answer over the cap: an IOException so it travels the callback's failure path. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        final long declared;

        TooLarge(long declared) {
            super("too large", null);
            this.declared = declared;
        }
    }

    private SearchEngineException failure(SearchEngineConfig config, EngineSecret secret, Throwable e) {
        String p = prefix(config);
        if (e instanceof TooLarge t) {
            return new SearchEngineException(Kind.MALFORMED, 0, p + "the answer is larger than "
                    + (maxResponseBytes >> 20 > 0 ? (maxResponseBytes >> 20) + " MiB" : maxResponseBytes + " bytes")
                    + (t.declared > 0 ? " (" + t.declared + " bytes)" : "") + "; ask for fewer hits or map fewer "
                    + "fields", null);
        }
        String seconds = seconds(config.timeout());
        String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof SocketTimeoutException && msg.contains("connect")) {
            return new SearchEngineException(Kind.TIMEOUT, 0, p + "could not connect within "
                    + seconds(config.timeout().compareTo(MAX_CONNECT) < 0 ? config.timeout() : MAX_CONNECT)
                    + " (connect timeout); is the address right and the server up?", null);
        }
        if (e instanceof SocketTimeoutException) {
            return new SearchEngineException(Kind.TIMEOUT, 0, p + "no answer within " + seconds
                    + " (read timeout)", null);
        }
        if (e instanceof InterruptedIOException && msg.contains("timeout")) {
            return new SearchEngineException(Kind.TIMEOUT, 0, p + "the request took longer than " + seconds
                    + " (call timeout)", null);
        }
        if (e instanceof UnknownHostException) {
            return new SearchEngineException(Kind.UNREACHABLE, 0, p + "unknown host "
                    + hostOf(config) + "; check the base URL", null);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new SearchEngineException(Kind.UNREACHABLE, 0, p + "cannot connect (" + hostOf(config)
                    + " refused the connection or cannot be reached); is the server running?", null);
        }
        if (e instanceof SSLException) {
            return new SearchEngineException(Kind.UNREACHABLE, 0, p + "the secure connection failed ("
                    + scrubbed(secret, e.getMessage()) + "); check https vs http and the certificate", null);
        }
        return new SearchEngineException(Kind.UNREACHABLE, 0, p + "the connection failed ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                + scrubbed(secret, e.getMessage())) + ")", null);
    }

    private static SearchEngineException httpError(SearchEngineConfig config, EngineSecret secret, Answer answer,
                                                   JsonNode root) {
        String reason = null;
        if (root != null && root.isObject()) {
            reason = config.kind() == SearchEngineKind.SOLR ? SolrProtocol.errorReason(root)
                    : ElasticProtocol.errorReason(root);
        }
        int status = answer.status();
        String hint = switch (status) {
            case 401 -> "; check the user and password or key";
            case 403 -> "; the user or key may not read this " + config.kind().targetLabel();
            case 404 -> reason == null ? "; check the base URL and the " + config.kind().targetLabel() + " name" : "";
            default -> "";
        };
        String said = reason == null ? "" : ": " + clip(scrubbed(secret, reason));
        return new SearchEngineException(Kind.HTTP, status, prefix(config) + "HTTP " + status + said + hint, null);
    }

    private static SearchEngineException setup(SearchEngineConfig config, String what) {
        return new SearchEngineException(Kind.SETUP, 0, prefix(config) + what, null);
    }

    private static String prefix(SearchEngineConfig config) {
        return capitalized(config.describe()) + ": ";
    }

    private static String contentType(Answer answer) {
        return answer.contentType().isEmpty() ? "" : " (" + answer.contentType() + ")";
    }

    private static String hostOf(SearchEngineConfig config) {
        HttpUrl url = HttpUrl.parse(config.baseUrl());
        return url == null ? config.baseUrl() : url.host() + ":" + url.port();
    }

    private static String scrubbed(EngineSecret secret, String text) {
        return secret == null ? text : secret.scrub(text);
    }

    /**
     * The engine's reason as a sentence: its first line (some echo a stack trace), without the Java exception class
     * Solr puts in front ({@code org.apache.solr.search.SyntaxError: ...}), at most 300 characters.
     */
    private static String clip(String text) {
        String firstLine = text.lines().findFirst().orElse("");
        while (true) {
            Matcher m = EXCEPTION_PREFIX.matcher(firstLine);
            if (!m.lookingAt() || m.end() >= firstLine.length()) {
                break;
            }
            firstLine = firstLine.substring(m.end());
        }
        return firstLine.length() > 300 ? firstLine.substring(0, 300) + "…" : firstLine;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
