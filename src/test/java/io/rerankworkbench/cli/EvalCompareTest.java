package io.rerankworkbench.cli;

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
    void compareNeedsTwoRunsAndTrecFormat() throws Exception {
        Path qrels = file("q.qrels", "q1 0 d1 1\n");
        Path a = file("a.run", "q1 Q0 d1 1 2 a\n");
        Result one = CliRun.run(new FakeGui(), "eval", "--qrels", qrels.toString(), a.toString(), "--compare");
        assertThat(one.code()).isEqualTo(2);
        assertThat(one.err()).contains("--compare needs two or more runs");
        Result json = CliRun.run(new FakeGui(), "eval", "--qrels", qrels.toString(), a.toString(), a.toString(),
                "--compare", "--format", "json");
        assertThat(json.code()).isEqualTo(2);
        assertThat(json.err()).contains("use it with --format trec");
    }
}
