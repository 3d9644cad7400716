package io.rerankworkbench.app;

import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.store.ExplanationRepository;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.ProjectReader;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.ProjectWriter;
import io.rerankworkbench.store.SessionMerge;
import io.rerankworkbench.store.StoredExplanation;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.WriteReport;

import java.util.List;

/**
 * Deleting a query so that it can be undone: everything the query had (candidates, runs with their scores, grades
 * and the sessions they were given in, kept explanations) is read into memory first, then deleted; restoring writes
 * it back in one transaction. Blocks on disk: call from a background lane.
 */
public final class QueryArchive {

    /**
     * A deleted query's contents.
     *
     * @param explanations its kept explanations: bundles do not carry them, but they were paid for (a hosted
     *                     ranker's occlusion map), so undoing a delete must not lose them
     */
    public record Snapshot(String queryId, ProjectData data, List<StoredExplanation> explanations) {
        public Snapshot {
            explanations = List.copyOf(explanations);
        }
    }

    private QueryArchive() {
    }

    /** Reads the query's contents, then deletes it with its candidates, runs and grades. */
    public static Snapshot deleteWithSnapshot(ProjectStore store, long queryKey) {
        return store.inTransaction("delete query", () -> {
            StoredQuery query = store.query(queryKey).orElseThrow(
                    () -> new IllegalArgumentException("the query was already deleted"));
            ProjectData data = ProjectReader.read(store, List.of(queryKey));
            List<StoredExplanation> explanations = new ExplanationRepository(store).list(queryKey);
            store.deleteQuery(queryKey);
            return new Snapshot(query.externalId(), data, explanations);
        });
    }

    /**
     * Writes a deleted query back.
     *
     * @return the restored query's new key
     * @throws IllegalStateException when it cannot be restored (another query took its id meanwhile)
     */
    public static long restore(ProjectStore store, Snapshot snapshot) {
        return store.inTransaction("restore query", () -> {
            WriteReport report = ProjectWriter.write(store, snapshot.data(), ImportProgress.NONE);
            if (!report.written()) {
                throw new IllegalStateException("Query " + snapshot.queryId() + " could not be restored: "
                        + report.problems().get(0));
            }
            // The query's sessions were written again as copies; its grades belong in the sessions that remain.
            SessionMerge.mergeDuplicates(store);
            long restored = store.listQueries().stream().filter(q -> q.externalId().equals(snapshot.queryId()))
                    .mapToLong(StoredQuery::id).findFirst().orElseThrow();
            new ExplanationRepository(store).restore(restored, snapshot.explanations());
            return restored;
        });
    }
}
