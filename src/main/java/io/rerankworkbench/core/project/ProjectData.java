package io.rerankworkbench.core.project;

import java.util.List;

/**
 * A set of queries with their candidates, the documents they rank, labeling sessions, kept runs and judgments.
 * An import yields one; a whole project (or a selection of its queries) reads back as one.
 */
public record ProjectData(List<QueryRecord> queries, List<DocumentRecord> documents, List<SessionRecord> sessions,
                          List<RunRecord> runs, List<JudgmentRecord> judgments) {

    public ProjectData {
        queries = List.copyOf(queries);
        documents = List.copyOf(documents);
        sessions = List.copyOf(sessions);
        runs = List.copyOf(runs);
        judgments = List.copyOf(judgments);
    }

    public static ProjectData empty() {
        return new ProjectData(List.of(), List.of(), List.of(), List.of(), List.of());
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
