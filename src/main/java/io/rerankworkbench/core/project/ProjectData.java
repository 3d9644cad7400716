package io.rerankworkbench.core.project;

import java.util.List;

/**
 * A set of queries with their candidates, the documents they rank, labeling sessions, kept runs and judgments, and
 * the project's corpus. An import yields one; a whole project (or a selection of its queries) reads back as one.
 *
 * @param corpus the corpus documents in corpus order, each naming one of {@code documents}; empty when the data
 *               carries no corpus (every source but a bundle of a whole project)
 */
public record ProjectData(List<QueryRecord> queries, List<DocumentRecord> documents, List<SessionRecord> sessions,
                          List<RunRecord> runs, List<JudgmentRecord> judgments, List<CorpusRecord> corpus) {

    public ProjectData {
        queries = List.copyOf(queries);
        documents = List.copyOf(documents);
        sessions = List.copyOf(sessions);
        runs = List.copyOf(runs);
        judgments = List.copyOf(judgments);
        corpus = List.copyOf(corpus);
    }

    /** Data without a corpus. */
    public ProjectData(List<QueryRecord> queries, List<DocumentRecord> documents, List<SessionRecord> sessions,
                       List<RunRecord> runs, List<JudgmentRecord> judgments) {
        this(queries, documents, sessions, runs, judgments, List.of());
    }

    public static ProjectData empty() {
        return new ProjectData(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Total candidate rows over all queries. */
    public long candidateCount() {
        long n = 0;
        for (QueryRecord q : queries) {
            n += q.candidates().size();
        }
        return n;
    }
}
