package io.rerankworkbench.app;

/**
 * A remote endpoint given on the command line rather than saved: {@code rerank --provider ... --base-url ...}.
 * {@code null} fields were not given.
 *
 * @param provider  a provider id ({@code cohere-v2}, ...)
 * @param apiKeyEnv the variable holding the key, or {@code null} for the provider's own
 * @param noApiKey  send no key
 * @param custom    field names and pointers for {@code custom-json} ({@code null} parts take the defaults)
 * @param maxTokensPerDoc Cohere v2's {@code max_tokens_per_doc}, or {@code null}
 * @param providerOptions provider options by name (checked against the provider when opened)
 */
public record AdHocEndpoint(String provider, String baseUrl, String model, String apiKeyEnv, boolean noApiKey,
                            Integer docsPerRequest, Integer concurrency, Integer requestTimeoutSeconds,
                            boolean allowInsecureHttp, CustomJsonSettings custom, Integer maxTokensPerDoc,
                            java.util.Map<String, String> providerOptions) {

    public AdHocEndpoint {
        providerOptions = providerOptions == null ? java.util.Map.of() : java.util.Map.copyOf(providerOptions);
    }

    /** Without token limit or provider options. */
    public AdHocEndpoint(String provider, String baseUrl, String model, String apiKeyEnv, boolean noApiKey,
                         Integer docsPerRequest, Integer concurrency, Integer requestTimeoutSeconds,
                         boolean allowInsecureHttp, CustomJsonSettings custom) {
        this(provider, baseUrl, model, apiKeyEnv, noApiKey, docsPerRequest, concurrency, requestTimeoutSeconds,
                allowInsecureHttp, custom, null, null);
    }

    /** A command-line endpoint of a provider other than Custom JSON. */
    public AdHocEndpoint(String provider, String baseUrl, String model, String apiKeyEnv, boolean noApiKey,
                         Integer docsPerRequest, Integer concurrency, Integer requestTimeoutSeconds,
                         boolean allowInsecureHttp) {
        this(provider, baseUrl, model, apiKeyEnv, noApiKey, docsPerRequest, concurrency, requestTimeoutSeconds,
                allowInsecureHttp, null);
    }
}
