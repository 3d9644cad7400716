package io.rerankworkbench.rerank;

/** How a local model scores, as read from its graph. */
public enum ModelKind {
    /** Encodes query and document separately; score = cosine similarity of the embeddings. */
    BI_ENCODER("bi-encoder"),
    /** Reads query and document together; score = the relevance logit. */
    CROSS_ENCODER("cross-encoder");

    private final String label;

    ModelKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
