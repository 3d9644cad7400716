package io.rerankworkbench.eval.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The measures of one run: per query and over all queries ({@code all}), as trec_eval reports them.
 *
 * @param specs        the measures, in print order; {@code values} arrays follow it
 * @param perQuery     the evaluated queries (in both the run and the judgments), in code-point order of their ids
 * @param missing      queries of the judgments the run lacks, in the same order; with
 *                     {@link Conventions#completeQueries()} they count 0 (and their num_rel) in {@code all}
 * @param all          per measure the mean over the queries (the sum for num_ret, num_rel, num_rel_ret)
 * @param numQueries   the queries {@code all} is taken over (trec_eval's {@code num_q})
 */
public record Evaluation(List<MeasureSpec> specs, Conventions conventions, Map<String, double[]> perQuery,
                         List<String> missing, double[] all, int numQueries) {

    public Evaluation {
        specs = List.copyOf(specs);
        Objects.requireNonNull(conventions, "conventions");
        Map<String, double[]> copy = new LinkedHashMap<>();
        perQuery.forEach((q, v) -> copy.put(q, v.clone()));
        perQuery = Collections.unmodifiableMap(copy);
        missing = List.copyOf(missing);
        all = all.clone();
    }

    @Override
    public double[] all() {
        return all.clone();
    }

    /** The value of {@code spec} for query {@code qid}, or NaN when the query was not evaluated. */
    public double value(String qid, MeasureSpec spec) {
        double[] v = perQuery.get(qid);
        return v == null ? Double.NaN : v[index(spec)];
    }

    /** The {@code all} value of {@code spec}. */
    public double all(MeasureSpec spec) {
        return all[index(spec)];
    }

    /**
     * The values of {@code spec} over the queries {@code all} is taken over: the evaluated queries in order, then,
     * with {@link Conventions#completeQueries()}, a 0 for each missing query — the sample a significance test pairs.
     */
    public double[] sample(MeasureSpec spec) {
        int i = index(spec);
        int n = conventions.completeQueries() ? perQuery.size() + missing.size() : perQuery.size();
        double[] out = new double[n];
        int j = 0;
        for (double[] v : perQuery.values()) {
            out[j++] = v[i];
        }
        return out;
    }

    private int index(MeasureSpec spec) {
        int i = specs.indexOf(spec);
        if (i < 0) {
            throw new IllegalArgumentException(spec.trecName() + " was not computed");
        }
        return i;
    }
}
