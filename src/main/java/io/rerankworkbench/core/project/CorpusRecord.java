package io.rerankworkbench.core.project;

import java.util.Objects;

/**
 * A document of the project's corpus (the documents first-stage retrieval searches).
 *
 * @param documentKey the {@link DocumentRecord#key()} of the document; its {@link DocumentRecord#id()} is the
 *                    corpus id, unique within a corpus
 * @param origin      where an import read it ({@code file:line}), for messages; null when not from a file line.
 *                    Not part of equality
 */
public record CorpusRecord(String documentKey, String origin) {
    public CorpusRecord {
        Objects.requireNonNull(documentKey, "documentKey");
    }

    /** A corpus entry not read from a file line. */
    public CorpusRecord(String documentKey) {
        this(documentKey, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CorpusRecord c && documentKey.equals(c.documentKey);
    }

    @Override
    public int hashCode() {
        return documentKey.hashCode();
    }
}
