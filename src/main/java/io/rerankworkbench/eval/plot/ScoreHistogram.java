package io.rerankworkbench.eval.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A histogram of scores split by grade: equal-width bins whose edges are round numbers (a step of 1, 2, 2.5 or 5
 * times a power of ten, edges on multiples of the step), the count of each grade in each bin and of unjudged
 * documents. Bins are closed on the left and open on the right, except the last, which also holds its upper edge.
 * NaN and infinite scores are not binned; {@link #skipped()} says how many there were.
 */
public final class ScoreHistogram {

    private static final int[] MANTISSAS_TIMES_10 = {10, 20, 25, 50, 100};

    private final double[] edges;
    private final List<Integer> grades;
    private final int[][] counts;
    private final int[] unjudged;
    private final int skipped;
    private final int decimals;

    private ScoreHistogram(double[] edges, List<Integer> grades, int[][] counts, int[] unjudged, int skipped,
                           int decimals) {
        this.edges = edges;
        this.grades = grades;
        this.counts = counts;
        this.unjudged = unjudged;
        this.skipped = skipped;
        this.decimals = decimals;
    }

    /**
     * Bins the finite scores into about {@code bins} bins (the round step gives between half that and one more).
     * All-equal scores make one bin of a round width holding the value; no finite score makes no bins.
     *
     * @throws IllegalArgumentException when {@code bins} is less than 1
     */
    public static ScoreHistogram of(List<GradedScore> scores, int bins) {
        Objects.requireNonNull(scores, "scores");
        if (bins < 1) {
            throw new IllegalArgumentException("a histogram needs at least one bin, got " + bins);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int skipped = 0;
        SortedSet<Integer> gradeSet = new TreeSet<>();
        for (GradedScore s : scores) {
            if (!Double.isFinite(s.score())) {
                skipped++;
                continue;
            }
            min = Math.min(min, s.score());
            max = Math.max(max, s.score());
            if (s.grade() != null) {
                gradeSet.add(s.grade());
            }
        }
        List<Integer> grades = List.copyOf(gradeSet);
        if (min > max) {
            return new ScoreHistogram(new double[0], grades, new int[0][grades.size()], new int[0], skipped, 0);
        }
        double raw = (max - min) / bins;
        if (Double.isInfinite(raw)) {
            throw new IllegalArgumentException("scores from " + min + " to " + max + " span more than a histogram"
                    + " can bin");
        }
        // A span too small to divide (or none) makes one bin around the value.
        BigDecimal step = raw > 0 ? roundStep(raw) : roundStep(min == 0 ? 1 : Math.abs(min) / 10);
        double stepValue = step.doubleValue();
        long first = (long) Math.floor(min / stepValue);
        // Correct the floor for doubles just off a multiple of the step.
        while (step.multiply(BigDecimal.valueOf(first)).doubleValue() > min) {
            first--;
        }
        while (step.multiply(BigDecimal.valueOf(first + 1)).doubleValue() <= min) {
            first++;
        }
        int n = 1;
        while (step.multiply(BigDecimal.valueOf(first + n)).doubleValue() < max) {
            n++;
        }
        double[] edges = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            edges[i] = step.multiply(BigDecimal.valueOf(first + i)).doubleValue();
        }
        int[][] counts = new int[n][grades.size()];
        int[] unjudged = new int[n];
        for (GradedScore s : scores) {
            if (!Double.isFinite(s.score())) {
                continue;
            }
            int bin = bin(edges, stepValue, s.score());
            if (s.grade() == null) {
                unjudged[bin]++;
            } else {
                counts[bin][grades.indexOf(s.grade())]++;
            }
        }
        return new ScoreHistogram(edges, grades, counts, unjudged, skipped,
                Math.max(0, step.stripTrailingZeros().scale()));
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^e that is at least {@code raw}, as an exact decimal. */
    static BigDecimal roundStep(double raw) {
        int exponent = (int) Math.floor(Math.log10(raw));
        for (int e = exponent - 1; ; e++) {
            for (int m : MANTISSAS_TIMES_10) {
                BigDecimal step = BigDecimal.valueOf(m).scaleByPowerOfTen(e - 1);
                if (step.doubleValue() >= raw) {
                    return step.stripTrailingZeros();
                }
            }
        }
    }

    private static int bin(double[] edges, double step, double x) {
        int last = edges.length - 2;
        int i = (int) Math.max(0, Math.min(last, Math.floor((x - edges[0]) / step)));
        while (i < last && x >= edges[i + 1]) {
            i++;
        }
        while (i > 0 && x < edges[i]) {
            i--;
        }
        return i;
    }

    /** Number of bins (0 when no score was finite). */
    public int bins() {
        return edges.length == 0 ? 0 : edges.length - 1;
    }

    /** The bin edges, ascending: {@code bins() + 1} of them, or none. */
    public double[] edges() {
        return edges.clone();
    }

    public double lower(int bin) {
        return edges[bin];
    }

    public double upper(int bin) {
        return edges[bin + 1];
    }

    /** The grades that occur, ascending (the columns of the counts). */
    public List<Integer> grades() {
        return grades;
    }

    /** Documents of {@code grade} in the bin; 0 for a grade that does not occur. */
    public int count(int bin, int grade) {
        int g = grades.indexOf(grade);
        return g < 0 ? 0 : counts[bin][g];
    }

    /** Unjudged documents in the bin. */
    public int unjudged(int bin) {
        return unjudged[bin];
    }

    /** All documents in the bin. */
    public int total(int bin) {
        return Arrays.stream(counts[bin]).sum() + unjudged[bin];
    }

    /** The fullest bin's count (0 without bins). */
    public int maxTotal() {
        int m = 0;
        for (int b = 0; b < bins(); b++) {
            m = Math.max(m, total(b));
        }
        return m;
    }

    /** All binned documents. */
    public int total() {
        int t = 0;
        for (int b = 0; b < bins(); b++) {
            t += total(b);
        }
        return t;
    }

    /** Scores left out because they were NaN or infinite. */
    public int skipped() {
        return skipped;
    }

    /** Decimals that show every edge exactly (the step's). */
    public int decimals() {
        return decimals;
    }

    /** An edge written with {@link #decimals()} decimals and a real minus sign: "−2.5", "0.25". */
    public String format(double edge) {
        String s = new BigDecimal(Double.toString(edge)).setScale(decimals, RoundingMode.HALF_UP)
                .toPlainString();
        return s.startsWith("-") ? "\u2212" + s.substring(1) : s;
    }

    @Override
    public String toString() {
        return "ScoreHistogram[edges=" + Arrays.toString(edges) + ", grades=" + grades + ", skipped=" + skipped + "]";
    }
}
