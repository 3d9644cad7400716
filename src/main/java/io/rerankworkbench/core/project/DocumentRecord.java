package io.rerankworkbench.core.project;

import java.util.Objects;

/**
 * A document's text.
 *
 * @param key   unique within one {@link ProjectData}; sources whose document ids are unique use the id itself
 * @param id    the document id from the source (what exports and TREC files show)
 * @param title may be null
 */
public record DocumentRecord(String key, String id, String title, String text) {
    public DocumentRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
