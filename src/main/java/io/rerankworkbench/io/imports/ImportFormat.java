package io.rerankworkbench.io.imports;

import java.util.List;

/** The source formats {@link ProjectImports} reads, with the names and descriptions a format picker shows. */
public enum ImportFormat {
    CSV("CSV / TSV table",
            "One row per query–document pair; you map the columns (query id, query text, doc id, text, title, "
                    + "initial rank, initial score, label).",
            List.of("csv", "tsv")),
    JSONL("JSON Lines",
            "One object per query with its \"documents\", or one object per query–document pair.",
            List.of("jsonl", "ndjson")),
    BEIR("BEIR dataset",
            "A folder with corpus.jsonl, queries.jsonl and qrels/test.tsv; each query's judged documents become "
                    + "its candidates.",
            List.of()),
    TREC_RUN("TREC run + documents",
            "A run file (qid Q0 docno rank score tag) with a document file (JSONL or id<TAB>text) and optionally a "
                    + "queries file.",
            List.of("trec", "run", "txt")),
    TREC_QRELS("TREC qrels",
            "Relevance judgments (qid iter docno grade) for queries already in the project.",
            List.of("qrels", "txt")),
    QUEPID("Quepid ratings",
            "Quepid's ratings export (query,docid,rating); queries are matched by their text.",
            List.of("csv")),
    BUNDLE("Project bundle",
            "A Rerank Workbench project bundle (.rwb.json): queries, documents, runs, sessions and judgments.",
            List.of("rwb.json", "json"));

    private final String displayName;
    private final String description;
    private final List<String> extensions;

    ImportFormat(String displayName, String description, List<String> extensions) {
        this.displayName = displayName;
        this.description = description;
        this.extensions = extensions;
    }

    /** Short name for a list or menu ("TREC run + documents"). */
    public String displayName() {
        return displayName;
    }

    /** One or two sentences on what the format holds and what the import makes of it. */
    public String describe() {
        return description;
    }

    /** Usual file name endings, without the dot, for file choosers (empty for folder formats). */
    public List<String> extensions() {
        return extensions;
    }

    /** The display name, so a combo box can show the constants directly. */
    @Override
    public String toString() {
        return displayName;
    }
}
