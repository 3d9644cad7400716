package io.rerankworkbench.app;

import io.rerankworkbench.eval.plot.QueryGrades;
import io.rerankworkbench.eval.plot.GradedScore;
import io.rerankworkbench.app.EvaluationService.Metric;
import io.rerankworkbench.app.EvaluationService.PairTest;
import io.rerankworkbench.app.EvaluationService.Ranker;
import io.rerankworkbench.app.EvaluationService.RankerResult;
import io.rerankworkbench.app.EvaluationService.Report;
import io.rerankworkbench.app.EvaluationService.Request;
import io.rerankworkbench.app.EvaluationService.Snapshot;
import io.rerankworkbench.eval.metrics.Conventions;
import io.rerankworkbench.eval.metrics.Measure;
import io.rerankworkbench.eval.metrics.MeasureSpec;
import io.rerankworkbench.io.exports.GradeRule;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.store.Judgment;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.testing.CompareFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The Evaluate panel's numbers over {@link CompareFixture} (q1 graded a=3 b=0 c=2, d ungraded; m1 ranks q1 a b c d,
 * m2 c a b d; q2 and q3 ungraded) plus a second annotator, bo, who grades q1's d = 2 and q2's y = 1.
 */
class EvaluationServiceTest {

    @TempDir
    Path dir;

    private Snapshot snapshot(boolean secondAnnotator) {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            CompareFixture.fill(store);
            if (secondAnnotator) {
                CompareFixture.grade(store, "q1", "d", 2, "bo");
                CompareFixture.grade(store, "q2", "y", 1, "bo");
            }
            return new EvaluationService(() -> store).load(CancellationToken.NONE);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void loadsGradedQueriesTheirRunsAndTheRankers() {
        Snapshot s = snapshot(false);
        assertThat(s.queries()).extracting(EvaluationService.QueryData::id).containsExactly("q1");
        assertThat(s.ungraded()).isEqualTo(2);
        assertThat(s.rankers()).extracting(Ranker::label).containsExactly("m1", "m2", "Original order");
        assertThat(s.annotators()).containsExactly("ann");
        assertThat(s.query("q1").orElseThrow().candidates()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void meansIntervalsCoverageAndCurve() {
        Snapshot s = snapshot(false);
        Report r = EvaluationService.evaluate(s, Request.defaults(s), CancellationToken.NONE);
        assertThat(r.queries()).containsExactly("q1");
        assertThat(r.metrics()).extracting(Metric::name).containsExactly("nDCG@10", "P@10", "R@10", "MRR", "AP",
                "AP@10", "Success@10", "Judged@10");
        RankerResult m1 = r.results().get(0);
        RankerResult m2 = r.results().get(1);
        MeasureSpec ndcg = MeasureSpec.of(Measure.NDCG_CUT, 10);
        assertThat(m1.evaluation().all(ndcg)).isCloseTo(0.938557, within(1e-6));
        assertThat(m2.evaluation().all(ndcg)).isCloseTo(0.913402, within(1e-6));
        // one query: the interval is the point itself
        assertThat(m1.intervals().get(ndcg).lower()).isCloseTo(0.938557, within(1e-6));
        assertThat(m1.intervals().get(ndcg).upper()).isCloseTo(0.938557, within(1e-6));
        // three of the four retrieved documents are judged; judged@10 divides by 10 (trec_eval's convention)
        assertThat(m1.coverage().get("q1")).isCloseTo(0.3, within(1e-12));
        assertThat(m1.lowCoverageQueries()).isEqualTo(1);
        // m2 ranks c a b d: nDCG@1 = 2/3 (c=2 against a=3 first in the ideal order)
        assertThat(m2.curve()).hasSize(EvaluationService.CURVE_DEPTH);
        assertThat(m2.curve()[0]).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(m2.curve()[19]).isCloseTo(0.913402, within(1e-6));
        // the original order a b c d is m1's
        assertThat(r.results().get(2).evaluation().all(ndcg)).isCloseTo(0.938557, within(1e-6));
    }

    @Test
    void condensedListsStillReportCoverageOfTheUncondensedTopK() {
        Snapshot s = snapshot(false);
        Request r = new Request(s.rankers(), null, GradeChoice.NEWEST, 10,
                Conventions.TREC_EVAL.withJudgedOnly(true));
        Report report = EvaluationService.evaluate(s, r, CancellationToken.NONE);
        MeasureSpec judged = MeasureSpec.of(Measure.JUDGED, 10);
        // condensed, d is gone: 3 judged of 10
        assertThat(report.results().get(0).evaluation().all(judged)).isCloseTo(0.3, within(1e-12));
        assertThat(report.results().get(0).coverage().get("q1")).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void conventionsChangeTheNumbersWithoutReadingAgain() {
        Snapshot s = snapshot(false);
        MeasureSpec ndcg = MeasureSpec.of(Measure.NDCG_CUT, 10);
        Request exp = new Request(s.rankers(), null, GradeChoice.NEWEST, 10,
                Conventions.TREC_EVAL.withGain(Conventions.Gain.EXPONENTIAL));
        // m2 c a b d with gains 2^g − 1: c 3, a 7 → (3 + 7/log2 3) / (7 + 3/log2 3) = 7.4165 / 8.8928
        double value = EvaluationService.evaluate(s, exp, CancellationToken.NONE).results().get(1).evaluation()
                .all(ndcg);
        assertThat(value).isCloseTo((3 + 7 / log2(3)) / (7 + 3 / log2(3)), within(1e-9));
    }

    @Test
    void anAnnotatorsGradesAndQueriesWithoutARun() {
        Snapshot s = snapshot(true);
        assertThat(s.annotators()).containsExactly("ann", "bo");
        assertThat(s.queries()).extracting(EvaluationService.QueryData::id).containsExactly("q1", "q2");
        MeasureSpec ndcg = MeasureSpec.of(Measure.NDCG_CUT, 10);
        Request bo = new Request(s.rankers(), null, GradeChoice.annotator("bo"), 10, Conventions.TREC_EVAL);
        Report r = EvaluationService.evaluate(s, bo, CancellationToken.NONE);
        assertThat(r.qrels()).containsExactly(Map.entry("q1", Map.of("d", 2)), Map.entry("q2", Map.of("y", 1)));
        // m2 has no run of q2: left out of its mean, or 0 with -c
        RankerResult m2 = r.results().get(1);
        assertThat(m2.evaluation().numQueries()).isEqualTo(1);
        assertThat(m2.evaluation().all(ndcg)).isCloseTo(1 / log2(5), within(1e-9));
        Request complete = new Request(s.rankers(), null, GradeChoice.annotator("bo"), 10,
                Conventions.TREC_EVAL.withCompleteQueries(true));
        RankerResult m2c = EvaluationService.evaluate(s, complete, CancellationToken.NONE).results().get(1);
        assertThat(m2c.evaluation().numQueries()).isEqualTo(2);
        assertThat(m2c.evaluation().all(ndcg)).isCloseTo(1 / log2(5) / 2, within(1e-9));
        // a subset of queries
        Request onlyQ2 = new Request(s.rankers(), Set.of("q2"), GradeChoice.NEWEST, 10, Conventions.TREC_EVAL);
        assertThat(EvaluationService.evaluate(s, onlyQ2, CancellationToken.NONE).queries()).containsExactly("q2");
    }

    @Test
    void pairedTestsAndHolmOverThreeRankers() {
        Snapshot s = snapshot(true);
        Ranker m1 = s.rankers().get(0);
        Ranker m2 = s.rankers().get(1);
        Ranker original = s.rankers().get(2);
        Report r = EvaluationService.evaluate(s, Request.defaults(s), CancellationToken.NONE);
        Metric ndcg = r.metrics().get(0);
        // m2 has one query (q1) without -c: no test on a single pair of values
        assertThat(EvaluationService.compare(r, m1, m2, ndcg)).isEmpty();
        PairTest alone = EvaluationService.compare(r, m1, original, ndcg).orElseThrow();
        assertThat(alone.paired().queries()).containsExactly("q1", "q2");
        assertThat(alone.holm()).isEqualTo(alone.randomization().pValue()); // a family of one test

        // with -c every pair has q1 and q2 (m2's q2 counting 0). nDCG@10, grades a3 b0 c2 d2 and y1:
        // q1 m1 = original 0.92388, m2 0.90351; q2 m1 1, original 1/log2 3, m2 0
        Request complete = new Request(s.rankers(), null, GradeChoice.NEWEST, 10,
                Conventions.TREC_EVAL.withCompleteQueries(true));
        Report c = EvaluationService.evaluate(s, complete, CancellationToken.NONE);
        List<PairTest> all = EvaluationService.allPairs(c, ndcg);
        assertThat(all).extracting(p -> p.a().label() + "/" + p.b().label())
                .containsExactly("m1/m2", "m1/Original order", "m2/Original order");
        // two queries, exact: m1–m2 differences 0.0204 and 1 → 2 of 4 sign flips as extreme, p = 0.5;
        // m1–original 0 and 0.369 → every flip as extreme, p = 1
        assertThat(all.get(0).randomization().pValue()).isCloseTo(0.5, within(1e-12));
        assertThat(all.get(1).randomization().pValue()).isCloseTo(1.0, within(1e-12));
        assertThat(all.get(0).winTieLoss().wins() + all.get(0).winTieLoss().losses()).isEqualTo(2);
        assertThat(all.get(1).winTieLoss().ties()).isEqualTo(1);
        // Holm: 3 × 0.5, 2 × 0.5, 1 → capped at 1 and monotone
        assertThat(all).allSatisfy(p -> assertThat(p.holm()).isCloseTo(1.0, within(1e-12)));
        assertThat(EvaluationService.compare(c, m2, m1, ndcg).orElseThrow().holm()).isCloseTo(1.0, within(1e-12));
        // two rankers: no correction
        Request two = new Request(List.of(m1, m2), null, GradeChoice.NEWEST, 10, complete.conventions());
        Report twoReport = EvaluationService.evaluate(s, two, CancellationToken.NONE);
        assertThat(EvaluationService.compare(twoReport, m1, m2, ndcg).orElseThrow().holm()).isNaN();
    }

    @Test
    void plotData() {
        Snapshot s = snapshot(false);
        Report r = EvaluationService.evaluate(s, Request.defaults(s), CancellationToken.NONE);
        List<GradedScore> scores = EvaluationService.scores(s, r, s.rankers().get(0));
        assertThat(scores).containsExactly(new GradedScore(0.9, 3), new GradedScore(0.8, 0),
                new GradedScore(0.7, 2), new GradedScore(0.6, null));
        assertThat(EvaluationService.scores(s, r, s.rankers().get(2))).isEmpty();
        List<QueryGrades> counts = EvaluationService.gradeCounts(s, r);
        assertThat(counts).hasSize(1);
        assertThat(counts.get(0).countByGrade()).containsExactly(Map.entry(0, 1), Map.entry(2, 1), Map.entry(3, 1));
        assertThat(counts.get(0).unjudged()).isEqualTo(1);
    }

    @Test
    void cancelled() {
        Snapshot s = snapshot(false);
        assertThatThrownBy(() -> EvaluationService.evaluate(s, Request.defaults(s), () -> true))
                .isInstanceOf(CancelledException.class);
    }

    @Test
    void gradeChoices() {
        Instant t = Instant.EPOCH;
        List<Judgment> js = List.of(new Judgment(1, 1, 10, 3, "ann", null, t, null),
                new Judgment(2, 1, 10, 0, "bo", null, t, null),
                new Judgment(3, 1, 11, 1, null, null, t, null),
                new Judgment(4, 1, 11, 2, "bo", null, t, null),
                new Judgment(5, 1, 99, 3, "ann", null, t, null)); // not a candidate: skipped
        Map<Long, String> docs = Map.of(10L, "a", 11L, "b");
        assertThat(GradeChoice.NEWEST.grades(js, docs)).containsExactly(Map.entry("a", 0), Map.entry("b", 2));
        assertThat(GradeChoice.parse("MAX").grades(js, docs)).containsExactly(Map.entry("a", 3), Map.entry("b", 2));
        // a: 3 and 0 → 1.5 → 2; b: 1 (unnamed) and 2 → 1.5 → 2
        assertThat(GradeChoice.parse("mean").grades(js, docs)).containsExactly(Map.entry("a", 2),
                Map.entry("b", 2));
        assertThat(GradeChoice.parse("ann").grades(js, docs)).containsExactly(Map.entry("a", 3));
        assertThat(GradeChoice.annotator("").grades(js, docs)).containsExactly(Map.entry("b", 1));
        assertThat(GradeChoice.parse(" newest ")).isEqualTo(GradeChoice.NEWEST);
        assertThat(GradeChoice.parse("mean").rule()).isEqualTo(GradeRule.MEAN);
        assertThat(GradeChoice.parse("ann").label()).isEqualTo("ann's grades");
        assertThatThrownBy(() -> GradeChoice.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
