package io.rerankworkbench.explain;

/** Where an axis unit comes from: the query, the document, or a token the model adds (e.g. [CLS], a prefix). */
public enum Segment {
    QUERY, DOCUMENT, SPECIAL
}
