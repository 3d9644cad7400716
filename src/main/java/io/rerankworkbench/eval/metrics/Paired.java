package io.rerankworkbench.eval.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Two runs' values of one measure, query by query, as a paired significance test needs them: the queries both runs
 * were evaluated on or, when the runs were evaluated with trec_eval's {@code -c} (every query of the judgments,
 * a missing one counting 0), every query of the judgments both were evaluated against, a missing one counting 0.
 * (Runs evaluated against the same judgments share all their queries; a run judged on fewer queries — a query
 * variant's, which only some queries have — is paired on those.)
 *
 * @param queries the paired queries, sorted by id
 * @param a       the first run's values, one per query
 * @param b       the second run's values, one per query
 */
public record Paired(List<String> queries, double[] a, double[] b) {

    public Paired {
        queries = List.copyOf(queries);
        a = a.clone();
        b = b.clone();
    }

    /** The values of {@code spec} in {@code first} and {@code second}, paired by query. */
    public static Paired of(Evaluation first, Evaluation second, MeasureSpec spec) {
        boolean complete = first.conventions().completeQueries() && second.conventions().completeQueries();
        Set<String> ids = new java.util.TreeSet<>();
        if (complete) {
            // each run's queries are those of the judgments it was evaluated against; pair the ones both were
            Set<String> secondQueries = new java.util.HashSet<>(second.perQuery().keySet());
            secondQueries.addAll(second.missing());
            ids.addAll(first.perQuery().keySet());
            ids.addAll(first.missing());
            ids.retainAll(secondQueries);
        } else {
            ids.addAll(first.perQuery().keySet());
            ids.retainAll(second.perQuery().keySet());
        }
        List<String> queries = new ArrayList<>(new LinkedHashSet<>(ids));
        double[] a = new double[queries.size()];
        double[] b = new double[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            a[i] = valueOrZero(first, queries.get(i), spec);
            b[i] = valueOrZero(second, queries.get(i), spec);
        }
        return new Paired(queries, a, b);
    }

    private static double valueOrZero(Evaluation e, String query, MeasureSpec spec) {
        return e.perQuery().containsKey(query) ? e.value(query, spec) : 0;
    }

    @Override
    public double[] a() {
        return a.clone();
    }

    @Override
    public double[] b() {
        return b.clone();
    }
}
