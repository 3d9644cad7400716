package io.rerankworkbench.app;

/**
 * A saved remote endpoint as the Rankers view lists it. Holds no key, only where the key comes from.
 *
 * @param baseUrl         the configured base URL, or empty for the provider's public one
 * @param effectiveBaseUrl where requests go
 * @param model           the configured model, or empty for the provider's default
 * @param effectiveModel  the model sent, or empty when the request has none (TEI)
 * @param maxDocsPerRequest configured documents per request; 0 for the provider's default
 * @param timeoutSeconds  the per-request (call) timeout
 * @param key             where the key comes from
 * @param keyEnvVar       the environment variable when {@code key} is {@link KeySource#ENV}, else empty
 * @param keyStatus       what the user reads: "from $COHERE_API_KEY", "stored", "missing ($COHERE_API_KEY is not
 *                        set)", "none"
 * @param keyMissing      whether a key is configured but cannot be found
 * @param paid            whether it is a provider's hosted (billed) API
 * @param label           how the ranker picker shows it, e.g. "Cohere prod (cohere-v2 · rerank-v3.5)"
 * @param custom          the field names and pointers of a {@code custom-json} endpoint, else {@code null}
 * @param providerOptions the provider options as the form's field shows them ("truncate=NONE"), empty for none
 */
public record EndpointEntry(String name, ProviderInfo provider, String baseUrl, String effectiveBaseUrl,
                            String model, String effectiveModel, int maxDocsPerRequest, int concurrency,
                            int timeoutSeconds, KeySource key, String keyEnvVar, String keyStatus, boolean keyMissing,
                            boolean allowInsecureHttp, boolean paid, String label, CustomJsonSettings custom,
                            String providerOptions) {

    /** An entry without provider options. */
    public EndpointEntry(String name, ProviderInfo provider, String baseUrl, String effectiveBaseUrl,
                         String model, String effectiveModel, int maxDocsPerRequest, int concurrency,
                         int timeoutSeconds, KeySource key, String keyEnvVar, String keyStatus, boolean keyMissing,
                         boolean allowInsecureHttp, boolean paid, String label, CustomJsonSettings custom) {
        this(name, provider, baseUrl, effectiveBaseUrl, model, effectiveModel, maxDocsPerRequest, concurrency,
                timeoutSeconds, key, keyEnvVar, keyStatus, keyMissing, allowInsecureHttp, paid, label, custom, "");
    }

    /** An entry for a provider other than Custom JSON. */
    public EndpointEntry(String name, ProviderInfo provider, String baseUrl, String effectiveBaseUrl,
                         String model, String effectiveModel, int maxDocsPerRequest, int concurrency,
                         int timeoutSeconds, KeySource key, String keyEnvVar, String keyStatus, boolean keyMissing,
                         boolean allowInsecureHttp, boolean paid, String label) {
        this(name, provider, baseUrl, effectiveBaseUrl, model, effectiveModel, maxDocsPerRequest, concurrency,
                timeoutSeconds, key, keyEnvVar, keyStatus, keyMissing, allowInsecureHttp, paid, label, null);
    }

    /** Where an endpoint's key comes from. */
    public enum KeySource {
        /** An environment variable. */
        ENV,
        /** Entered once and kept in the credential store. */
        STORED,
        /** No key is sent. */
        NONE
    }
}
