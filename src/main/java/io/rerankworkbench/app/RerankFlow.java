package io.rerankworkbench.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.rerank.ModelLoadException;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankException;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectOpenException;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.QuerySummary;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.store.VariantRepository;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one place that reranks stored queries, keeping every rerank as a run of its query: the window's Rerank (the
 * editor's text and candidates saved first), Rerank all queries, Rerank with several rankers… and the command
 * line's {@code project rerank}. Rankers are named as the {@link RankerCatalog} names them.
 *
 * <p>Threading: {@link #rerank}, {@link #rerankEdit} and {@link #rerankWith} block on the project file and on
 * scoring — call them on the ranker's lane ({@link RankerCatalog#lane}: inference for local models, IO for
 * endpoints). {@link #rankers} and {@link #plan} read the endpoints file and the project: the IO lane.
 * {@link #start} returns at once (except under a {@link CurrentThreadTaskRunner}) and calls its {@link Listener} on
 * the runner's delivery thread: it runs the local rankers one after another on the inference lane (one thread; ONNX
 * Runtime already uses every core inside each operator) and, at the same time, the remote rankers one after another
 * on the IO lane. Remote rankers do not run beside each other because the IO lane's two threads also serve the
 * window's reads, and each remote ranker already keeps several requests in flight. The store is synchronized, so the
 * two lanes may write runs at the same time.
 */
public final class RerankFlow {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Null when the flow works on one given project file (the command line): then no project is ever created. */
    private final ProjectService projects;
    private final Supplier<ProjectStore> store;
    private final RankerCatalog catalog;

    /** The flow of the window: on whatever project {@code projects} has open. */
    public RerankFlow(ProjectService projects, RankerCatalog catalog) {
        this(Objects.requireNonNull(projects, "projects"), projects::store, catalog);
    }

    private RerankFlow(ProjectService projects, Supplier<ProjectStore> store, RankerCatalog catalog) {
        this.projects = projects;
        this.store = store;
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** A flow on one open project file (the command line); {@link #rerankEdit} is not available. */
    public static RerankFlow on(ProjectStore store, RankerCatalog catalog) {
        Objects.requireNonNull(store, "store");
        return new RerankFlow(null, () -> store, catalog);
    }

    public RankerCatalog catalog() {
        return catalog;
    }

    // ------------------------------------------------------------------------------------------------- one query

    /**
     * Reranks a stored query's candidates with {@code ranker} and keeps the run (also a partly failed remote run,
     * with status failed and the documents that were scored).
     *
     * @throws IllegalArgumentException when the query was deleted or has no candidates
     * @throws CancelledException       when cancelled; nothing is kept then
     */
    public StoredRun rerank(long queryId, Reranker ranker, RerankOptions options, ProgressListener progress,
                            CancellationToken cancel) {
        return keep(store.get(), queryId, ranker, options, progress, cancel).run();
    }

    /**
     * Reranks a query's candidates with one of its variants' text and keeps the run as that variant's (a variant
     * is judged by its query's grades).
     *
     * @throws IllegalArgumentException when the variant was deleted or its query has no candidates
     * @throws CancelledException       when cancelled; nothing is kept then
     */
    public StoredRun rerankVariant(long variantId, Reranker ranker, RerankOptions options, ProgressListener progress,
                                   CancellationToken cancel) {
        ProjectStore project = store.get();
        VariantRepository variants = new VariantRepository(project);
        StoredVariant variant = variants.find(variantId).orElseThrow(
                () -> new IllegalArgumentException("the variant was deleted"));
        StoredQuery query = project.query(variant.queryId()).orElseThrow(
                () -> new IllegalArgumentException("the query was deleted"));
        List<Candidate> candidates = new ArrayList<>();
        for (StoredCandidate c : project.candidates(query.id())) {
            candidates.add(c.candidate());
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("Query " + query.externalId() + " has no candidates to rerank.");
        }
        Instant started = Instant.now();
        RankerRun run = catalog.run(ranker, variant.toQuery(query), candidates, options, progress, cancel);
        long runId = variants.recordRun(variantId, run.ranking(), paramsJson(options, run), usageJson(run), started,
                Instant.now(), run.partial() ? RunStatus.FAILED : RunStatus.COMPLETED);
        return variants.runs(variantId).stream().filter(r -> r.id() == runId).findFirst().orElseThrow();
    }

    /**
     * What the window's editor holds when Rerank is pressed.
     *
     * @param queryId        the selected query's row id, or null to add the text and candidates as a new query
     * @param newQueryId     the id a new query gets (also used when the selected query was deleted meanwhile)
     * @param saveText       whether the text was edited and is to be saved to the selected query first
     * @param saveCandidates whether the candidates were edited and are to replace the selected query's first
     */
    public record Edit(Long queryId, String newQueryId, String text, List<Candidate> candidates, boolean saveText,
                       boolean saveCandidates) {
        public Edit {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * Saves the editor's query (starting an untitled project when none is open; adding a new query; or writing an
     * edited text and candidates — together or not at all, and never to a query that has runs or grades), then
     * reranks it and keeps the run.
     *
     * @throws IllegalStateException when the edited query has meanwhile got runs or grades (its text is fixed)
     */
    public StoredRun rerankEdit(Edit edit, Reranker ranker, RerankOptions options, ProgressListener progress,
                                CancellationToken cancel) throws IOException, ProjectOpenException {
        if (projects == null) {
            throw new IllegalStateException("this flow works on one project file and adds no queries");
        }
        if (!projects.isOpen()) {
            projects.newUntitled();
        }
        ProjectStore project = projects.store();
        long queryId;
        if (edit.queryId() == null || project.query(edit.queryId()).isEmpty()) {
            queryId = project.inTransaction("add query", () -> {
                long id = project.addQuery(edit.newQueryId(), edit.text()).id();
                project.addCandidates(id, newCandidates(edit.candidates()), ImportProgress.NONE);
                return id;
            });
        } else {
            queryId = edit.queryId();
            if (edit.saveText() || edit.saveCandidates()) {
                project.inTransaction("save query", () -> {
                    if (project.isFixed(queryId)) {
                        throw new IllegalStateException("Query " + project.query(queryId).map(StoredQuery::externalId)
                                .orElse("") + " has runs or grades, so its text and candidates are fixed.");
                    }
                    if (edit.saveText()) {
                        project.updateQueryText(queryId, edit.text());
                    }
                    if (edit.saveCandidates()) {
                        project.replaceCandidates(queryId, newCandidates(edit.candidates()));
                    }
                    return null;
                });
            }
        }
        return keep(project, queryId, ranker, options, progress, cancel).run();
    }

    private static List<NewCandidate> newCandidates(List<Candidate> candidates) {
        List<NewCandidate> rows = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            rows.add(new NewCandidate(c.originalRank(), c.docId(), c.text()));
        }
        return rows;
    }

    /** A kept run, and for a partly failed remote run what failed ({@code null} when complete). */
    private record Kept(StoredRun run, String failure) {
    }

    private Kept keep(ProjectStore project, long queryId, Reranker ranker, RerankOptions options,
                      ProgressListener progress, CancellationToken cancel) {
        StoredQuery query = project.query(queryId).orElseThrow(
                () -> new IllegalArgumentException("the query was deleted"));
        List<Candidate> candidates = new ArrayList<>();
        for (StoredCandidate c : project.candidates(queryId)) {
            candidates.add(c.candidate());
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("Query " + query.externalId() + " has no candidates to rerank.");
        }
        Instant started = Instant.now();
        RankerRun run = catalog.run(ranker, query.toQuery(), candidates, options, progress, cancel);
        Instant finished = Instant.now();
        long runId = project.recordRun(queryId, run.ranking(), paramsJson(options, run), usageJson(run), started,
                finished, run.partial() ? RunStatus.FAILED : RunStatus.COMPLETED);
        StoredRun stored = project.runs(queryId).stream().filter(r -> r.id() == runId).findFirst().orElseThrow();
        return new Kept(stored, run.failure());
    }

    /** The parameters JSON a kept run carries: the long-document mode, warnings and a partial run's failure. */
    static String paramsJson(RerankOptions options, RankerRun run) {
        ObjectNode params = JSON.createObjectNode();
        params.put("long_documents", options.longDocuments().name().toLowerCase(Locale.ROOT));
        params.put("chunk_overlap", options.chunkOverlap());
        if (!run.warnings().isEmpty()) {
            params.putPOJO("warnings", run.warnings());
        }
        if (run.partial()) {
            params.put("failure", run.failure());
        }
        return params.toString();
    }

    /** The usage JSON a kept run carries (what a hosted ranker billed), or null for local rankers. */
    static String usageJson(RankerRun run) {
        if (run.usage().isEmpty()) {
            return null;
        }
        ObjectNode usage = JSON.createObjectNode();
        usage.put("summary", run.usage());
        return usage.toString();
    }

    // --------------------------------------------------------------------------------- several queries and rankers

    /** A query to rerank: its row id, its id as the user sees it, and its candidates (for progress). */
    public record Target(long queryId, String externalId, int candidates) {
        public static Target of(QuerySummary q) {
            return new Target(q.query().id(), q.query().externalId(), q.candidates());
        }
    }

    /** How one ranker's share of a run ended. */
    public enum Status {
        /** Every query was tried; {@link RankerOutcome#failures()} lists those that kept no complete run. */
        DONE,
        /** The ranker could not be used (a model that does not load, a rejected key, …) or no query succeeded. */
        FAILED,
        /** Stopped by the user before the next batch; the runs that finished are kept. */
        CANCELLED
    }

    /** A query that kept no complete run, and why in words. */
    public record QueryFailure(String queryId, String message) {
    }

    /**
     * What one ranker did.
     *
     * @param completed queries that kept a complete run
     * @param queries   queries the ranker was to rerank
     * @param failures  queries that kept no complete run (a partly failed remote run is kept, with status failed)
     * @param failure   for {@link Status#FAILED}, why in words; else {@code null}
     */
    public record RankerOutcome(String ranker, Status status, int completed, int queries, List<QueryFailure> failures,
                                String failure) {
        public RankerOutcome {
            failures = List.copyOf(failures);
        }

        /** Whether every query kept a complete run. */
        public boolean clean() {
            return status == Status.DONE && failures.isEmpty();
        }

        /** One line: "3 runs kept", "failed: API key rejected …", "cancelled after 1 of 3 queries (1 run kept)". */
        public String summary() {
            String kept = runs(completed);
            return switch (status) {
                case DONE -> failures.isEmpty() ? kept + " kept"
                        : completed + " of " + queries + " queries kept a run; " + failures.size()
                        + (failures.size() == 1 ? " query failed (" : " queries failed (first: ")
                        + failures.get(0).queryId() + ": " + failures.get(0).message() + ")";
                case FAILED -> "failed: " + failure + (completed > 0 ? " (" + kept + " kept)" : "");
                case CANCELLED -> "cancelled after " + completed + " of " + queries + " queries"
                        + (completed > 0 ? " (" + kept + " kept)" : "");
            };
        }

        private static String runs(int n) {
            return n + (n == 1 ? " run" : " runs");
        }
    }

    /**
     * Where a ranker is: {@code queriesDone} of {@code queries} queries are behind it (done or failed), and
     * {@code documentsDone} of {@code documents} documents over all of them.
     */
    public record RankerProgress(String ranker, int queriesDone, int queries, long documentsDone, long documents) {
        /** Done as a fraction, 0 to 1. */
        public double fraction() {
            return documents <= 0 ? 0 : Math.min(1.0, (double) documentsDone / documents);
        }
    }

    /** A ranker on offer: its catalog name, whether it is an endpoint and whether that bills per request. */
    public record RankerChoice(String name, boolean remote, boolean paid) {
    }

    /** Every ranker of the catalog: local models (the default first), then saved endpoints. Reads a file. */
    public List<RankerChoice> rankers() {
        return catalog.names().stream().map(n -> new RankerChoice(n, catalog.isRemote(n), catalog.paid(n))).toList();
    }

    /**
     * One ranker of a plan.
     *
     * @param estimate for a paid endpoint, what it would send and bill over the plan's queries; else empty
     */
    public record RankerPlan(String ranker, Lane lane, boolean remote, boolean paid, String estimate) {
    }

    /** Rankers and the queries each of them reranks, in order. */
    public record Plan(List<RankerPlan> rankers, List<Target> queries) {
        public Plan {
            rankers = List.copyOf(rankers);
            queries = List.copyOf(queries);
        }

        /** One ranker of the catalog, not priced (what Rerank all queries runs). */
        public static Plan of(RankerCatalog catalog, String ranker, List<Target> queries) {
            return new Plan(List.of(new RankerPlan(ranker, catalog.lane(ranker), catalog.isRemote(ranker), false,
                    "")), queries);
        }

        public long documents() {
            return queries.stream().mapToLong(Target::candidates).sum();
        }

        /** The rankers that bill per request. */
        public List<RankerPlan> paid() {
            return rankers.stream().filter(RankerPlan::paid).toList();
        }
    }

    /**
     * Plans a run of several rankers over the same queries, with the cost estimate of each paid endpoint.
     *
     * @param rankers  catalog names (a model name, an endpoint's name or label, any case; a model folder's path);
     *                 each ranker once
     * @param queryIds row ids of the queries, or {@code null} for every query with candidates; queries without
     *                 candidates are left out
     * @throws IllegalArgumentException naming an unknown ranker or query, or a ranker given twice
     */
    public Plan plan(List<String> rankers, Collection<Long> queryIds) {
        ProjectStore project = store.get();
        List<Target> targets = new ArrayList<>();
        Set<Long> missing = queryIds == null ? Set.of() : new HashSet<>(queryIds);
        for (QuerySummary q : project.querySummaries()) {
            if (queryIds == null || missing.remove(q.query().id())) {
                if (q.candidates() > 0) {
                    targets.add(Target.of(q));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the project has no query with row id " + missing.iterator().next());
        }
        List<RankerPlan> planned = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<Long, List<Candidate>> candidates = new HashMap<>();
        for (String name : rankers) {
            String entry = resolve(name);
            if (!seen.add(entry.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the ranker " + entry + " is named twice");
            }
            boolean remote = catalog.isRemote(entry);
            boolean paid = remote && catalog.paid(entry);
            String estimate = "";
            if (paid) {
                List<List<Candidate>> perQuery = new ArrayList<>();
                for (Target t : targets) {
                    perQuery.add(candidates.computeIfAbsent(t.queryId(), id -> project.candidates(id).stream()
                            .map(StoredCandidate::candidate).toList()));
                }
                estimate = catalog.estimateQueries(entry, perQuery).orElse("");
            }
            planned.add(new RankerPlan(entry, catalog.lane(entry), remote, paid, estimate));
        }
        return new Plan(planned, targets);
    }

    /** The catalog's name for a ranker, or a model folder's path as given. */
    private String resolve(String name) {
        var known = catalog.canonicalName(name);
        if (known.isPresent()) {
            return known.get();
        }
        try {
            if (java.nio.file.Files.isDirectory(java.nio.file.Path.of(name))) {
                return name;
            }
        } catch (java.nio.file.InvalidPathException e) {
            // Not a path either.
        }
        throw new IllegalArgumentException("unknown ranker \"" + name + "\"; available: "
                + String.join(", ", catalog.names()));
    }

    /**
     * Opens the ranker {@code name} and reranks {@code targets} with it, one kept run per query. Never throws for
     * what the user needs to know: a ranker that cannot be opened, or whose key or address is refused, is
     * {@link Status#FAILED}; another query's failure is listed and the next query goes on; cancelling stops before
     * the next batch, keeping the runs that finished. Blocks: call on {@link RankerCatalog#lane}.
     *
     * @param documents progress in documents over all {@code targets}
     */
    public RankerOutcome rerankWith(String name, List<Target> targets, RerankOptions options,
                                    ProgressListener documents, CancellationToken cancel) {
        return rerankWith(store.get(), name, targets, options, documents, cancel);
    }

    /** As above, on a given project file (a run keeps writing to the project it started on). */
    RankerOutcome rerankWith(ProjectStore project, String name, List<Target> targets, RerankOptions options,
                                     ProgressListener documents, CancellationToken cancel) {
        if (cancel.isCancelled()) {
            return new RankerOutcome(name, Status.CANCELLED, 0, targets.size(), List.of(), null);
        }
        Reranker ranker;
        try {
            ranker = catalog.open(name);
        } catch (CancelledException e) {
            return new RankerOutcome(name, Status.CANCELLED, 0, targets.size(), List.of(), null);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof ModelLoadException ? "could not load the model: " + message(e) : message(e);
            return new RankerOutcome(name, Status.FAILED, 0, targets.size(), List.of(), why);
        }
        long total = targets.stream().mapToLong(Target::candidates).sum();
        long before = 0;
        int completed = 0;
        List<QueryFailure> failures = new ArrayList<>();
        for (Target t : targets) {
            if (cancel.isCancelled()) {
                return new RankerOutcome(name, Status.CANCELLED, completed, targets.size(), failures, null);
            }
            long offset = before;
            try {
                Kept kept = keep(project, t.queryId(), ranker, options,
                        (done, all) -> documents.progress(offset + done, total), cancel);
                if (kept.failure() == null) {
                    completed++;
                } else {
                    failures.add(new QueryFailure(t.externalId(), kept.failure()
                            + " (the documents that were scored are kept as a failed run)"));
                }
            } catch (CancelledException e) {
                return new RankerOutcome(name, Status.CANCELLED, completed, targets.size(), failures, null);
            } catch (RuntimeException e) {
                if (EndpointService.isSetupProblem(e)) {
                    // A refused key or a bad address fails every query the same way: say it once.
                    return new RankerOutcome(name, Status.FAILED, completed, targets.size(), failures, message(e));
                }
                failures.add(new QueryFailure(t.externalId(), message(e)));
            }
            before += t.candidates();
            documents.progress(before, total);
        }
        if (completed == 0 && !failures.isEmpty()) {
            String why = failures.size() == 1 ? failures.get(0).message()
                    : "all " + failures.size() + " queries failed (first: " + failures.get(0).queryId() + ": "
                    + failures.get(0).message() + ")";
            return new RankerOutcome(name, Status.FAILED, 0, targets.size(), failures, why);
        }
        return new RankerOutcome(name, Status.DONE, completed, targets.size(), failures, null);
    }

    /** A failure in words for the user: the message of the app's own exceptions, never a stack trace. */
    public static String message(Throwable e) {
        String m = e.getMessage();
        if (e instanceof RerankException || e instanceof IOException) {
            return m == null ? e.getClass().getSimpleName() : m;
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** What {@link #start} reports, on the task runner's delivery thread. */
    public interface Listener {
        /** The ranker starts (it had been queued). */
        default void started(String ranker) {
        }

        void progressed(RankerProgress progress);

        /** The ranker is finished, whichever way. */
        void finished(RankerOutcome outcome);

        /** Every ranker is finished; the outcomes in the plan's order. Called last, once. */
        void allFinished(List<RankerOutcome> outcomes);
    }

    /**
     * Runs {@code plan}: every ranker over every query of the plan, one kept run per ranker and query, in the
     * background (see the class comment for which lane runs what). One ranker's failure does not stop the others.
     * Cancelling the returned handle stops each running ranker before its next batch and starts no queued one;
     * finished runs are kept.
     */
    public TaskHandle start(TaskRunner tasks, Plan plan, RerankOptions options, Listener listener) {
        SeveralRun run = new SeveralRun(this, tasks, store.get(), plan, options, listener);
        run.begin();
        return run;
    }
}
