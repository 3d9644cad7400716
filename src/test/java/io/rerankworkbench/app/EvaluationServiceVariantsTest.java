package io.rerankworkbench.app;

import io.rerankworkbench.app.EvaluationService.Metric;
import io.rerankworkbench.app.EvaluationService.PairTest;
import io.rerankworkbench.app.EvaluationService.QueryData;
import io.rerankworkbench.app.EvaluationService.Ranker;
import io.rerankworkbench.app.EvaluationService.RankerResult;
import io.rerankworkbench.app.EvaluationService.Report;
import io.rerankworkbench.app.EvaluationService.Request;
import io.rerankworkbench.app.EvaluationService.Snapshot;
import io.rerankworkbench.eval.metrics.Conventions;
import io.rerankworkbench.eval.metrics.Measure;
import io.rerankworkbench.eval.metrics.MeasureSpec;
import io.rerankworkbench.eval.metrics.Paired;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.testing.CompareFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Query variants in the Evaluate panel, over {@link CompareFixture}'s q1 (candidates a b c d, grades a=3 b=0 c=2, d
 * ungraded; m1 ranks a b c d, m2 c a b d) with two variants: 1 "grilled steak" ranked by m1 as b c a d, 2 "steak
 * recipes" ranked by m2 as d a c b. Each variant is judged by q1's grades.
 */
class EvaluationServiceVariantsTest {

    private static final MeasureSpec NDCG = MeasureSpec.of(Measure.NDCG_CUT, 10);
    /** trec_eval's ideal DCG@10 of q1: grades 3, 2, 0 in the best order. */
    private static final double IDEAL = 3 + 2 / log2(3) + 0 / log2(4);

    @TempDir
    Path dir;

    /**
     * @param q2 also grade q2 (y = 1; m1 ranks it y z x) and give it a variant 1 "frying pans" ranked by m1 as z y x
     */
    private Snapshot snapshot(boolean q2) {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            CompareFixture.fill(store);
            StoredVariant grilled = CompareFixture.variant(store, "q1", "grilled steak");
            CompareFixture.variantRun(store, grilled, "m1", Map.of("a", 0.2, "b", 0.9, "c", 0.8, "d", 0.1),
                    RunStatus.COMPLETED);
            StoredVariant recipes = CompareFixture.variant(store, "q1", "steak recipes");
            CompareFixture.variantRun(store, recipes, "m2", Map.of("a", 0.1, "b", 0.9, "c", 0.8, "d", 0.7),
                    RunStatus.COMPLETED); // replaced by the newer run below
            CompareFixture.variantRun(store, recipes, "m2", Map.of("a", 0.8, "b", 0.1, "c", 0.5, "d", 0.9),
                    RunStatus.COMPLETED);
            CompareFixture.variantRun(store, recipes, "m2", Map.of("a", 0.0, "b", 0.9, "c", 0.0, "d", 0.0),
                    RunStatus.FAILED); // not a ranking to evaluate
            if (q2) {
                CompareFixture.grade(store, "q2", "y", 1, "ann");
                StoredVariant pans = CompareFixture.variant(store, "q2", "frying pans");
                CompareFixture.variantRun(store, pans, "m1", Map.of("x", 0.1, "y", 0.5, "z", 0.9),
                        RunStatus.COMPLETED);
            }
            return new EvaluationService(() -> store).load(CancellationToken.NONE);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Ranker ranker(Snapshot s, String label) {
        return s.rankers().stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void eachVariantsNewestRunOfARankerIsARankerOfItsOwn() {
        Snapshot s = snapshot(false);
        assertThat(s.rankers()).extracting(Ranker::label).containsExactly("m1", "m2", "v1 · m1", "v2 · m2",
                "Original order");
        assertThat(ranker(s, "v1 · m1").ref()).isEqualTo(RankingRef.variant(1, "local bi-encoder", "m1"));
        QueryData q1 = s.query("q1").orElseThrow();
        assertThat(q1.variants()).containsExactly(Map.entry(1, "grilled steak"), Map.entry(2, "steak recipes"));
        assertThat(q1.textFor(ranker(s, "v2 · m2"))).isEqualTo("steak recipes");
        assertThat(q1.textFor(ranker(s, "m2"))).isEqualTo("steak");
    }

    @Test
    void aVariantIsJudgedByItsQuerysGrades() {
        Snapshot s = snapshot(false);
        Report r = EvaluationService.evaluate(s, Request.defaults(s), CancellationToken.NONE);
        // m1, the query's own text: a b c d → 3 + 0 + 2/log2 4
        assertThat(value(r, s, "m1")).isCloseTo((3 + 2 / log2(4)) / IDEAL, within(1e-12));
        // variant 1 by m1: b c a d → 0 + 2/log2 3 + 3/log2 4
        assertThat(value(r, s, "v1 · m1")).isCloseTo((2 / log2(3) + 3 / log2(4)) / IDEAL, within(1e-12));
        // variant 2 by m2, its newest completed run: d a c b → 0 + 3/log2 3 + 2/log2 4
        assertThat(value(r, s, "v2 · m2")).isCloseTo((3 / log2(3) + 2 / log2(4)) / IDEAL, within(1e-12));
        assertThat(value(r, s, "v1 · m1")).isCloseTo(0.648040, within(1e-6));
        // the per-query table reads each ranker's value of q1 side by side
        RankerResult v1 = r.result(ranker(s, "v1 · m1")).orElseThrow();
        assertThat(v1.evaluation().value("q1", NDCG)).isCloseTo(0.648040, within(1e-6));
        assertThat(v1.coverage().get("q1")).isCloseTo(0.3, within(1e-12));
        // its scores and the query's grades, for the score histogram: b 0.9 (0), c 0.8 (2), a 0.2 (3), d 0.1 (none)
        assertThat(EvaluationService.scores(s, r, ranker(s, "v1 · m1"))).extracting(g -> g.score() + "/" + g.grade())
                .containsExactly("0.9/0", "0.8/2", "0.2/3", "0.1/null");
    }

    @Test
    void aVariantRankerCountsOnlyTheQueriesThatHaveTheVariant() {
        Snapshot s = snapshot(true);
        for (Conventions c : new Conventions[]{Conventions.TREC_EVAL,
                Conventions.TREC_EVAL.withCompleteQueries(true)}) {
            Request request = new Request(s.rankers(), null, GradeChoice.NEWEST, 10, c);
            Report r = EvaluationService.evaluate(s, request, CancellationToken.NONE);
            assertThat(r.queries()).containsExactly("q1", "q2");
            // variant 2 exists for q1 only: its mean is q1's value, with or without -c, and q2 is not missing from it
            RankerResult v2 = r.result(ranker(s, "v2 · m2")).orElseThrow();
            assertThat(v2.evaluation().numQueries()).as(c.toString()).isEqualTo(1);
            assertThat(v2.evaluation().missing()).isEmpty();
            assertThat(v2.evaluation().all(NDCG)).isCloseTo((3 / log2(3) + 2 / log2(4)) / IDEAL, within(1e-12));
            assertThat(v2.evaluation().value("q2", NDCG)).isNaN();
            // variant 1 exists for both: q2's "frying pans" by m1 ranks z y x → (1/log2 3) / 1
            RankerResult v1 = r.result(ranker(s, "v1 · m1")).orElseThrow();
            assertThat(v1.evaluation().numQueries()).isEqualTo(2);
            assertThat(v1.evaluation().value("q2", NDCG)).isCloseTo(1 / log2(3), within(1e-12));
            // m2 has no run of q2: with -c it counts 0 there, as before
            RankerResult m2 = r.result(ranker(s, "m2")).orElseThrow();
            assertThat(m2.evaluation().numQueries()).isEqualTo(c.completeQueries() ? 2 : 1);
        }
    }

    @Test
    void pairedTestsPairOnlyTheQueriesBothRankersHave() {
        Snapshot s = snapshot(true);
        Metric ndcg = EvaluationService.metrics(10).get(0);
        for (Conventions c : new Conventions[]{Conventions.TREC_EVAL,
                Conventions.TREC_EVAL.withCompleteQueries(true)}) {
            Request request = new Request(s.rankers(), null, GradeChoice.NEWEST, 10, c);
            Report r = EvaluationService.evaluate(s, request, CancellationToken.NONE);
            RankerResult m1 = r.result(ranker(s, "m1")).orElseThrow();
            RankerResult v2 = r.result(ranker(s, "v2 · m2")).orElseThrow();
            // q2 has no variant 2: it is not paired, not even as a 0 under -c
            assertThat(Paired.of(m1.evaluation(), v2.evaluation(), NDCG).queries()).as(c.toString())
                    .containsExactly("q1");
            assertThat(EvaluationService.compare(r, ranker(s, "m1"), ranker(s, "v2 · m2"), ndcg)).isEmpty();
            // the query's text against variant 1 by the same model, on both queries
            Optional<PairTest> t = EvaluationService.compare(r, ranker(s, "m1"), ranker(s, "v1 · m1"), ndcg);
            assertThat(t).isPresent();
            assertThat(t.get().paired().queries()).containsExactly("q1", "q2");
            assertThat(t.get().paired().a()[0]).isCloseTo((3 + 2 / log2(4)) / IDEAL, within(1e-12));
            assertThat(t.get().paired().a()[1]).isCloseTo(1.0, within(1e-12));
            assertThat(t.get().paired().b()[1]).isCloseTo(1 / log2(3), within(1e-12));
            assertThat(t.get().winTieLoss().wins()).isEqualTo(2); // the query's own text does better on both
        }
    }

    private static double value(Report r, Snapshot s, String label) {
        return r.result(ranker(s, label)).orElseThrow().evaluation().all(NDCG);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
