package io.rerankworkbench.app;

/**
 * A kind of search engine the form offers.
 *
 * @param targetLabel     what the second path segment is called ("collection", "index")
 * @param defaultTemplate the template used when the form's is blank
 * @param defaultIdField  {@code id} for Solr, {@code _id} (the engine's own id) for OpenSearch/Elasticsearch
 * @param templateHint    how the template is written, for the form
 */
public record SearchEngineKindInfo(String id, String displayName, String targetLabel, String defaultTemplate,
                                   String defaultIdField, String templateHint) {
    @Override
    public String toString() {
        return displayName;
    }
}
