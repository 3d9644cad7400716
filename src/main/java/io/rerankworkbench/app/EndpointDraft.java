package io.rerankworkbench.app;

import io.rerankworkbench.app.EndpointEntry.KeySource;

/**
 * What the user typed into the endpoint form; {@link EndpointService#save} checks and stores it.
 *
 * @param baseUrl           blank for the provider's public address
 * @param model             blank for the provider's default
 * @param maxDocsPerRequest 0 for the provider's default
 * @param keyEnvVar         the variable's name when {@code key} is {@link KeySource#ENV}
 * @param enteredKey        a key to store when {@code key} is {@link KeySource#STORED}; {@code null} or blank keeps
 *                          the key stored already
 * @param custom            the field names and pointers of a {@code custom-json} endpoint; {@code null} for the
 *                          other providers (a custom-json draft without them gets {@link CustomJsonSettings#defaults()})
 * @param providerOptions   the "Provider options" field: {@code name=value} pairs, one per line or comma-separated
 *                          ({@link ProviderOptionsText}); {@code null} or blank for none
 */
public record EndpointDraft(String name, String providerId, String baseUrl, String model, int maxDocsPerRequest,
                            int concurrency, int timeoutSeconds, KeySource key, String keyEnvVar, String enteredKey,
                            boolean allowInsecureHttp, CustomJsonSettings custom, String providerOptions) {

    /** A draft without provider options. */
    public EndpointDraft(String name, String providerId, String baseUrl, String model, int maxDocsPerRequest,
                         int concurrency, int timeoutSeconds, KeySource key, String keyEnvVar, String enteredKey,
                         boolean allowInsecureHttp, CustomJsonSettings custom) {
        this(name, providerId, baseUrl, model, maxDocsPerRequest, concurrency, timeoutSeconds, key, keyEnvVar,
                enteredKey, allowInsecureHttp, custom, null);
    }

    /** A draft for a provider other than Custom JSON. */
    public EndpointDraft(String name, String providerId, String baseUrl, String model, int maxDocsPerRequest,
                         int concurrency, int timeoutSeconds, KeySource key, String keyEnvVar, String enteredKey,
                         boolean allowInsecureHttp) {
        this(name, providerId, baseUrl, model, maxDocsPerRequest, concurrency, timeoutSeconds, key, keyEnvVar,
                enteredKey, allowInsecureHttp, null);
    }

    /** The same draft allowing plain http to another machine. */
    public EndpointDraft withInsecure() {
        return new EndpointDraft(name, providerId, baseUrl, model, maxDocsPerRequest, concurrency, timeoutSeconds,
                key, keyEnvVar, enteredKey, true, custom, providerOptions);
    }

    @Override
    public String toString() {
        // Never print the entered key.
        return "EndpointDraft[" + name + ", " + providerId + ", " + baseUrl + ", " + model + ", key=" + key + "]";
    }
}
