package io.rerankworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rerankworkbench.cli.CliRun.FakeGui;
import io.rerankworkbench.cli.CliRun.Result;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code compare}: two run files and a project's runs, in the three formats, with values worked out by hand; bad
 * arguments and bad files exit 2 with what and where.
 */
class CompareCommandTest {

    private static final double EPS = 1e-12;

    @TempDir
    Path dir;

    private static Result run(String... args) {
        return CliRun.run(new FakeGui(), args);
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /**
     * q1: A d1 d2 d3 d4, B d2 d1 d3 d5 — shared d1, d2, d3 with one swap: τ-b = 1/3, ρ = 1 − 6·2/(3·8) = 1/2.
     * q2: A x1 x2 x3, B ties x3 and x2 (read x3, x2 by docno descending), then x1: pairs (x1,x2) and (x1,x3)
     * discordant, (x2,x3) tied in B: τ-b = −2/√(3·2). q3 only in A, q4 only in B.
     */
    private Path[] runs() throws Exception {
        Path a = file("a.trec", """
                q1 Q0 d1 1 9 bm25
                q1 Q0 d2 2 8 bm25
                q1 Q0 d3 3 7 bm25
                q1 Q0 d4 4 6 bm25
                q2 Q0 x1 1 3 bm25
                q2 Q0 x2 2 2 bm25
                q2 Q0 x3 3 1 bm25
                q3 Q0 z1 1 1 bm25
                """);
        Path b = file("b.trec", """
                q1 Q0 d2 1 0.9 ce
                q1 Q0 d1 2 0.8 ce
                q1 Q0 d3 3 0.7 ce
                q1 Q0 d5 4 0.6 ce
                q2 Q0 x2 1 0.5 ce
                q2 Q0 x3 2 0.5 ce
                q2 Q0 x1 3 0.1 ce
                q4 Q0 z1 1 1 ce
                """);
        return new Path[]{a, b};
    }

    @Test
    void textShowsMeansQueriesOnlyInOneRunAndTheHistogram() throws Exception {
        Path[] r = runs();
        Result result = run("compare", r[0].toString(), r[1].toString(), "--k", "3");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        String out = result.out();
        assertThat(out).contains("A: " + r[0], "B: " + r[1], "Queries compared: 2 (1 only in A, 1 only in B)",
                "Cut-off k: 3   RBO persistence p: 0.9");
        double meanTau = (1.0 / 3 - 2 / Math.sqrt(6)) / 2;
        assertThat(out).containsPattern("Kendall's tau-b +" + String.format(java.util.Locale.ROOT, "%.3f", meanTau)
                .replace(".", "\\.") + "\n");
        assertThat(out).containsPattern("Jaccard@3 +1\\.000\n").containsPattern("Entered@3 +0\\.00\n");
        assertThat(out).contains("tau-b and rho are defined for 2 of 2 queries");
        // τ = 1/3 in [0.30, 0.40), τ = −0.816 in [−0.90, −0.80).
        assertThat(out).containsPattern("\\[ 0\\.30,  0\\.40\\) +1 #+\n").containsPattern("\\[-0\\.90, -0\\.80\\) +1 #+\n")
                .containsPattern("\\[ 0\\.90,  1\\.00\\] +0\n");
        assertThat(out).doesNotContain("Per query");
    }

    @Test
    void perQueryLinesComeMostDisagreementFirst() throws Exception {
        Path[] r = runs();
        Result result = run("compare", r[0].toString(), r[1].toString(), "--per-query");
        assertThat(result.code()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        int header = lines.indexOf("Per query, most disagreement first:");
        assertThat(header).isPositive();
        assertThat(lines.get(header + 1)).startsWith("QUERY").contains("TAU-B", "JACCARD@10");
        assertThat(lines.get(header + 2)).startsWith("q2 ").contains("-0.816");
        assertThat(lines.get(header + 3)).startsWith("q1 ").contains("0.333", "0.500");
        assertThat(lines).hasSize(header + 4);
    }

    @Test
    void csvPerQueryHasAHeaderAndExactValues() throws Exception {
        Path[] r = runs();
        Path out = dir.resolve("per-query.csv");
        Result result = run("compare", r[0].toString(), r[1].toString(), "--per-query", "--format", "csv",
                "--k", "3", "-o", out.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).isEmpty();
        List<String> rows = Files.readAllLines(out);
        assertThat(rows.get(0)).isEqualTo(String.join(",", CompareOutput.QUERY_COLUMNS));
        assertThat(rows).hasSize(3);
        String[] q2 = rows.get(1).split(",", -1);
        String[] q1 = rows.get(2).split(",", -1);
        assertThat(q2[0]).isEqualTo("q2");
        assertThat(Double.parseDouble(q2[4])).isCloseTo(-2 / Math.sqrt(6), within(EPS));
        assertThat(q1[0]).isEqualTo("q1");
        assertThat(q1[1]).isEqualTo("4");
        assertThat(q1[2]).isEqualTo("4");
        assertThat(q1[3]).isEqualTo("3");
        assertThat(Double.parseDouble(q1[4])).isCloseTo(1.0 / 3, within(EPS));
        assertThat(Double.parseDouble(q1[5])).isCloseTo(0.5, within(EPS));
        assertThat(q1[9]).isEqualTo("3");
        assertThat(q1[10]).isEqualTo("1");
        assertThat(q1[12]).isEqualTo("0");
    }

    @Test
    void csvMeansIsOneRowWithTheQueryCounts() throws Exception {
        Path[] r = runs();
        Result result = run("compare", r[0].toString(), r[1].toString(), "--format", "csv", "--k", "0");
        assertThat(result.code()).as(result.err()).isZero();
        List<String> rows = result.out().lines().toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).isEqualTo(String.join(",", CompareOutput.MEAN_COLUMNS));
        String[] m = rows.get(1).split(",", -1);
        assertThat(m[0]).isEqualTo("2");
        assertThat(m[1]).isEqualTo("2");
        assertThat(m[2]).isEqualTo("1");
        assertThat(m[3]).isEqualTo("1");
        assertThat(m[4]).isEqualTo("0");
        assertThat(m[5]).isEqualTo("0.9");
        assertThat(Double.parseDouble(m[6])).isCloseTo((1.0 / 3 - 2 / Math.sqrt(6)) / 2, within(EPS));
        // k = all: q1 compares 4 and 4 (3 shared of 5), q2 3 of 3: Jaccard (3/5 + 1) / 2.
        assertThat(Double.parseDouble(m[11])).isCloseTo((0.6 + 1) / 2, within(EPS));
    }

    @Test
    void jsonHoldsMeansHistogramAndQueries() throws Exception {
        Path[] r = runs();
        Result result = run("compare", r[0].toString(), r[1].toString(), "--format", "json", "--per-query",
                "--rbo-p", "0.5");
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("a").asText()).isEqualTo(r[0].toString());
        assertThat(json.get("rbo_p").asDouble()).isEqualTo(0.5);
        assertThat(json.get("k").asInt()).isEqualTo(10);
        assertThat(json.get("queries").get("compared").asInt()).isEqualTo(2);
        assertThat(json.get("queries").get("only_in_a").asInt()).isEqualTo(1);
        assertThat(json.get("queries").get("only_in_b").asInt()).isEqualTo(1);
        assertThat(json.get("means").get("spearman_rho").asDouble()).isCloseTo(
                (0.5 + RHO_Q2) / 2, within(EPS));
        assertThat(json.get("tau_histogram")).hasSize(20);
        assertThat(json.get("tau_histogram").get(13).get("from").asDouble()).isEqualTo(0.3);
        assertThat(json.get("tau_histogram").get(13).get("count").asInt()).isEqualTo(1);
        JsonNode perQuery = json.get("per_query");
        assertThat(perQuery).hasSize(2);
        assertThat(perQuery.get(0).get("query_id").asText()).isEqualTo("q2");
        assertThat(perQuery.get(1).get("kendall_tau_b").asDouble()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(perQuery.get(1).get("rbo_ext").asDouble()).isBetween(
                perQuery.get(1).get("rbo_min").asDouble(),
                perQuery.get(1).get("rbo_min").asDouble() + perQuery.get(1).get("rbo_residual").asDouble());
    }

    /** ρ of q2: ranks A (1, 2, 3), B (3, 1.5, 1.5) for x1, x2, x3: Σxy = −1.5, Σx² = 2, Σy² = 1.5. */
    private static final double RHO_Q2 = -1.5 / Math.sqrt(3);

    @Test
    void undefinedValuesAreEmptyInCsvAndNullInJson() throws Exception {
        Path a = file("one.trec", "q1 Q0 d1 1 1 t\nq1 Q0 d2 2 0.5 t\n");
        Path b = file("two.trec", "q1 Q0 d1 1 1 t\nq1 Q0 d9 2 0.5 t\n");
        Result csv = run("compare", a.toString(), b.toString(), "--format", "csv", "--per-query");
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.out().lines().toList().get(1)).startsWith("q1,2,2,1,,,");
        Result json = run("compare", a.toString(), b.toString(), "--format", "json");
        assertThat(new ObjectMapper().readTree(json.out()).get("means").get("kendall_tau_b").isNull()).isTrue();
        Result text = run("compare", a.toString(), b.toString());
        assertThat(text.out()).containsPattern("Kendall's tau-b +-\n")
                .contains("tau-b and rho are defined for 0 of 1 query");
    }

    @Test
    void aBadRunFileExitsTwoWithFileAndLine() throws Exception {
        Path[] r = runs();
        Path bad = file("bad.trec", "q1 Q0 d1 1 9 t\nq1 Q0 d2 2 high t\n");
        Result result = run("compare", r[0].toString(), bad.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).containsExactly(
                "rerank-workbench: error: " + bad + ":2: score \"high\" is not a number");
        Path dup = file("dup.trec", "q1 Q0 d1 1 9 t\nq1 Q0 d1 2 8 t\n");
        assertThat(run("compare", dup.toString(), r[1].toString()).errLines()).containsExactly(
                "rerank-workbench: error: " + dup + ":2: docno \"d1\" appears twice for query \"q1\" (first on line 1)");
    }

    @Test
    void badArgumentsExitTwo() throws Exception {
        Path[] r = runs();
        String a = r[0].toString();
        String b = r[1].toString();
        assertUsage(run("compare", a, dir.resolve("missing.trec").toString()), "missing.trec: no such file");
        assertUsage(run("compare", a, b, "--k", "-1"), "--k must be 0 (all) or more, was -1");
        assertUsage(run("compare", a, b, "--rbo-p", "1"), "--rbo-p must lie strictly between 0 and 1");
        assertUsage(run("compare", a, b, "--rbo-p", "0"), "--rbo-p must lie strictly between 0 and 1");
        assertUsage(run("compare", a, b, "--format", "xml"), "--format");
        assertUsage(run("compare", a), "give two run files, or a project file (.rwb) with --runs A,B");
        assertUsage(run("compare", a, b, "--runs", "1,2"), "--runs names rankings of a project");
        assertUsage(run("compare", a, b, "-o", dir.resolve("no/such/folder.csv").toString()), "does not exist");
        Path other = file("other.trec", "q9 Q0 d1 1 1 t\n");
        assertUsage(run("compare", a, other.toString()), "no query is in both runs (" + a + ": 3 queries, "
                + other + ": 1 query)");
    }

    private static void assertUsage(Result result, String message) {
        assertThat(result.code()).as(result.err()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.errLines().get(0)).startsWith("rerank-workbench: error: ").contains(message);
    }

    // ---- project mode

    /**
     * q1: candidates a b c d; run 1 mini orders a b c d, run 2 bge b a c d (τ 2/3). q2: x y z; run 1 mini x y z,
     * run 2 bge z y x (τ −1). q3: only a mini run. q4: no runs.
     */
    private Path project() throws Exception {
        Path file = dir.resolve("p.rwb");
        try (ProjectStore store = ProjectStore.create(file)) {
            StoredQuery q1 = store.addQuery("q1", "first");
            StoredQuery q2 = store.addQuery("q2", "second");
            StoredQuery q3 = store.addQuery("q3", "third");
            store.addQuery("q4", "nobody ran this");
            candidates(store, q1, "a", "b", "c", "d");
            candidates(store, q2, "x", "y", "z");
            candidates(store, q3, "s", "t");
            record(store, q1, "bi-encoder", "mini", 4, 3, 2, 1);
            record(store, q1, "cross-encoder", "bge", 3, 4, 2, 1);
            record(store, q2, "bi-encoder", "mini", 3, 2, 1);
            record(store, q2, "cross-encoder", "bge", 1, 2, 3);
            record(store, q3, "bi-encoder", "mini", 2, 1);
        }
        return file;
    }

    private static void candidates(ProjectStore store, StoredQuery q, String... ids) {
        List<NewCandidate> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(new NewCandidate(rows.size() + 1, id, null, "text of " + id, Double.NaN));
        }
        store.addCandidates(q.id(), rows, ImportProgress.NONE);
    }

    /** A completed run scoring the query's candidates (in their original order) with {@code scores}. */
    private static void record(ProjectStore store, StoredQuery q, String ranker, String model, double... scores) {
        List<Candidate> candidates = store.candidates(q.id()).stream().map(StoredCandidate::candidate).toList();
        List<DocumentScore> details = new ArrayList<>();
        for (double s : scores) {
            details.add(new DocumentScore(s, Double.NaN, 0, null));
        }
        Ranking ranking = new Ranking(new Query(q.externalId(), q.text()), Ranking.rank(candidates, details), ranker,
                model, Duration.ofMillis(5));
        store.recordRun(q.id(), ranking, null, null, Instant.now(), Instant.now(), RunStatus.COMPLETED);
    }

    @Test
    void overAProjectsRunsByModelName() throws Exception {
        Path project = project();
        Result result = run("compare", project.toString(), "--runs", "mini,bge", "--format", "json",
                "--per-query", "--k", "2");
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("project").asText()).isEqualTo(project.toString());
        assertThat(json.get("a").asText()).isEqualTo("mini");
        assertThat(json.get("b").asText()).isEqualTo("bge");
        assertThat(json.get("queries").get("compared").asInt()).isEqualTo(2);
        assertThat(json.get("queries").get("in_project").asInt()).isEqualTo(4);
        assertThat(json.get("means").get("kendall_tau_b").asDouble()).isCloseTo((2.0 / 3 - 1) / 2, within(EPS));
        // At 2: q1 {a,b} both ways (Jaccard 1); q2 {x,y} vs {z,y} (1/3).
        assertThat(json.get("means").get("jaccard_at_k").asDouble()).isCloseTo((1 + 1.0 / 3) / 2, within(EPS));
        assertThat(json.get("per_query").get(0).get("query_id").asText()).isEqualTo("q2");
        assertThat(json.get("per_query").get(0).get("kendall_tau_b").asDouble()).isEqualTo(-1.0);
    }

    @Test
    void overAProjectsRunsByNumberKindAndModelOrPseudoRun() throws Exception {
        Path project = project();
        Result byNumber = run("compare", project.toString(), "--runs", "1,run2");
        assertThat(byNumber.code()).as(byNumber.err()).isZero();
        assertThat(byNumber.out()).contains("Project: " + project, "A: run 1", "B: run 2",
                "Queries compared: 2 of 4 (the others lack one of the rankings)");
        Result byKind = run("compare", project.toString(), "--runs", "bi-encoder:mini,cross-encoder:bge");
        assertThat(byKind.code()).as(byKind.err()).isZero();
        assertThat(byKind.out().substring(byKind.out().indexOf("MEASURE")))
                .isEqualTo(byNumber.out().substring(byNumber.out().indexOf("MEASURE")));
        // The original order exists for every query with candidates; run 1 agrees with it in all three.
        Result original = run("compare", project.toString(), "--runs", "original,1", "--format", "csv");
        assertThat(original.code()).as(original.err()).isZero();
        String[] m = original.out().lines().toList().get(1).split(",", -1);
        assertThat(m[0]).isEqualTo("3");
        assertThat(m[6]).isEqualTo("1");
    }

    @Test
    void overAProjectsQueryAndItsVariant() throws Exception {
        Path project = project();
        try (ProjectStore store = ProjectStore.open(project)) {
            StoredQuery q1 = store.listQueries().get(0);
            VariantRepository variants = new VariantRepository(store);
            StoredVariant v = variants.add(q1.id(), "first of all");
            List<Candidate> candidates = store.candidates(q1.id()).stream().map(StoredCandidate::candidate).toList();
            List<DocumentScore> details = new ArrayList<>();
            for (double sc : new double[]{3, 4, 2, 1}) { // b a c d
                details.add(new DocumentScore(sc, Double.NaN, 0, null));
            }
            variants.recordRun(v.id(), new Ranking(v.toQuery(q1), Ranking.rank(candidates, details), "bi-encoder",
                    "mini", Duration.ofMillis(5)), null, null, Instant.now(), Instant.now(), RunStatus.COMPLETED);
        }
        Result byModel = run("compare", project.toString(), "--runs", "mini,v1:mini");
        assertThat(byModel.code()).as(byModel.err()).isZero();
        // only q1 has a variant: mini on "first" (a b c d) against mini on "first of all" (b a c d), τ 2/3
        assertThat(byModel.out()).contains("A: mini", "B: v1 · mini", "Queries compared: 1 of 4");
        Result byNumber = run("compare", project.toString(), "--runs", "1,v1.1", "--format", "json");
        assertThat(byNumber.code()).as(byNumber.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(byNumber.out());
        assertThat(json.get("b").asText()).isEqualTo("variant 1 · run 1");
        assertThat(json.get("means").get("kendall_tau_b").asDouble()).isCloseTo(2.0 / 3, within(EPS));
        assertUsage(run("compare", project.toString(), "--runs", "mini,v1:bge"),
                "none of the 4 queries of " + project + " has both a completed run of mini and a completed run of "
                        + "variant 1 by bge");
        assertUsage(run("compare", project.toString(), "--runs", "v0,mini"), "--runs: variant numbers start at 1");
    }

    @Test
    void projectErrorsExitTwo() throws Exception {
        Path project = project();
        assertUsage(run("compare", project.toString()), "--runs A,B must name two rankings of");
        assertUsage(run("compare", project.toString(), "--runs", "1"), "--runs A,B must name two rankings of");
        assertUsage(run("compare", project.toString(), "--runs", "1,0"), "--runs: run numbers start at 1");
        assertUsage(run("compare", project.toString(), "--runs", "mini,cohere"),
                "none of the 4 queries of " + project + " has both a completed run of mini and a completed run of "
                        + "cohere");
        assertUsage(run("compare", dir.resolve("missing.rwb").toString(), "--runs", "1,2"), "no such file");
        Path notAProject = file("fake.rwb", "not a database");
        Result r = run("compare", notAProject.toString(), "--runs", "1,2");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
    }
}
