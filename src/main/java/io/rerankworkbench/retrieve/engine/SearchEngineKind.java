package io.rerankworkbench.retrieve.engine;

import java.util.Locale;

/** The search engines the workbench can pull candidates from, with the request template each starts with. */
public enum SearchEngineKind {

    /** Apache Solr: {@code GET {base}/{collection}/select} with request parameters. */
    SOLR("Solr", "q={{query}}&defType=edismax&qf=title text"),
    /** OpenSearch: {@code POST {base}/{index}/_search} with a JSON query. */
    OPENSEARCH("OpenSearch", ElasticProtocol.DEFAULT_TEMPLATE),
    /** Elasticsearch: the same request and response shape as OpenSearch; API keys use {@code ApiKey} auth. */
    ELASTICSEARCH("Elasticsearch", ElasticProtocol.DEFAULT_TEMPLATE);

    private final String displayName;
    private final String defaultTemplate;

    SearchEngineKind(String displayName, String defaultTemplate) {
        this.displayName = displayName;
        this.defaultTemplate = defaultTemplate;
    }

    public String displayName() {
        return displayName;
    }

    /** The template a new endpoint of this kind starts with; {@code {{query}}} marks where the query text goes. */
    public String defaultTemplate() {
        return defaultTemplate;
    }

    /** What the second path segment is called: a Solr collection (or core), an index. */
    public String targetLabel() {
        return this == SOLR ? "collection" : "index";
    }

    /** The id written to the config file: {@code solr}, {@code opensearch}, {@code elasticsearch}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this id (ignoring case). @throws IllegalArgumentException naming the known ids */
    public static SearchEngineKind byId(String id) {
        for (SearchEngineKind k : values()) {
            if (k.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown search engine kind \"" + id + "\" (solr, opensearch or "
                + "elasticsearch)");
    }

    @Override
    public String toString() {
        return displayName;
    }
}
