package io.rerankworkbench.retrieve.engine;

import java.util.Locale;

/** How requests to a search engine authenticate; the secret itself is never part of a config. */
public enum EngineAuth {
    /** No {@code Authorization} header. */
    NONE("None"),
    /** HTTP basic: user name in the config, password as the secret (Solr's BasicAuthPlugin, OpenSearch security). */
    BASIC("User and password"),
    /**
     * An API key as the secret: Elasticsearch's {@code Authorization: ApiKey <encoded key>}; OpenSearch has no API
     * keys of that kind, so there it is sent as basic auth (user name + key), and Solr gets {@code Bearer <key>}
     * (JWT auth).
     */
    API_KEY("API key");

    private final String label;

    EngineAuth(String label) {
        this.label = label;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static EngineAuth byId(String id) {
        for (EngineAuth a : values()) {
            if (a.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown auth \"" + id + "\" (none, basic or api-key)");
    }

    @Override
    public String toString() {
        return label;
    }
}
