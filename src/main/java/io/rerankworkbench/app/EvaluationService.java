package io.rerankworkbench.app;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.rerankworkbench.core.CodePointOrder;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.core.SpreadsheetSafe;
import io.rerankworkbench.eval.metrics.Conventions;
import io.rerankworkbench.eval.metrics.Evaluation;
import io.rerankworkbench.eval.metrics.Evaluator;
import io.rerankworkbench.eval.metrics.Measure;
import io.rerankworkbench.eval.metrics.MeasureSpec;
import io.rerankworkbench.eval.metrics.Paired;
import io.rerankworkbench.eval.metrics.Scored;
import io.rerankworkbench.eval.plot.GradedScore;
import io.rerankworkbench.eval.plot.QueryGrades;
import io.rerankworkbench.eval.significance.BootstrapCi;
import io.rerankworkbench.eval.significance.Holm;
import io.rerankworkbench.eval.significance.PairedTTest;
import io.rerankworkbench.eval.significance.RandomizationTest;
import io.rerankworkbench.eval.significance.WinTieLoss;
import io.rerankworkbench.io.AtomicFiles;
import io.rerankworkbench.io.CsvOutput;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.store.Judgment;
import io.rerankworkbench.store.ProjectStore;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Evaluates the project's rankers against its grades: the means with bootstrap intervals, per-query values, judged
 * coverage, paired significance tests and the data of the plots. Used by the Evaluate panel and {@code eval
 * PROJECT.rwb}; the measures themselves are {@link Evaluator}'s, exact to trec_eval.
 *
 * <p>Two steps, so that changing a convention never reads the project again: {@link #load} reads every query's
 * runs and judgments once (the IO lane); {@link #evaluate} computes from that snapshot (any background thread).
 * Thread-safe.
 */
public final class EvaluationService {

    /** The depth of the nDCG@k curve (k = 1 … this). */
    public static final int CURVE_DEPTH = 20;
    /** A metric cell warns when fewer than this share of its top k are judged. */
    public static final double COVERAGE_WARNING = 0.8;
    /** The default cut-off. */
    public static final int DEFAULT_K = 10;

    private final Supplier<ProjectStore> store;

    /** A service over the open project of {@code projects}. */
    public EvaluationService(ProjectService projects) {
        this(Objects.requireNonNull(projects, "projects")::store);
    }

    /** A service over whatever project {@code store} gives at each call (the command line opens one file). */
    public EvaluationService(Supplier<ProjectStore> store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * A ranking the panel can evaluate across queries: the newest completed run of a ranker and model on each query,
     * the same for variant N of each query that has one ({@link RankingRef.ByVariant}), or the original order.
     *
     * @param label the model's name ("kind:model" where two kinds share a model), "v1 · model" for a variant's, or
     *              "Original order"
     */
    public record Ranker(RankingRef ref, String label) {
        public Ranker {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(label, "label");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * One query with judgments, as read from the project.
     *
     * @param candidates its document ids in original order
     * @param judgments  its judgments, oldest first
     * @param docIds     document row id → document id
     * @param runs       the documents and scores of each ranker that has a completed run of it (a variant's ranker
     *                   under its {@link RankingRef.ByVariant})
     * @param variants   the texts of its variants by number (1, 2, …); empty when it has none
     */
    public record QueryData(String id, String text, List<String> candidates, List<Judgment> judgments,
                            Map<Long, String> docIds, Map<RankingRef, List<Scored>> runs,
                            Map<Integer, String> variants) {
        public QueryData {
            candidates = List.copyOf(candidates);
            judgments = List.copyOf(judgments);
            docIds = Map.copyOf(docIds);
            runs = Collections.unmodifiableMap(new LinkedHashMap<>(runs));
            variants = Collections.unmodifiableMap(new TreeMap<>(variants));
        }

        /** A query without variants. */
        public QueryData(String id, String text, List<String> candidates, List<Judgment> judgments,
                         Map<Long, String> docIds, Map<RankingRef, List<Scored>> runs) {
            this(id, text, candidates, judgments, docIds, runs, Map.of());
        }

        /**
         * Whether {@code ranker} can rank this query at all: every ranker can, a variant's ranker only when the query
         * has that variant.
         */
        public boolean has(Ranker ranker) {
            return !(ranker.ref() instanceof RankingRef.ByVariant v) || variants.containsKey(v.variant());
        }

        /** The text {@code ranker} ranked for: the variant's for a variant's ranker, else the query's; null if none. */
        public String textFor(Ranker ranker) {
            return ranker.ref() instanceof RankingRef.ByVariant v ? variants.get(v.variant()) : text;
        }
    }

    /**
     * What the project holds for an evaluation.
     *
     * @param queries    the queries with at least one judgment, in the project's order
     * @param rankers    every ranker with a completed run of one of them (oldest first), then each variant's
     *                   (variant 1's first, each variant's oldest first), then the original order
     * @param annotators the annotators' names ("" for grades without a name), in order of first grade
     * @param ungraded   queries without a judgment (not evaluated)
     */
    public record Snapshot(List<QueryData> queries, List<Ranker> rankers, List<String> annotators, int ungraded) {
        public Snapshot {
            queries = List.copyOf(queries);
            rankers = List.copyOf(rankers);
            annotators = List.copyOf(annotators);
        }

        /** The query with external id {@code id}. */
        public Optional<QueryData> query(String id) {
            return queries.stream().filter(q -> q.id().equals(id)).findFirst();
        }
    }

    /**
     * Reads every judged query's candidates, judgments and completed runs, its variants' among them. Blocks on the
     * database (the IO lane).
     *
     * @throws CancelledException when {@code cancel} is set between queries
     */
    public Snapshot load(CancellationToken cancel) {
        return EvaluationLoader.load(store.get(), cancel);
    }

    /**
     * Documents in the order given, as a run: descending pseudo-scores (0, −1, −2 …), so that no convention on ties
     * reorders them and missing first-stage scores do not matter. How the original order is evaluated.
     */
    public static List<Scored> givenOrder(List<String> docIds) {
        List<Scored> out = new ArrayList<>(docIds.size());
        for (String id : docIds) {
            out.add(new Scored(id, -out.size()));
        }
        return out;
    }

    /** A ranking's documents and scores, as a run. */
    public static List<Scored> scored(List<ScoredCandidate> results) {
        List<Scored> out = new ArrayList<>(results.size());
        for (ScoredCandidate c : results) {
            out.add(new Scored(c.candidate().docId(), c.score()));
        }
        return out;
    }

    /**
     * One column of the metrics table.
     *
     * @param name "nDCG@10", "MRR", …
     */
    public record Metric(String name, MeasureSpec spec) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The panel's measures at cut-off {@code k}: nDCG@k, P@k, R@k, MRR, AP, AP@k, success@k, judged@k. */
    public static List<Metric> metrics(int k) {
        return List.of(new Metric("nDCG@" + k, MeasureSpec.of(Measure.NDCG_CUT, k)),
                new Metric("P@" + k, MeasureSpec.of(Measure.P, k)),
                new Metric("R@" + k, MeasureSpec.of(Measure.RECALL, k)),
                new Metric("MRR", MeasureSpec.of(Measure.RECIP_RANK)),
                new Metric("AP", MeasureSpec.of(Measure.MAP)),
                new Metric("AP@" + k, MeasureSpec.of(Measure.MAP_CUT, k)),
                new Metric("Success@" + k, MeasureSpec.of(Measure.SUCCESS, k)),
                new Metric("Judged@" + k, MeasureSpec.of(Measure.JUDGED, k)));
    }

    /**
     * What to evaluate.
     *
     * @param rankers     the rows, in order
     * @param queries     the query ids to evaluate over; null for every judged query
     * @param grades      which grade of a pair counts
     * @param k           the cut-off of the cut measures and of the coverage badge
     * @param conventions gain, ideal, relevance level, ties, depth, condensed lists, complete queries
     */
    public record Request(List<Ranker> rankers, Set<String> queries, GradeChoice grades, int k,
                          Conventions conventions) {
        public Request {
            rankers = List.copyOf(rankers);
            queries = queries == null ? null : Set.copyOf(queries);
            Objects.requireNonNull(grades, "grades");
            Objects.requireNonNull(conventions, "conventions");
            if (k < 1) {
                throw new IllegalArgumentException("k must be ≥ 1, was " + k);
            }
        }

        /** Every ranker of {@code snapshot} over every judged query, newest grades, trec_eval's conventions. */
        public static Request defaults(Snapshot snapshot) {
            return new Request(snapshot.rankers(), null, GradeChoice.NEWEST, DEFAULT_K, Conventions.TREC_EVAL);
        }
    }

    /**
     * One ranker's numbers.
     *
     * @param evaluation the measures of {@link #metrics(int)} per query and over the queries
     * @param intervals  per metric the 95 % bootstrap interval of the mean (absent when no query was evaluated)
     * @param coverage   per evaluated query the share of its top k that is judged (before condensing)
     * @param curve      mean nDCG@k for k = 1 … {@link #CURVE_DEPTH}, under the same conventions
     */
    public record RankerResult(Ranker ranker, Evaluation evaluation, Map<MeasureSpec, BootstrapCi> intervals,
                               Map<String, Double> coverage, double[] curve) {
        /** The mean coverage over the evaluated queries, NaN when none. */
        public double meanCoverage() {
            return coverage.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /** The evaluated queries whose top k is less than {@link #COVERAGE_WARNING} judged. */
        public long lowCoverageQueries() {
            return coverage.values().stream().filter(c -> c < COVERAGE_WARNING).count();
        }
    }

    /**
     * The result of a request.
     *
     * @param qrels   the grades evaluated against: query id → document id → grade (queries with a grade under the
     *                request's choice)
     * @param results one per requested ranker, in order
     */
    public record Report(Request request, List<Metric> metrics, Map<String, Map<String, Integer>> qrels,
                         List<RankerResult> results) {

        /** The query ids evaluated against, in code-point order (as every evaluation lists them). */
        public List<String> queries() {
            TreeSet<String> ids = new TreeSet<>(CodePointOrder.COMPARATOR);
            ids.addAll(qrels.keySet());
            return List.copyOf(ids);
        }

        /** The result of {@code ranker}. */
        public Optional<RankerResult> result(Ranker ranker) {
            return results.stream().filter(r -> r.ranker().equals(ranker)).findFirst();
        }
    }

    /**
     * Evaluates every ranker of {@code request} on {@code snapshot}. Pure computation.
     *
     * @throws CancelledException when {@code cancel} is set between rankers
     */
    public static Report evaluate(Snapshot snapshot, Request request, CancellationToken cancel) {
        Map<String, Map<String, Integer>> qrels = qrels(snapshot, request);
        List<Metric> metrics = metrics(request.k());
        List<MeasureSpec> specs = metrics.stream().map(Metric::spec).toList();
        List<MeasureSpec> curveSpecs = new ArrayList<>();
        for (int k = 1; k <= CURVE_DEPTH; k++) {
            curveSpecs.add(MeasureSpec.of(Measure.NDCG_CUT, k));
        }
        MeasureSpec judgedAtK = MeasureSpec.of(Measure.JUDGED, request.k());
        List<RankerResult> results = new ArrayList<>();
        for (Ranker ranker : request.rankers()) {
            if (cancel != null && cancel.isCancelled()) {
                throw new CancelledException();
            }
            // A variant's ranker is judged only on the queries that have the variant: with complete queries, a query
            // without it would otherwise count 0 against the phrasing.
            Map<String, Map<String, Integer>> rankable = domain(snapshot, ranker, qrels);
            Map<String, List<Scored>> run = run(snapshot, ranker.ref(), rankable.keySet());
            Conventions conventions = request.conventions();
            Evaluation evaluation = Evaluator.evaluate(run, rankable, specs, conventions);
            Map<MeasureSpec, BootstrapCi> intervals = new LinkedHashMap<>();
            for (MeasureSpec spec : specs) {
                double[] sample = evaluation.sample(spec);
                if (sample.length > 0) {
                    intervals.put(spec, BootstrapCi.of(sample));
                }
            }
            Evaluation uncondensed = conventions.judgedOnly()
                    ? Evaluator.evaluate(run, rankable, List.of(judgedAtK), conventions.withJudgedOnly(false))
                    : evaluation;
            Map<String, Double> coverage = new LinkedHashMap<>();
            for (String q : uncondensed.perQuery().keySet()) {
                coverage.put(q, uncondensed.value(q, judgedAtK));
            }
            Evaluation curveEval = Evaluator.evaluate(run, rankable, curveSpecs, conventions);
            double[] curve = new double[CURVE_DEPTH];
            for (int k = 1; k <= CURVE_DEPTH; k++) {
                curve[k - 1] = curveEval.all(curveSpecs.get(k - 1));
            }
            results.add(new RankerResult(ranker, evaluation, intervals, coverage, curve));
        }
        return new Report(request, metrics, qrels, results);
    }

    private static Map<String, Map<String, Integer>> qrels(Snapshot snapshot, Request request) {
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        for (QueryData q : snapshot.queries()) {
            if (request.queries() != null && !request.queries().contains(q.id())) {
                continue;
            }
            Map<String, Integer> grades = request.grades().grades(q.judgments(), q.docIds());
            if (!grades.isEmpty()) {
                qrels.put(q.id(), grades);
            }
        }
        return qrels;
    }

    /** The judgments of the queries {@code ranker} can rank (a variant's: the queries that have the variant). */
    private static Map<String, Map<String, Integer>> domain(Snapshot snapshot, Ranker ranker,
                                                            Map<String, Map<String, Integer>> qrels) {
        if (!(ranker.ref() instanceof RankingRef.ByVariant)) {
            return qrels;
        }
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (QueryData q : snapshot.queries()) {
            if (q.has(ranker) && qrels.containsKey(q.id())) {
                out.put(q.id(), qrels.get(q.id()));
            }
        }
        return out;
    }

    private static Map<String, List<Scored>> run(Snapshot snapshot, RankingRef ref, Set<String> queries) {
        Map<String, List<Scored>> run = new LinkedHashMap<>();
        for (QueryData q : snapshot.queries()) {
            List<Scored> docs = q.runs().get(ref);
            if (docs != null && queries.contains(q.id())) {
                run.put(q.id(), docs);
            }
        }
        return run;
    }

    /**
     * Two rankers compared on one metric over the queries both were evaluated on (with complete queries, every
     * judged query, a missing one counting 0).
     *
     * @param holm the Holm-adjusted randomization p-value over every pair of the report's rankers that has a test,
     *             NaN when the report has two rankers only
     */
    public record PairTest(Ranker a, Ranker b, Metric metric, Paired paired, RandomizationTest randomization,
                           PairedTTest tTest, WinTieLoss winTieLoss, double holm) {
    }

    /**
     * A and B on {@code metric}: paired randomization test (10,000 seeded permutations, exact for few queries),
     * paired t-test and wins/ties/losses of B over A, with Holm's correction over all pairs of the report's rankers
     * when it has more than two.
     *
     * @return empty when the two have fewer than two queries in common
     */
    public static Optional<PairTest> compare(Report report, Ranker a, Ranker b, Metric metric) {
        Optional<PairTest> test = pair(report, a, b, metric);
        if (test.isEmpty() || report.results().size() <= 2) {
            return test;
        }
        List<PairTest> all = allPairs(report, metric);
        for (PairTest t : all) {
            if (t.a().equals(a) && t.b().equals(b) || t.a().equals(b) && t.b().equals(a)) {
                PairTest p = test.get();
                return Optional.of(new PairTest(p.a(), p.b(), metric, p.paired(), p.randomization(), p.tTest(),
                        p.winTieLoss(), t.holm()));
            }
        }
        return test;
    }

    /** Every pair of the report's rankers (row order) on {@code metric}, Holm-adjusted over the pairs. */
    public static List<PairTest> allPairs(Report report, Metric metric) {
        List<PairTest> pairs = new ArrayList<>();
        List<RankerResult> results = report.results();
        for (int i = 0; i < results.size(); i++) {
            for (int j = i + 1; j < results.size(); j++) {
                pair(report, results.get(i).ranker(), results.get(j).ranker(), metric).ifPresent(pairs::add);
            }
        }
        if (report.results().size() <= 2 || pairs.isEmpty()) {
            return pairs;
        }
        double[] adjusted = Holm.adjust(pairs.stream().mapToDouble(p -> p.randomization().pValue()).toArray());
        List<PairTest> out = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            PairTest p = pairs.get(i);
            out.add(new PairTest(p.a(), p.b(), metric, p.paired(), p.randomization(), p.tTest(), p.winTieLoss(),
                    adjusted[i]));
        }
        return out;
    }

    private static Optional<PairTest> pair(Report report, Ranker a, Ranker b, Metric metric) {
        Optional<RankerResult> ra = report.result(a);
        Optional<RankerResult> rb = report.result(b);
        if (ra.isEmpty() || rb.isEmpty()) {
            return Optional.empty();
        }
        Paired paired = Paired.of(ra.get().evaluation(), rb.get().evaluation(), metric.spec());
        if (paired.queries().size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new PairTest(a, b, metric, paired, RandomizationTest.of(paired.a(), paired.b()),
                PairedTTest.of(paired.a(), paired.b()), WinTieLoss.of(paired.a(), paired.b()), Double.NaN));
    }

    /** The scores {@code ranker} gave the documents of the report's queries, with their grades. */
    public static List<GradedScore> scores(Snapshot snapshot, Report report, Ranker ranker) {
        List<GradedScore> out = new ArrayList<>();
        if (ranker.ref() == RankingRef.ORIGINAL) {
            return out; // the original order has no scores of its own
        }
        for (QueryData q : snapshot.queries()) {
            Map<String, Integer> grades = report.qrels().get(q.id());
            List<Scored> docs = q.runs().get(ranker.ref());
            if (grades == null || docs == null) {
                continue;
            }
            for (Scored s : docs) {
                out.add(new GradedScore(s.score(), grades.get(s.docId())));
            }
        }
        return out;
    }

    /** Per evaluated query (in the project's order) how many candidates have each grade. */
    public static List<QueryGrades> gradeCounts(Snapshot snapshot, Report report) {
        List<QueryGrades> out = new ArrayList<>();
        for (QueryData q : snapshot.queries()) {
            Map<String, Integer> grades = report.qrels().get(q.id());
            if (grades == null) {
                continue;
            }
            TreeMap<Integer, Integer> counts = new TreeMap<>();
            int unjudged = 0;
            for (String doc : q.candidates()) {
                Integer g = grades.get(doc);
                if (g == null) {
                    unjudged++;
                } else {
                    counts.merge(g, 1, Integer::sum);
                }
            }
            out.add(new QueryGrades(q.id(), q.text(), counts, unjudged));
        }
        return out;
    }

    /** The columns of {@link #exportCsv}. */
    public static final List<String> CSV_COLUMNS = List.of("ranker", "query_id", "measure", "trec_name", "value",
            "ci_lower", "ci_upper", "judged");

    /**
     * Writes a report as CSV: per ranker, each evaluated query's measures, then its means (query id {@code all},
     * with the 95 % bootstrap interval); {@code judged} is the share of the top k that is judged (its mean on the
     * {@code all} rows). All or nothing. Blocks (the IO lane).
     */
    public static void exportCsv(Report report, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (SequenceWriter rows = CsvOutput.rows(w, CSV_COLUMNS)) {
                for (RankerResult r : report.results()) {
                    String ranker = SpreadsheetSafe.text(r.ranker().label());
                    for (String q : r.evaluation().perQuery().keySet()) {
                        for (Metric m : report.metrics()) {
                            rows.write(Arrays.asList(ranker, SpreadsheetSafe.text(q), m.name(), m.spec().trecName(),
                                    number(r.evaluation().value(q, m.spec())), null, null,
                                    number(r.coverage().getOrDefault(q, Double.NaN))));
                        }
                    }
                    for (Metric m : report.metrics()) {
                        BootstrapCi ci = r.intervals().get(m.spec());
                        rows.write(Arrays.asList(ranker, "all", m.name(), m.spec().trecName(),
                                number(r.evaluation().all(m.spec())), ci == null ? null : number(ci.lower()),
                                ci == null ? null : number(ci.upper()), number(r.meanCoverage())));
                    }
                }
            }
            w.flush();
        });
    }

    private static BigDecimal number(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value) : null; // the shortest text that reads back exactly
    }
}
