package io.rerankworkbench.eval;

/**
 * Agreement over a set of items (one query's candidates, or all of them).
 *
 * @param items          items graded by at least two annotators
 * @param annotators     how many annotators graded any of the items
 * @param kappa          Cohen's κ; defined only when exactly two annotators graded
 * @param linearKappa    κ with linear weights; defined only for two annotators and an ordinal scale
 * @param quadraticKappa κ with quadratic weights; as {@code linearKappa}
 * @param alpha          Krippendorff's α with {@code alphaMetric}, for any number of annotators
 */
public record AgreementSummary(int items, int annotators, Coefficient kappa, Coefficient linearKappa,
                               Coefficient quadraticKappa, Coefficient alpha, KrippendorffAlpha.Metric alphaMetric) {
}
