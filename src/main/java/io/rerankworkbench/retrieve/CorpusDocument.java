package io.rerankworkbench.retrieve;

import java.util.Objects;

/**
 * One document of a corpus as the first-stage retrievers index it.
 *
 * @param id    the document's id, unique in its corpus, not blank
 * @param title the title, empty when the document has none (never null)
 * @param text  the body text (never null, may be empty)
 */
public record CorpusDocument(String id, String title, String text) {

    public CorpusDocument {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("document id is blank");
        }
        title = title == null ? "" : title;
        text = text == null ? "" : text;
    }

    /** Title and text joined with one space, or just the text when there is no title: what BM25 indexes. */
    public String searchableText() {
        if (title.isEmpty()) {
            return text;
        }
        return text.isEmpty() ? title : title + " " + text;
    }
}
