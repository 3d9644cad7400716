package io.rerankworkbench.eval.significance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The paired t-test, the exact randomization test and the type-7 quantile against scipy and numpy
 * ({@code significance-reference.json}, written by {@code src/test/python/significance_reference.py}), and the
 * three ways of judging a difference against one another on data where they should roughly agree.
 */
class SignificanceReferenceTest {

    private static JsonNode reference() throws IOException {
        try (InputStream in = SignificanceReferenceTest.class.getResourceAsStream("significance-reference.json")) {
            assertThat(in).as("the committed scipy fixture").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    private static double[] doubles(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }

    @Test
    void pairedTTestEqualsScipyTtestRel() throws IOException {
        JsonNode cases = reference().get("ttest");
        assertThat(cases.size()).isGreaterThanOrEqualTo(20);
        int tiny = 0;
        for (JsonNode c : cases) {
            double[] a = doubles(c.get("a"));
            double[] b = doubles(c.get("b"));
            PairedTTest r = PairedTTest.of(a, b);
            String what = c.get("kind").asText() + " case with " + a.length + " queries";
            double t = c.get("t").asDouble();
            double p = c.get("p").asDouble();
            assertThat(r.degreesOfFreedom()).as(what).isEqualTo(c.get("df").asInt());
            assertThat(r.t()).as(what).isCloseTo(t, within(1e-9 * Math.max(1, Math.abs(t))));
            // Relative agreement of the tail probability, down to p-values far below any decision threshold.
            assertThat(r.pValue()).as(what).isCloseTo(p, within(1e-9 * p + 1e-300));
            if (p < 1e-10) {
                tiny++;
            }
        }
        assertThat(tiny).as("cases deep in the tail").isGreaterThanOrEqualTo(3);
    }

    @Test
    void exactRandomizationTestEqualsScipyPermutationTest() throws IOException {
        JsonNode cases = reference().get("randomization");
        assertThat(cases.size()).isGreaterThanOrEqualTo(15);
        for (JsonNode c : cases) {
            double[] a = doubles(c.get("a"));
            double[] b = doubles(c.get("b"));
            String what = c.get("kind").asText() + " case with " + a.length + " queries";
            RandomizationTest exact = RandomizationTest.exact(a, b);
            assertThat(exact.exact()).isTrue();
            assertThat(exact.permutations()).isEqualTo(1L << a.length);
            // Both are counts over the same 2^n patterns divided by 2^n: equal, not merely close.
            assertThat(exact.pValue()).as(what).isEqualTo(c.get("p").asDouble());
            assertThat(exact.meanDifference()).as(what).isCloseTo(c.get("mean").asDouble(), within(1e-12));
        }
    }

    @Test
    void typeSevenQuantileEqualsNumpy() throws IOException {
        for (JsonNode c : reference().get("quantile")) {
            double[] sorted = doubles(c.get("sorted"));
            double[] ps = doubles(c.get("p"));
            double[] qs = doubles(c.get("q"));
            for (int i = 0; i < ps.length; i++) {
                assertThat(BootstrapCi.quantile(sorted, ps[i]))
                        .as("p = %s of %d values", ps[i], sorted.length)
                        .isCloseTo(qs[i], within(1e-12));
            }
        }
    }

    @Test
    void tTestRandomizationAndBootstrapRoughlyAgreeOnAModerateSample() {
        // 60 queries, nDCG-like values, a small true difference: the three methods rest on different assumptions
        // but on well-behaved data their verdicts should be close (Smucker, Allan & Carterette 2007).
        Random random = new Random(99);
        int agreeing = 0;
        for (int round = 0; round < 10; round++) {
            int n = 60;
            double[] a = new double[n];
            double[] b = new double[n];
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = random.nextDouble();
                b[i] = a[i] - 0.03 + 0.15 * random.nextGaussian();
                d[i] = a[i] - b[i];
            }
            PairedTTest t = PairedTTest.of(a, b);
            RandomizationTest perm = RandomizationTest.of(a, b, 20_000, round);
            assertThat(perm.pValue()).as("round %d", round).isCloseTo(t.pValue(), within(0.03));
            BootstrapCi ci = BootstrapCi.of(d, 0.95, 10_000, round);
            if (ci.contains(0) == (t.pValue() > 0.05)) {
                agreeing++;
            }
        }
        // Near p = 0.05 the interval and the test may disagree; they should agree most of the time.
        assertThat(agreeing).isGreaterThanOrEqualTo(8);
    }
}
