package io.rerankworkbench.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AgreementStatisticsTest {

    /**
     * Krippendorff's own worked example: 4 observers, 12 units, values 1-5, missing values blank (K. Krippendorff,
     * "Computing Krippendorff's Alpha-Reliability", 2011, section C; also Content Analysis, 4th ed., p. 290, and the
     * "C" data of R's irr::kripp.alpha example). Published results: nominal α = 0.743, ordinal α = 0.815, interval
     * α = 0.849. The ordinal value is also what the reference Python package asserts for this matrix
     * (pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py, test_ordinal_metric: round(α, 3) == 0.815).
     * Unit 12 has one value only (observer B: 3) and is not pairable; n = 40 pairable values.
     */
    private static final Integer[][] KRIPPENDORFF_C = {
            // units:  1     2  3  4  5  6  7  8  9  10    11    12
            /* A */ {1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null},
            /* B */ {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3},
            /* C */ {null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null},
            /* D */ {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null}};

    private static List<int[]> units(Integer[][] byObserver) {
        List<int[]> units = new ArrayList<>();
        for (int u = 0; u < byObserver[0].length; u++) {
            List<Integer> values = new ArrayList<>();
            for (Integer[] observer : byObserver) {
                if (observer[u] != null) {
                    values.add(observer[u]);
                }
            }
            units.add(values.stream().mapToInt(Integer::intValue).toArray());
        }
        return units;
    }

    @Test
    void krippendorffsPublishedExampleNominal() {
        Coefficient alpha = KrippendorffAlpha.alpha(units(KRIPPENDORFF_C), KrippendorffAlpha.Metric.NOMINAL);
        assertThat(alpha.value()).isCloseTo(0.743, within(0.0005));
        assertThat(alpha.units()).as("unit 12 has a single value").isEqualTo(11);
    }

    @Test
    void krippendorffsPublishedExampleOrdinal() {
        assertThat(KrippendorffAlpha.alpha(units(KRIPPENDORFF_C), KrippendorffAlpha.Metric.ORDINAL).value())
                .isCloseTo(0.815, within(0.0005));
    }

    @Test
    void krippendorffsPublishedExampleInterval() {
        assertThat(KrippendorffAlpha.alpha(units(KRIPPENDORFF_C), KrippendorffAlpha.Metric.INTERVAL).value())
                .isCloseTo(0.849, within(0.0005));
    }

    @Test
    void alphaIsOneForPerfectAgreementAndUndefinedWithoutVariation() {
        List<int[]> perfect = List.of(new int[]{0, 0}, new int[]{1, 1, 1}, new int[]{2, 2});
        assertThat(KrippendorffAlpha.alpha(perfect, KrippendorffAlpha.Metric.ORDINAL).value()).isEqualTo(1.0);

        Coefficient allSame = KrippendorffAlpha.alpha(List.of(new int[]{1, 1}, new int[]{1, 1, 1}),
                KrippendorffAlpha.Metric.NOMINAL);
        assertThat(allSame.isDefined()).isFalse();
        assertThat(allSame.undefinedReason()).contains("same grade");

        Coefficient unpairable = KrippendorffAlpha.alpha(List.of(new int[]{1}, new int[]{2}, new int[0]),
                KrippendorffAlpha.Metric.NOMINAL);
        assertThat(unpairable.value()).isNaN();
        assertThat(unpairable.units()).isZero();
        assertThat(unpairable.undefinedReason()).contains("two or more annotators");
    }

    /**
     * The textbook example of Cohen's κ (e.g. Wikipedia, "Cohen's kappa", Example 1): 50 grant proposals read by A and
     * B; both yes 20, both no 15, A yes B no 5, A no B yes 10. p_o = 35/50 = 0.7; A says yes to 25 (0.5), B to 30
     * (0.6), so p_e = 0.5·0.6 + 0.5·0.4 = 0.5 and κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
     */
    @Test
    void cohensKappaTextbookExample() {
        int[] a = new int[50];
        int[] b = new int[50];
        int i = 0;
        i = fill(a, b, i, 20, 1, 1);
        i = fill(a, b, i, 15, 0, 0);
        i = fill(a, b, i, 5, 1, 0);
        fill(a, b, i, 10, 0, 1);
        Coefficient kappa = CohenKappa.kappa(a, b, List.of(0, 1));
        assertThat(kappa.value()).isCloseTo(0.4, within(1e-12));
        assertThat(kappa.units()).isEqualTo(50);
    }

    private static int fill(int[] a, int[] b, int from, int count, int gradeA, int gradeB) {
        for (int k = 0; k < count; k++) {
            a[from + k] = gradeA;
            b[from + k] = gradeB;
        }
        return from + count;
    }

    /**
     * Weighted κ computed by hand. Ten items on a 0-3 scale:
     * <pre>
     *   A: 0 1 2 3 3 2 1 0 2 3
     *   B: 0 2 2 3 2 2 0 0 1 3
     * </pre>
     * Observed table O (rows A, columns B): [[2,0,0,0],[1,0,1,0],[0,1,2,0],[0,0,1,2]]; marginals A = (2,2,3,3),
     * B = (3,1,4,2); expected E = outer(A, B)/10.
     * Linear weights |i−j|: Σw·O = 4, Σw·E = 12.4 → κ = 1 − 4/12.4 = 21/31 = 0.677419…
     * Quadratic weights (i−j)²: Σw·O = 4, Σw·E = 25.0 → κ = 1 − 4/25 = 0.84.
     * Unweighted: p_o = 0.6, p_e = (6+2+12+6)/100 = 0.26 → κ = 0.34/0.74 = 0.459459…
     * (The same numbers as sklearn.metrics.cohen_kappa_score(A, B, weights=…), whose weights are the unnormalised
     * |i−j| and (i−j)²; the normalisation cancels in the ratio.)
     */
    @Test
    void weightedKappaHandComputed() {
        int[] a = {0, 1, 2, 3, 3, 2, 1, 0, 2, 3};
        int[] b = {0, 2, 2, 3, 2, 2, 0, 0, 1, 3};
        List<Integer> scale = List.of(0, 1, 2, 3);
        assertThat(CohenKappa.kappa(a, b, scale).value()).isCloseTo(0.34 / 0.74, within(1e-12));
        assertThat(CohenKappa.weighted(a, b, scale, CohenKappa.Weights.LINEAR).value())
                .isCloseTo(21.0 / 31.0, within(1e-12));
        assertThat(CohenKappa.weighted(a, b, scale, CohenKappa.Weights.QUADRATIC).value())
                .isCloseTo(0.84, within(1e-12));
    }

    @Test
    void kappaDegenerateCasesAreNaNWithAReason() {
        Coefficient oneCategory = CohenKappa.kappa(new int[]{1, 1, 1}, new int[]{1, 1, 1}, List.of(0, 1));
        assertThat(oneCategory.value()).isNaN();
        assertThat(oneCategory.undefinedReason()).contains("same grade");
        assertThat(oneCategory.units()).isEqualTo(3);

        Coefficient empty = CohenKappa.weighted(new int[0], new int[0], List.of(0, 1), CohenKappa.Weights.LINEAR);
        assertThat(empty.value()).isNaN();
        assertThat(empty.undefinedReason()).contains("no item");

        assertThatThrownBy(() -> CohenKappa.kappa(new int[]{1}, new int[]{1, 0}, List.of(0, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CohenKappa.kappa(new int[]{7}, new int[]{1}, List.of(0, 1)))
                .hasMessageContaining("grade 7");
    }

    @Test
    void kappaOfOneRaterInOneCategoryAgainstAVaryingOneIsZeroNotUndefined() {
        // p_e < 1 as soon as one rater varies: κ is defined (and 0 here, since agreement equals chance).
        Coefficient k = CohenKappa.kappa(new int[]{1, 1, 1, 1}, new int[]{1, 0, 1, 0}, List.of(0, 1));
        assertThat(k.value()).isCloseTo(0.0, within(1e-12));
    }
}
