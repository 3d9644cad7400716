package io.rerankworkbench.rerank.local;

/** How a bi-encoder turns token vectors into one text vector (sentence-transformers' pooling modes). */
public enum Pooling {
    /** Average over real tokens (attention mask). */
    MEAN,
    /** The first token's vector ([CLS]). */
    CLS,
    /** Element-wise maximum over real tokens. */
    MAX
}
