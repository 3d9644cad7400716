package io.rerankworkbench.io.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rerankworkbench.core.project.CandidateRecord;
import io.rerankworkbench.core.project.DocumentRecord;
import io.rerankworkbench.core.project.JudgmentRecord;
import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.core.project.QueryRecord;
import io.rerankworkbench.core.project.RunRecord;
import io.rerankworkbench.core.project.RunScoreRecord;
import io.rerankworkbench.core.project.SessionRecord;
import io.rerankworkbench.core.project.VariantRecord;
import io.rerankworkbench.testing.StrictBundleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportWritersTest {

    private static final Instant T = Instant.parse("2026-11-20T09:00:00Z");

    @TempDir
    Path dir;

    private static JudgmentRecord grade(String query, String doc, int grade, String annotator) {
        return new JudgmentRecord(query, doc, grade, annotator, null, T, null, null);
    }

    private static RunRecord run(String key, String query, String kind, String model, String status,
                                 RunScoreRecord... scores) {
        return new RunRecord(key, query, kind, model, null, T, T, 1.5, null, status, List.of(scores));
    }

    private static RunScoreRecord score(String doc, double score, int rank, int dropped) {
        return new RunScoreRecord(doc, score, Double.NaN, rank, dropped, -1, -1);
    }

    /** Two queries: q1 with a failed and a completed run and graded documents, q2 never run. */
    private static ProjectData small() {
        return new ProjectData(
                List.of(new QueryRecord("q1", "capital", T, List.of(new CandidateRecord("a", 1, 2.0),
                                new CandidateRecord("b", 2, Double.NaN))),
                        new QueryRecord("q2", "=cmd", T, List.of(new CandidateRecord("c", 1, Double.NaN)))),
                List.of(new DocumentRecord("a", "d1", null, "=cmd|' /C calc'!A0"),
                        new DocumentRecord("b", "d2", "T", "has, comma"),
                        new DocumentRecord("c", "x", null, "plain")),
                List.of(),
                List.of(run("5", "q1", "bi-encoder", "old", "completed", score("a", 0.9, 1, 0), score("b", 0.1, 2, 0)),
                        run("7", "q1", "cross-encoder", "mini", "completed", score("b", 0.5, 1, 3),
                                score("a", Double.NaN, 2, 0)),
                        run("8", "q1", "cohere", "rerank", "failed")),
                List.of(grade("q1", "a", 1, "ana"), grade("q1", "a", 3, "bob")));
    }

    private static String csv(ProjectData data, ExportOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RankedListCsvWriter(options).write(data, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvBytesOfTheLatestCompletedRunsAndUnrankedCandidates() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportSummary summary = new RankedListCsvWriter(ExportOptions.DEFAULT).write(small(), out);
        // Run 7 of the file is q1's second run: "Run 2", as the window numbers it.
        String expected = "query_id,query,run,ranker,model,rank,doc_id,score,original_rank,label,truncated,text,"
                + "variant,variant_text\r\n"
                + "q1,capital,2,cross-encoder,mini,1,d2,0.500000,2,,true,\"has, comma\",,\r\n"
                + "q1,capital,2,cross-encoder,mini,2,d1,,1,3,false,'=cmd|' /C calc'!A0,,\r\n"
                + "q2,'=cmd,,,,,x,,1,,,plain,,\r\n";
        assertThat(out.toByteArray()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        assertThat(summary).isEqualTo(new ExportSummary(2, 3, List.of(),
                List.of(new ExportSummary.RunUsed("q1", 2, "cross-encoder", "mini"))));
        assertThat(RankedListCsvWriter.COLUMNS).hasSize(14);
    }

    @Test
    void csvWithAllRunsAByteOrderMarkAndAnotherGradeRule() throws IOException {
        ExportOptions options = ExportOptions.DEFAULT.withAllRuns(true).withByteOrderMark(true)
                .withGradeRule(GradeRule.MEAN);
        String text = csv(small(), options);
        assertThat(text).startsWith("\uFEFFquery_id,");
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(1)).isEqualTo("q1,capital,1,bi-encoder,old,1,d1,0.900000,1,2,false,'=cmd|' /C calc'!A0,,");
        assertThat(lines.get(3)).startsWith("q1,capital,2,");
        assertThat(lines.get(5)).startsWith("q2,");
    }

    @Test
    void gradeRules() {
        List<JudgmentRecord> history = List.of(grade("q", "d", 3, "ana"), grade("q", "d", 2, "bob"),
                grade("q", "d", 0, "ana"));
        assertThat(GradeRule.NEWEST.grade(history)).isZero();
        assertThat(GradeRule.MEAN.grade(history)).isEqualTo(1); // ana now 0, bob 2
        assertThat(GradeRule.MAX.grade(history)).isEqualTo(2);
        assertThat(GradeRule.MEAN.grade(List.of(grade("q", "d", 1, "ana"), grade("q", "d", 2, "bob"))))
                .isEqualTo(2); // 1.5 rounds half up
        assertThat(GradeRule.MEAN.grade(List.of(grade("q", "d", 1, null), grade("q", "d", 3, null))))
                .isEqualTo(3); // no name: one annotator, who regraded
    }

    @Test
    void trecRunLinesWithTagsFromTheRuns() throws IOException {
        ProjectData data = new ProjectData(
                List.of(new QueryRecord("q1", "x", T, List.of(new CandidateRecord("a", 1, 1), new CandidateRecord("b", 2, 1))),
                        new QueryRecord("q2", "never ran", T, List.of())),
                List.of(new DocumentRecord("a", "D-1", null, "t"), new DocumentRecord("b", "D-2", null, "t")),
                List.of(), List.of(run("1", "q1", "cohere", "rerank v3.5", "completed", score("b", 0.25, 1, 0),
                        score("a", -1e-7, 2, 0))), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportSummary summary = new TrecRunExport(ExportOptions.DEFAULT).write(data, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "q1 Q0 D-2 1 0.250000 cohere/rerank_v3.5\n"
                        + "q1 Q0 D-1 2 -0.0000001 cohere/rerank_v3.5\n");
        assertThat(summary).isEqualTo(new ExportSummary(1, 2, List.of("q2"),
                List.of(new ExportSummary.RunUsed("q1", 1, "cohere", "rerank v3.5"))));

        ByteArrayOutputStream tagged = new ByteArrayOutputStream();
        new TrecRunExport(ExportOptions.DEFAULT.withRunTag("mine")).write(data, tagged);
        assertThat(tagged.toString(StandardCharsets.UTF_8)).contains("0.250000 mine\n");
        assertThatThrownBy(() -> new TrecRunExport(ExportOptions.DEFAULT.withRunTag("my tag"))
                .write(data, new ByteArrayOutputStream())).isInstanceOf(ExportException.class)
                .hasMessageContaining("the run tag \"my tag\" contains whitespace");
    }

    @Test
    void trecRefusesIdsWithWhitespaceAndMissingScoresNamingThemAll() {
        ProjectData data = new ProjectData(
                List.of(new QueryRecord("q 1", "x", T, List.of(new CandidateRecord("a", 1, 1),
                        new CandidateRecord("b", 2, 1)))),
                List.of(new DocumentRecord("a", "doc one", null, "t"), new DocumentRecord("b", "ok", null, "t")),
                List.of(), List.of(run("1", "q 1", "k", "m", "completed", score("a", 1, 1, 0),
                        score("b", Double.NaN, 2, 0))), List.of(grade("q 1", "a", 1, "ana")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> new TrecRunExport(ExportOptions.DEFAULT).write(data, out))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining("query id \"q 1\" contains whitespace")
                .hasMessageContaining("document id \"doc one\" contains whitespace")
                .hasMessageContaining("query q 1, document ok has no score in run 1");
        assertThatThrownBy(() -> new QrelsWriter(ExportOptions.DEFAULT).write(data, out))
                .isInstanceOf(ExportException.class).hasMessageContaining("document id \"doc one\"");
        assertThat(out.size()).isZero();
        assertThatThrownBy(() -> new TrecRunExport(ExportOptions.DEFAULT.withAllRuns(true)).write(small(), out))
                .isInstanceOf(ExportException.class);
    }

    /**
     * Three queries: q1 ran with "mini", then "big", then failed with "mini"; q2 ran with "mini" then "big"; q3 ran
     * only with "big".
     */
    private static ProjectData threeQueries() {
        List<QueryRecord> queries = new java.util.ArrayList<>();
        for (String q : List.of("q1", "q2", "q3")) {
            queries.add(new QueryRecord(q, "text of " + q, T, List.of(new CandidateRecord(q + "a", 1, 1),
                    new CandidateRecord(q + "b", 2, 1))));
        }
        List<DocumentRecord> documents = new java.util.ArrayList<>();
        for (QueryRecord q : queries) {
            documents.add(new DocumentRecord(q.id() + "a", q.id() + "-A", null, "a"));
            documents.add(new DocumentRecord(q.id() + "b", q.id() + "-B", null, "b"));
        }
        return new ProjectData(queries, documents, List.of(), List.of(
                run("11", "q1", "bi-encoder", "mini", "completed", score("q1a", 0.9, 1, 0), score("q1b", 0.1, 2, 0)),
                run("12", "q1", "bi-encoder", "big", "completed", score("q1b", 0.8, 1, 0), score("q1a", 0.2, 2, 0)),
                run("13", "q1", "bi-encoder", "mini", "failed"),
                run("21", "q2", "bi-encoder", "mini", "completed", score("q2b", 0.7, 1, 0), score("q2a", 0.3, 2, 0)),
                run("22", "q2", "bi-encoder", "big", "completed", score("q2a", 0.6, 1, 0), score("q2b", 0.4, 2, 0)),
                run("31", "q3", "bi-encoder", "big", "completed", score("q3a", 0.5, 1, 0), score("q3b", 0.5, 2, 0))),
                List.of());
    }

    @Test
    void theShownRunForItsQueryAndTheSameModelsLatestRunElsewhere() throws IOException {
        ExportOptions shown = ExportOptions.DEFAULT.withRuns(RunSelection.shown("q1", 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportSummary summary = new RankedListCsvWriter(shown).write(threeQueries(), out);

        // q1 as shown (Run 1, mini); q2 its latest mini run (Run 1), although Run 2 (big) is newer; q3 has no mini
        // run, so its latest completed run.
        assertThat(out.toString(StandardCharsets.UTF_8).lines().skip(1).toList()).containsExactly(
                "q1,text of q1,1,bi-encoder,mini,1,q1-A,0.900000,1,,false,a,,",
                "q1,text of q1,1,bi-encoder,mini,2,q1-B,0.100000,2,,false,b,,",
                "q2,text of q2,1,bi-encoder,mini,1,q2-B,0.700000,2,,false,b,,",
                "q2,text of q2,1,bi-encoder,mini,2,q2-A,0.300000,1,,false,a,,",
                "q3,text of q3,1,bi-encoder,big,1,q3-A,0.500000,1,,false,a,,",
                "q3,text of q3,1,bi-encoder,big,2,q3-B,0.500000,2,,false,b,,");
        assertThat(summary.runs()).containsExactly(new ExportSummary.RunUsed("q1", 1, "bi-encoder", "mini"),
                new ExportSummary.RunUsed("q2", 1, "bi-encoder", "mini"),
                new ExportSummary.RunUsed("q3", 1, "bi-encoder", "big"));

        // The same choice makes the TREC run: one system where the queries have it.
        ByteArrayOutputStream trec = new ByteArrayOutputStream();
        new TrecRunExport(ExportOptions.DEFAULT.withRuns(RunSelection.shown("q1", 2))).write(threeQueries(), trec);
        assertThat(trec.toString(StandardCharsets.UTF_8)).isEqualTo(
                "q1 Q0 q1-B 1 0.800000 bi-encoder/big\n" + "q1 Q0 q1-A 2 0.200000 bi-encoder/big\n"
                        + "q2 Q0 q2-A 1 0.600000 bi-encoder/big\n" + "q2 Q0 q2-B 2 0.400000 bi-encoder/big\n"
                        + "q3 Q0 q3-A 1 0.500000 bi-encoder/big\n" + "q3 Q0 q3-B 2 0.500000 bi-encoder/big\n");

        // The shown run is exported whatever its status: it is what the user sees.
        ExportSummary failed = new RankedListCsvWriter(ExportOptions.DEFAULT.withRuns(RunSelection.shown("q1", 3)))
                .write(threeQueries(), new ByteArrayOutputStream());
        assertThat(failed.runs()).first().isEqualTo(new ExportSummary.RunUsed("q1", 3, "bi-encoder", "mini"));
        assertThatThrownBy(() -> new RankedListCsvWriter(ExportOptions.DEFAULT.withRuns(RunSelection.shown("q3", 2)))
                .write(threeQueries(), new ByteArrayOutputStream())).isInstanceOf(ExportException.class)
                .hasMessage("query q3 has no run 2 (it has 1); show another run and export again");
    }

    /** {@link #threeQueries()} with q1's variant 1 "another phrasing", run by "variant" and then by "mini". */
    private static ProjectData withVariant() {
        ProjectData plain = threeQueries();
        // a variant's completed runs before and after q1's own: the window's numbers of q1's runs stay 1, 2, 3
        List<RunRecord> runs = new java.util.ArrayList<>();
        runs.add(new RunRecord("90", "q1", "bi-encoder", "variant", null, T, T, 1.0, null, "completed",
                List.of(score("q1b", 0.9, 1, 0), score("q1a", 0.1, 2, 0)), "v1"));
        runs.addAll(plain.runs());
        runs.add(new RunRecord("91", "q1", "bi-encoder", "mini", null, T, T, 1.0, null, "completed",
                List.of(score("q1b", 0.7, 1, 0), score("q1a", 0.3, 2, 0)), "v1"));
        List<QueryRecord> queries = new java.util.ArrayList<>(plain.queries());
        QueryRecord q1 = queries.get(0);
        queries.set(0, new QueryRecord(q1.id(), q1.text(), q1.createdAt(), q1.candidates(),
                List.of(new VariantRecord("v1", "another phrasing", T)), null));
        return new ProjectData(queries, plain.documents(), List.of(), runs, plain.judgments());
    }

    @Test
    void runsOfVariantsAreNumberedApartAndFollowTheQuerysRunsNamingTheVariant() throws IOException {
        ProjectData plain = threeQueries();
        ProjectData withVariants = withVariant();
        // each variant's runs are chosen as the query's: its latest completed run, its latest by the shown run's
        // ranker and model (mini), its run 2 — here all its second run
        for (ExportOptions options : List.of(ExportOptions.DEFAULT, ExportOptions.DEFAULT.withRuns(
                RunSelection.shown("q1", 1)), ExportOptions.DEFAULT.withRuns(RunSelection.numbered(2)))) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            ExportSummary was = new RankedListCsvWriter(options).write(plain, expected);
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            ExportSummary is = new RankedListCsvWriter(options).write(withVariants, actual);
            List<String> lines = actual.toString(StandardCharsets.UTF_8).lines().toList();
            // the query's own rows are unchanged, numbered as the window numbers them; the variant's follow q1's
            List<String> own = lines.stream().filter(l -> l.endsWith(",,")).toList();
            assertThat(own).containsExactlyElementsOf(expected.toString(StandardCharsets.UTF_8).lines().skip(1)
                    .toList());
            List<String> variant = lines.stream().filter(l -> l.endsWith(",1,another phrasing")).toList();
            assertThat(variant).as(options.runs().toString()).containsExactly(
                    "q1,text of q1,2,bi-encoder,mini,1,q1-B,0.700000,2,,false,b,1,another phrasing",
                    "q1,text of q1,2,bi-encoder,mini,2,q1-A,0.300000,1,,false,a,1,another phrasing");
            int lastOfQ1 = lines.lastIndexOf(own.stream().filter(l -> l.startsWith("q1,")).reduce((a, b) -> b)
                    .orElseThrow());
            assertThat(lines.indexOf(variant.get(0))).isEqualTo(lastOfQ1 + 1);
            assertThat(is.runs()).isEqualTo(was.runs());
            assertThat(is.variantRuns()).containsExactly(new ExportSummary.RunUsed("q1", 2, "bi-encoder", "mini", 1));
        }
        // every run: both of the variant's, numbered 1 and 2 among its runs
        List<String> all = csv(withVariants, ExportOptions.DEFAULT.withAllRuns(true)).lines()
                .filter(l -> l.endsWith(",another phrasing")).map(l -> l.split(",")[2] + l.split(",")[4]).distinct()
                .toList();
        assertThat(all).containsExactly("1variant", "2mini");
        // variant 1 alone: only its rows; q2 and q3 have no variant and list their candidates
        List<String> only = csv(withVariants, ExportOptions.DEFAULT.withVariant(1)).lines().skip(1).toList();
        assertThat(only).containsExactly(
                "q1,text of q1,2,bi-encoder,mini,1,q1-B,0.700000,2,,false,b,1,another phrasing",
                "q1,text of q1,2,bi-encoder,mini,2,q1-A,0.300000,1,,false,a,1,another phrasing",
                "q2,text of q2,,,,,q2-A,,1,,,a,,",
                "q2,text of q2,,,,,q2-B,,2,,,b,,",
                "q3,text of q3,,,,,q3-A,,1,,,a,,",
                "q3,text of q3,,,,,q3-B,,2,,,b,,");
    }

    @Test
    void aTrecRunHoldsTheQuerysOwnRunsOrOneVariantsUnderTheQuerysId() throws IOException {
        ByteArrayOutputStream own = new ByteArrayOutputStream();
        new TrecRunExport(ExportOptions.DEFAULT).write(withVariant(), own);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        new TrecRunExport(ExportOptions.DEFAULT).write(threeQueries(), plain);
        assertThat(own.toString(StandardCharsets.UTF_8)).isEqualTo(plain.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream variant = new ByteArrayOutputStream();
        ExportSummary summary = new TrecRunExport(ExportOptions.DEFAULT.withVariant(1)).write(withVariant(), variant);
        // the qid stays the query's, so the query's qrels evaluate the phrasing; the tag names the variant
        assertThat(variant.toString(StandardCharsets.UTF_8)).isEqualTo(
                "q1 Q0 q1-B 1 0.700000 bi-encoder/mini@v1\n" + "q1 Q0 q1-A 2 0.300000 bi-encoder/mini@v1\n");
        assertThat(summary.skippedQueries()).containsExactly("q2", "q3");
        assertThat(summary.runs()).isEmpty();
        assertThat(summary.variantRuns()).containsExactly(new ExportSummary.RunUsed("q1", 2, "bi-encoder", "mini", 1));
        // run 1 of the variant, under a tag of one's own
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        new TrecRunExport(ExportOptions.DEFAULT.withVariant(1).withRuns(RunSelection.numbered(1)).withRunTag("mine"))
                .write(withVariant(), first);
        assertThat(first.toString(StandardCharsets.UTF_8)).isEqualTo(
                "q1 Q0 q1-B 1 0.900000 mine\n" + "q1 Q0 q1-A 2 0.100000 mine\n");
        assertThat(TrecRunExport.tag("local bi-encoder", "all-MiniLM-L6-v2", 2))
                .isEqualTo("local_bi-encoder/all-MiniLM-L6-v2@v2");
        // no query has a variant 2: nothing is written, every query is skipped
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        ExportSummary nothing = new TrecRunExport(ExportOptions.DEFAULT.withVariant(2)).write(withVariant(), none);
        assertThat(none.size()).isZero();
        assertThat(nothing.skippedQueries()).containsExactly("q1", "q2", "q3");
    }

    @Test
    void aNumberedRunOfEachQuery() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportSummary summary = new TrecRunExport(ExportOptions.DEFAULT.withRuns(RunSelection.numbered(2)))
                .write(threeQueries(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("q1 Q0 q1-B 1 0.800000 bi-encoder/big\n")
                .contains("q2 Q0 q2-A 1 0.600000 bi-encoder/big\n").doesNotContain("q3");
        assertThat(summary.skippedQueries()).containsExactly("q3");
        assertThat(summary.runs()).extracting(ExportSummary.RunUsed::number).containsExactly(2, 2);

        // Without a choice: the latest completed run (q1's Run 3 failed, so Run 2).
        ExportSummary latest = new RankedListCsvWriter(ExportOptions.DEFAULT).write(threeQueries(),
                new ByteArrayOutputStream());
        assertThat(latest.runs()).extracting(r -> r.queryId() + ":" + r.number())
                .containsExactly("q1:2", "q2:2", "q3:1");
    }

    @Test
    void qrelsLinesUnderEachRule() throws IOException {
        ProjectData data = new ProjectData(
                List.of(new QueryRecord("q1", "x", T, List.of()), new QueryRecord("q2", "y", T, List.of()),
                        new QueryRecord("q3", "ungraded", T, List.of())),
                List.of(new DocumentRecord("a", "D1", null, "t"), new DocumentRecord("b", "D2", null, "t")),
                List.of(), List.of(),
                List.of(grade("q2", "b", 1, "ana"), grade("q1", "a", 3, "ana"), grade("q1", "b", 0, "bob"),
                        grade("q1", "a", 2, "bob"), grade("q1", "a", 0, "ana")));
        String newest = qrels(data, GradeRule.NEWEST);
        assertThat(newest).isEqualTo("q1 0 D1 0\nq1 0 D2 0\nq2 0 D2 1\n");
        assertThat(qrels(data, GradeRule.MEAN)).isEqualTo("q1 0 D1 1\nq1 0 D2 0\nq2 0 D2 1\n");
        assertThat(qrels(data, GradeRule.MAX)).isEqualTo("q1 0 D1 2\nq1 0 D2 0\nq2 0 D2 1\n");
        ExportSummary summary = new QrelsWriter(ExportOptions.DEFAULT).write(data, new ByteArrayOutputStream());
        assertThat(summary).isEqualTo(new ExportSummary(2, 3, List.of("q3")));
    }

    private static String qrels(ProjectData data, GradeRule rule) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new QrelsWriter(ExportOptions.DEFAULT.withGradeRule(rule)).write(data, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bundleFollowsTheDocumentedLayout() throws IOException {
        ProjectData data = new ProjectData(
                List.of(new QueryRecord("q1", "capital", T, List.of(new CandidateRecord("k", 1, Double.NaN)))),
                List.of(new DocumentRecord("k", "paris", null, "Paris.")),
                List.of(new SessionRecord("s", "pass", "{\"name\":\"binary\",\"ordinal\":true,\"levels\":[]}", "ana",
                        42, true, T, List.of("q1"))),
                List.of(new RunRecord("7", "q1", "cross-encoder", "mini", "{\"weights\":[0.5,1.25],\"n\":null}",
                        T, null, Double.NaN, null, "completed",
                        List.of(new RunScoreRecord("k", 8.61, Double.NaN, 1, 4, 10, 20)))),
                List.of(new JudgmentRecord("q1", "k", 1, "ana", "s", T, "note", "ignored origin")));
        Path file = dir.resolve("b.json");
        try (var out = Files.newOutputStream(file)) {
            new BundleWriter(Instant.parse("2026-11-25T10:00:00Z")).write(data, out);
        }
        String text = Files.readString(file);
        assertThat(text).startsWith("{\n  \"format\" : \"rerank-workbench-bundle\",\n  \"version\" : 1,\n"
                + "  \"exported_at\" : \"2026-11-25T10:00:00Z\",\n").endsWith("}\n").doesNotContain("\r", "NaN");
        JsonNode root = new ObjectMapper().readTree(text);
        assertThat(root.at("/queries/0/candidates/0/first_stage_score").isNull()).isTrue();
        assertThat(root.at("/runs/0/params/weights/1").decimalValue()).isEqualByComparingTo("1.25");
        assertThat(root.at("/runs/0/params").has("n")).isTrue();
        assertThat(root.at("/runs/0/usage").isNull()).isTrue();
        assertThat(root.at("/runs/0/duration_ms").isNull()).isTrue();
        assertThat(root.at("/runs/0/finished_at").isNull()).isTrue();
        assertThat(root.at("/runs/0/scores/0/chunk").toString()).isEqualTo("[10,20]");
        assertThat(root.at("/labeling_sessions/0/scale/name").textValue()).isEqualTo("binary");
        assertThat(root.at("/labeling_sessions/0/blind").booleanValue()).isTrue();
        // the strict reader accepts exactly the documented fields in the documented order
        ProjectData back = StrictBundleReader.read(file).data();
        assertThat(back.runs().get(0).scores()).isEqualTo(data.runs().get(0).scores());
        assertThat(back.queries()).isEqualTo(data.queries());
        assertThat(back.documents()).isEqualTo(data.documents());
    }

    @Test
    void bundleRefusesAJsonColumnThatIsNotJson() {
        ProjectData data = new ProjectData(List.of(), List.of(), List.of(), List.of(new RunRecord("3", "q", "k", "m",
                "{broken", null, null, Double.NaN, null, "completed", List.of())), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> new BundleWriter(T).write(data, out)).isInstanceOf(ExportException.class)
                .hasMessageStartingWith("run 3: params is not valid JSON");
        assertThat(out.size()).isZero();
    }
}
