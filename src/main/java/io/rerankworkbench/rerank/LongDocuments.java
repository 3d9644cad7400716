package io.rerankworkbench.rerank;

/** What a local model does with a document longer than it can read. */
public enum LongDocuments {
    /** Cut the document at the model's limit and flag how many tokens were dropped. */
    TRUNCATE,
    /** Score overlapping windows of the model's length; the document scores as its best window. */
    CHUNK
}
