package io.rerankworkbench.eval.plot;

import io.rerankworkbench.core.CodePointOrder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Two rankers' per-query values ordered by their difference B − A, largest gain first (equal differences by query id,
 * so the order is the same every time), with how many queries B wins, loses and ties.
 *
 * @param rows   the queries, largest B − A first
 * @param gains  queries where B − A &gt; 0
 * @param losses queries where B − A &lt; 0
 * @param ties   queries where A and B are equal (within {@link #TIE})
 */
public record PerQueryDifferences(List<QueryValues> rows, int gains, int losses, int ties) {

    /** Differences smaller than this are ties: two means of the same ranks can differ in the last bits. */
    public static final double TIE = 1e-12;

    private static final Comparator<QueryValues> ORDER = Comparator
            .comparingDouble((QueryValues q) -> -rounded(q.difference()))
            .thenComparing(QueryValues::queryId, CodePointOrder.COMPARATOR);

    public PerQueryDifferences {
        rows = List.copyOf(rows);
    }

    /** Sorts the queries; a query id given twice is an error (a query has one value per ranker). */
    public static PerQueryDifferences of(List<QueryValues> values) {
        Set<String> seen = new HashSet<>();
        for (QueryValues v : values) {
            if (!seen.add(v.queryId())) {
                throw new IllegalArgumentException("query " + v.queryId() + " is given twice");
            }
        }
        List<QueryValues> rows = new ArrayList<>(values);
        rows.sort(ORDER);
        int gains = 0;
        int losses = 0;
        for (QueryValues v : rows) {
            int sign = sign(v.difference());
            if (sign > 0) {
                gains++;
            } else if (sign < 0) {
                losses++;
            }
        }
        return new PerQueryDifferences(rows, gains, losses, rows.size() - gains - losses);
    }

    /** 1, −1 or 0 (a tie). */
    public static int sign(double difference) {
        return Math.abs(difference) < TIE ? 0 : difference > 0 ? 1 : -1;
    }

    /** The largest |B − A|, 0 when there are no queries. */
    public double maxAbsDifference() {
        return rows.stream().mapToDouble(q -> Math.abs(q.difference())).max().orElse(0);
    }

    private static double rounded(double difference) {
        return sign(difference) == 0 ? 0 : difference;
    }
}
