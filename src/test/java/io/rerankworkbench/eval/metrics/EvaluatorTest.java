package io.rerankworkbench.eval.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Hand-worked values on one small query, under each convention. */
class EvaluatorTest {

    // a and b tie: trec_eval ranks b (the greater docno) first, so the ranking is b(0), a(2), u(unjudged), c(1)
    private static final Map<String, List<Scored>> RUN = Map.of("q1", List.of(new Scored("a", 1.0),
            new Scored("b", 1.0), new Scored("u", 0.5), new Scored("c", 0.2)), "q9", List.of(new Scored("a", 1)));
    private static final Map<String, Map<String, Integer>> QRELS = Map.of(
            "q1", Map.of("a", 2, "b", 0, "c", 1), "q2", Map.of("x", 1, "y", 3));

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double value(String measure, Conventions c) {
        MeasureSpec spec = MeasureSpec.parse(measure).get(0);
        return Evaluator.evaluate(RUN, QRELS, List.of(spec), c).value("q1", spec);
    }

    @Test
    void trecEvalDefaults() {
        Conventions t = Conventions.TREC_EVAL;
        assertThat(value("map", t)).isCloseTo((1 / 2.0 + 2 / 4.0) / 2, within(1e-12));
        assertThat(value("recip_rank", t)).isEqualTo(0.5);
        assertThat(value("P_5", t)).isEqualTo(2 / 5.0);
        assertThat(value("recall_2", t)).isEqualTo(0.5);
        assertThat(value("success_1", t)).isZero();
        assertThat(value("success_5", t)).isEqualTo(1);
        assertThat(value("map_cut_2", t)).isCloseTo(0.5 / 2, within(1e-12));
        assertThat(value("judged_5", t)).isEqualTo(3 / 5.0);
        assertThat(value("judged_2", t)).isEqualTo(1.0);
        assertThat(value("num_ret", t)).isEqualTo(4);
        assertThat(value("num_rel", t)).isEqualTo(2);
        assertThat(value("num_rel_ret", t)).isEqualTo(2);
        assertThat(value("ndcg_cut_5", t)).isCloseTo((2 / log2(3) + 1 / log2(5)) / (2 + 1 / log2(3)),
                within(1e-12));
        assertThat(value("ndcg_cut_1", t)).isZero();
    }

    @Test
    void exponentialGainAndIdealOverAllJudged() {
        Conventions exp = Conventions.TREC_EVAL.withGain(Conventions.Gain.EXPONENTIAL);
        assertThat(value("ndcg_cut_5", exp)).isCloseTo((3 / log2(3) + 1 / log2(5)) / (3 + 1 / log2(3)),
                within(1e-12));
        Conventions given = Conventions.TREC_EVAL.withTies(Conventions.Ties.GIVEN_ORDER);
        assertThat(value("ndcg_cut_1", given)).isEqualTo(1.0);
        assertThat(value("ndcg_cut_1", given.withIdeal(Conventions.Ideal.ALL_JUDGED)))
                .isCloseTo(2 / (2 + 1 / log2(3)), within(1e-12));
    }

    @Test
    void tiesInTheGivenOrder() {
        Conventions given = Conventions.TREC_EVAL.withTies(Conventions.Ties.GIVEN_ORDER);
        assertThat(value("recip_rank", given)).isEqualTo(1.0);
        assertThat(value("map", given)).isCloseTo((1 + 2 / 4.0) / 2, within(1e-12));
    }

    @Test
    void depthThenJudgedOnlyAndThreshold() {
        assertThat(value("map", Conventions.TREC_EVAL.withJudgedOnly(true))).isCloseTo((1 / 2.0 + 2 / 3.0) / 2,
                within(1e-12));
        assertThat(value("num_ret", Conventions.TREC_EVAL.withDepth(2))).isEqualTo(2);
        assertThat(value("map", Conventions.TREC_EVAL.withDepth(2))).isCloseTo(0.25, within(1e-12));
        assertThat(value("num_ret", Conventions.TREC_EVAL.withDepth(3).withJudgedOnly(true))).isEqualTo(2);
        Conventions two = Conventions.TREC_EVAL.withRelevanceLevel(2);
        assertThat(value("num_rel", two)).isEqualTo(1);
        assertThat(value("P_5", two)).isEqualTo(1 / 5.0);
        // nDCG uses the grades, not the threshold, as trec_eval does
        assertThat(value("ndcg_cut_5", two)).isEqualTo(value("ndcg_cut_5", Conventions.TREC_EVAL));
    }

    @Test
    void allOverQueriesInBothOrAllJudgedQueries() {
        MeasureSpec map = MeasureSpec.of(Measure.MAP);
        MeasureSpec numRel = MeasureSpec.of(Measure.NUM_REL);
        Evaluation plain = Evaluator.evaluate(RUN, QRELS, List.of(map, numRel), Conventions.TREC_EVAL);
        assertThat(plain.perQuery()).containsOnlyKeys("q1");
        assertThat(plain.missing()).containsExactly("q2");
        assertThat(plain.numQueries()).isEqualTo(1);
        assertThat(plain.all(map)).isCloseTo(0.5, within(1e-12));
        assertThat(plain.all(numRel)).isEqualTo(2);
        Evaluation complete = Evaluator.evaluate(RUN, QRELS, List.of(map, numRel),
                Conventions.TREC_EVAL.withCompleteQueries(true));
        assertThat(complete.numQueries()).isEqualTo(2);
        assertThat(complete.all(map)).isCloseTo(0.25, within(1e-12));
        assertThat(complete.all(numRel)).isEqualTo(4);
        assertThat(complete.sample(map)).containsExactly(0.5, 0.0);
    }

    @Test
    void aDocnoTwiceIsRefused() {
        assertThatThrownBy(() -> Evaluator.evaluate(Map.of("q1", List.of(new Scored("a", 1), new Scored("a", 2))),
                QRELS, List.of(MeasureSpec.of(Measure.MAP)), Conventions.TREC_EVAL))
                .hasMessageContaining("\"a\" appears twice for query \"q1\"");
    }

    @Test
    void measureNamesAsTrecEvalReadsThem() {
        assertThat(MeasureSpec.parse("ndcg_cut_10")).containsExactly(MeasureSpec.of(Measure.NDCG_CUT, 10));
        assertThat(MeasureSpec.parse("P").stream().map(MeasureSpec::trecName)).containsExactly("P_5", "P_10",
                "P_15", "P_20", "P_30", "P_100", "P_200", "P_500", "P_1000");
        assertThat(MeasureSpec.parse("success").stream().map(MeasureSpec::k)).containsExactly(1, 5, 10);
        assertThat(MeasureSpec.parse("recall.100,5")).containsExactly(MeasureSpec.of(Measure.RECALL, 5),
                MeasureSpec.of(Measure.RECALL, 100));
        assertThat(MeasureSpec.parse("all_trec")).hasSize(5 + 4 * 9 + 3 + 3).contains(MeasureSpec.of(Measure.MAP),
                MeasureSpec.of(Measure.NUM_RET), MeasureSpec.of(Measure.RECIP_RANK), MeasureSpec.of(Measure.JUDGED, 20));
        assertThat(MeasureSpec.parse("map")).containsExactly(MeasureSpec.of(Measure.MAP));
        assertThat(MeasureSpec.parse("num_rel_ret")).containsExactly(MeasureSpec.of(Measure.NUM_REL_RET));
        assertThat(MeasureSpec.parse("judged_10").get(0).trecName()).isEqualTo("judged_10");
        assertThatThrownBy(() -> MeasureSpec.parse("ndcg_cut_0")).hasMessageContaining("≥ 1");
        assertThatThrownBy(() -> MeasureSpec.parse("bpref")).hasMessageContaining("unknown measure \"bpref\"");
        assertThatThrownBy(() -> MeasureSpec.parse("map.10")).hasMessageContaining("takes no cut-offs");
    }
}
