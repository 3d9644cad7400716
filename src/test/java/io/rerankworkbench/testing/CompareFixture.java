package io.rerankworkbench.testing;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.DocumentScore;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.store.VariantRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small project whose comparisons are worked out by hand.
 *
 * <pre>
 * q1: candidates a b c d (original order), grades a=3 b=0 c=2 (d ungraded)
 *     run 1  m1 (bi-encoder): a 0.9, b 0.8, c 0.7, d 0.6        → a b c d
 *     run 2  m2 (bi-encoder): a 0.5, b 0.4, c 0.95, d 0.1      → c a b d
 * q2: candidates x y z, no grades; run 1 m1 only: x 0.3, y 0.9, z 0.5 → y z x
 * q3: candidates a e, no grades; run 1 m2: e 0.9 a 0.1 → e a; run 2 m1: a 0.6 e 0.2 → a e; run 3 m1 failed
 * </pre>
 */
public final class CompareFixture {

    private CompareFixture() {
    }

    public static void fill(ProjectStore store) {
        long q1 = query(store, "q1", "steak", List.of("a", "b", "c", "d"));
        run(store, q1, "m1", Map.of("a", 0.9, "b", 0.8, "c", 0.7, "d", 0.6), RunStatus.COMPLETED);
        run(store, q1, "m2", Map.of("a", 0.5, "b", 0.4, "c", 0.95, "d", 0.1), RunStatus.COMPLETED);
        List<StoredCandidate> c1 = store.candidates(q1);
        grade(store, q1, c1, "a", 1); // an older grade the newest replaces
        grade(store, q1, c1, "a", 3);
        grade(store, q1, c1, "b", 0);
        grade(store, q1, c1, "c", 2);
        long q2 = query(store, "q2", "pans", List.of("x", "y", "z"));
        run(store, q2, "m1", Map.of("x", 0.3, "y", 0.9, "z", 0.5), RunStatus.COMPLETED);
        long q3 = query(store, "q3", "ovens", List.of("a", "e"));
        run(store, q3, "m2", Map.of("a", 0.1, "e", 0.9), RunStatus.COMPLETED);
        run(store, q3, "m1", Map.of("a", 0.6, "e", 0.2), RunStatus.COMPLETED);
        run(store, q3, "m1", Map.of("a", 0.0, "e", 0.7), RunStatus.FAILED);
    }

    private static long query(ProjectStore store, String id, String text, List<String> docs) {
        StoredQuery q = store.addQuery(id, text);
        List<NewCandidate> rows = new ArrayList<>();
        for (String d : docs) {
            rows.add(new NewCandidate(rows.size() + 1, d, "text of " + d));
        }
        store.addCandidates(q.id(), rows, ImportProgress.NONE);
        return q.id();
    }

    private static void run(ProjectStore store, long queryId, String model, Map<String, Double> scores,
                            RunStatus status) {
        StoredQuery q = store.query(queryId).orElseThrow();
        List<Candidate> candidates = store.candidates(queryId).stream().map(StoredCandidate::candidate).toList();
        List<DocumentScore> s = candidates.stream()
                .map(c -> new DocumentScore(scores.get(c.docId()), Double.NaN, 0, null)).toList();
        Ranking ranking = new Ranking(new Query(q.externalId(), q.text()), Ranking.rank(candidates, s),
                "local bi-encoder", model, Duration.ofMillis(5));
        store.recordRun(queryId, ranking, "{}", null, Instant.now(), Instant.now(), status);
    }

    /** Keeps {@code text} as a new variant of query {@code queryId} (external id). */
    public static StoredVariant variant(ProjectStore store, String queryId, String text) {
        StoredQuery q = store.listQueries().stream().filter(s -> s.externalId().equals(queryId)).findFirst()
                .orElseThrow();
        return new VariantRepository(store).add(q.id(), text);
    }

    /** Keeps a run of {@code variant} by {@code model} (a local bi-encoder) scoring the query's candidates so. */
    public static void variantRun(ProjectStore store, StoredVariant variant, String model, Map<String, Double> scores,
                                  RunStatus status) {
        StoredQuery q = store.query(variant.queryId()).orElseThrow();
        List<Candidate> candidates = store.candidates(q.id()).stream().map(StoredCandidate::candidate).toList();
        List<DocumentScore> s = candidates.stream()
                .map(c -> new DocumentScore(scores.get(c.docId()), Double.NaN, 0, null)).toList();
        Ranking ranking = new Ranking(variant.toQuery(q), Ranking.rank(candidates, s), "local bi-encoder", model,
                Duration.ofMillis(5));
        new VariantRepository(store).recordRun(variant.id(), ranking, "{}", null, Instant.now(), Instant.now(),
                status);
    }

    /** Adds a grade by {@code annotator} to document {@code doc} of query {@code queryId} (external id). */
    public static void grade(ProjectStore store, String queryId, String doc, int grade, String annotator) {
        StoredQuery q = store.listQueries().stream().filter(s -> s.externalId().equals(queryId)).findFirst()
                .orElseThrow();
        long documentId = store.candidates(q.id()).stream().filter(c -> c.candidate().docId().equals(doc))
                .findFirst().orElseThrow().documentId();
        store.addJudgment(q.id(), documentId, grade, annotator, null, null);
    }

    private static void grade(ProjectStore store, long queryId, List<StoredCandidate> candidates, String doc,
                              int grade) {
        long documentId = candidates.stream().filter(c -> c.candidate().docId().equals(doc)).findFirst()
                .orElseThrow().documentId();
        store.addJudgment(queryId, documentId, grade, "ann", null, null);
    }
}
