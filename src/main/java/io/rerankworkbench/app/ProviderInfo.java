package io.rerankworkbench.app;

/**
 * A remote rerank API the user can pick for an endpoint, as the Rankers view and messages show it.
 *
 * @param id             stable id for files and the command line, e.g. {@code cohere-v2}
 * @param displayName    e.g. "Cohere v2"
 * @param defaultBaseUrl the provider's public address, or empty for self-hosted servers
 * @param defaultModel   the model offered when none is chosen, or empty
 * @param keyEnvVar      the conventional environment variable for its key, or empty
 * @param defaultMaxDocs documents per request when the endpoint does not say
 * @param keyRequired    whether the provider refuses requests without a key
 */
public record ProviderInfo(String id, String displayName, String defaultBaseUrl, String defaultModel,
                           String keyEnvVar, int defaultMaxDocs, boolean keyRequired) {

    @Override
    public String toString() {
        return displayName;
    }
}
