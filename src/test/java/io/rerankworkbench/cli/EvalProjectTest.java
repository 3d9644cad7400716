package io.rerankworkbench.cli;

import io.rerankworkbench.cli.CliRun.FakeGui;
import io.rerankworkbench.cli.CliRun.Result;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.testing.CompareFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code eval PROJECT.rwb --runs …} over the hand-worked project of {@link CompareFixture}: only q1 has grades
 * (a=3, b=0, c=2; d ungraded); m1 ranks a b c d, m2 c a b d.
 */
class EvalProjectTest {

    @TempDir
    Path dir;

    private Path project() throws Exception {
        Path file = dir.resolve("p.rwb");
        try (ProjectStore store = ProjectStore.create(file)) {
            CompareFixture.fill(store);
        }
        return file;
    }

    @Test
    void aProjectsRunsAgainstItsOwnGrades() throws Exception {
        Path p = project();
        Result r = CliRun.run(new FakeGui(), "eval", p.toString(), "--runs", "m1,m2", "-m", "ndcg_cut_10", "-m",
                "P_1");
        assertThat(r.code()).as(r.err()).isZero();
        // Measures in trec_eval's order. m1: DCG = 3 + 0 + 2/log2(4) = 4; ideal 3 + 2/log2(3) = 4.26186 → 0.93856.
        // m2: DCG = 2 + 3/log2(3) = 3.89279 → 0.91340.
        assertThat(r.out().lines().map(l -> l.replaceAll("\\s+", " ").strip()).toList()).containsExactly(
                "runid all m1", "num_q all 1", "P_1 all 1.0000", "ndcg_cut_10 all 0.9386",
                "runid all m2", "num_q all 1", "P_1 all 1.0000", "ndcg_cut_10 all 0.9134");
    }

    @Test
    void mistakesExitWith2() throws Exception {
        Path p = project();
        Result noRuns = CliRun.run(new FakeGui(), "eval", p.toString());
        assertThat(noRuns.code()).isEqualTo(2);
        assertThat(noRuns.err()).contains("a project needs --runs");
        Result unknown = CliRun.run(new FakeGui(), "eval", p.toString(), "--runs", "m9");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("none of the 1 graded queries of").contains("has m9");
        Result qrels = CliRun.run(new FakeGui(), "eval", p.toString(), "--runs", "m1", "--qrels", "x.qrels");
        assertThat(qrels.code()).isEqualTo(2);
        assertThat(qrels.err()).contains("--qrels goes with run files");
        Result files = CliRun.run(new FakeGui(), "eval", "a.run", "--runs", "m1");
        assertThat(files.code()).isEqualTo(2);
        assertThat(files.err()).contains("Missing required option: '--qrels=QRELS'");
    }
}
