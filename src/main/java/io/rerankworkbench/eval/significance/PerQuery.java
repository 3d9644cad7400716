package io.rerankworkbench.eval.significance;

/**
 * Checks shared by the significance classes. Their inputs are per-query values of a measure, aligned by query
 * (index i is the same query in every array). A NaN or infinite value would silently poison every mean and every
 * resample, so it is refused with the index of the query, and the caller decides what a missing value means
 * (drop the query, or count it as 0 as trec_eval's {@code -c} does) before testing.
 */
final class PerQuery {

    private PerQuery() {
    }

    /** Refuses a null or empty array and any value that is not a finite number, naming the array and the index. */
    static void requireFinite(double[] values, String name) {
        if (values == null) {
            throw new IllegalArgumentException(name + " is missing (null)");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " holds no queries");
        }
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + v
                        + ": every query needs a finite value (drop the query or give it a value before testing)");
            }
        }
    }

    /** a[i] − b[i] for two rankers' values over the same queries, after checking both. */
    static double[] differences(double[] a, double[] b) {
        requireFinite(a, "a");
        requireFinite(b, "b");
        if (a.length != b.length) {
            throw new IllegalArgumentException("a holds " + a.length + " queries and b holds " + b.length
                    + ": paired values must be aligned by query");
        }
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
