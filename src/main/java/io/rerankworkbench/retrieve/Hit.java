package io.rerankworkbench.retrieve;

import java.util.Objects;

/**
 * One retrieved document with its score. A ranked list is a {@code List<Hit>} in rank order: the hit at index
 * {@code i} has rank {@code i + 1}.
 *
 * @param docId the document's id
 * @param score the retriever's score (higher is better); comparable only within one list
 */
public record Hit(String docId, double score) {

    public Hit {
        Objects.requireNonNull(docId, "docId");
    }
}
