package io.rerankworkbench.io.imports;

import java.util.List;
import java.util.Locale;

/**
 * The columns a CSV/TSV import can map, with the header names that {@link CsvImport#preview} recognises for each
 * (compared case-insensitively, with spaces and dashes read as underscores).
 */
public enum CsvField {
    QUERY_ID("query id", List.of("qid", "query_id", "queryid")),
    QUERY_TEXT("query text", List.of("query", "query_text", "querytext")),
    DOC_ID("doc id", List.of("docid", "doc_id", "document_id", "docno", "corpus_id", "pid")),
    TEXT("text", List.of("text", "passage", "body", "content", "document", "doc_text")),
    TITLE("title", List.of("title", "doc_title")),
    INITIAL_RANK("initial rank", List.of("rank", "initial_rank", "original_rank")),
    INITIAL_SCORE("initial score", List.of("score", "bm25", "initial_score", "first_stage_score", "bm25_score")),
    LABEL("label", List.of("label", "grade", "relevance", "rating", "judgment"));

    private final String label;
    private final List<String> synonyms;

    CsvField(String label, List<String> synonyms) {
        this.label = label;
        this.synonyms = synonyms;
    }

    /** How problems and the import dialog name the field ("initial score"). */
    public String label() {
        return label;
    }

    /** Recognised header names, normalised (lower case, underscores). */
    public List<String> synonyms() {
        return synonyms;
    }

    /** Whether a header cell names this field. */
    public boolean matches(String header) {
        return synonyms.contains(normalise(header));
    }

    static String normalise(String header) {
        return header.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
    }
}
