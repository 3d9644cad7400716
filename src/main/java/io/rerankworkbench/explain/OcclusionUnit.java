package io.rerankworkbench.explain;

/** What occlusion takes out of the document, one at a time. */
public enum OcclusionUnit {
    WORD, SENTENCE
}
