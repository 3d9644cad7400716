package io.rerankworkbench.cli;

import io.rerankworkbench.cli.CliRun.FakeGui;
import io.rerankworkbench.cli.CliRun.Result;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.testing.CompareFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
    void withoutRunsEveryRankerAndTheOriginalOrder() throws Exception {
        Path p = project();
        Result r = CliRun.run(new FakeGui(), "eval", p.toString(), "-m", "ndcg_cut_10");
        assertThat(r.code()).as(r.err()).isZero();
        // the original order is a b c d, as m1 ranks q1
        assertThat(r.out().lines().map(l -> l.replaceAll("\\s+", " ").strip()).toList()).containsExactly(
                "runid all m1", "num_q all 1", "ndcg_cut_10 all 0.9386",
                "runid all m2", "num_q all 1", "ndcg_cut_10 all 0.9134",
                "runid all Original order", "num_q all 1", "ndcg_cut_10 all 0.9386");
    }

    /**
     * q1 with variant 1 "grilled steak" ranked by m1 as b c a d, variant 2 "steak recipes" ranked by m2 as d a c b;
     * with {@code q2}, q2 graded y = 1 and no variant (m1 ranks it y z x).
     */
    private Path projectWithVariants(boolean q2) throws Exception {
        Path file = project();
        try (ProjectStore store = ProjectStore.open(file)) {
            StoredVariant grilled = CompareFixture.variant(store, "q1", "grilled steak");
            CompareFixture.variantRun(store, grilled, "m1", Map.of("a", 0.2, "b", 0.9, "c", 0.8, "d", 0.1),
                    RunStatus.COMPLETED);
            StoredVariant recipes = CompareFixture.variant(store, "q1", "steak recipes");
            CompareFixture.variantRun(store, recipes, "m2", Map.of("a", 0.8, "b", 0.1, "c", 0.5, "d", 0.9),
                    RunStatus.COMPLETED);
            if (q2) {
                CompareFixture.grade(store, "q2", "y", 1, "ann");
            }
        }
        return file;
    }

    @Test
    void aQuerysVariantsAreRankersOfTheirOwn() throws Exception {
        Path p = projectWithVariants(false);
        Result r = CliRun.run(new FakeGui(), "eval", p.toString(), "-m", "ndcg_cut_10");
        assertThat(r.code()).as(r.err()).isZero();
        // ideal 3 + 2/log2 3 = 4.26186; v1 b c a d: 2/log2 3 + 3/2 = 2.76186 → 0.64804; v2 d a c b: 3/log2 3 + 1 →
        // 0.67876
        assertThat(r.out().lines().map(l -> l.replaceAll("\\s+", " ").strip()).toList()).containsExactly(
                "runid all m1", "num_q all 1", "ndcg_cut_10 all 0.9386",
                "runid all m2", "num_q all 1", "ndcg_cut_10 all 0.9134",
                "runid all v1 · m1", "num_q all 1", "ndcg_cut_10 all 0.6480",
                "runid all v2 · m2", "num_q all 1", "ndcg_cut_10 all 0.6788",
                "runid all Original order", "num_q all 1", "ndcg_cut_10 all 0.9386");
        Result named = CliRun.run(new FakeGui(), "eval", p.toString(), "--runs", "v1:m1,v2.1,v2", "-m",
                "ndcg_cut_10");
        assertThat(named.code()).as(named.err()).isZero();
        assertThat(named.out().lines().filter(l -> l.startsWith("ndcg")).map(l -> l.replaceAll(".*\\s", "")))
                .containsExactly("0.6480", "0.6788", "0.6788");
    }

    @Test
    void withCompleteQueriesAVariantCountsOnlyTheQueriesThatHaveIt() throws Exception {
        Path p = projectWithVariants(true);
        Result r = CliRun.run(new FakeGui(), "eval", p.toString(), "--runs", "m2,v1:m1", "-m", "ndcg_cut_10", "-c");
        assertThat(r.code()).as(r.err()).isZero();
        // m2 has no run of q2: it counts 0 there (-c); q2 has no variant 1: v1 is judged on q1 alone
        assertThat(r.out().lines().map(l -> l.replaceAll("\\s+", " ").strip()).toList()).containsExactly(
                "runid all m2", "num_q all 2", "ndcg_cut_10 all 0.4567",
                "runid all v1 · m1", "num_q all 1", "ndcg_cut_10 all 0.6480");
    }

    /**
     * A second annotator, bo, grades q1's a = 0 (now the newest grade of a) and d = 2, and q2's y = 1. Per document:
     * newest a0 b0 c2 d2; mean a2 (3 and 0 → 1.5 → 2) b0 c2 d2; max a3 b0 c2 d2; ann a3 b0 c2; bo a0 d2.
     */
    @Test
    void gradesRuleOrOneAnnotator() throws Exception {
        Path p = project();
        try (ProjectStore store = ProjectStore.open(p)) {
            CompareFixture.grade(store, "q1", "a", 0, "bo");
            CompareFixture.grade(store, "q1", "d", 2, "bo");
            CompareFixture.grade(store, "q2", "y", 1, "bo");
        }
        // ann: q1 only, as before the second annotator
        assertThat(ndcg(p, "ann")).containsExactly("0.9386", "0.9134");
        // bo: q1 m1 a b c d → d at 4: (2/log2 5)/2 = 0.43068; q2 m1 y z x → 1; m2 has no run of q2
        assertThat(ndcg(p, "bo")).containsExactly("0.7153", "0.4307");
        // max: m1 (3 + 1 + 2/log2 5)/(3 + 2/log2 3 + 1) = 0.92388 on q1, 1 on q2 (y = 1 from bo)
        assertThat(ndcg(p, "max")).containsExactly("0.9619", "0.9035");
        // newest and mean differ only in a: 0 (bo's, the newest) against 2 (3 and 0 → 1.5, rounded half up)
        assertThat(ndcg(p, "newest")).containsExactly("0.7853", "0.8772");
        assertThat(ndcg(p, "mean")).containsExactly("0.9530", "0.9675");
    }

    private List<String> ndcg(Path p, String grades) {
        Result r = CliRun.run(new FakeGui(), "eval", p.toString(), "--runs", "m1,m2", "--grades", grades, "-m",
                "ndcg_cut_10");
        assertThat(r.code()).as(r.err()).isZero();
        return r.out().lines().filter(l -> l.startsWith("ndcg_cut_10")).map(l -> l.replaceAll(".*\\s", ""))
                .toList();
    }

    @Test
    void mistakesExitWith2() throws Exception {
        Path p = project();
        Result blankGrades = CliRun.run(new FakeGui(), "eval", p.toString(), "--grades", " ");
        assertThat(blankGrades.code()).isEqualTo(2);
        assertThat(blankGrades.err()).contains("--grades is empty");
        Result nobody = CliRun.run(new FakeGui(), "eval", p.toString(), "--grades", "zoe");
        assertThat(nobody.code()).isEqualTo(2);
        assertThat(nobody.err()).contains("has no grades to evaluate against from zoe's grades");
        Result gradesWithFiles = CliRun.run(new FakeGui(), "eval", "a.run", "--qrels", "x.qrels", "--grades",
                "max");
        assertThat(gradesWithFiles.code()).isEqualTo(2);
        assertThat(gradesWithFiles.err()).contains("--grades goes with a project file");
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
