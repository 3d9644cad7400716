package io.rerankworkbench.app;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.store.VariantRepository;
import io.rerankworkbench.store.VariantSummary;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Live query exploration and the variants it keeps: re-scoring a query's candidates for a text being typed (nothing is
 * written), and keeping a phrasing with its ranking as a variant of the query ({@link VariantRepository}).
 *
 * <p>Threading: {@link #score} blocks on the ranker — run it on the ranker's lane ({@link RankerCatalog#lane}). Every
 * other method blocks on the project file: the IO lane.
 */
public final class VariantService {

    private final Supplier<ProjectStore> store;
    private final RankerCatalog catalog;

    /** The service of the window: on whatever project {@code projects} has open. */
    public VariantService(ProjectService projects, RankerCatalog catalog) {
        this(Objects.requireNonNull(projects, "projects")::store, catalog);
    }

    public VariantService(Supplier<ProjectStore> store, RankerCatalog catalog) {
        this.store = Objects.requireNonNull(store, "store");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** How a ranker follows a query being edited. */
    public enum Following {
        /** A local bi-encoder: one query embedding and dot products against cached document vectors per change. */
        TYPING,
        /** A local cross-encoder reads every pair again: re-scored when the analyst presses Enter. */
        ENTER,
        /** A hosted ranker is billed per call: re-scored on Enter, after its cost is shown. */
        ENTER_PAID
    }

    /** How the ranker named {@code name} (loaded as {@code ranker}) follows edits of the query text. */
    public Following following(String name, Reranker ranker) {
        if (catalog.isRemote(name)) {
            return Following.ENTER_PAID;
        }
        return ranker.kind().contains("bi-encoder") ? Following.TYPING : Following.ENTER;
    }

    /** The lane that {@link #score} runs on for the ranker named {@code name}. */
    public Lane lane(String name) {
        return catalog.lane(name);
    }

    /** What re-scoring {@code candidates} with a paid endpoint would bill, or empty. */
    public Optional<String> estimate(String name, List<Candidate> candidates) {
        return catalog.estimate(name, candidates);
    }

    /**
     * Scores {@code candidates} for {@code text} without keeping anything. Blocks on the ranker.
     *
     * @param queryId the query's id as the user sees it (the ranking's query id)
     */
    public RankerRun score(Reranker ranker, String queryId, String text, List<Candidate> candidates,
                           RerankOptions options, ProgressListener progress, CancellationToken cancel) {
        return catalog.run(ranker, new Query(queryId, text.strip()), candidates, options, progress, cancel);
    }

    /** The query's variants, in the order they were kept, with their run counts and newest ranker. */
    public List<VariantSummary> summaries(long queryId) {
        return new VariantRepository(store.get()).summaries(queryId);
    }

    /** A variant's kept runs, oldest first. */
    public List<StoredRun> runs(long variantId) {
        return new VariantRepository(store.get()).runs(variantId);
    }

    /** A variant kept, and the run it was kept with. */
    public record Kept(StoredVariant variant, StoredRun run, boolean newVariant) {
    }

    /**
     * Keeps {@code text} as a variant of the stored query with {@code run} as its first run (or, when the query
     * already has that phrasing as a variant, as that variant's next run), in one transaction.
     *
     * @throws IllegalArgumentException when the text is blank or the query's own text, when the query was deleted, or
     *                                  when {@code run} did not rank exactly the query's candidates
     */
    public Kept keep(long queryId, String text, RankerRun run, RerankOptions options, Instant startedAt,
                     Instant finishedAt) {
        ProjectStore project = store.get();
        VariantRepository variants = new VariantRepository(project);
        String phrasing = text.strip();
        return project.inTransaction("keep a variant", () -> {
            StoredQuery query = project.query(queryId).orElseThrow(
                    () -> new IllegalArgumentException("The query was deleted."));
            requireSameCandidates(query, project.candidates(queryId), run);
            Optional<StoredVariant> existing = variants.list(queryId).stream()
                    .filter(v -> v.text().equals(phrasing)).findFirst();
            StoredVariant variant = existing.orElseGet(() -> variants.add(queryId, phrasing));
            long runId = variants.recordRun(variant.id(), run.ranking(), RerankFlow.paramsJson(options, run),
                    RerankFlow.usageJson(run), startedAt, finishedAt,
                    run.partial() ? RunStatus.FAILED : RunStatus.COMPLETED);
            StoredRun kept = variants.runs(variant.id()).stream().filter(r -> r.id() == runId).findFirst()
                    .orElseThrow();
            return new Kept(variant, kept, existing.isEmpty());
        });
    }

    /** Deletes a variant with its runs; the query, its grades and own runs stay. */
    public boolean delete(long variantId) {
        return new VariantRepository(store.get()).delete(variantId);
    }

    private static void requireSameCandidates(StoredQuery query, List<StoredCandidate> candidates, RankerRun run) {
        Set<String> stored = new HashSet<>();
        for (StoredCandidate c : candidates) {
            stored.add(c.candidate().docId());
        }
        Set<String> ranked = new HashSet<>();
        for (ScoredCandidate c : run.ranking().results()) {
            ranked.add(c.candidate().docId());
        }
        if (!stored.equals(ranked) && !(run.partial() && stored.containsAll(ranked))) {
            throw new IllegalArgumentException("The live ranking did not rank the saved candidates of query "
                    + query.externalId() + " (they were edited); rerank to save them, then keep the variant.");
        }
    }
}
