package io.rerankworkbench.app;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoreFormat;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.core.SpreadsheetSafe;
import io.rerankworkbench.eval.compare.ListAgreements;
import io.rerankworkbench.eval.compare.QueryAgreement;
import io.rerankworkbench.eval.compare.RankDiff;
import io.rerankworkbench.io.AtomicFiles;
import io.rerankworkbench.io.CsvOutput;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.store.Judgment;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.eval.compare.AgreementOverQueries;
import io.rerankworkbench.eval.compare.RankMatrix;
import io.rerankworkbench.eval.compare.RankedList;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.store.VariantRepository;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Compares rankings of the project's queries: one query's runs and pseudo-runs side by side, several rankers' rank
 * matrix, and two rankers' agreement over every query. Used by the Compare view and the {@code compare} command.
 *
 * <p>Threading: every method reads the project; call it on the IO lane, never on the FX thread. Thread-safe.
 */
public final class CompareService {

    private final Supplier<ProjectStore> store;

    /** A service over the open project of {@code projects}. */
    public CompareService(ProjectService projects) {
        this(Objects.requireNonNull(projects, "projects")::store);
    }

    /** A service over whatever project {@code store} gives at each call (the command line opens one file). */
    public CompareService(Supplier<ProjectStore> store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * One ranking of a query, ready to compare.
     *
     * @param ref     how it was asked for (a run is referred to by its number)
     * @param label   "Run 2 · all-MiniLM-L6-v2", "Original order", "Ideal order (by grade)"
     * @param ranking its documents best first with score and rank (the ideal order's score is the grade)
     * @param list    the same order with its ties, as the measures read it
     * @param completed false for a failed or cancelled run
     */
    public record Side(RankingRef ref, String label, Ranking ranking, RankedList list, boolean completed) {
    }

    /**
     * A query and everything a comparison of its rankings shows.
     *
     * @param grades newest grade per document id (by anyone), as the results table's Label column
     * @param sides  its runs oldest first, then its variants' runs (variant by variant, each oldest first), then the
     *               original order, then (when it has grades) the ideal order
     * @param variants its variants in the order they were kept (numbered 1, 2, …)
     */
    public record QueryRankings(StoredQuery query, List<StoredCandidate> candidates, Map<String, Integer> grades,
                                List<Side> sides, List<StoredVariant> variants) {
        public QueryRankings {
            sides = List.copyOf(sides);
            variants = List.copyOf(variants);
        }

        /** A query without variants. */
        public QueryRankings(StoredQuery query, List<StoredCandidate> candidates, Map<String, Integer> grades,
                             List<Side> sides) {
            this(query, candidates, grades, sides, List.of());
        }

        /** Variant {@code number} of the query, if it has one. */
        public Optional<StoredVariant> variant(int number) {
            return number >= 1 && number <= variants.size() ? Optional.of(variants.get(number - 1))
                    : Optional.empty();
        }

        /** The text {@code side} ranked for: its variant's phrasing for a variant's run, else the query's text. */
        public String textOf(Side side) {
            if (side.ref() instanceof RankingRef.VariantRun v) {
                return variant(v.variant()).map(StoredVariant::text).orElse(side.ranking().query().text());
            }
            return query.text();
        }
    }

    /** The project's queries, in the order the window lists them. */
    public List<StoredQuery> queries() {
        return store.get().listQueries();
    }

    /** A query's rankings; empty when the query was deleted. */
    public Optional<QueryRankings> rankings(long queryId) {
        ProjectStore project = store.get();
        Optional<StoredQuery> query = project.query(queryId);
        if (query.isEmpty()) {
            return Optional.empty();
        }
        List<StoredCandidate> candidates = project.candidates(queryId);
        Map<String, Integer> grades = newestGrades(candidates, project.judgments(queryId));
        List<Side> sides = new ArrayList<>();
        for (StoredRun run : project.runs(queryId)) {
            sides.add(new Side(RankingRef.run(run.number()), "Run " + run.number() + " · " + run.ranking().model(),
                    run.ranking(), listOf(run.ranking(), true), run.status() == RunStatus.COMPLETED));
        }
        VariantRepository variantStore = new VariantRepository(project);
        List<StoredVariant> variants = variantStore.list(queryId);
        for (StoredVariant v : variants) {
            for (StoredRun run : variantStore.runs(v.id())) {
                sides.add(new Side(RankingRef.variantRun(v.number(), run.number()), variantLabel(v, run),
                        run.ranking(), listOf(run.ranking(), true), run.status() == RunStatus.COMPLETED));
            }
        }
        Query q = query.get().toQuery();
        List<StoredCandidate> original = new ArrayList<>(candidates);
        original.sort(Comparator.comparingInt(c -> c.candidate().originalRank()));
        List<ScoredCandidate> originalOrder = new ArrayList<>(original.size());
        for (StoredCandidate c : original) {
            originalOrder.add(new ScoredCandidate(c.candidate(), c.firstStageScore(), originalOrder.size() + 1, 0));
        }
        Ranking originalRanking = new Ranking(q, originalOrder, "original", ORIGINAL_LABEL, Duration.ZERO);
        sides.add(new Side(RankingRef.ORIGINAL, ORIGINAL_LABEL, originalRanking, listOf(originalRanking, false),
                true));
        if (!grades.isEmpty()) {
            List<StoredCandidate> graded = new ArrayList<>();
            for (StoredCandidate c : original) {
                if (grades.containsKey(c.candidate().docId())) {
                    graded.add(c); // in original order, so equal grades keep it (a stable sort follows)
                }
            }
            graded.sort(Comparator.comparingInt((StoredCandidate c) -> grades.get(c.candidate().docId())).reversed());
            List<ScoredCandidate> idealOrder = new ArrayList<>(graded.size());
            for (StoredCandidate c : graded) {
                idealOrder.add(new ScoredCandidate(c.candidate(), grades.get(c.candidate().docId()),
                        idealOrder.size() + 1, 0));
            }
            Ranking ideal = new Ranking(q, idealOrder, "ideal", IDEAL_LABEL, Duration.ZERO);
            sides.add(new Side(RankingRef.IDEAL, IDEAL_LABEL, ideal, listOf(ideal, true), true));
        }
        return Optional.of(new QueryRankings(query.get(), candidates, grades, sides, variants));
    }

    /** "Variant 1 · run 2 · all-MiniLM-L6-v2 — “basil storage”". */
    static String variantLabel(StoredVariant v, StoredRun run) {
        return "Variant " + v.number() + " · run " + run.number() + " · " + run.ranking().model() + " — \u201c"
                + v.text() + "\u201d";
    }

    /** The display name of the original order. */
    public static final String ORIGINAL_LABEL = "Original order";
    /** The display name of the ideal order. */
    public static final String IDEAL_LABEL = "Ideal order (by grade)";

    private static RankedList listOf(Ranking ranking, boolean scoresTie) {
        List<String> ids = new ArrayList<>(ranking.results().size());
        double[] scores = new double[ranking.results().size()];
        for (ScoredCandidate c : ranking.results()) {
            scores[ids.size()] = c.score();
            ids.add(c.candidate().docId());
        }
        return scoresTie ? RankedList.scored(ids, scores) : RankedList.strict(ids);
    }

    /**
     * Each candidate's newest grade (by anyone), keyed by document id: what the results table's Label column and the
     * comparisons show.
     */
    public static Map<String, Integer> newestGrades(List<StoredCandidate> candidates, List<Judgment> judgments) {
        Map<Long, String> docIds = new HashMap<>();
        for (StoredCandidate c : candidates) {
            docIds.put(c.documentId(), c.candidate().docId());
        }
        Map<String, Integer> grades = new HashMap<>();
        for (Judgment j : judgments) { // oldest first: the newest wins
            String docId = docIds.get(j.documentId());
            if (docId != null) {
                grades.put(docId, j.grade());
            }
        }
        return grades;
    }

    /**
     * The side {@code ref} names among {@code rankings}: a run by number, the newest completed run of a ranker and
     * model, a variant's run by number, the newest completed run of a variant (by a ranker), or a pseudo-run.
     */
    public static Optional<Side> resolve(QueryRankings rankings, RankingRef ref) {
        List<Side> sides = rankings.sides();
        if (ref instanceof RankingRef.ByVariant r) {
            for (int i = sides.size() - 1; i >= 0; i--) { // a variant's runs are oldest first
                Side s = sides.get(i);
                if (s.ref() instanceof RankingRef.VariantRun v && v.variant() == r.variant() && s.completed()
                        && r.matches(s.ranking().ranker(), s.ranking().model())) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
        if (ref instanceof RankingRef.ByRanker r) {
            for (int i = sides.size() - 1; i >= 0; i--) {
                Side s = sides.get(i);
                if (s.ref() instanceof RankingRef.RunNumber && s.completed()
                        && s.ranking().model().equals(r.model())
                        && (r.rankerKind() == null || r.rankerKind().equals(s.ranking().ranker()))) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
        return sides.stream().filter(s -> s.ref().equals(ref)).findFirst();
    }

    /**
     * The rank matrix of a query: the newest completed run of each ranker and model (oldest ranker first), then the
     * same for each variant (variant by variant, named "v1 · model"), then the original order and, when graded, the
     * ideal order.
     */
    public static RankMatrix matrix(QueryRankings rankings, double p) {
        Map<String, Side> newest = new LinkedHashMap<>();
        Map<String, String> models = new HashMap<>(); // key → its row's name without the kind
        Set<String> seen = new HashSet<>();
        Set<String> ambiguous = new HashSet<>();
        for (Side s : rankings.sides()) {
            int variant = s.ref() instanceof RankingRef.VariantRun v ? v.variant() : 0;
            if ((variant > 0 || s.ref() instanceof RankingRef.RunNumber) && s.completed()) {
                String prefix = variant > 0 ? "v" + variant + " · " : "";
                String key = prefix + s.ranking().ranker() + ":" + s.ranking().model();
                String name = prefix + s.ranking().model();
                if (!newest.containsKey(key) && !seen.add(name)) {
                    ambiguous.add(name);
                }
                newest.put(key, s);
                models.put(key, name);
            }
        }
        List<String> names = new ArrayList<>();
        List<RankedList> lists = new ArrayList<>();
        newest.forEach((key, s) -> {
            names.add(ambiguous.contains(models.get(key)) ? key : models.get(key));
            lists.add(s.list());
        });
        for (Side s : rankings.sides()) {
            if (s.ref() == RankingRef.ORIGINAL || s.ref() == RankingRef.IDEAL) {
                names.add(s.ref() == RankingRef.ORIGINAL ? "original" : "ideal");
                lists.add(s.list());
            }
        }
        return RankMatrix.of(names, lists, p);
    }

    /**
     * The agreement of {@code a} and {@code b} over every query of the project where both resolve, queries in the
     * project's order.
     *
     * @param k cut-off of the set measures; 0 for all
     * @throws CancelledException when {@code cancel} is set between queries
     */
    public AgreementOverQueries overQueries(RankingRef a, RankingRef b, int k, double p, CancellationToken cancel) {
        List<QueryAgreement> out = new ArrayList<>();
        for (StoredQuery q : store.get().listQueries()) {
            if (cancel != null && cancel.isCancelled()) {
                throw new CancelledException();
            }
            Optional<QueryRankings> rankings = rankings(q.id());
            if (rankings.isEmpty()) {
                continue;
            }
            Optional<Side> left = resolve(rankings.get(), a);
            Optional<Side> right = resolve(rankings.get(), b);
            if (left.isPresent() && right.isPresent()) {
                out.add(new QueryAgreement(q.externalId(),
                        ListAgreements.compare(left.get().list(), right.get().list(), k, p)));
            }
        }
        return AgreementOverQueries.of(out);
    }

    /** The rows of a comparison of two sides, A on the left. */
    public static RankDiff diff(Side a, Side b) {
        return RankDiff.of(a.list(), scores(a.ranking()), b.list(), scores(b.ranking()));
    }

    private static double[] scores(Ranking ranking) {
        double[] scores = new double[ranking.results().size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = ranking.results().get(i).score();
        }
        return scores;
    }

    /** The columns of {@link #exportCsv}. */
    public static final List<String> CSV_COLUMNS = List.of("query_id", "doc_id", "rank_a", "rank_b", "score_a",
            "score_b", "movement", "grade");

    /**
     * Writes a comparison as CSV, one row per document in either ranking (A's order, then B's other documents):
     * ranks and scores empty where a side does not hold the document, movement = rank_a − rank_b (positive: higher
     * in B), grade empty when ungraded. All or nothing. Blocks (the IO lane).
     */
    public static void exportCsv(QueryRankings rankings, Side a, Side b, Path file) throws IOException {
        RankDiff diff = diff(a, b);
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (SequenceWriter rows = CsvOutput.rows(w, CSV_COLUMNS)) {
                for (RankDiff.Row r : diff.rows()) {
                    Integer grade = rankings.grades().get(r.docId());
                    rows.write(Arrays.asList(SpreadsheetSafe.text(rankings.query().externalId()),
                            SpreadsheetSafe.text(r.docId()), r.inA() ? r.rankA() : null, r.inB() ? r.rankB() : null,
                            number(r.scoreA()), number(r.scoreB()), r.inA() && r.inB() ? r.movement() : null,
                            grade));
                }
            }
            w.flush();
        });
    }

    private static BigDecimal number(double value) {
        return Double.isFinite(value) ? new BigDecimal(ScoreFormat.plain(value, 6)) : null;
    }
}
