package io.rerankworkbench.eval.metrics;

import io.rerankworkbench.core.CodePointOrder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Computes {@link Measure measures} of a run against graded judgments, per query and over all queries, the way
 * trec_eval does under {@link Conventions#TREC_EVAL}:
 * <ol>
 *   <li>a query is evaluated when both the run and the judgments have it (a run's query with no documents counts as
 *       absent, as a TREC file cannot hold one); a run's query without judgments is ignored;</li>
 *   <li>its documents are ordered by score, highest first, equal scores by {@link Conventions#ties()};</li>
 *   <li>the ranking is cut at {@link Conventions#depth()}, then, with {@link Conventions#judgedOnly()}, stripped of
 *       documents without a grade ≥ 0;</li>
 *   <li>a document is relevant when its grade is ≥ {@link Conventions#relevanceLevel()}; unjudged documents are not
 *       relevant; num_rel counts relevant judgments, retrieved or not;</li>
 *   <li>{@code all} is the mean over the evaluated queries — or, with {@link Conventions#completeQueries()}, over
 *       every query of the judgments, a missing query adding 0; num_ret, num_rel and num_rel_ret are sums. With
 *       {@code completeQueries}, {@code all}'s num_rel is, as in trec_eval, the count of all judgments with a grade
 *       &gt; 0 over every query, whatever {@link Conventions#relevanceLevel()}.</li>
 * </ol>
 */
public final class Evaluator {

    private static final double LN2 = Math.log(2);

    /** trec_eval's string order (see {@link CodePointOrder}). */
    static final Comparator<String> CODE_POINTS = CodePointOrder.COMPARATOR;

    private Evaluator() {
    }

    /**
     * Evaluates {@code run} against {@code qrels}.
     *
     * @param run   per query id, the ranker's documents with scores (any order; a docno at most once per query)
     * @param qrels per query id, the grade of each judged document (negative grades count as unjudged)
     * @param specs the measures; the result holds them in print order, without repeats
     * @throws IllegalArgumentException when a query of the run has a docno twice
     */
    public static Evaluation evaluate(Map<String, List<Scored>> run, Map<String, Map<String, Integer>> qrels,
                                      List<MeasureSpec> specs, Conventions conventions) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(qrels, "qrels");
        Objects.requireNonNull(conventions, "conventions");
        List<MeasureSpec> ordered = new ArrayList<>(new TreeSet<>(specs));
        TreeSet<String> qids = new TreeSet<>(CODE_POINTS);
        qids.addAll(qrels.keySet());
        Map<String, double[]> perQuery = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        double[] sum = new double[ordered.size()];
        for (String qid : qids) {
            List<Scored> docs = run.get(qid);
            Map<String, Integer> grades = qrels.get(qid);
            if (docs == null || docs.isEmpty()) {
                missing.add(qid);
                continue;
            }
            double[] values = evaluateQuery(qid, docs, grades, ordered, conventions);
            perQuery.put(qid, values);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += values[i];
            }
        }
        int numQueries = conventions.completeQueries() ? qids.size() : perQuery.size();
        double[] all = new double[ordered.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = ordered.get(i).measure().summed() ? sum[i] : numQueries == 0 ? 0 : sum[i] / numQueries;
            if (conventions.completeQueries() && ordered.get(i).measure() == Measure.NUM_REL) {
                // trec_eval's -c: the judgments of every query with a grade > 0, whatever the relevance level
                all[i] = qrels.values().stream().mapToLong(g -> g.values().stream().filter(v -> v != null && v > 0)
                        .count()).sum();
            }
        }
        return new Evaluation(ordered, conventions, perQuery, missing, all, numQueries);
    }

    /**
     * The measures of one query, in the order of {@code specs}.
     *
     * @param grades the query's judgments (may be empty)
     */
    public static double[] evaluateQuery(String qid, List<Scored> docs, Map<String, Integer> grades,
                                         List<MeasureSpec> specs, Conventions conventions) {
        int[] ranked = rankedGrades(qid, docs, grades, conventions);
        int level = conventions.relevanceLevel();
        int numRel = numRel(grades, level);
        int n = ranked.length;
        // prefix sums over ranks: relevant, judged, precision at each relevant document
        int[] relUpTo = new int[n + 1];
        int[] judgedUpTo = new int[n + 1];
        double[] precSumUpTo = new double[n + 1];
        int firstRel = 0;
        for (int i = 0; i < n; i++) {
            boolean rel = isRelevant(ranked[i], level);
            relUpTo[i + 1] = relUpTo[i] + (rel ? 1 : 0);
            judgedUpTo[i + 1] = judgedUpTo[i] + (ranked[i] >= 0 ? 1 : 0);
            precSumUpTo[i + 1] = precSumUpTo[i] + (rel ? (double) relUpTo[i + 1] / (i + 1) : 0);
            if (rel && firstRel == 0) {
                firstRel = i + 1;
            }
        }
        double[] out = new double[specs.size()];
        double[] ideal = null;
        for (int s = 0; s < specs.size(); s++) {
            MeasureSpec spec = specs.get(s);
            int k = spec.k();
            int top = Math.min(k, n);
            out[s] = switch (spec.measure()) {
                case NUM_RET -> n;
                case NUM_REL -> numRel;
                case NUM_REL_RET -> relUpTo[n];
                case MAP -> numRel == 0 ? 0 : precSumUpTo[n] / numRel;
                case RECIP_RANK -> firstRel == 0 ? 0 : 1.0 / firstRel;
                case P -> (double) relUpTo[top] / k;
                case RECALL -> numRel == 0 ? 0 : (double) relUpTo[top] / numRel;
                case MAP_CUT -> numRel == 0 ? 0 : precSumUpTo[top] / numRel;
                case SUCCESS -> relUpTo[top] > 0 ? 1 : 0;
                case JUDGED -> (double) judgedUpTo[top] / k;
                case NDCG_CUT -> {
                    if (ideal == null) {
                        ideal = idealGains(grades, conventions.gain());
                    }
                    yield ndcg(ranked, top, k, ideal, conventions);
                }
            };
        }
        return out;
    }

    private static double ndcg(int[] ranked, int top, int k, double[] idealGains, Conventions c) {
        double dcg = 0;
        for (int i = 0; i < top; i++) {
            dcg += gain(ranked[i], c.gain()) * discount(i);
        }
        int idealTop = c.ideal() == Conventions.Ideal.CUT_AT_K ? Math.min(k, idealGains.length) : idealGains.length;
        double idcg = 0;
        for (int i = 0; i < idealTop; i++) {
            idcg += idealGains[i] * discount(i);
        }
        return idcg > 0 ? dcg / idcg : 0;
    }

    /** 1 / log2(rank + 1) for the document at 0-based position {@code i}. */
    private static double discount(int i) {
        return LN2 / Math.log(i + 2);
    }

    private static double gain(int grade, Conventions.Gain g) {
        if (grade <= 0) {
            return 0;
        }
        return g == Conventions.Gain.LINEAR ? grade : Math.pow(2, grade) - 1;
    }

    /** The positive gains of the judgments, best first. */
    private static double[] idealGains(Map<String, Integer> grades, Conventions.Gain g) {
        double[] gains = new double[grades.size()];
        int n = 0;
        for (Integer v : grades.values()) {
            if (v != null && v > 0) {
                gains[n++] = gain(v, g);
            }
        }
        Arrays.sort(gains, 0, n);
        double[] best = new double[n];
        for (int i = 0; i < n; i++) {
            best[i] = gains[n - 1 - i];
        }
        return best;
    }

    private static boolean isRelevant(int grade, int level) {
        return grade >= 0 && grade >= level;
    }

    private static int numRel(Map<String, Integer> grades, int level) {
        int n = 0;
        for (Integer g : grades.values()) {
            if (g != null && isRelevant(g, level)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The first docno that {@code docs} hold twice, or null. An open-addressing table of positions rather than a
     * HashSet: a run of a million documents would otherwise allocate a million set entries.
     */
    private static String repeatedDocno(Scored[] docs) {
        int capacity = Integer.highestOneBit(Math.max(4, docs.length) * 2 - 1) << 1;
        int[] table = new int[capacity]; // position + 1; 0 = free
        int mask = capacity - 1;
        for (int i = 0; i < docs.length; i++) {
            String id = docs[i].docId();
            int h = id.hashCode();
            int slot = (h ^ (h >>> 16)) & mask;
            while (table[slot] != 0) {
                if (docs[table[slot] - 1].docId().equals(id)) {
                    return id;
                }
                slot = (slot + 1) & mask;
            }
            table[slot] = i + 1;
        }
        return null;
    }

    /** Whether {@code docs} are already in the order the sort below would give them (a sort would keep them). */
    private static boolean inOrder(Scored[] docs, boolean byDocno) {
        for (int i = 1; i < docs.length; i++) {
            int c = Double.compare(docs[i].score() + 0.0, docs[i - 1].score() + 0.0);
            if (c > 0 || (c == 0 && byDocno && CODE_POINTS.compare(docs[i].docId(), docs[i - 1].docId()) > 0)) {
                return false;
            }
        }
        return true;
    }

    /** The grades of the ranking after ordering, depth and judged-only; -1 marks an unjudged document. */
    private static int[] rankedGrades(String qid, List<Scored> docs, Map<String, Integer> grades, Conventions c) {
        Scored[] sorted = docs.toArray(new Scored[0]);
        String twice = repeatedDocno(sorted);
        if (twice != null) {
            throw new IllegalArgumentException("docno \"" + twice + "\" appears twice for query \"" + qid + "\"");
        }
        // +0.0 makes -0 tie with 0, as the C comparison does
        boolean byDocno = c.ties() == Conventions.Ties.DOCNO_DESCENDING;
        if (!inOrder(sorted, byDocno)) { // runs read by TrecRunReader come in this order already
            Comparator<Scored> byScore = (a, b) -> Double.compare(b.score() + 0.0, a.score() + 0.0);
            Arrays.sort(sorted, byDocno
                    ? byScore.thenComparing(Scored::docId, CODE_POINTS.reversed())
                    : byScore); // a stable sort: equal scores keep the given order
        }
        int n = (int) Math.min(sorted.length, (long) c.depth());
        int[] out = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            Integer g = grades.get(sorted[i].docId());
            int grade = g == null || g < 0 ? -1 : g;
            if (c.judgedOnly() && grade < 0) {
                continue;
            }
            out[m++] = grade;
        }
        return m == n ? out : Arrays.copyOf(out, m);
    }
}
