package io.rerankworkbench.retrieve.index;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link Bm25Index} analyses text and scores it. An index built with other settings is stale for these.
 *
 * @param k1       term-frequency saturation, ≥ 0 (0.9 by default, the value the BEIR baselines use)
 * @param b        document-length normalisation, 0 to 1 (0.4 by default)
 * @param analysis how document and query text become terms
 */
public record Bm25Settings(float k1, float b, Analysis analysis) {

    /** k1 = 0.9, b = 0.4, English analysis. */
    public static final Bm25Settings DEFAULTS = new Bm25Settings(0.9f, 0.4f, Analysis.ENGLISH);

    /** How text becomes terms; documents and queries always go through the same analysis. */
    public enum Analysis {
        /**
         * Lucene's {@code EnglishAnalyzer}: standard tokenisation, English possessives ("'s") removed, lower case,
         * English stop words dropped, Porter stemming ("running" and "runs" both become "run").
         */
        ENGLISH,
        /** Lucene's {@code StandardAnalyzer} with no stop words: standard tokenisation and lower case only. */
        STANDARD
    }

    public Bm25Settings {
        Objects.requireNonNull(analysis, "analysis");
        if (!Float.isFinite(k1) || k1 < 0) {
            throw new IllegalArgumentException("BM25 k1 must be a number ≥ 0, got " + k1);
        }
        if (!Float.isFinite(b) || b < 0 || b > 1) {
            throw new IllegalArgumentException("BM25 b must be between 0 and 1, got " + b);
        }
    }

    /** The settings as strings, as recorded in the index folder's meta file. */
    Map<String, String> asMeta() {
        return Map.of("k1", Float.toString(k1), "b", Float.toString(b),
                "analysis", analysis.name().toLowerCase(Locale.ROOT));
    }
}
