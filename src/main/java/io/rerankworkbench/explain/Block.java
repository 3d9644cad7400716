package io.rerankworkbench.explain;

import java.util.List;

/** Which part of an attention matrix a map shows. */
public enum Block {
    /** Cross-encoder: query words (rows) attending to document words (columns). */
    QUERY_TO_DOCUMENT("query → document"),
    /** Cross-encoder: document words attending to query words, drawn transposed (query rows, document columns). */
    DOCUMENT_TO_QUERY("document → query"),
    /** Cross-encoder: the mean of the two directions, query rows, document columns. */
    BOTH("both directions"),
    /** Bi-encoder: the query's self-attention (query × query). */
    QUERY_SELF("query self-attention"),
    /** Bi-encoder: the document's self-attention (document × document). */
    DOCUMENT_SELF("document self-attention");

    private final String label;

    Block(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static final List<Block> CROSS = List.of(QUERY_TO_DOCUMENT, DOCUMENT_TO_QUERY, BOTH);
    public static final List<Block> SEPARATE = List.of(QUERY_SELF, DOCUMENT_SELF);
}
