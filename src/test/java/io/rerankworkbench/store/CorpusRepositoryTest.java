package io.rerankworkbench.store;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusRepositoryTest {

    @TempDir
    Path dir;

    private ProjectStore store;
    private CorpusRepository corpus;

    @BeforeEach
    void project() throws Exception {
        store = ProjectStore.create(dir.resolve("p.rwb"));
        corpus = new CorpusRepository(store);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private static CorpusRepository.NewDocument doc(String id, String title, String text) {
        return new CorpusRepository.NewDocument(id, title, text);
    }

    @Test
    void documentsAreAddedOnceAndAnIdNamesOneText() {
        CorpusRepository.AddReport first = corpus.add(List.of(doc("d1", "Paris", "Capital of France."),
                doc("d2", null, "Lyon is in France.")), ImportProgress.NONE);
        assertThat(first).isEqualTo(new CorpusRepository.AddReport(2, 0));
        assertThat(corpus.add(List.of(doc("d1", "Paris", "Capital of France.")), ImportProgress.NONE))
                .isEqualTo(new CorpusRepository.AddReport(0, 1));
        assertThatThrownBy(() -> corpus.add(List.of(doc("d3", null, "new"), doc("d1", null, "Another text.")),
                ImportProgress.NONE)).isInstanceOf(StoreException.class)
                .hasMessageContaining("already holds a document \"d1\" with another text");
        assertThat(corpus.size()).as("all or nothing: d3 was not kept").isEqualTo(2);
        assertThat(corpus.all()).extracting(CorpusRepository.Entry::id).containsExactly("d1", "d2");
        assertThat(corpus.find("d1").orElseThrow().searchText()).isEqualTo("Paris Capital of France.");
        assertThat(corpus.find("d2").orElseThrow().searchText()).isEqualTo("Lyon is in France.");
    }

    @Test
    void theFingerprintMovesWithEveryChangeToTheCorpusAndOnlyThen() throws Exception {
        String empty = corpus.fingerprint();
        corpus.add(List.of(doc("d1", null, "one"), doc("d2", null, "two")), ImportProgress.NONE);
        String two = corpus.fingerprint();
        assertThat(two).isNotEqualTo(empty);
        // Documents outside the corpus change nothing.
        long q = store.addQuery("q1", "query").id();
        store.addCandidates(q, List.of(new NewCandidate(1, "x", "not in the corpus")), ImportProgress.NONE);
        assertThat(corpus.fingerprint()).isEqualTo(two);
        // An edit of a corpus document's text by any path moves it.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE documents SET text = 'ONE' WHERE external_id = 'd1'");
        }
        String edited = corpus.fingerprint();
        assertThat(edited).isNotEqualTo(two);
        corpus.clear();
        assertThat(corpus.fingerprint()).isNotEqualTo(edited);
        assertThat(corpus.size()).isZero();
    }

    @Test
    void twoProjectsWithTheSameCorpusHistoryHaveDifferentFingerprints() throws Exception {
        corpus.add(List.of(doc("d1", null, "one")), ImportProgress.NONE);
        try (ProjectStore other = ProjectStore.create(dir.resolve("o.rwb"))) {
            CorpusRepository o = new CorpusRepository(other);
            o.add(List.of(doc("d1", null, "one")), ImportProgress.NONE);
            assertThat(o.fingerprint()).isNotEqualTo(corpus.fingerprint());
        }
    }

    @Test
    void aCorpusDocumentThatIsAlreadyACandidateIsSharedWithItsGrades() {
        long q = store.addQuery("q1", "capital").id();
        long key = store.addCandidates(q, List.of(new NewCandidate(1, "d1", "Paris", "Capital of France.",
                Double.NaN)), ImportProgress.NONE)[0];
        store.addJudgment(q, key, 2, "qrels", null, null);
        corpus.add(List.of(doc("d1", "Paris", "Capital of France.")), ImportProgress.NONE);
        assertThat(corpus.find("d1").orElseThrow().documentKey()).isEqualTo(key);
    }

    @Test
    void fillingAQueryWithoutRunsReplacesItsCandidatesAndKeepsItsGrades() {
        corpus.add(List.of(doc("a", null, "alpha"), doc("b", null, "beta"), doc("c", null, "gamma")),
                ImportProgress.NONE);
        long q = store.addQuery("q1", "query").id();
        long old = store.addCandidates(q, List.of(new NewCandidate(1, "z", "old")), ImportProgress.NONE)[0];
        store.addJudgment(q, old, 1, "ana", null, null);
        long a = corpus.find("a").orElseThrow().documentKey();
        long c = corpus.find("c").orElseThrow().documentKey();

        CorpusRepository.FillReport r = corpus.fill(q, new long[] {c, a}, new double[] {2.5, 1.0});

        assertThat(r).isEqualTo(new CorpusRepository.FillReport(true, 2, 2));
        assertThat(store.candidates(q)).extracting(sc -> sc.candidate().docId(), sc -> sc.candidate().originalRank(),
                StoredCandidate::firstStageScore).containsExactly(
                org.assertj.core.groups.Tuple.tuple("c", 1, 2.5), org.assertj.core.groups.Tuple.tuple("a", 2, 1.0));
        assertThat(store.judgments(q)).hasSize(1);
    }

    @Test
    void fillingAQueryWithRunsKeepsItsCandidatesAndAddsTheMissingOnesAfterThem() {
        corpus.add(List.of(doc("a", null, "alpha"), doc("b", null, "beta")), ImportProgress.NONE);
        long q = store.addQuery("q1", "query").id();
        store.addCandidates(q, List.of(new NewCandidate(1, "a", "alpha"), new NewCandidate(2, "z", "zeta")),
                ImportProgress.NONE);
        Candidate ca = new Candidate(1, "a", "alpha");
        Candidate cz = new Candidate(2, "z", "zeta");
        store.recordRun(q, new Ranking(new Query("q1", "query"), List.of(new ScoredCandidate(cz, 2, 1, 0),
                new ScoredCandidate(ca, 1, 2, 0)), "test", "m", Duration.ZERO), null, null, Instant.now(),
                Instant.now(), RunStatus.COMPLETED);
        long a = corpus.find("a").orElseThrow().documentKey();
        long b = corpus.find("b").orElseThrow().documentKey();

        CorpusRepository.FillReport r = corpus.fill(q, new long[] {b, a}, new double[] {3, 2});

        assertThat(r).isEqualTo(new CorpusRepository.FillReport(false, 1, 3));
        assertThat(store.candidates(q)).extracting(sc -> sc.candidate().docId()).containsExactly("a", "z", "b");
    }

    @Test
    void embeddingsAreKeptPerModelAndOnlyServedForTheTextTheyWereMadeFrom() {
        corpus.add(List.of(doc("a", null, "alpha"), doc("b", null, "beta")), ImportProgress.NONE);
        long a = corpus.find("a").orElseThrow().documentKey();
        long b = corpus.find("b").orElseThrow().documentKey();
        corpus.putEmbeddings("m1", List.of(
                new CorpusRepository.Embedding(a, CorpusRepository.sha256("alpha"), new float[] {0.6f, 0.8f}),
                new CorpusRepository.Embedding(b, CorpusRepository.sha256("beta"), new float[] {1f, 0f})));

        Map<Long, float[]> now = corpus.embeddings("m1", Map.of(a, "alpha", b, "beta edited"));
        assertThat(now).containsOnlyKeys(a);
        assertThat(now.get(a)).containsExactly(0.6f, 0.8f);
        assertThat(corpus.embeddings("m2", Map.of(a, "alpha"))).isEmpty();
        assertThat(corpus.embeddingCount("m1")).isEqualTo(2);
    }
}
