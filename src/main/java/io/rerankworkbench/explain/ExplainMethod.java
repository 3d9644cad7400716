package io.rerankworkbench.explain;

import java.util.Locale;

/** How a map explains a score. */
public enum ExplainMethod {
    /** Attention probabilities (cross-encoder pair attention, or a bi-encoder's self-attention). Not a decomposition. */
    ATTENTION,
    /** A mean-pooled bi-encoder's exact decomposition of the cosine score into token-pair terms. */
    CONTRIBUTIONS,
    /** Cosine similarity of token vectors (models that do not mean-pool). Not a decomposition. */
    SIMILARITY,
    /** Score drop when each document unit is taken out and the pair re-scored. Works for any ranker. */
    OCCLUSION;

    /** The name used on the command line and in JSON. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExplainMethod fromCliName(String name) {
        for (ExplainMethod m : values()) {
            if (m.cliName().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name
                + "'; use attention, contributions, similarity or occlusion");
    }
}
