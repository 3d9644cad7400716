package io.rerankworkbench.app;

import io.rerankworkbench.store.ExplanationRepository;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.LabelingRepository;
import io.rerankworkbench.store.LabelingSession;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoredExplanation;
import io.rerankworkbench.store.StoredQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueryArchiveTest {

    @TempDir
    Path tmp;

    @Test
    void undoingADeleteBringsTheGradesBackIntoTheSessionTheyWereGivenIn() throws Exception {
        try (ProjectStore store = ProjectStore.create(tmp.resolve("p.rwb"))) {
            long q1 = store.addQuery("q1", "capital of france").id();
            long q2 = store.addQuery("q2", "rest a steak").id();
            long[] d1 = store.addCandidates(q1, List.of(new NewCandidate(1, "paris", "Paris."),
                    new NewCandidate(2, "lyon", "Lyon.")), ImportProgress.NONE);
            long[] d2 = store.addCandidates(q2, List.of(new NewCandidate(1, "steak", "Rest it.")), ImportProgress.NONE);
            LabelingRepository labels = new LabelingRepository(store);
            LabelingSession session = labels.createSession("pass 1", "{\"name\":\"binary\"}", "ana", 7, true,
                    List.of(q1, q2));
            labels.grade(session.id(), q1, d1[0], 1, "on topic");
            labels.grade(session.id(), q1, d1[1], 0, null);
            labels.grade(session.id(), q2, d2[0], 1, null);

            QueryArchive.Snapshot snapshot = QueryArchive.deleteWithSnapshot(store, q1);
            assertThat(store.listQueries()).extracting(StoredQuery::externalId).containsExactly("q2");
            long restored = QueryArchive.restore(store, snapshot);

            assertThat(labels.sessions()).extracting(LabelingSession::id).containsExactly(session.id());
            assertThat(labels.sessionQueryIds(session.id())).containsExactlyInAnyOrder(q2, restored);
            assertThat(labels.sessionJudgments(session.id())).hasSize(3);
            assertThat(store.judgments(restored)).extracting(j -> j.grade() + " " + j.note() + " " + j.sessionId())
                    .containsExactly("1 on topic " + session.id(), "0 null " + session.id());
            assertThat(store.runs(restored)).isEmpty();
            assertThat(store.candidates(restored)).extracting(c -> c.candidate().docId())
                    .containsExactly("paris", "lyon");
        }
    }

    @Test
    void undoingADeleteBringsBackItsPaidExplanations() throws Exception {
        try (ProjectStore store = ProjectStore.create(tmp.resolve("p.rwb"))) {
            long q1 = store.addQuery("q1", "capital of france").id();
            long[] d1 = store.addCandidates(q1, List.of(new NewCandidate(1, "paris", "Paris.")), ImportProgress.NONE);
            store.addQuery("q2", "a later query, so the restored one gets a new key");
            ExplanationRepository explanations = new ExplanationRepository(store);
            String fingerprint = ExplanationRepository.fingerprint("capital of france", "Paris.");
            explanations.put(q1, d1[0], "Cohere rerank-v3.5", "occlusion", "unit=word", fingerprint,
                    "{\"drops\":[2.5]}");
            StoredExplanation before = explanations.list(q1).get(0);

            QueryArchive.Snapshot snapshot = QueryArchive.deleteWithSnapshot(store, q1);
            assertThat(explanations.count(q1)).isZero();
            long restored = QueryArchive.restore(store, snapshot);

            assertThat(restored).as("restored under a new key").isNotEqualTo(q1);
            assertThat(explanations.find(restored, d1[0], "Cohere rerank-v3.5", "occlusion", "unit=word",
                    fingerprint)).get().satisfies(e -> {
                        assertThat(e.payload()).isEqualTo("{\"drops\":[2.5]}");
                        assertThat(e.createdAt()).isEqualTo(before.createdAt());
                    });
        }
    }
}
