package io.rerankworkbench.store;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.DocumentScore;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.core.TextSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectStoreTest {

    @TempDir
    Path dir;

    @Test
    void createThenOpenKeepsEverything() throws Exception {
        Path file = dir.resolve("p.rwb");
        long queryId;
        try (ProjectStore store = ProjectStore.create(file)) {
            queryId = store.addQuery("q1", "what is bm25").id();
            store.addQuery("q2", "dense retrieval");
            store.addCandidates(queryId, List.of(new NewCandidate(1, "d1", "BM25", "a ranking function", 12.5),
                    new NewCandidate(2, "d2", "first stage")), ImportProgress.NONE);
            store.putSetting("annotator", "ana");
        }
        assertThat(file).exists();
        try (ProjectStore store = ProjectStore.open(file)) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.standard().latestVersion());
            assertThat(store.listQueries()).extracting(StoredQuery::externalId, StoredQuery::text)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("q1", "what is bm25"),
                            org.assertj.core.groups.Tuple.tuple("q2", "dense retrieval"));
            List<StoredCandidate> candidates = store.candidates(queryId);
            assertThat(candidates).extracting(StoredCandidate::candidate).containsExactly(
                    new Candidate(1, "d1", "a ranking function"), new Candidate(2, "d2", "first stage"));
            assertThat(candidates.get(0).title()).isEqualTo("BM25");
            assertThat(candidates.get(0).firstStageScore()).isEqualTo(12.5);
            assertThat(candidates.get(1).title()).isNull();
            assertThat(candidates.get(1).firstStageScore()).isNaN();
            assertThat(store.setting("annotator")).contains("ana");
        }
    }

    @Test
    void walModeForeignKeysAndFullSync() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            assertThat(store.pragma("journal_mode")).isEqualTo("wal");
            assertThat(store.pragma("foreign_keys")).isEqualTo("1");
            assertThat(store.pragma("synchronous")).isEqualTo("2"); // FULL
            assertThat(store.pragma("application_id")).isEqualTo(String.valueOf(ProjectStore.APPLICATION_ID));
        }
    }

    @Test
    void foreignKeysAreEnforced() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            assertThatThrownBy(() -> store.addCandidates(999, List.of(new NewCandidate(1, "d", "t")),
                    ImportProgress.NONE)).isInstanceOf(StoreException.class).hasMessageContaining("FOREIGN KEY");
            // the failed import left nothing behind, not even its document
            assertThat(store.listQueries()).isEmpty();
            assertThatThrownBy(() -> store.addJudgment(1, 1, 1, "ana", null, null))
                    .isInstanceOf(StoreException.class);
        }
    }

    @Test
    void queriesAreRenamedAndDeletedWithWhatHangsOffThem() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            StoredQuery q = store.addQuery("q1", "old");
            long[] docs = store.addCandidates(q.id(), List.of(new NewCandidate(1, "d1", "x")), ImportProgress.NONE);
            store.addJudgment(q.id(), docs[0], 2, "ana", null, null);
            store.renameQuery(q.id(), "q-renamed");
            store.updateQueryText(q.id(), "new");
            assertThat(store.query(q.id())).get().extracting(StoredQuery::externalId, StoredQuery::text)
                    .containsExactly("q-renamed", "new");
            store.deleteQuery(q.id());
            assertThat(store.listQueries()).isEmpty();
            assertThat(store.candidates(q.id())).isEmpty();
            assertThat(store.judgments(q.id())).isEmpty();
        }
    }

    @Test
    void aRunIsReadBackFieldByField() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            StoredQuery q = store.addQuery("q7", "solar panels");
            store.addCandidates(q.id(), List.of(new NewCandidate(1, "a", "alpha text"),
                    new NewCandidate(2, "b", "beta text"), new NewCandidate(3, "c", "gamma text")),
                    ImportProgress.NONE);
            List<Candidate> cands = store.candidates(q.id()).stream().map(StoredCandidate::candidate).toList();
            List<ScoredCandidate> results = Ranking.rank(cands, List.of(
                    new DocumentScore(0.25, Double.NaN, 0, null),
                    new DocumentScore(3.5, 0.97, 12, null),
                    new DocumentScore(-1.0, 0.01, 0, new TextSpan(4, 9))));
            Ranking ranking = new Ranking(new Query("q7", "solar panels"), results, "cross-encoder",
                    "ms-marco-MiniLM", Duration.ofNanos(12_345_678));
            Instant started = Instant.parse("2025-01-02T03:04:05.123456Z");
            Instant finished = started.plusMillis(13);
            long runId = store.recordRun(q.id(), ranking, "{\"batch\":8}", "{\"tokens\":42}", started, finished,
                    RunStatus.COMPLETED);

            List<StoredRun> runs = store.runs(q.id());
            assertThat(runs).hasSize(1);
            StoredRun run = runs.get(0);
            assertThat(run.id()).isEqualTo(runId);
            assertThat(run.queryId()).isEqualTo(q.id());
            assertThat(run.paramsJson()).isEqualTo("{\"batch\":8}");
            assertThat(run.usageJson()).isEqualTo("{\"tokens\":42}");
            assertThat(run.startedAt()).isEqualTo(started);
            assertThat(run.finishedAt()).isEqualTo(finished);
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            Ranking back = run.ranking();
            assertThat(back.query()).isEqualTo(ranking.query());
            assertThat(back.ranker()).isEqualTo("cross-encoder");
            assertThat(back.model()).isEqualTo("ms-marco-MiniLM");
            assertThat(back.elapsed()).isEqualTo(Duration.ofNanos(12_345_678));
            assertThat(back.results()).hasSize(3);
            for (int i = 0; i < 3; i++) {
                ScoredCandidate want = ranking.results().get(i);
                ScoredCandidate got = back.results().get(i);
                assertThat(got.candidate()).isEqualTo(want.candidate());
                assertThat(got.score()).isEqualTo(want.score());
                assertThat(got.rank()).isEqualTo(want.rank());
                assertThat(got.tokensDropped()).isEqualTo(want.tokensDropped());
                assertThat(Double.doubleToLongBits(got.probability()))
                        .isEqualTo(Double.doubleToLongBits(want.probability()));
                assertThat(got.bestChunk()).isEqualTo(want.bestChunk());
            }
            assertThat(back.results()).extracting(sc -> sc.candidate().docId()).containsExactly("b", "a", "c");
        }
    }

    @Test
    void tenThousandCandidatesGoInOneTransactionWithProgress() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            StoredQuery q = store.addQuery("big", "many documents");
            List<NewCandidate> rows = new ArrayList<>();
            for (int i = 1; i <= 10_000; i++) {
                rows.add(new NewCandidate(i, "doc-" + i, "title " + i, "text of document " + i, 100.0 / i));
            }
            List<Long> reported = new ArrayList<>();
            long startNanos = System.nanoTime();
            long[] ids = store.addCandidates(q.id(), rows, (done, total) -> {
                assertThat(total).isEqualTo(10_000);
                reported.add(done);
            });
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            assertThat(ids).hasSize(10_000).doesNotHaveDuplicates();
            assertThat(reported).isSorted().endsWith(10_000L).hasSizeGreaterThan(2);
            assertThat(store.candidates(q.id())).hasSize(10_000);
            System.out.println("10,000 candidates in " + took.toMillis() + " ms");

            // all or nothing: a bad row at the end leaves none of the batch
            StoredQuery q2 = store.addQuery("big2", "again");
            List<NewCandidate> bad = new ArrayList<>(rows.subList(0, 500));
            bad.add(new NewCandidate(501, "doc-1", "title 1", "text of document 1", 1)); // same document twice
            assertThatThrownBy(() -> store.addCandidates(q2.id(), bad, ImportProgress.NONE))
                    .isInstanceOf(StoreException.class);
            assertThat(store.candidates(q2.id())).isEmpty();
        }
    }

    @Test
    void sameDocumentIsSharedAcrossQueriesButPastedNumbersAreNot() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            long a = store.addQuery("a", "x").id();
            long b = store.addQuery("b", "y").id();
            long[] first = store.addCandidates(a, List.of(new NewCandidate(1, "1", "same"),
                    new NewCandidate(2, "2", "other")), ImportProgress.NONE);
            long[] second = store.addCandidates(b, List.of(new NewCandidate(1, "1", "same"),
                    new NewCandidate(2, "2", "different")), ImportProgress.NONE);
            assertThat(second[0]).isEqualTo(first[0]);
            assertThat(second[1]).isNotEqualTo(first[1]);
        }
    }

    @Test
    void judgmentsAreListedWithTheirSession() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            long q = store.addQuery("q", "t").id();
            long[] docs = store.addCandidates(q, List.of(new NewCandidate(1, "d", "t")), ImportProgress.NONE);
            long session = store.addLabelingSession("first pass", "{\"kind\":\"graded\",\"max\":3}", "ana", 42,
                    true);
            Judgment j1 = store.addJudgment(q, docs[0], 3, "ana", session, "clearly on topic");
            Judgment j2 = store.addJudgment(q, docs[0], 1, "bob", null, null);
            assertThat(store.judgments(q)).containsExactly(j1, j2);
        }
    }

    private static Migrations versionOne() {
        return new Migrations(List.of(new Migrations.Step(1, "v1", Migrations.V1)));
    }

    @Test
    void aFileFromSchemaVersionOneOpens() throws Exception {
        Path file = dir.resolve("v1.rwb");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA application_id = " + ProjectStore.APPLICATION_ID);
            for (String sql : Migrations.V1) {
                s.execute(sql);
            }
            s.execute("PRAGMA user_version = 1");
            s.execute("INSERT INTO queries(id, external_id, text, created_at) "
                    + "VALUES (1, 'q1', 'old query', '2024-05-06T07:08:09Z')");
        }
        try (ProjectStore store = ProjectStore.open(file)) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.standard().latestVersion());
            assertThat(store.listQueries()).containsExactly(
                    new StoredQuery(1, "q1", "old query", Instant.parse("2024-05-06T07:08:09Z")));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'labeling_session_queries'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("version 2 table added by the migration").isEqualTo(1);
        }
    }

    @Test
    void laterStepsAreAppliedInOrderToAnOlderFile() throws Exception {
        Path file = dir.resolve("p.rwb");
        try (ProjectStore store = ProjectStore.create(file, versionOne())) {
            store.addQuery("q1", "text");
        }
        List<Migrations.Step> steps = new ArrayList<>();
        steps.add(new Migrations.Step(1, "v1", Migrations.V1));
        steps.add(new Migrations.Step(2, "tags", List.of("ALTER TABLE queries ADD COLUMN tags TEXT",
                "UPDATE queries SET tags = 'migrated'")));
        try (ProjectStore store = ProjectStore.open(file, new Migrations(steps))) {
            assertThat(store.schemaVersion()).isEqualTo(2);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT tags FROM queries")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("migrated");
        }
    }

    @Test
    void aFailingStepLeavesTheFileAtItsOldVersion() throws Exception {
        Path file = dir.resolve("p.rwb");
        ProjectStore.create(file, versionOne()).close();
        Migrations broken = new Migrations(List.of(new Migrations.Step(1, "v1", Migrations.V1),
                new Migrations.Step(2, "half", List.of("ALTER TABLE queries ADD COLUMN tags TEXT",
                        "THIS IS NOT SQL"))));
        assertThatThrownBy(() -> ProjectStore.open(file, broken)).isInstanceOf(ProjectOpenException.class);
        try (ProjectStore store = ProjectStore.open(file, versionOne())) {
            assertThat(store.schemaVersion()).isEqualTo(1);
            assertThat(store.pragma("user_version")).isEqualTo("1");
        }
    }

    @Test
    void aFileFromANewerVersionIsRefused() throws Exception {
        Path file = dir.resolve("future.rwb");
        ProjectStore.create(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> ProjectStore.open(file))
                .isInstanceOfSatisfying(ProjectOpenException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ProjectOpenException.Reason.NEWER_VERSION);
                    assertThat(e.file()).isEqualTo(file.toAbsolutePath());
                })
                .hasMessageContaining("future.rwb").hasMessageContaining("newer").hasMessageContaining("99");
    }

    @Test
    void aSecondOpenOfTheSameFileIsRefused() throws Exception {
        Path file = dir.resolve("shared.rwb");
        try (ProjectStore first = ProjectStore.create(file)) {
            assertThatThrownBy(() -> ProjectStore.open(file))
                    .isInstanceOfSatisfying(ProjectOpenException.class,
                            e -> assertThat(e.reason()).isEqualTo(ProjectOpenException.Reason.IN_USE))
                    .hasMessageContaining("shared.rwb is already open in another Rerank Workbench window");
            first.addQuery("q", "still works"); // the refused attempt did not disturb the owner
        }
        try (ProjectStore again = ProjectStore.open(file)) {
            assertThat(again.listQueries()).hasSize(1);
        }
    }

    @Test
    void aFileThatIsNotSqliteIsRefusedByName() throws Exception {
        Path file = dir.resolve("notes.rwb");
        Files.writeString(file, "these are my notes, not a database\n".repeat(100));
        assertThatThrownBy(() -> ProjectStore.open(file))
                .isInstanceOfSatisfying(ProjectOpenException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProjectOpenException.Reason.NOT_A_DATABASE))
                .hasMessageContaining("notes.rwb").hasMessageContaining("not an SQLite database");
        assertThat(Files.readString(file)).startsWith("these are my notes"); // untouched
    }

    @Test
    void anotherSqliteDatabaseIsRefusedUntouched() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t(x)");
        }
        assertThatThrownBy(() -> ProjectStore.open(file))
                .isInstanceOfSatisfying(ProjectOpenException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProjectOpenException.Reason.NOT_A_PROJECT))
                .hasMessageContaining("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("delete");
        }
    }

    @Test
    void createRefusesAnExistingFileAndOpenAMissingOne() throws Exception {
        Path file = dir.resolve("x.rwb");
        Files.writeString(file, "keep me");
        assertThatThrownBy(() -> ProjectStore.create(file)).isInstanceOfSatisfying(ProjectOpenException.class,
                e -> assertThat(e.reason()).isEqualTo(ProjectOpenException.Reason.ALREADY_EXISTS));
        assertThat(Files.readString(file)).isEqualTo("keep me");
        assertThatThrownBy(() -> ProjectStore.open(dir.resolve("missing.rwb")))
                .isInstanceOfSatisfying(ProjectOpenException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProjectOpenException.Reason.NOT_FOUND))
                .hasMessageContaining("missing.rwb");
    }
}
