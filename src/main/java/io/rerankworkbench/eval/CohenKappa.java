package io.rerankworkbench.eval;

import java.util.List;

/**
 * Cohen's κ for two raters who graded the same items, unweighted (nominal categories) or weighted by the distance
 * between categories (ordinal scales): κ = 1 − Σ w·observed / Σ w·expected, where "expected" is the table the two
 * raters' own grade frequencies would give by chance. Unweighted κ is the case w = 0 on the diagonal, 1 elsewhere.
 */
public final class CohenKappa {

    /** How much a disagreement between categories i and j (positions on the scale) counts. */
    public enum Weights {
        /** Every disagreement counts the same (plain κ). */
        NONE,
        /** |i − j|: one grade apart counts half as much as two apart. */
        LINEAR,
        /** (i − j)²: large disagreements dominate. */
        QUADRATIC;

        double weight(int i, int j) {
            return switch (this) {
                case NONE -> i == j ? 0 : 1;
                case LINEAR -> Math.abs(i - j);
                case QUADRATIC -> (double) (i - j) * (i - j);
            };
        }
    }

    private CohenKappa() {
    }

    /** Unweighted κ. */
    public static Coefficient kappa(int[] first, int[] second, List<Integer> categories) {
        return weighted(first, second, categories, Weights.NONE);
    }

    /**
     * κ with the given weights.
     *
     * @param first      the first rater's grade of each item
     * @param second     the second rater's grade of the same items, in the same order
     * @param categories every grade of the scale, lowest first (weights use positions in this list)
     * @return NaN with a reason when there are no items or chance agreement is already perfect (both raters gave
     *         every item the same single grade), when κ is 0/0
     */
    public static Coefficient weighted(int[] first, int[] second, List<Integer> categories, Weights weights) {
        if (first.length != second.length) {
            throw new IllegalArgumentException("the raters graded " + first.length + " and " + second.length
                    + " items; κ needs the same items");
        }
        int n = first.length;
        if (n == 0) {
            return Coefficient.undefined("no item was graded by both annotators", 0);
        }
        int k = categories.size();
        double[][] observed = new double[k][k];
        double[] rowTotals = new double[k];
        double[] columnTotals = new double[k];
        for (int u = 0; u < n; u++) {
            int i = position(categories, first[u]);
            int j = position(categories, second[u]);
            observed[i][j]++;
            rowTotals[i]++;
            columnTotals[j]++;
        }
        double observedDisagreement = 0;
        double expectedDisagreement = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double w = weights.weight(i, j);
                observedDisagreement += w * observed[i][j] / n;
                expectedDisagreement += w * rowTotals[i] * columnTotals[j] / ((double) n * n);
            }
        }
        if (expectedDisagreement == 0) {
            return Coefficient.undefined("both annotators gave every item the same grade, so chance agreement is "
                    + "perfect and κ is undefined", n);
        }
        return Coefficient.of(1 - observedDisagreement / expectedDisagreement, n);
    }

    private static int position(List<Integer> categories, int grade) {
        int i = categories.indexOf(grade);
        if (i < 0) {
            throw new IllegalArgumentException("grade " + grade + " is not on the scale " + categories);
        }
        return i;
    }
}
