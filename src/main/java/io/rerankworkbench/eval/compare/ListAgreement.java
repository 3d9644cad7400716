package io.rerankworkbench.eval.compare;

/**
 * How far two rankings of one query agree. List A is the reference (left), list B the one compared with it (right).
 *
 * @param sizeA       documents in A
 * @param sizeB       documents in B
 * @param shared      documents in both
 * @param kendallTauB Kendall's τ-b over the shared documents (ties as in {@link RankedList}); NaN when fewer than 2
 *                    are shared or every shared document ties in one list
 * @param spearmanRho Spearman's ρ over the shared documents, re-ranked among themselves with ties at their mean rank;
 *                    NaN as τ-b
 * @param rbo         rank-biased overlap of the whole lists
 * @param k           the cut-off the set measures used (the requested k, or the longer list's length for "all")
 * @param jaccardAtK  |A@k ∩ B@k| / |A@k ∪ B@k|; NaN when both are empty
 * @param overlapAtK  |A@k ∩ B@k| / k
 * @param enteredAtK  documents in B@k that are not in A@k
 * @param droppedAtK  documents in A@k that are not in B@k
 */
public record ListAgreement(int sizeA, int sizeB, int shared, double kendallTauB, double spearmanRho, Rbo rbo,
                            int k, double jaccardAtK, double overlapAtK, int enteredAtK, int droppedAtK) {
}
