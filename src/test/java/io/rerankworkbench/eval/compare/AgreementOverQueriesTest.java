package io.rerankworkbench.eval.compare;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AgreementOverQueriesTest {

    private static final double EPS = 1e-12;

    private static QueryAgreement query(String id, List<String> a, List<String> b) {
        return new QueryAgreement(id, ListAgreements.compare(RankedList.strict(a), RankedList.strict(b), 2, 0.9));
    }

    private static final List<String> ABCD = List.of("a", "b", "c", "d");

    @Test
    void meansSkipQueriesWhereAMeasureIsUndefined() {
        QueryAgreement same = query("q1", ABCD, ABCD); // τ 1, ρ 1, Jaccard@2 1
        QueryAgreement reversed = query("q2", ABCD, List.of("d", "c", "b", "a")); // τ −1, ρ −1, Jaccard@2 0
        QueryAgreement disjoint = query("q3", List.of("a", "b"), List.of("x", "y")); // τ, ρ undefined
        AgreementOverQueries all = AgreementOverQueries.of(List.of(same, reversed, disjoint));

        AgreementOverQueries.Means m = all.means();
        assertThat(m.queries()).isEqualTo(3);
        assertThat(m.tauQueries()).isEqualTo(2);
        assertThat(m.kendallTauB()).isCloseTo(0.0, within(EPS));
        assertThat(m.spearmanRho()).isCloseTo(0.0, within(EPS));
        // Jaccard@2 is defined for all three: (1 + 0 + 0) / 3. Entered@2: (0 + 2 + 2) / 3.
        assertThat(m.jaccardAtK()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(m.overlapAtK()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(m.enteredAtK()).isCloseTo(4.0 / 3, within(EPS));
        assertThat(m.droppedAtK()).isCloseTo(4.0 / 3, within(EPS));
        double ext = (same.agreement().rbo().ext() + reversed.agreement().rbo().ext()) / 3; // disjoint: ext 0
        assertThat(m.rboExt()).isCloseTo(ext, within(EPS));
        double min = (same.agreement().rbo().min() + reversed.agreement().rbo().min()) / 3;
        assertThat(m.rboMin()).isCloseTo(min, within(EPS));
        double residual = (same.agreement().rbo().residual() + reversed.agreement().rbo().residual()
                + disjoint.agreement().rbo().residual()) / 3;
        assertThat(m.rboResidual()).isCloseTo(residual, within(EPS));
        assertThat(all.queries()).containsExactly(same, reversed, disjoint);
    }

    @Test
    void noQueriesGiveUndefinedMeansAndAnEmptyHistogram() {
        AgreementOverQueries none = AgreementOverQueries.of(List.of());
        assertThat(none.means().queries()).isZero();
        assertThat(none.means().kendallTauB()).isNaN();
        assertThat(none.means().rboExt()).isNaN();
        assertThat(none.tauHistogram()).hasSize(AgreementOverQueries.HISTOGRAM_BINS).containsOnly(0);
        assertThat(none.byDisagreement()).isEmpty();
    }

    @Test
    void theHistogramHasTwentyBinsAndTheLastHoldsOne() {
        assertThat(AgreementOverQueries.bin(-1.0)).isZero();
        assertThat(AgreementOverQueries.bin(-0.95)).isZero();
        assertThat(AgreementOverQueries.bin(-0.9)).isEqualTo(1);
        assertThat(AgreementOverQueries.bin(0.0)).isEqualTo(10);
        assertThat(AgreementOverQueries.bin(-1e-9)).isEqualTo(9);
        assertThat(AgreementOverQueries.bin(0.95)).isEqualTo(19);
        assertThat(AgreementOverQueries.bin(1.0)).isEqualTo(19);
        assertThat(AgreementOverQueries.binStart(0)).isEqualTo(-1.0);
        assertThat(AgreementOverQueries.binStart(10)).isEqualTo(0.0);

        // τ = 1, −1, 2/3 (one swap of four), undefined.
        AgreementOverQueries all = AgreementOverQueries.of(List.of(query("q1", ABCD, ABCD),
                query("q2", ABCD, List.of("d", "c", "b", "a")), query("q3", ABCD, List.of("b", "a", "c", "d")),
                query("q4", List.of("a"), List.of("a"))));
        int[] h = all.tauHistogram();
        assertThat(h[19]).isEqualTo(1);
        assertThat(h[0]).isEqualTo(1);
        assertThat(h[16]).isEqualTo(1); // 2/3 lies in [0.6, 0.7)
        assertThat(java.util.Arrays.stream(h).sum()).isEqualTo(3);
        h[0] = 99; // a copy
        assertThat(all.tauHistogram()[0]).isEqualTo(1);
    }

    @Test
    void disagreementOrderIsLowestTauThenLowestRboThenQueryIdWithUndefinedTauLast() {
        QueryAgreement same = query("q1", ABCD, ABCD);
        QueryAgreement swapTop = query("q2", ABCD, List.of("b", "a", "c", "d")); // τ 2/3, RBO lower
        QueryAgreement swapBottom = query("q3", ABCD, List.of("a", "b", "d", "c")); // τ 2/3, RBO higher
        QueryAgreement reversed = query("q4", ABCD, List.of("d", "c", "b", "a"));
        QueryAgreement undefined = query("q0", List.of("a"), List.of("z"));
        QueryAgreement reversedToo = query("q5", ABCD, List.of("d", "c", "b", "a"));
        AgreementOverQueries all = AgreementOverQueries.of(List.of(undefined, same, swapBottom, swapTop, reversedToo,
                reversed));
        assertThat(all.byDisagreement()).containsExactly(reversed, reversedToo, swapTop, swapBottom, same,
                undefined);
        // The given order is kept in queries().
        assertThat(all.queries().get(0)).isEqualTo(undefined);
    }
}
