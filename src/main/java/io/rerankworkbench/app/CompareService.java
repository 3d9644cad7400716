package io.rerankworkbench.app;

import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.eval.compare.AgreementOverQueries;
import io.rerankworkbench.eval.compare.RankMatrix;
import io.rerankworkbench.eval.compare.RankedList;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.StoredQuery;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
     * @param sides  its runs oldest first, then the original order, then (when it has grades) the ideal order
     */
    public record QueryRankings(StoredQuery query, List<StoredCandidate> candidates, Map<String, Integer> grades,
                                List<Side> sides) {
    }

    /** A query's rankings; empty when the query was deleted. */
    public Optional<QueryRankings> rankings(long queryId) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The side {@code ref} names among {@code rankings}: a run by number, the newest completed run of a ranker and
     * model, or a pseudo-run.
     */
    public static Optional<Side> resolve(QueryRankings rankings, RankingRef ref) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The rank matrix of a query: the newest completed run of each ranker and model (oldest ranker first), then the
     * original order and, when graded, the ideal order.
     */
    public static RankMatrix matrix(QueryRankings rankings, double p) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The agreement of {@code a} and {@code b} over every query of the project where both resolve, queries in the
     * project's order.
     *
     * @param k cut-off of the set measures; 0 for all
     */
    public AgreementOverQueries overQueries(RankingRef a, RankingRef b, int k, double p, CancellationToken cancel) {
        throw new UnsupportedOperationException("not yet");
    }
}
