package io.rerankworkbench.store;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.DocumentScore;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

class VariantRepositoryTest {

    @TempDir
    Path dir;

    private Path file;
    private ProjectStore store;
    private VariantRepository variants;
    private long q1;
    private long q2;

    @BeforeEach
    void project() throws Exception {
        file = dir.resolve("p.rwb");
        store = ProjectStore.create(file);
        q1 = store.addQuery("q1", "capital of france").id();
        q2 = store.addQuery("q2", "tallest mountain").id();
        store.addCandidates(q1, List.of(new NewCandidate(1, "d1", "Paris is the capital."),
                new NewCandidate(2, "d2", "Lyon is a city.")), ImportProgress.NONE);
        store.addCandidates(q2, List.of(new NewCandidate(1, "e1", "Everest.")), ImportProgress.NONE);
        variants = new VariantRepository(store);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    /** A ranking of the query's candidates with the given scores, in candidate order. */
    private Ranking ranking(long queryId, String text, String ranker, double... scores) {
        List<Candidate> cands = store.candidates(queryId).stream().map(StoredCandidate::candidate).toList();
        List<DocumentScore> ds = new java.util.ArrayList<>();
        for (double s : scores) {
            ds.add(new DocumentScore(s, Double.NaN, 0, null));
        }
        return new Ranking(new Query(store.query(queryId).orElseThrow().externalId(), text), Ranking.rank(cands, ds),
                ranker, "model-" + ranker, Duration.ofMillis(9));
    }

    @Test
    void variantsAreNumberedInTheOrderTheyWereKept() {
        StoredVariant first = variants.add(q1, "  french capital city ");
        StoredVariant second = variants.add(q1, "where is the seat of government of france");
        StoredVariant other = variants.add(q2, "highest peak");

        assertThat(first.text()).as("kept without surrounding space").isEqualTo("french capital city");
        assertThat(first.queryId()).isEqualTo(q1);
        assertThat(first.createdAt()).isNotNull().isBeforeOrEqualTo(Instant.now());
        assertThat(variants.list(q1)).extracting(StoredVariant::number, StoredVariant::text).containsExactly(
                tuple(1, "french capital city"), tuple(2, "where is the seat of government of france"));
        assertThat(variants.list(q2)).extracting(StoredVariant::number).containsExactly(1);
        assertThat(variants.find(second.id())).contains(second);
        assertThat(variants.find(other.id() + 100)).isEmpty();
        assertThat(first.toQuery(store.query(q1).orElseThrow())).isEqualTo(new Query("q1", "french capital city"));

        assertThat(variants.delete(first.id())).isTrue();
        assertThat(variants.delete(first.id())).isFalse();
        assertThat(variants.list(q1)).extracting(StoredVariant::number, StoredVariant::text)
                .containsExactly(tuple(1, "where is the seat of government of france"));
    }

    @Test
    void blankOwnAndDuplicateTextsAreRefusedWithReasons() {
        variants.add(q1, "french capital");
        assertThatThrownBy(() -> variants.add(q1, "  \t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> variants.add(q1, " capital of france")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is the text of query q1 itself");
        assertThatThrownBy(() -> variants.add(q1, "french capital ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has \"french capital\" as variant 1");
        assertThatThrownBy(() -> variants.add(9999, "anything")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no query 9999");
        assertThat(variants.add(q2, "french capital").number()).as("another query may have the same phrasing")
                .isEqualTo(1);
        assertThat(variants.list(q1)).hasSize(1);
    }

    @Test
    void aVariantKeepsItsOwnRunsApartFromTheQuerys() {
        long own = store.recordRun(q1, ranking(q1, "capital of france", "bm25", 1.0, 2.0), null, null, null, null,
                RunStatus.COMPLETED);
        StoredVariant v = variants.add(q1, "french capital");
        Instant finished = Instant.parse("2026-01-02T03:04:05Z");
        long first = variants.recordRun(v.id(), ranking(q1, "french capital", "minilm", 3.0, 0.5), "{\"k\":1}",
                "{\"tokens\":3}", finished.minusSeconds(1), finished, RunStatus.COMPLETED);
        long second = variants.recordRun(v.id(), ranking(q1, "french capital", "bge", 0.1, 0.9), null, null, null,
                finished.plusSeconds(60), RunStatus.COMPLETED);

        List<StoredRun> runs = variants.runs(v.id());
        assertThat(runs).extracting(StoredRun::id, StoredRun::number, StoredRun::queryId)
                .containsExactly(tuple(first, 1, q1), tuple(second, 2, q1));
        StoredRun run = runs.get(0);
        assertThat(run.ranking().query()).isEqualTo(new Query("q1", "french capital"));
        assertThat(run.ranking().results()).extracting(sc -> sc.candidate().docId(), sc -> sc.score())
                .containsExactly(tuple("d1", 3.0), tuple("d2", 0.5));
        assertThat(run.paramsJson()).isEqualTo("{\"k\":1}");
        assertThat(run.usageJson()).isEqualTo("{\"tokens\":3}");
        assertThat(run.finishedAt()).isEqualTo(finished);

        // the query's own runs and counts are what they were before variants existed
        assertThat(store.runs(q1)).extracting(StoredRun::id, StoredRun::number).containsExactly(tuple(own, 1));
        assertThat(store.runs(q1).get(0).ranking().query().text()).isEqualTo("capital of france");
        assertThat(store.querySummaries()).extracting(s -> s.query().externalId(), QuerySummary::runs)
                .containsExactly(tuple("q1", 1), tuple("q2", 0));

        assertThat(variants.summaries(q1)).extracting(s -> s.variant().text(), VariantSummary::runs,
                VariantSummary::ranker, VariantSummary::model, VariantSummary::finishedAt)
                .containsExactly(tuple("french capital", 2, "bge", "model-bge", finished.plusSeconds(60)));
        StoredVariant idle = variants.add(q1, "paris");
        assertThat(variants.summaries(q1)).element(1).isEqualTo(new VariantSummary(idle, 0, null, null, null));
        assertThat(variants.summaries(q2)).isEmpty();
    }

    @Test
    void aVariantRunFixesTheQuerysCandidates() {
        StoredVariant v = variants.add(q2, "highest peak");
        assertThat(store.isFixed(q2)).isFalse();
        variants.recordRun(v.id(), ranking(q2, "highest peak", "minilm", 1.0), null, null, null, null,
                RunStatus.COMPLETED);

        assertThat(store.runs(q2)).isEmpty();
        assertThat(store.isFixed(q2)).as("the variant's run ranked these candidates").isTrue();
        assertThatThrownBy(() -> store.replaceCandidates(q2, List.of(new NewCandidate(1, "k2", "K2."))))
                .isInstanceOf(StoreException.class).hasMessageContaining("has runs or grades");
        assertThat(store.candidates(q2)).extracting(c -> c.candidate().docId()).containsExactly("e1");
    }

    @Test
    void aRunOfAMissingVariantIsRefused() {
        assertThatThrownBy(() -> variants.recordRun(42, ranking(q1, "x", "minilm", 1.0, 2.0), null, null, null,
                null, RunStatus.COMPLETED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no variant 42");
        assertThatThrownBy(() -> variants.runs(42)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletingAVariantDeletesItsRunsAndDeletingTheQueryItsVariants() throws Exception {
        long own = store.recordRun(q1, ranking(q1, "capital of france", "bm25", 1.0, 2.0), null, null, null, null,
                RunStatus.COMPLETED);
        StoredVariant a = variants.add(q1, "french capital");
        StoredVariant b = variants.add(q1, "paris");
        variants.recordRun(a.id(), ranking(q1, "french capital", "minilm", 1.0, 2.0), null, null, null, null,
                RunStatus.COMPLETED);
        variants.recordRun(b.id(), ranking(q1, "paris", "minilm", 2.0, 1.0), null, null, null, null,
                RunStatus.COMPLETED);
        assertThat(count("runs")).isEqualTo(3);
        assertThat(count("run_scores")).isEqualTo(6);

        variants.delete(a.id());
        assertThat(count("runs")).as("the variant's run went with it").isEqualTo(2);
        assertThat(count("run_scores")).isEqualTo(4);
        assertThat(store.runs(q1)).extracting(StoredRun::id).containsExactly(own);
        assertThat(variants.runs(b.id())).hasSize(1);

        store.deleteQuery(q1);
        assertThat(count("query_variants")).isZero();
        assertThat(count("runs")).isZero();
        assertThat(count("run_scores")).isZero();
    }

    @Test
    void aVersionFourFileKeepsItsDataAndGainsVariants() throws Exception {
        store.close();
        Path old = dir.resolve("v4.rwb");
        Migrations versionFour = new Migrations(List.of(new Migrations.Step(1, "v1", Migrations.V1),
                new Migrations.Step(2, "v2", Migrations.V2), new Migrations.Step(3, "v3", Migrations.V3),
                new Migrations.Step(4, "v4", Migrations.V4)));
        long query;
        long runId;
        try (ProjectStore v4 = ProjectStore.create(old, versionFour)) {
            store = v4;
            query = v4.addQuery("q1", "capital of france").id();
            long[] docs = v4.addCandidates(query, List.of(new NewCandidate(1, "d1", "Paris is the capital."),
                    new NewCandidate(2, "d2", "Lyon is a city.")), ImportProgress.NONE);
            // a version-4 runs table has no variant_id: write the run as a version-4 app did
            runId = v4.read(() -> {
                try (Statement st = v4.connection().createStatement()) {
                    st.executeUpdate("INSERT INTO runs(query_id, ranker_kind, model, duration_ms, status) VALUES ("
                            + query + ", 'bm25', 'bm25', 3.0, 'completed')");
                    long id;
                    try (ResultSet rs = st.executeQuery("SELECT last_insert_rowid()")) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                    st.executeUpdate("INSERT INTO run_scores(run_id, document_id, score, rank) VALUES (" + id + ", "
                            + docs[1] + ", 1.5, 1), (" + id + ", " + docs[0] + ", 0.5, 2)");
                    return id;
                }
            });
            v4.addJudgment(query, docs[0], 3, "ana", null, "on topic");
            new CorpusRepository(v4).add(List.of(new CorpusRepository.NewDocument("c1", null, "Corpus text.")),
                    ImportProgress.NONE);
            assertThat(v4.schemaVersion()).isEqualTo(4);
        }
        assertThat(tables(old)).doesNotContain("query_variants");

        store = ProjectStore.open(old);
        assertThat(store.schemaVersion()).isEqualTo(5).isEqualTo(Migrations.standard().latestVersion());
        assertThat(store.querySummaries()).extracting(s -> s.query().text(), QuerySummary::candidates,
                QuerySummary::runs, QuerySummary::judgedDocuments).containsExactly(tuple("capital of france", 2, 1, 1));
        List<StoredRun> runs = store.runs(query);
        assertThat(runs).extracting(StoredRun::id).containsExactly(runId);
        assertThat(runs.get(0).ranking().results()).extracting(sc -> sc.candidate().docId(), sc -> sc.score())
                .containsExactly(tuple("d2", 1.5), tuple("d1", 0.5));
        assertThat(store.judgments(query)).extracting(Judgment::grade).containsExactly(3);
        assertThat(new CorpusRepository(store).size()).isEqualTo(1);

        variants = new VariantRepository(store);
        StoredVariant v = variants.add(query, "french capital");
        variants.recordRun(v.id(), ranking(query, "french capital", "minilm", 2.0, 1.0), null, null, null, null,
                RunStatus.COMPLETED);
        assertThat(store.runs(query)).hasSize(1);
        assertThat(variants.runs(v.id())).hasSize(1);
        assertThat(foreignKeyViolations(store)).isZero();
    }

    private int count(String table) {
        return store.read(() -> {
            try (Statement s = store.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        });
    }

    private static int foreignKeyViolations(ProjectStore store) {
        return store.read(() -> {
            try (Statement s = store.connection().createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                int n = 0;
                while (rs.next()) {
                    n++;
                }
                return n;
            }
        });
    }

    private static List<String> tables(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
