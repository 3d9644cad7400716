package io.rerankworkbench.eval.plot;

import java.util.Arrays;
import java.util.Objects;

/**
 * One ranker's mean of a measure at each cut-off k = 1, 2, …: {@code valueAtK[0]} is the value at k = 1.
 * A value may be NaN where the ranker has no value at that k (the curve then has a gap).
 */
public record CutoffSeries(String ranker, double[] valueAtK) {

    public CutoffSeries {
        Objects.requireNonNull(ranker, "ranker");
        valueAtK = valueAtK.clone();
        for (int i = 0; i < valueAtK.length; i++) {
            if (Double.isInfinite(valueAtK[i])) {
                throw new IllegalArgumentException(ranker + " at k = " + (i + 1) + ": value is infinite");
            }
        }
    }

    /** The value at cut-off {@code k} (1-based). */
    public double at(int k) {
        return valueAtK[k - 1];
    }

    @Override
    public double[] valueAtK() {
        return valueAtK.clone();
    }

    public int maxK() {
        return valueAtK.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CutoffSeries s && s.ranker.equals(ranker) && Arrays.equals(s.valueAtK, valueAtK);
    }

    @Override
    public int hashCode() {
        return 31 * ranker.hashCode() + Arrays.hashCode(valueAtK);
    }

    @Override
    public String toString() {
        return "CutoffSeries[" + ranker + ", " + Arrays.toString(valueAtK) + "]";
    }
}
