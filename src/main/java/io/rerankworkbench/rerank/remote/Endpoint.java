package io.rerankworkbench.rerank.remote;

import java.util.Objects;

/**
 * A configured remote reranker: which API, where, which model, where its key comes from (never the key itself, so an
 * endpoint can be saved, shown and logged as it is) and how to call it.
 *
 * @param name    the user's name for it, unique among saved endpoints
 * @param baseUrl the server root, e.g. {@code https://api.cohere.com} (the dialect appends its path); {@code null}
 *                for the dialect's public default
 * @param model   the model, or {@code null} for the dialect's default (or none, for TEI)
 */
public record Endpoint(String name, Dialect dialect, String baseUrl, String model, KeyRef key,
                       EndpointOptions options) {

    public Endpoint {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an endpoint needs a name");
        }
        Objects.requireNonNull(dialect, "dialect");
        baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
        model = model == null || model.isBlank() ? null : model.strip();
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(options, "options");
    }

    /**
     * An endpoint with default options whose key is read from the dialect's conventional environment variable (none
     * for dialects without one).
     */
    public static Endpoint of(String name, Dialect dialect, String baseUrl, String model) {
        KeyRef key = dialect.keyEnvVars().isEmpty() ? KeyRef.NONE : KeyRef.env(dialect.keyEnvVars().get(0));
        return new Endpoint(name, dialect, baseUrl, model, key, EndpointOptions.DEFAULT);
    }

    /** The base URL to use: the configured one, else the dialect's public one, else empty. */
    public String effectiveBaseUrl() {
        return baseUrl != null ? baseUrl : dialect.defaultBaseUrl().orElse("");
    }

    /**
     * The model to send: the configured one, else — on the provider's own host only — the dialect's default, else
     * {@code null}. A server that copies a provider's API (vLLM behind a Cohere dialect) serves its own model: sending
     * Cohere's default there gets "model does not exist", while leaving the field out lets it use what it serves.
     */
    public String effectiveModel() {
        return model != null ? model : isProviderHost() ? dialect.defaultModel().orElse(null) : null;
    }

    /**
     * Whether requests go to the dialect's provider rather than a server that copies its API: the dialect's public
     * base URL, or any URL for a dialect nobody copies (a proxy in front of Jina is still Jina).
     */
    public boolean isProviderHost() {
        return !dialect.copiedByOtherServers()
                || dialect.defaultBaseUrl().map(d -> d.equals(effectiveBaseUrl())).orElse(false);
    }

    /** Documents per request: the configured number, else the dialect's default. */
    public int maxDocumentsPerRequest() {
        return options.maxDocumentsPerRequest() > 0 ? options.maxDocumentsPerRequest() : dialect.defaultMaxDocuments();
    }

    public boolean allowInsecureHttp() {
        return options.allowInsecureHttp();
    }

    public Endpoint withKey(KeyRef newKey) {
        return new Endpoint(name, dialect, baseUrl, model, newKey, options);
    }

    public Endpoint withOptions(EndpointOptions newOptions) {
        return new Endpoint(name, dialect, baseUrl, model, key, newOptions);
    }

    public Endpoint withBaseUrl(String newBaseUrl) {
        return new Endpoint(name, dialect, newBaseUrl, model, key, options);
    }
}
