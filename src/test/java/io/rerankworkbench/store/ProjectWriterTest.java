package io.rerankworkbench.store;

import io.rerankworkbench.core.project.CandidateRecord;
import io.rerankworkbench.core.project.CorpusRecord;
import io.rerankworkbench.core.project.DocumentRecord;
import io.rerankworkbench.core.project.JudgmentRecord;
import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.core.project.QueryRecord;
import io.rerankworkbench.core.project.RunRecord;
import io.rerankworkbench.core.project.RunScoreRecord;
import io.rerankworkbench.core.project.SessionRecord;
import io.rerankworkbench.core.project.VariantRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectWriterTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05.678901Z");

    @TempDir
    Path dir;

    private static ProjectData data(List<QueryRecord> queries, List<DocumentRecord> documents,
                                    List<SessionRecord> sessions, List<RunRecord> runs,
                                    List<JudgmentRecord> judgments) {
        return new ProjectData(queries, documents, sessions, runs, judgments);
    }

    private static DocumentRecord doc(String key, String id, String text) {
        return new DocumentRecord(key, id, null, text);
    }

    private static QueryRecord query(String id, String text, String... docKeys) {
        List<CandidateRecord> candidates = new ArrayList<>();
        for (int i = 0; i < docKeys.length; i++) {
            candidates.add(new CandidateRecord(docKeys[i], i + 1, i == 0 ? 10.0 - i : Double.NaN));
        }
        return new QueryRecord(id, text, null, candidates);
    }

    private static JudgmentRecord judgment(String query, String doc, int grade, String origin) {
        return new JudgmentRecord(query, doc, grade, "ana", null, null, null, origin);
    }

    /** Every row of every table, to prove that a refused or failed write changed nothing. */
    private static List<String> dump(ProjectStore store) throws Exception {
        List<String> rows = new ArrayList<>();
        synchronized (store) {
            try (Statement s = store.connection().createStatement()) {
                for (String table : List.of("queries", "documents", "candidates", "runs", "run_scores",
                        "labeling_sessions", "labeling_session_queries", "judgments", "settings", "corpus",
                        "corpus_state", "query_variants")) {
                    try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            StringBuilder sb = new StringBuilder(table);
                            for (int c = 1; c <= columns; c++) {
                                sb.append('|').append(rs.getString(c));
                            }
                            rows.add(sb.toString());
                        }
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void writesEveryFieldAndKeepsGivenTimes() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            QueryRecord q = new QueryRecord("q1", "solar", T, List.of(new CandidateRecord("a", 1, 2.5),
                    new CandidateRecord("b", 2, Double.NaN)));
            RunRecord run = new RunRecord("r", "q1", "cross-encoder", "mini", "{\"k\":1}", T, T.plusMillis(5), 4.75,
                    "{\"tokens\":3}", "completed", List.of(new RunScoreRecord("b", 1.5, 0.8, 1, 12, 3, 9),
                    new RunScoreRecord("a", Double.NaN, Double.NaN, 2, 0, -1, -1)));
            SessionRecord session = new SessionRecord("s", "pass", "{\"levels\":[]}", "ana", 9, true, T,
                    List.of("q1"));
            ProjectData data = data(List.of(q, new QueryRecord("q2", "no time", null, List.of())),
                    List.of(new DocumentRecord("a", "doc-a", "Title", "alpha"), doc("b", "doc-b", "beta")),
                    List.of(session), List.of(run), List.of(
                            new JudgmentRecord("q1", "a", 2, "ana", "s", T, "note", "x:1"),
                            new JudgmentRecord("q1", "doc-b", 1, null, null, null, null, "x:2")));
            Instant before = Instant.now();
            WriteReport report = ProjectWriter.write(store, data, ImportProgress.NONE);
            assertThat(report.problems()).isEmpty();
            assertThat(report).extracting(WriteReport::written, WriteReport::queriesAdded, WriteReport::documentsAdded,
                    WriteReport::candidates, WriteReport::runs, WriteReport::runScores, WriteReport::sessions,
                    WriteReport::judgments).containsExactly(true, 2, 2, 2L, 1, 2L, 1, 2L);

            List<StoredQuery> queries = store.listQueries();
            assertThat(queries.get(0).createdAt()).isEqualTo(T);
            assertThat(queries.get(1).createdAt()).isBetween(before, Instant.now());
            List<StoredCandidate> candidates = store.candidates(queries.get(0).id());
            assertThat(candidates).extracting(c -> c.candidate().docId()).containsExactly("doc-a", "doc-b");
            assertThat(candidates.get(0).title()).isEqualTo("Title");
            assertThat(candidates.get(0).firstStageScore()).isEqualTo(2.5);
            assertThat(candidates.get(1).firstStageScore()).isNaN();

            StoredRun stored = store.runs(queries.get(0).id()).get(0);
            assertThat(stored.paramsJson()).isEqualTo("{\"k\":1}");
            assertThat(stored.usageJson()).isEqualTo("{\"tokens\":3}");
            assertThat(stored.startedAt()).isEqualTo(T);
            assertThat(stored.finishedAt()).isEqualTo(T.plusMillis(5));
            assertThat(stored.ranking().elapsed()).isEqualTo(Duration.ofNanos(4_750_000));
            assertThat(stored.ranking().results().get(0).candidate().docId()).isEqualTo("doc-b");
            assertThat(stored.ranking().results().get(0).tokensDropped()).isEqualTo(12);
            assertThat(stored.ranking().results().get(0).probability()).isEqualTo(0.8);
            assertThat(stored.ranking().results().get(0).bestChunk().start()).isEqualTo(3);
            assertThat(stored.ranking().results().get(1).score()).isNaN();

            List<Judgment> judgments = store.judgments(queries.get(0).id());
            assertThat(judgments).hasSize(2);
            assertThat(judgments.get(0).createdAt()).isEqualTo(T);
            assertThat(judgments.get(0).note()).isEqualTo("note");
            assertThat(judgments.get(0).sessionId()).isNotNull();
            assertThat(judgments.get(1).documentId()).isEqualTo(candidates.get(1).documentId()); // by document id
            assertThat(judgments.get(1).annotator()).isNull();
            assertThat(judgments.get(1).createdAt()).isBetween(before, Instant.now());

            ProjectData back = ProjectReader.read(store, null);
            assertThat(back.sessions()).singleElement().satisfies(s -> {
                assertThat(s.queryIds()).containsExactly("q1");
                assertThat(s.seed()).isEqualTo(9);
                assertThat(s.blind()).isTrue();
                assertThat(s.annotator()).isEqualTo("ana");
            });
        }
    }

    @Test
    void documentsAreSharedLikeAddCandidatesSharesThem() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            long existing = store.addQuery("old", "t").id();
            long[] ids = store.addCandidates(existing, List.of(new io.rerankworkbench.store.NewCandidate(1, "d1",
                    "shared text")), ImportProgress.NONE);
            ProjectData data = data(List.of(query("q1", "x", "k1", "k2"), query("q2", "y", "k3", "k4")),
                    List.of(doc("k1", "d1", "shared text"), doc("k2", "1", "pasted"),
                            doc("k3", "d1", "shared text"), doc("k4", "1", "different pasted")),
                    List.of(), List.of(), List.of());
            WriteReport report = ProjectWriter.write(store, data, ImportProgress.NONE);
            assertThat(report.documentsShared()).isEqualTo(2);
            assertThat(report.documentsAdded()).isEqualTo(2);
            List<StoredQuery> queries = store.listQueries();
            long q1 = queries.get(1).id();
            long q2 = queries.get(2).id();
            assertThat(store.candidates(q1).get(0).documentId()).isEqualTo(ids[0]);
            assertThat(store.candidates(q2).get(0).documentId()).isEqualTo(ids[0]);
            assertThat(store.candidates(q1).get(1).documentId()).isNotEqualTo(store.candidates(q2).get(1).documentId());
        }
    }

    private static RunRecord run(String key, String query, String variant, String... docKeys) {
        List<RunScoreRecord> scores = new ArrayList<>();
        for (int i = 0; i < docKeys.length; i++) {
            scores.add(new RunScoreRecord(docKeys[i], 1.0 / (i + 1), Double.NaN, i + 1, 0, -1, -1));
        }
        return new RunRecord(key, query, "bi-encoder", "minilm", null, null, null, Double.NaN, null, "completed",
                scores, variant);
    }

    @Test
    void variantsAndTheirRunsAreWrittenAndAMergedQueryKeepsItsVariantOfTheSameText() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            long q1 = store.addQuery("q1", "solar panels").id();
            store.addCandidates(q1, List.of(new NewCandidate(1, "d1", "one")), ImportProgress.NONE);
            StoredVariant kept = new VariantRepository(store).add(q1, "photovoltaics");

            QueryRecord merged = new QueryRecord("q1", "solar panels", null, List.of(), List.of(
                    new VariantRecord("a", " photovoltaics", null), new VariantRecord("b", "sun power", T)), null);
            QueryRecord fresh = new QueryRecord("q2", "wind", null, List.of(new CandidateRecord("k2", 1, 1.0)),
                    List.of(new VariantRecord("c", "wind turbines", T)), null);
            WriteReport report = ProjectWriter.write(store, data(List.of(merged, fresh),
                    List.of(doc("k1", "d1", "one"), doc("k2", "d2", "two")), List.of(),
                    List.of(run("r1", "q1", "a", "k1"), run("r2", "q1", "b", "d1"), run("r3", "q1", null, "k1"),
                            run("r4", "q2", "c", "k2")), List.of()), ImportProgress.NONE);

            assertThat(report.problems()).isEmpty();
            assertThat(report.written()).isTrue();
            VariantRepository variants = new VariantRepository(store);
            List<StoredVariant> list = variants.list(q1);
            assertThat(list).extracting(StoredVariant::number, StoredVariant::text)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "photovoltaics"),
                            org.assertj.core.groups.Tuple.tuple(2, "sun power"));
            assertThat(list.get(0)).isEqualTo(kept);
            assertThat(list.get(1).createdAt()).isEqualTo(T);
            assertThat(variants.runs(kept.id())).singleElement()
                    .satisfies(r -> assertThat(r.ranking().query().text()).isEqualTo("photovoltaics"));
            assertThat(variants.runs(list.get(1).id())).hasSize(1);
            assertThat(store.runs(q1)).hasSize(1);
            long q2 = store.listQueries().get(1).id();
            assertThat(variants.list(q2)).extracting(StoredVariant::text).containsExactly("wind turbines");
            assertThat(variants.summaries(q2)).singleElement().extracting(VariantSummary::runs).isEqualTo(1);
        }
    }

    @Test
    void badVariantsAndRunsOfAnotherQuerysVariantAreProblemsAndNothingIsWritten() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            long q9 = store.addQuery("q9", "in the project").id();
            store.addCandidates(q9, List.of(new NewCandidate(1, "d1", "one")), ImportProgress.NONE);
            List<String> before = dump(store);
            QueryRecord q1 = new QueryRecord("q1", "solar panels", null, List.of(new CandidateRecord("k1", 1, 1.0)),
                    List.of(new VariantRecord("a", "sun", null, "b.json:7"), new VariantRecord("b", "sun ", null),
                            new VariantRecord("c", "solar panels", null), new VariantRecord("d", " ", null)), null);
            QueryRecord q2 = new QueryRecord("q2", "wind", null, List.of(new CandidateRecord("k1", 1, 1.0)),
                    List.of(new VariantRecord("a", "breeze", null)), null);
            WriteReport report = ProjectWriter.write(store, data(List.of(q1, q2), List.of(doc("k1", "d1", "one")),
                    List.of(), List.of(run("r1", "q2", "a", "k1"), run("r2", "q9", "a", "d1"),
                            run("r3", "q1", "zz", "k1")), List.of()), ImportProgress.NONE);

            assertThat(report.written()).isFalse();
            assertThat(report.problems()).extracting(Object::toString).containsExactlyInAnyOrder(
                    "query q1: variants a and b of query q1 have the same text (\"sun\")",
                    "query q1: variant c of query q1 is the query's own text",
                    "query q1: variant d of query q1 has no text",
                    "query q2: the variant key a appears twice",
                    "run r1 (query q2): it names variant a, which is not a variant of query q2 in the import",
                    "run r2 (query q9): it names variant a, which is not a variant of query q9 in the import",
                    "run r3 (query q1): it names variant zz, which is not a variant of query q1 in the import");
            assertThat(dump(store)).isEqualTo(before);
        }
    }

    @Test
    void conflictsWithTheProjectAreListedAndNothingIsWritten() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            long q = store.addQuery("q1", "solar panels").id();
            store.addCandidates(q, List.of(new NewCandidate(1, "d1", "one")), ImportProgress.NONE);
            List<String> before = dump(store);

            ProjectData data = data(
                    List.of(query("q1", "solar panels", "k1", "k2"), query("q2", "wind", "k9"),
                            new QueryRecord("q3", "x", null, List.of()), new QueryRecord("q3", "y", null, List.of())),
                    List.of(doc("k1", "d1", "one"), doc("k2", "d2", "two")),
                    List.of(new SessionRecord("s", "n", "{}", null, 1, true, T, List.of("nope"))),
                    List.of(new RunRecord("r", "q1", "k", "m", null, null, null, Double.NaN, null, "done",
                            List.of(new RunScoreRecord("zz", 1, Double.NaN, 1, 0, -1, -1)))),
                    List.of(judgment("q1", "ghost", 1, "qrels.txt:12"), judgment("q7", "k1", 1, "qrels.txt:13"),
                            new JudgmentRecord("q1", "k1", 1, null, "s9", null, null, "qrels.txt:14")));
            WriteReport report = ProjectWriter.write(store, data, ImportProgress.NONE);
            assertThat(report.written()).isFalse();
            assertThat(report.problems()).extracting(Object::toString).containsExactlyInAnyOrder(
                    "query q1: document d1 is already a candidate of this query in the project",
                    "query q2: candidate k9 (rank 1) names no document of the import",
                    "query q3: the query id q3 appears twice",
                    "run r (query q1): status must be completed, failed or cancelled, was \"done\"",
                    "run r (query q1): document zz (rank 1) is not a candidate of query q1",
                    "session s (\"n\"): query nope is neither in the import nor in the project",
                    "qrels.txt:12: document ghost is neither in the import nor a candidate of query q1 in the project",
                    "qrels.txt:13: query q7 is neither in the import nor in the project",
                    "qrels.txt:14: names labeling session s9, which the import does not have");
            assertThat(dump(store)).isEqualTo(before);

            WriteReport text = ProjectWriter.write(store, data(List.of(query("q1", "solar  panels")), List.of(),
                    List.of(), List.of(), List.of()), ImportProgress.NONE);
            assertThat(text.problems()).extracting(Object::toString).containsExactly("query q1: the project already "
                    + "has query q1 with a different text (\"solar panels\", here \"solar  panels\")");
            assertThat(dump(store)).isEqualTo(before);

            // read from a file line, the conflict names it
            QueryRecord fromFile = query("q1", "solar  panels");
            fromFile = new QueryRecord(fromFile.id(), fromFile.text(), fromFile.createdAt(), fromFile.candidates(),
                    "queries.tsv:7");
            WriteReport located = ProjectWriter.write(store, data(List.of(fromFile), List.of(), List.of(), List.of(),
                    List.of()), ImportProgress.NONE);
            assertThat(located.problems()).extracting(Object::toString).containsExactly("queries.tsv:7: the project "
                    + "already has query q1 with a different text (\"solar panels\", here \"solar  panels\")");
        }
    }

    @Test
    void mergingAddsNewCandidatesAndSkippingLeavesOutOnlyBadRows() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            long q = store.addQuery("q1", "solar").id();
            store.addCandidates(q, List.of(new NewCandidate(1, "d1", "one")), ImportProgress.NONE);
            ProjectData data = data(List.of(query("q1", "solar", "k1", "k2")),
                    List.of(doc("k1", "d1", "one"), doc("k2", "d2", "two")), List.of(),
                    List.of(new RunRecord("r", "q1", "k", "m", null, null, null, Double.NaN, null, "completed",
                            List.of(new RunScoreRecord("k1", 1, Double.NaN, 1, 0, -1, -1),
                                    new RunScoreRecord("d2", 0.5, Double.NaN, 2, 0, -1, -1)))),
                    List.of(judgment("q1", "d1", 3, "qrels:1"), judgment("q1", "ghost", 1, "qrels:2"),
                            judgment("q1", "k2", 2, "qrels:3")));
            assertThat(ProjectWriter.check(store, data).problems()).hasSize(2);
            assertThat(ProjectWriter.write(store, data, ImportProgress.NONE).written()).isFalse();

            WriteReport report = ProjectWriter.write(store, data, true, ImportProgress.NONE);
            assertThat(report.written()).isTrue();
            assertThat(report.skippedRows()).isEqualTo(2);
            assertThat(report.queriesMerged()).isEqualTo(1);
            assertThat(report.candidates()).isEqualTo(1);
            assertThat(report.problems()).extracting(WriteProblem::skippable).containsOnly(true);
            assertThat(store.candidates(q)).extracting(c -> c.candidate().docId()).containsExactly("d1", "d2");
            assertThat(store.runs(q).get(0).ranking().results()).extracting(r -> r.candidate().docId())
                    .containsExactly("d1", "d2");
            assertThat(store.judgments(q)).extracting(Judgment::grade).containsExactly(3, 2);
        }
    }

    @Test
    void aRowThatFailsWhileWritingLeavesTheFileUnchanged() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            store.addQuery("keep", "me");
            List<String> before = dump(store);
            synchronized (store) {
                try (Statement s = store.connection().createStatement()) {
                    s.execute("CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.judgments WHEN NEW.grade = 99 "
                            + "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
                }
            }
            List<JudgmentRecord> judgments = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                judgments.add(judgment("q1", "k1", i == 19 ? 99 : 1, "j:" + i));
            }
            ProjectData data = data(List.of(query("q1", "t", "k1")), List.of(doc("k1", "d1", "x")),
                    List.of(new SessionRecord("s", "n", "{}", null, 1, true, T, List.of("q1"))),
                    List.of(new RunRecord("r", "q1", "k", "m", null, null, null, 1, null, "completed",
                            List.of(new RunScoreRecord("k1", 1, Double.NaN, 1, 0, -1, -1)))), judgments);
            assertThatThrownBy(() -> ProjectWriter.write(store, data, ImportProgress.NONE))
                    .isInstanceOf(StoreException.class).hasMessageContaining("disk on fire");
            assertThat(dump(store)).isEqualTo(before);
        }
    }

    @Test
    void aHundredThousandCandidatesTakeSecondsWithProgress() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            List<QueryRecord> queries = new ArrayList<>();
            List<DocumentRecord> docs = new ArrayList<>();
            for (int q = 0; q < 100; q++) {
                List<CandidateRecord> candidates = new ArrayList<>();
                for (int i = 1; i <= 1_000; i++) {
                    // half the documents are shared by neighbouring queries, like a corpus reused across queries
                    int docNumber = q * 500 + i;
                    String key = "doc-" + docNumber;
                    if (i > 500 || q == 0) {
                        docs.add(new DocumentRecord(key, key, "title " + docNumber, "text of document " + docNumber));
                    }
                    candidates.add(new CandidateRecord(key, i, 100.0 / i));
                }
                queries.add(new QueryRecord("q" + q, "query " + q, null, candidates));
            }
            ProjectData data = data(queries, docs, List.of(), List.of(), List.of());
            assertThat(data.candidateCount()).isEqualTo(100_000);
            List<Long> reported = new ArrayList<>();
            // Speed is measured in bench/ProjectImportBench, not asserted here.
            WriteReport report = ProjectWriter.write(store, data, (done, total) -> reported.add(done));
            assertThat(report.candidates()).isEqualTo(100_000);
            assertThat(report.documentsAdded()).isEqualTo(docs.size());
            assertThat(reported).isSorted().hasSizeGreaterThan(20).last().isEqualTo((long) 100_000 + docs.size());
            assertThat(store.candidates(store.listQueries().get(99).id())).hasSize(1_000);
        }
    }

    @Test
    void corpusEntriesJoinTheCorpusSharingRowsWithCandidates() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            CorpusRepository corpus = new CorpusRepository(store);
            long q = store.addQuery("q0", "old").id();
            store.addCandidates(q, List.of(new NewCandidate(1, "d1", "one")), ImportProgress.NONE);
            long d1 = store.candidates(q).get(0).documentId();
            long generation = corpus.generation();

            // d1 is a candidate in the project, k2 of a query in the data, k3 of nothing
            ProjectData data = new ProjectData(List.of(query("q1", "new", "k2")),
                    List.of(doc("k1", "d1", "one"), doc("k2", "d2", "two"), new DocumentRecord("k3", "d3", "Three",
                            "three")), List.of(), List.of(), List.of(),
                    List.of(new CorpusRecord("k1"), new CorpusRecord("k2"), new CorpusRecord("k3")));
            List<long[]> reports = new ArrayList<>();
            WriteReport report = ProjectWriter.write(store, data, (done, total) -> reports.add(new long[] {done,
                    total}));

            assertThat(report.problems()).isEmpty();
            assertThat(report).extracting(WriteReport::documentsAdded, WriteReport::documentsShared,
                    WriteReport::corpusAdded, WriteReport::corpusUnchanged).containsExactly(2, 1, 3, 0);
            assertThat(reports.get(reports.size() - 1)).containsExactly(7, 7); // 3 documents, 1 candidate, 3 corpus entries
            assertThat(corpus.all()).extracting(CorpusRepository.Entry::id, CorpusRepository.Entry::title,
                    CorpusRepository.Entry::text).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("d1", null, "one"),
                    org.assertj.core.groups.Tuple.tuple("d2", null, "two"),
                    org.assertj.core.groups.Tuple.tuple("d3", "Three", "three"));
            assertThat(corpus.find("d1").orElseThrow().documentKey()).isEqualTo(d1);
            long q1 = store.listQueries().get(1).id();
            assertThat(store.candidates(q1).get(0).documentId())
                    .isEqualTo(corpus.find("d2").orElseThrow().documentKey());
            assertThat(corpus.generation()).isEqualTo(generation + 3);
            String fingerprint = corpus.fingerprint();
            assertThat(fingerprint).doesNotStartWith("empty");

            // the same corpus again: left as it is, the token kept
            WriteReport again = ProjectWriter.write(store, new ProjectData(List.of(), data.documents(), List.of(),
                    List.of(), List.of(), data.corpus()), ImportProgress.NONE);
            assertThat(again.problems()).isEmpty();
            assertThat(again).extracting(WriteReport::documentsAdded, WriteReport::corpusAdded,
                    WriteReport::corpusUnchanged).containsExactly(0, 0, 3);
            assertThat(corpus.fingerprint()).isEqualTo(fingerprint);
        }
    }

    @Test
    void badCorpusEntriesAndAnotherTextForACorpusIdAreProblemsAndNothingIsWritten() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            new CorpusRepository(store).add(List.of(new CorpusRepository.NewDocument("d1", null, "one")),
                    ImportProgress.NONE);
            List<String> before = dump(store);

            ProjectData data = new ProjectData(List.of(query("q1", "new", "k4")),
                    List.of(doc("k1", "d1", "one, edited"), doc("k2", "d2", "two"), doc("k3", "d2", "two again"),
                            doc("k4", "d4", "four")), List.of(), List.of(), List.of(),
                    List.of(new CorpusRecord("k1", "b.json:20"), new CorpusRecord("k2"), new CorpusRecord("k2"),
                            new CorpusRecord("k3"), new CorpusRecord("k9", "b.json:24"), new CorpusRecord("k4")));
            WriteReport report = ProjectWriter.write(store, data, true, ImportProgress.NONE);

            assertThat(report.written()).isFalse();
            assertThat(report.problems()).extracting(Object::toString).containsExactly(
                    "b.json:20: the project's corpus already holds document d1 with another text (\"one\", here "
                            + "\"one, edited\")",
                    "corpus document k2: the corpus lists document k2 twice",
                    "corpus document k3: the corpus has two documents with id d2 (k2 and k3); a corpus id names one "
                            + "document",
                    "b.json:24: the corpus names document k9, which the import does not have");
            assertThat(report.problems()).extracting(WriteProblem::skippable).containsOnly(false);
            assertThat(dump(store)).isEqualTo(before);
        }
    }
}
