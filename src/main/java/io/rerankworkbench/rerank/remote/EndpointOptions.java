package io.rerankworkbench.rerank.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How to call an endpoint.
 *
 * @param connectTimeout        to open the connection
 * @param readTimeout           longest silence while waiting for or reading the response
 * @param callTimeout           one whole request, from connecting to the last byte of the body
 * @param maxDocumentsPerRequest documents per request; 0 = the dialect's default ({@link Dialect#defaultMaxDocuments()})
 * @param concurrency           requests in flight at once for one run
 * @param topK                  keep only the best {@code topK} documents, or {@code null} for all; applied after the
 *                              batches are merged, and sent as the request's own cut-off only when the whole
 *                              candidate set fits one request
 * @param maxTokensPerDoc       per-document token limit sent to dialects that have one (Cohere v2
 *                              {@code max_tokens_per_doc}), or {@code null} for the provider's default; ignored by
 *                              the others
 * @param allowInsecureHttp     whether plain {@code http://} to a host other than this machine is allowed; the key
 *                              and the documents then cross the network unencrypted, so the UI asks first
 * @param providerOptions       provider options by name ({@link Dialect#options(boolean)}: e.g. Pinecone's
 *                              {@code truncate}); only those the endpoint's dialect lists are ever sent
 */
public record EndpointOptions(Duration connectTimeout, Duration readTimeout, Duration callTimeout,
                              int maxDocumentsPerRequest, int concurrency, Integer topK, Integer maxTokensPerDoc,
                              boolean allowInsecureHttp, Map<String, String> providerOptions) {

    public static final int DEFAULT_CONCURRENCY = 2;
    public static final int MAX_CONCURRENCY = 16;

    /** 10 s to connect, 60 s of silence, 120 s per request (1,000-document batches take well over 10 s). */
    public static final EndpointOptions DEFAULT = new EndpointOptions(Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofSeconds(120), 0, DEFAULT_CONCURRENCY, null, null, false, Map.of());

    /** Without provider options. */
    public EndpointOptions(Duration connectTimeout, Duration readTimeout, Duration callTimeout,
                           int maxDocumentsPerRequest, int concurrency, Integer topK, Integer maxTokensPerDoc,
                           boolean allowInsecureHttp) {
        this(connectTimeout, readTimeout, callTimeout, maxDocumentsPerRequest, concurrency, topK, maxTokensPerDoc,
                allowInsecureHttp, Map.of());
    }

    public EndpointOptions {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(callTimeout, "callTimeout");
        if (maxDocumentsPerRequest < 0) {
            throw new IllegalArgumentException("maxDocumentsPerRequest must be >= 0, was " + maxDocumentsPerRequest);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be 1-" + MAX_CONCURRENCY + ", was " + concurrency);
        }
        if (topK != null && topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, was " + topK);
        }
        if (maxTokensPerDoc != null && maxTokensPerDoc < 1) {
            throw new IllegalArgumentException("maxTokensPerDoc must be >= 1, was " + maxTokensPerDoc);
        }
        providerOptions = providerOptions == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(providerOptions));
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }

    public EndpointOptions withTimeouts(Duration connect, Duration read, Duration call) {
        return new EndpointOptions(connect, read, call, maxDocumentsPerRequest, concurrency, topK, maxTokensPerDoc,
                allowInsecureHttp, providerOptions);
    }

    public EndpointOptions withMaxDocumentsPerRequest(int max) {
        return new EndpointOptions(connectTimeout, readTimeout, callTimeout, max, concurrency, topK, maxTokensPerDoc,
                allowInsecureHttp, providerOptions);
    }

    public EndpointOptions withConcurrency(int n) {
        return new EndpointOptions(connectTimeout, readTimeout, callTimeout, maxDocumentsPerRequest, n, topK,
                maxTokensPerDoc, allowInsecureHttp, providerOptions);
    }

    public EndpointOptions withTopK(Integer k) {
        return new EndpointOptions(connectTimeout, readTimeout, callTimeout, maxDocumentsPerRequest, concurrency, k,
                maxTokensPerDoc, allowInsecureHttp, providerOptions);
    }

    public EndpointOptions withMaxTokensPerDoc(Integer tokens) {
        return new EndpointOptions(connectTimeout, readTimeout, callTimeout, maxDocumentsPerRequest, concurrency, topK,
                tokens, allowInsecureHttp, providerOptions);
    }

    public EndpointOptions withAllowInsecureHttp(boolean allow) {
        return new EndpointOptions(connectTimeout, readTimeout, callTimeout, maxDocumentsPerRequest, concurrency, topK,
                maxTokensPerDoc, allow, providerOptions);
    }

    /** The same options with these provider options (checked against a dialect by {@link #checkedFor}). */
    public EndpointOptions withProviderOptions(Map<String, String> options) {
        return new EndpointOptions(connectTimeout, readTimeout, callTimeout, maxDocumentsPerRequest, concurrency, topK,
                maxTokensPerDoc, allowInsecureHttp, options);
    }

    /**
     * Checks provider options against what {@code dialect} sends.
     *
     * @return the problems ("unknown option x for Pinecone (it has: truncate=END|NONE)", "truncate must be END or
     *         NONE, not \"x\""), empty when every option is known and valid
     */
    public static List<String> problems(Map<String, String> options, Dialect dialect, boolean providerHost) {
        List<String> out = new ArrayList<>();
        List<Dialect.Option> known = dialect.options(providerHost);
        options.forEach((name, value) -> {
            Optional<Dialect.Option> option = known.stream().filter(o -> o.name().equals(name)).findFirst();
            if (option.isEmpty()) {
                out.add("unknown option " + name + " for " + dialect.displayName() + (known.isEmpty()
                        ? " (it takes none here)" : " (it takes " + String.join(", ",
                        known.stream().map(Dialect.Option::usage).toList()) + ")"));
            } else {
                option.get().problem(value).ifPresent(out::add);
            }
        });
        return out;
    }
}
