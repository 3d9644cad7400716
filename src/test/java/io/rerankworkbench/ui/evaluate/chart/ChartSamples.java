package io.rerankworkbench.ui.evaluate.chart;

import io.rerankworkbench.eval.plot.CutoffSeries;
import io.rerankworkbench.eval.plot.GradedScore;
import io.rerankworkbench.eval.plot.QueryGrades;
import io.rerankworkbench.eval.plot.QueryValues;
import io.rerankworkbench.eval.plot.RankerScores;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/** Realistic inputs for the chart tests: two bi-encoders and a cross-encoder over cooking queries graded 0–3. */
final class ChartSamples {

    static final String MINILM = "all-MiniLM-L6-v2";
    static final String BGE = "bge-small-en-v1.5-q";
    private static final String[] TEXTS = {"how to proof yeast", "substitute buttermilk in pancakes",
            "why does my bread collapse", "best pan for searing steak", "how long to rest dough",
            "caramelize onions quickly", "gluten free flour blend ratio", "keep avocado from browning",
            "sourdough starter smells like acetone", "what temperature to fry chicken"};

    private ChartSamples() {
    }

    static List<QueryValues> perQuery(int n, long seed) {
        Random r = new Random(seed);
        List<QueryValues> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double a = Math.round(r.nextDouble() * 10000) / 10000.0;
            double b = i % 7 == 3 ? a : Math.min(1, Math.max(0, Math.round((a + r.nextGaussian() * 0.2 + 0.05)
                    * 10000) / 10000.0));
            out.add(new QueryValues(String.format("q%02d", i + 1), TEXTS[i % TEXTS.length], a, b));
        }
        return out;
    }

    static List<CutoffSeries> cutoffs() {
        double[] a = new double[20];
        double[] b = new double[20];
        for (int k = 1; k <= 20; k++) {
            a[k - 1] = 0.42 + 0.2 * (1 - Math.exp(-k / 5.0));
            b[k - 1] = 0.50 + 0.16 * (1 - Math.exp(-k / 4.0));
        }
        return List.of(new CutoffSeries(MINILM, a), new CutoffSeries(BGE, b));
    }

    static List<RankerScores> scores(long seed) {
        Random r = new Random(seed);
        List<GradedScore> minilm = new ArrayList<>();
        List<GradedScore> bge = new ArrayList<>();
        List<GradedScore> cross = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Integer grade = i % 5 == 4 ? null : r.nextInt(4);
            int g = grade == null ? 0 : grade;
            minilm.add(new GradedScore(0.15 + 0.12 * g + r.nextGaussian() * 0.1, grade));
            bge.add(new GradedScore(0.55 + 0.08 * g + r.nextGaussian() * 0.05, grade));
            cross.add(new GradedScore(-6 + 3.2 * g + r.nextGaussian() * 1.8, grade));
        }
        return List.of(new RankerScores(MINILM, minilm), new RankerScores(BGE, bge),
                new RankerScores("ms-marco-MiniLM-L-6-v2 (cross-encoder)", cross));
    }

    static List<QueryGrades> grades(int n, long seed) {
        Random r = new Random(seed);
        List<QueryGrades> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SortedMap<Integer, Integer> counts = new TreeMap<>();
            for (int g = 0; g <= 3; g++) {
                counts.put(g, r.nextInt(8 - g * 2 + 1));
            }
            out.add(new QueryGrades(String.format("q%02d", i + 1), TEXTS[i % TEXTS.length], counts, r.nextInt(12)));
        }
        return out;
    }
}
