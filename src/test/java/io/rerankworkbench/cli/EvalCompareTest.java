package io.rerankworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rerankworkbench.cli.CliRun.FakeGui;
import io.rerankworkbench.cli.CliRun.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code eval --compare}: the paired tests between runs, on cases small enough to work out by hand. */
class EvalCompareTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static List<String> table(Result r) {
        List<String> lines = r.out().lines().toList();
        int header = lines.indexOf(String.join("\t", EvalComparison.COLUMNS));
        assertThat(header).as(r.out()).isPositive();
        return lines.subList(header + 1, lines.size());
    }

    /**
     * Three queries, d1 relevant in each: A ranks it first every time (P_1 = 1), B never (P_1 = 0). The exact
     * randomization test has 8 sign patterns and only the two with all signs equal are as extreme: p = 2/8. Every
     * difference is the same, so the t statistic is infinite and p_t = 0; A wins all three.
     */
    @Test
    void twoRunsArePairedQueryByQuery() throws Exception {
        Path qrels = file("q.qrels", "q1 0 d1 1\nq1 0 d2 0\nq2 0 d1 1\nq2 0 d2 0\nq3 0 d1 2\nq3 0 d2 0\n");
        Path a = file("a.run", "q1 Q0 d1 1 2 a\nq1 Q0 d2 2 1 a\nq2 Q0 d1 1 2 a\nq2 Q0 d2 2 1 a\n"
                + "q3 Q0 d1 1 2 a\nq3 Q0 d2 2 1 a\n");
        Path b = file("b.run", "q1 Q0 d2 1 2 b\nq1 Q0 d1 2 1 b\nq2 Q0 d2 1 2 b\nq2 Q0 d1 2 1 b\n"
                + "q3 Q0 d2 1 2 b\nq3 Q0 d1 2 1 b\n");
        Result r = CliRun.run(new FakeGui(), "eval", "--qrels", qrels.toString(), a.toString(), b.toString(),
                "-m", "P_1", "--compare");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(table(r)).containsExactly(String.join("\t", a.toString(), b.toString(), "P_1", "3", "1.0000",
                "0.0000", "-1.0000", "0.2500", "0.0000", "3", "0", "0", ""));
        assertThat(r.out()).contains("one pair: no correction needed");
    }

    @Test
    void threeRunsGetHolmsCorrectionAndAreSaidToBeUncorrectedOtherwise() throws Exception {
        Path qrels = file("q.qrels", "q1 0 d1 1\nq2 0 d1 1\nq3 0 d1 1\n");
        String first = "q1 Q0 d1 1 2 x\nq1 Q0 d2 2 1 x\nq2 Q0 d1 1 2 x\nq2 Q0 d2 2 1 x\nq3 Q0 d1 1 2 x\n"
                + "q3 Q0 d2 2 1 x\n";
        String last = "q1 Q0 d2 1 2 y\nq1 Q0 d1 2 1 y\nq2 Q0 d2 1 2 y\nq2 Q0 d1 2 1 y\nq3 Q0 d2 1 2 y\n"
                + "q3 Q0 d1 2 1 y\n";
        Path a = file("a.run", first);
        Path b = file("b.run", first);
        Path c = file("c.run", last);
        Result r = CliRun.run(new FakeGui(), "eval", "--qrels", qrels.toString(), a.toString(), b.toString(),
                c.toString(), "-m", "P_1", "--compare");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> rows = table(r);
        assertThat(rows).hasSize(3);
        // a = b: p = 1; a and b against c: p = 0.25 each. Holm: sorted 0.25, 0.25, 1 → 0.75, 0.5→0.75 (monotone), 1.
        assertThat(rows.get(0).split("\t")).endsWith("1.0000", "1.0000", "0", "3", "0", "1.0000");
        assertThat(rows.get(1).split("\t")).endsWith("0.2500", "0.0000", "3", "0", "0", "0.7500");
        assertThat(rows.get(2).split("\t")).endsWith("0.2500", "0.0000", "3", "0", "0", "0.7500");
        assertThat(r.out()).contains("p_randomization and p_t are uncorrected");
    }

    @Test
    void compareNeedsTwoRuns() throws Exception {
        Path qrels = file("q.qrels", "q1 0 d1 1\n");
        Path a = file("a.run", "q1 Q0 d1 1 2 a\n");
        Result one = CliRun.run(new FakeGui(), "eval", "--qrels", qrels.toString(), a.toString(), "--compare");
        assertThat(one.code()).isEqualTo(2);
        assertThat(one.err()).contains("--compare needs two or more runs");
    }

    /** The two-run case above as CSV: one header, one row per pair and measure, numbers in full precision. */
    @Test
    void csvIsTheComparisonTableAlone() throws Exception {
        Path[] files = twoRuns();
        Result r = CliRun.run(new FakeGui(), "eval", "--qrels", files[0].toString(), files[1].toString(),
                files[2].toString(), "-m", "P_1", "-m", "P_2", "--compare", "--format", "csv");
        assertThat(r.code()).as(r.err()).isZero();
        // P_2: each run has d1 in its top 2 (P_2 = 0.5 for both): no difference, p = 1, the t-test undefined
        // (all differences 0: p = 1 by convention of PairedTTest), three ties.
        assertThat(r.out().lines().toList()).containsExactly(
                "run_a,run_b,measure,queries,mean_a,mean_b,difference,p_randomization,p_t,a_wins,ties,b_wins,p_holm",
                String.join(",", files[1].toString(), files[2].toString(), "P_1", "3", "1.0", "0.0", "-1.0", "0.25",
                        "0.0", "3", "0", "0", ""),
                String.join(",", files[1].toString(), files[2].toString(), "P_2", "3", "0.5", "0.5", "0.0", "1.0",
                        PT_EQUAL, "0", "3", "0", ""));
    }

    /** JSON: the measures as without --compare, plus "comparisons" with the same fields as numbers. */
    @Test
    void jsonAddsTheComparisonsAsNumbers() throws Exception {
        Path qrels = file("q.qrels", "q1 0 d1 1\nq2 0 d1 1\nq3 0 d1 1\n");
        String first = "q1 Q0 d1 1 2 x\nq1 Q0 d2 2 1 x\nq2 Q0 d1 1 2 x\nq2 Q0 d2 2 1 x\nq3 Q0 d1 1 2 x\n"
                + "q3 Q0 d2 2 1 x\n";
        String last = "q1 Q0 d2 1 2 y\nq1 Q0 d1 2 1 y\nq2 Q0 d2 1 2 y\nq2 Q0 d1 2 1 y\nq3 Q0 d2 1 2 y\n"
                + "q3 Q0 d1 2 1 y\n";
        Path a = file("a.run", first);
        Path c = file("c.run", last);
        Result two = CliRun.run(new FakeGui(), "eval", "--qrels", qrels.toString(), a.toString(), c.toString(),
                "-m", "P_1", "--compare", "--format", "json");
        assertThat(two.code()).as(two.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(two.out());
        assertThat(root.get("runs")).hasSize(2);
        assertThat(root.get("runs").get(0).get("all").get("P_1").asDouble()).isEqualTo(1.0);
        JsonNode pair = root.get("comparisons").get(0);
        assertThat(root.get("comparisons")).hasSize(1);
        assertThat(pair.get("run_a").asText()).isEqualTo(a.toString());
        assertThat(pair.get("run_b").asText()).isEqualTo(c.toString());
        assertThat(pair.get("measure").asText()).isEqualTo("P_1");
        assertThat(pair.get("queries").isInt()).isTrue();
        assertThat(pair.get("queries").asInt()).isEqualTo(3);
        assertThat(pair.get("mean_a").isNumber()).isTrue();
        assertThat(pair.get("mean_a").asDouble()).isEqualTo(1.0);
        assertThat(pair.get("mean_b").asDouble()).isEqualTo(0.0);
        assertThat(pair.get("difference").asDouble()).isEqualTo(-1.0);
        assertThat(pair.get("p_randomization").isNumber()).isTrue();
        assertThat(pair.get("p_randomization").asDouble()).isEqualTo(0.25);
        assertThat(pair.get("p_t").asDouble()).isEqualTo(0.0);
        assertThat(pair.get("a_wins").asInt()).isEqualTo(3);
        assertThat(pair.get("ties").asInt()).isZero();
        assertThat(pair.get("b_wins").asInt()).isZero();
        assertThat(pair.get("p_holm").isNull()).as("one pair: Holm not applied").isTrue();

        Path b = file("b.run", first);
        Result three = CliRun.run(new FakeGui(), "eval", "--qrels", qrels.toString(), a.toString(), b.toString(),
                c.toString(), "-m", "P_1", "--compare", "--format", "json");
        assertThat(three.code()).as(three.err()).isZero();
        JsonNode pairs = new ObjectMapper().readTree(three.out()).get("comparisons");
        assertThat(pairs).hasSize(3);
        // as in the trec table above: a = b (p = 1), a and b against c (p = 0.25); Holm 1, 0.75, 0.75
        assertThat(pairs.get(0).get("p_randomization").asDouble()).isEqualTo(1.0);
        assertThat(pairs.get(0).get("p_holm").asDouble()).isEqualTo(1.0);
        assertThat(pairs.get(0).get("ties").asInt()).isEqualTo(3);
        assertThat(pairs.get(1).get("p_holm").asDouble()).isEqualTo(0.75);
        assertThat(pairs.get(2).get("run_a").asText()).isEqualTo(b.toString());
        assertThat(pairs.get(2).get("p_holm").asDouble()).isEqualTo(0.75);
    }

    /** With one query shared, the t-test is undefined: empty in CSV, null in JSON. */
    @Test
    void undefinedValuesAreEmptyInCsvAndNullInJson() throws Exception {
        Path qrels = file("q.qrels", "q1 0 d1 1\n");
        Path a = file("a.run", "q1 Q0 d1 1 2 a\nq1 Q0 d2 2 1 a\n");
        Path b = file("b.run", "q1 Q0 d2 1 2 b\nq1 Q0 d1 2 1 b\n");
        Result csv = CliRun.run(new FakeGui(), "eval", "--qrels", qrels.toString(), a.toString(), b.toString(),
                "-m", "P_1", "--compare", "--format", "csv");
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.out().lines().toList().get(1)).isEqualTo(String.join(",", a.toString(), b.toString(), "P_1",
                "1", "1.0", "0.0", "-1.0", "1.0", "", "1", "0", "0", ""));
        Result json = CliRun.run(new FakeGui(), "eval", "--qrels", qrels.toString(), a.toString(), b.toString(),
                "-m", "P_1", "--compare", "--format", "json");
        JsonNode pair = new ObjectMapper().readTree(json.out()).get("comparisons").get(0);
        assertThat(pair.get("p_t").isNull()).isTrue();
        assertThat(pair.get("p_randomization").asDouble()).isEqualTo(1.0);
    }

    private Path[] twoRuns() throws Exception {
        Path qrels = file("q.qrels", "q1 0 d1 1\nq1 0 d2 0\nq2 0 d1 1\nq2 0 d2 0\nq3 0 d1 2\nq3 0 d2 0\n");
        Path a = file("a.run", "q1 Q0 d1 1 2 a\nq1 Q0 d2 2 1 a\nq2 Q0 d1 1 2 a\nq2 Q0 d2 2 1 a\n"
                + "q3 Q0 d1 1 2 a\nq3 Q0 d2 2 1 a\n");
        Path b = file("b.run", "q1 Q0 d2 1 2 b\nq1 Q0 d1 2 1 b\nq2 Q0 d2 1 2 b\nq2 Q0 d1 2 1 b\n"
                + "q3 Q0 d2 1 2 b\nq3 Q0 d1 2 1 b\n");
        return new Path[]{qrels, a, b};
    }

    private static final String PT_EQUAL = "1.0";
}
