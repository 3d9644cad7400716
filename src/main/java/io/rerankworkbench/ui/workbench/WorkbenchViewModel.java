package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.AppInfo;
import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.CompareService;
import io.rerankworkbench.app.EvaluationService;
import io.rerankworkbench.app.ExplainService;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.ProjectService;
import io.rerankworkbench.app.UserConfig;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.app.RerankFlow;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.core.CandidateParser;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.core.SplitMode;
import io.rerankworkbench.rerank.LongDocuments;
import io.rerankworkbench.rerank.RerankException;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.QuerySummary;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.store.VariantSummary;
import io.rerankworkbench.app.VariantService;
import io.rerankworkbench.ui.common.FxDebounce;
import io.rerankworkbench.ui.live.LiveQueryViewModel;
import io.rerankworkbench.ui.live.VariantsViewModel;
import io.rerankworkbench.ui.common.DialogService;
import io.rerankworkbench.ui.common.ResultSelection;
import io.rerankworkbench.ui.compare.CompareViewModel;
import io.rerankworkbench.ui.evaluate.EvaluateViewModel;
import io.rerankworkbench.ui.explain.ExplainViewModel;
import io.rerankworkbench.ui.retrieve.RetrieveViewModel;
import io.rerankworkbench.ui.several.SeveralRankersViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * State and behaviour of the main window: the project ({@link ProjectViewModel}) and its queries
 * ({@link QueriesViewModel}), the selected query's text and candidates, its kept runs, the model picker
 * ({@link ModelSelectionViewModel}), the rerank commands (this query, or every query) with their options, progress
 * and cancellation, the status line and the export command. Every rerank is kept as a run of its query in the
 * project. Knows no nodes; all background work goes through the {@link TaskRunner}, whose callbacks arrive on the
 * thread that owns this object.
 */
public final class WorkbenchViewModel {

    private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.US);

    private final TaskRunner tasks;
    private final DialogService dialogs;

    private final StringProperty query = new SimpleStringProperty("");
    private final StringProperty candidatesText = new SimpleStringProperty("");
    private final ObjectProperty<SplitMode> splitMode = new SimpleObjectProperty<>(SplitMode.LINES);
    private final ObjectProperty<LongDocuments> longDocuments = new SimpleObjectProperty<>(LongDocuments.TRUNCATE);
    private final ReadOnlyIntegerWrapper candidateCount = new ReadOnlyIntegerWrapper(0);

    private final ReadOnlyStringWrapper rerankBlockedReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper rerankAllowed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper exportAllowed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Ranking> lastRanking = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper costEstimate = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper resultsPlaceholder = new ReadOnlyStringWrapper("");

    private final ResultsViewModel results = new ResultsViewModel();
    private final ExplainViewModel explain;
    private final CompareViewModel compare;
    private final EvaluateViewModel evaluate;
    private final ModelSelectionViewModel models;
    private final ProjectService projects;
    private final RerankFlow flow;
    private final ProjectViewModel project;
    private final QueriesViewModel queries;
    private final TransferViewModel transfers;
    private final LiveQueryViewModel live;
    private final VariantsViewModel variants;
    private final VariantService variantService;
    /** The shown query's stored candidates, which live mode ranks. */
    private List<io.rerankworkbench.core.Candidate> loadedCandidates = List.of();
    /** The shown query's own runs (the runs picker lists a variant's instead while one is selected). */
    private List<StoredRun> loadedRuns = List.of();
    /** The variant to select when the shown query is next loaded (one just kept), or null. */
    private Long pendingVariant;
    /** Set while this model (not the run picker) changes the selected run. */
    private boolean selecting;
    private final ObservableList<StoredRun> runs = FXCollections.observableArrayList();
    private final ObjectProperty<StoredRun> selectedRun = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper editorHint = new ReadOnlyStringWrapper("");
    /** The selected query's text and candidates as loaded, to tell whether the user changed them. */
    private String loadedQueryText = "";
    private String loadedCandidatesText = "";
    private long shownQueryId = -1;
    /** The shown query's current grades by document id. */
    private Map<String, Integer> grades = Map.of();

    private final WindowProgress activity = new WindowProgress(statusText::set);
    private Runnable modelsWindow = () -> { };
    private Runnable endpointsWindow = () -> { };
    private Runnable searchEnginesWindow = () -> { };
    private java.util.function.Consumer<List<Long>> labelingWindow = ids -> { };
    private java.util.function.Consumer<SeveralRankersViewModel.Request> severalRankersWindow = r -> { };
    private java.util.function.Consumer<RetrieveViewModel.Request> retrieveWindow = r -> { };
    private ServerToggleViewModel serverToggle;

    /** A main window offering the local models only, keeping projects in the user's configuration folder. */
    public WorkbenchViewModel(TaskRunner tasks, RankerService rankers, DialogService dialogs) {
        this(tasks, new RankerCatalog(rankers, null), dialogs);
    }

    /** A main window offering the catalog's local models and remote endpoints. */
    public WorkbenchViewModel(TaskRunner tasks, RankerCatalog rankers, DialogService dialogs) {
        this(tasks, rankers, dialogs, new ProjectService(UserConfig.directory()));
    }

    /**
     * A main window working on the projects of {@code projects}. When no project is open, the first rerank starts an
     * untitled one.
     */
    public WorkbenchViewModel(TaskRunner tasks, RankerCatalog rankers, DialogService dialogs,
                              ProjectService projects) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.projects = projects;
        this.flow = new RerankFlow(projects, rankers);
        this.project = new ProjectViewModel(tasks, projects, dialogs, statusText::set);
        this.queries = new QueriesViewModel(tasks, projects, dialogs, statusText::set);
        project.setProjectChanged(queries::projectChanged);
        this.transfers = new TransferViewModel(tasks, projects,
                new io.rerankworkbench.app.ProjectTransferService(io.rerankworkbench.app.ImportSources.parsers()),
                project, queries, dialogs, activity, statusText::set, selectedRun);
        project.setUntitledEmpty(() -> queries.allQueries().isEmpty());
        project.setActivityRunning(activity::running);
        queries.selectedProperty().addListener((obs, old, q) -> showQuery(q));
        queries.reselectedProperty().addListener((obs, old, n) -> showQuery(queries.selectedProperty().get()));
        this.models = new ModelSelectionViewModel(tasks, rankers);
        this.variantService = new VariantService(projects, rankers);
        this.live = new LiveQueryViewModel(tasks, variantService, new FxDebounce(LiveQueryViewModel.PAUSE), query,
                this::rerankOptions);
        this.variants = new VariantsViewModel(tasks, variantService);
        selectedRun.addListener((obs, old, run) -> {
            if (!selecting && live.editedProperty().get()) {
                live.revert(); // another kept run picked: it shows with its own text
            }
            showRun(run);
            if (!selecting) {
                resetLive();
            }
        });
        live.setMessages(statusText::set);
        variants.setMessages(statusText::set);
        live.setKept(kept -> {
            pendingVariant = kept.variant().id();
            queries.reload(kept.run().queryId());
        });
        variants.setHandlers(this::showVariant, () -> showPhrasing(null, loadedRuns));
        variants.setChanged(() -> queries.reload(shownQueryId));
        live.shownProperty().addListener((obs, old, shown) -> showLive(shown));
        models.rankerProperty().addListener((obs, old, r) -> live.setRanker(models.selectedProperty().get(), r));
        candidatesText.addListener((obs, old, now) -> resetLive());
        costEstimate.bind(Bindings.createStringBinding(this::estimate, candidatesText, splitMode,
                models.selectedProperty(), models.remoteProperty()));
        candidateCount.bind(Bindings.createIntegerBinding(
                () -> CandidateParser.count(candidatesText.get(), splitMode.get()), candidatesText, splitMode));
        rerankBlockedReason.bind(Bindings.createStringBinding(this::blockedReason,
                query, candidateCount, models.statusProperty(), models.messageProperty(), activity.runningProperty(),
                editable,
                live.editedProperty(), variants.selectedProperty()));
        rerankAllowed.bind(rerankBlockedReason.isEmpty());
        resultsPlaceholder.bind(Bindings.createStringBinding(this::placeholder, queries.selectedProperty(), runs,
                candidateCount, editable, models.selectedProperty()));
        exportAllowed.bind(lastRanking.isNotNull().and(activity.runningProperty().not()));
        this.explain = new ExplainViewModel(tasks, new ExplainService(projects), rankers, dialogs,
                models.selectedProperty()::get);
        this.compare = new CompareViewModel(tasks, new CompareService(projects), dialogs);
        this.evaluate = new EvaluateViewModel(tasks, new EvaluationService(projects), dialogs);
        explain.selectionProperty().bind(Bindings.createObjectBinding(this::resultSelection, selectedRun,
                results.selectedProperty(), results.rows()));
    }

    /** The result the insight views explain: the selected row of the run on screen. */
    private ResultSelection resultSelection() {
        StoredRun run = selectedRun.get();
        ResultRow row = results.selectedProperty().get();
        if (run == null || row == null || live.shownProperty().get() != null || run.isVariant()) {
            // Kept explanations belong to the query's own text; a variant's or a live ranking is not explained.
            return null;
        }
        return run.ranking().results().stream().filter(c -> c.rank() == row.rank()).findFirst()
                .map(c -> ResultSelection.of(run.queryId(), run.number(), run.ranking(), c)).orElse(null);
    }

    /** The Explain view of the selected result. */
    public ExplainViewModel explain() {
        return explain;
    }

    /** The Compare view; the window opens it on {@link #compareTarget()}. */
    public CompareViewModel compare() {
        return compare;
    }

    /** The Evaluate panel (its window reads the project when it opens). */
    public EvaluateViewModel evaluate() {
        return evaluate;
    }

    /** The stored query the Compare view opens on: the selected one. */
    public java.util.Optional<Long> compareTarget() {
        QuerySummary q = queries.selectedProperty().get();
        return q == null ? java.util.Optional.empty() : java.util.Optional.of(q.query().id());
    }

    /** What the empty results table says: how to get results for what is on screen. */
    private String placeholder() {
        QuerySummary q = queries.selectedProperty().get();
        if (q == null) {
            return "Results appear here. Type a query, paste candidates on the left and press Rerank (Ctrl+Enter).";
        }
        if (!runs.isEmpty()) {
            return "";
        }
        int n = candidateCount.get();
        if (n == 0) {
            return "Query " + q.query().externalId() + " has no candidates yet. Paste them on the left, one per line, "
                    + "or import a query set (File → Import…).";
        }
        return "No runs of " + q.query().externalId() + " yet. Press Rerank (Ctrl+Enter) to score its "
                + COUNT.format(n) + (n == 1 ? " candidate" : " candidates") + " with "
                + models.selectedProperty().get() + ".";
    }

    private String blockedReason() {
        if (activity.running()) {
            return "A rerank is running.";
        }
        if (live.editedProperty().get() && (!editable.get() || variants.selectedVariant() != null)) {
            return (variants.selectedVariant() == null ? "The query's text is fixed" : "A variant's text is fixed")
                    + ": keep this phrasing as a variant (Ctrl+Shift+K) or Revert.";
        }
        return switch (models.statusProperty().get()) {
            case LOADING -> "The model " + models.selectedProperty().get() + " is still loading.";
            case FAILED -> "The model could not be loaded: " + models.messageProperty().get();
            case READY -> query.get() == null || query.get().isBlank() ? "Type a query to rerank."
                    : candidateCount.get() == 0 ? editable.get() ? "Paste at least one candidate document."
                    : "This query has no candidates." : "";
        };
    }

    /** Selects a model for the next reranks and loads it in the background; see {@link ModelSelectionViewModel}. */
    public void selectModel(String name) {
        models.select(name);
    }

    /** Selects the library's default model (what the window does when it opens). */
    public void loadModel() {
        models.selectDefault();
    }

    /** Opens the Models window through the opener the window installed; does nothing until one is installed. */
    public void manageModels() {
        modelsWindow.run();
    }

    /** Installs what {@link #manageModels()} runs: the view layer opens a window there, tests count calls. */
    public void setModelsWindow(Runnable opener) {
        this.modelsWindow = opener == null ? () -> { } : opener;
    }

    /** The "Serve over HTTP" switch, when the app installed one (tests may leave it out). */
    public java.util.Optional<ServerToggleViewModel> serverToggle() {
        return java.util.Optional.ofNullable(serverToggle);
    }

    public void setServerToggle(ServerToggleViewModel toggle) {
        this.serverToggle = toggle;
    }

    /** Opens the Rankers window through the opener the window installed; does nothing until one is installed. */
    public void manageEndpoints() {
        endpointsWindow.run();
    }

    /**
     * Opens a labeling session window over the highlighted queries (or all queries when none is highlighted)
     * through the opener the window installed.
     */
    public void startLabeling() {
        if (!projects.isOpen() || queries.allQueries().isEmpty()) {
            dialogs.showInformation("Nothing to label", "Add or import queries with candidates first.");
            return;
        }
        List<QuerySummary> chosen = queries.chooseScope("Label queries",
                "Which queries should the labeling session cover?");
        if (chosen.isEmpty()) {
            return;
        }
        List<Long> ids = chosen.stream().filter(q -> q.candidates() > 0).map(q -> q.query().id()).toList();
        if (ids.isEmpty()) {
            dialogs.showInformation("Nothing to label", "The chosen queries have no candidates.");
            return;
        }
        labelingWindow.accept(ids);
    }

    /**
     * Opens the Rerank with several rankers dialog over the highlighted (or selected) queries and all queries, through
     * the opener the window installed.
     */
    public void rerankWithSeveral() {
        if (activity.running()) {
            return;
        }
        if (!projects.isOpen() || queries.allQueries().stream().noneMatch(q -> q.candidates() > 0)) {
            dialogs.showInformation("Nothing to rerank", "Add or import queries with candidates first.");
            return;
        }
        severalRankersWindow.accept(new SeveralRankersViewModel.Request(queries.chosenQueries(),
                queries.allQueries(), rerankOptions()));
    }

    /** Opens the Retrieve candidates dialog over the highlighted (or selected) queries and all queries. */
    public void retrieveCandidates() {
        if (activity.running() || !projects.isOpen() || queries.allQueries().isEmpty()) {
            dialogs.showInformation("Nothing to retrieve for", "Add or import queries first.");
            return;
        }
        retrieveWindow.accept(new RetrieveViewModel.Request(queries.chosenQueries(), queries.allQueries()));
    }

    /** Installs what {@link #retrieveCandidates()} runs. */
    public void setRetrieveWindow(java.util.function.Consumer<RetrieveViewModel.Request> opener) {
        this.retrieveWindow = opener == null ? r -> { } : opener;
    }

    /** Installs what {@link #rerankWithSeveral()} runs. */
    public void setSeveralRankersWindow(java.util.function.Consumer<SeveralRankersViewModel.Request> opener) {
        this.severalRankersWindow = opener == null ? r -> { } : opener;
    }

    /** Runs were added elsewhere (the several-rankers dialog): list the queries and the shown query's runs again. */
    public void runsChanged() {
        queries.reload(null);
    }

    /** Installs what {@link #startLabeling()} runs with the chosen query keys. */
    public void setLabelingWindow(java.util.function.Consumer<List<Long>> opener) {
        this.labelingWindow = opener == null ? ids -> { } : opener;
    }

    /** Opens the Search engines window through the opener the window installed; nothing until one is installed. */
    public void manageSearchEngines() {
        searchEnginesWindow.run();
    }

    /** Installs what {@link #manageSearchEngines()} runs. */
    public void setSearchEnginesWindow(Runnable opener) {
        this.searchEnginesWindow = opener == null ? () -> { } : opener;
    }

    /** Installs what {@link #manageEndpoints()} runs. */
    public void setEndpointsWindow(Runnable opener) {
        this.endpointsWindow = opener == null ? () -> { } : opener;
    }

    /** What a run with the selected paid endpoint would send and bill; empty for local models and free servers. */
    private String estimate() {
        if (!models.remoteProperty().get() || candidatesText.get() == null || candidatesText.get().isBlank()) {
            return "";
        }
        return models.catalog().estimate(models.selectedProperty().get(),
                CandidateParser.parse(candidatesText.get(), splitMode.get())).orElse("");
    }

    /** The model library changed elsewhere (the Models window): re-read the picker's models. */
    public void modelLibraryChanged() {
        models.refresh();
    }

    /**
     * Reranks the selected query (saving edits to its text and candidates first, while it has no runs or grades), or
     * — with no query selected — adds the typed query and pasted candidates as a new query and reranks that. The run
     * is kept in the project. Does nothing when {@link #rerankAllowedProperty()} is false.
     */
    public void rerank() {
        if (!rerankAllowed.get()) {
            return;
        }
        QuerySummary target = queries.selectedProperty().get();
        if (target != null && target.query().id() != shownQueryId) {
            statusText.set("Query " + target.query().externalId() + " is still loading; try again in a moment.");
            return;
        }
        StoredVariant variant = variants.selectedVariant();
        if (target != null && variant != null) {
            rerankVariant(variant);
            return;
        }
        String text = query.get().strip();
        String typed = candidatesText.get();
        RerankFlow.Edit edit = new RerankFlow.Edit(target == null ? null : target.query().id(),
                queries.nextQueryId(), text, CandidateParser.parse(typed, splitMode.get()),
                target == null || editable.get() && !text.equals(loadedQueryText),
                target == null || editable.get() && !typed.equals(loadedCandidatesText));
        Reranker ranker = models.rankerProperty().get();
        RerankOptions options = rerankOptions();
        boolean newProject = !projects.isOpen(); // the rerank starts an untitled project
        String estimate = costEstimate.get();
        activity.begin("Reranking " + COUNT.format(edit.candidates().size()) + " documents with " + ranker.model() + "…"
                + (estimate.isEmpty() ? "" : " " + estimate + "."), edit.candidates().size());
        activity.run(tasks.submit(BackgroundTask.of("rerank", models.catalog().lane(models.selectedProperty().get()),
                        (p, cancel) -> flow.rerankEdit(edit, ranker, options, p, cancel))
                .onProgress(activity::documents)
                .onSuccess(run -> reranked(run, newProject, options))
                .onFailure(e -> {
                    statusText.set("Rerank failed: " + userMessage(e));
                    dialogs.showError("Rerank failed", userMessage(e), e);
                    if (newProject) {
                        project.changed(null);
                    }
                })
                .onCancelled(() -> {
                    activity.cancelled("Rerank cancelled.");
                    // A cancel that came as the run was being kept leaves the run: show what the project holds.
                    if (newProject) {
                        project.changed(null);
                    } else {
                        queries.reload(null);
                    }
                })
                .always(activity::end)));
    }

    /** Reranks the selected variant of the shown query, keeping the run as the variant's. */
    private void rerankVariant(StoredVariant variant) {
        Reranker ranker = models.rankerProperty().get();
        RerankOptions options = rerankOptions();
        activity.begin("Reranking variant " + variant.number() + " “" + variant.text() + "” with " + ranker.model()
                        + "…",
                candidateCount.get());
        activity.run(tasks.submit(BackgroundTask.of("rerank variant",
                        models.catalog().lane(models.selectedProperty().get()),
                        (p, cancel) -> flow.rerankVariant(variant.id(), ranker, options, p, cancel))
                .onProgress(activity::documents)
                .onSuccess(run -> {
                    pendingVariant = variant.id();
                    reranked(run, false, options);
                })
                .onFailure(e -> {
                    statusText.set("Rerank failed: " + userMessage(e));
                    dialogs.showError("Rerank failed", userMessage(e), e);
                })
                .onCancelled(() -> activity.cancelled("Rerank cancelled."))
                .always(activity::end)));
    }

    private void reranked(StoredRun run, boolean newProject, RerankOptions options) {
        Ranking ranking = run.ranking();
        showAfterRun(run, newProject);
        activity.complete();
        String usage = RunLabels.usageOf(run);
        String failure = RunLabels.failureOf(run);
        if (failure != null) {
            statusText.set("Partial result: " + failure + usage);
            dialogs.showError("Some batches failed", "The table shows the " + COUNT.format(ranking.results().size())
                    + " documents that were scored (kept as a failed run).\n\n" + failure, null);
            return;
        }
        statusText.set(summary(ranking) + (options.longDocuments() == LongDocuments.CHUNK && usage.isEmpty()
                ? " · long documents chunked" : "") + usage + RunLabels.warningsOf(run));
    }

    /**
     * Reranks every query that has candidates, one after another, keeping a run for each. Progress counts documents
     * across all queries; cancelling keeps the runs already finished. A query that fails does not stop the others.
     */
    public void rerankAll() {
        if (activity.running() || models.statusProperty().get() != ModelStatus.READY || !projects.isOpen()) {
            return;
        }
        List<RerankFlow.Target> targets = queries.allQueries().stream().filter(q -> q.candidates() > 0)
                .map(RerankFlow.Target::of).toList();
        if (targets.isEmpty()) {
            statusText.set("No query has candidates to rerank.");
            return;
        }
        RerankFlow.Plan plan = RerankFlow.Plan.of(models.catalog(), models.selectedProperty().get(), targets);
        String model = models.rankerProperty().get().model();
        activity.begin("Reranking " + targets.size() + " queries (" + COUNT.format(plan.documents())
                + " documents) with "
                + model + "…", plan.documents());
        activity.run(flow.start(tasks, plan, rerankOptions(), new RerankFlow.Listener() {
            @Override
            public void progressed(RerankFlow.RankerProgress p) {
                activity.documents(p.documentsDone(), p.documents());
            }

            @Override
            public void finished(RerankFlow.RankerOutcome outcome) {
                rerankedAll(outcome, model);
            }

            @Override
            public void allFinished(List<RerankFlow.RankerOutcome> outcomes) {
                activity.end();
                queries.reload(null);
            }
        }));
    }

    private void rerankedAll(RerankFlow.RankerOutcome outcome, String model) {
        int n = outcome.completed();
        switch (outcome.status()) {
            case CANCELLED -> activity.cancelled("Cancelled after " + n + " of "
                    + outcome.queries() + " queries; their runs are kept.");
            case FAILED -> {
                statusText.set("Rerank failed: " + outcome.failure());
                dialogs.showError("Rerank failed", outcome.failure(), null);
            }
            case DONE -> {
                activity.complete();
                if (outcome.failures().isEmpty()) {
                    statusText.set("Reranked " + n + " queries with " + model + "; every run is kept.");
                } else {
                    statusText.set("Reranked " + n + " of " + outcome.queries() + " queries; "
                            + outcome.failures().size() + " failed.");
                    dialogs.showError("Some queries failed", String.join("\n", outcome.failures().stream()
                            .map(f -> f.queryId() + ": " + f.message()).toList()), null);
                }
            }
        }
    }

    private RerankOptions rerankOptions() {
        return new RerankOptions(longDocuments.get(), RerankOptions.DEFAULT_CHUNK_OVERLAP);
    }

    /** After a rerank: show its ranking now, then refresh the query list (counts) and the query's runs. */
    private void showAfterRun(StoredRun run, boolean newProject) {
        QuerySummary now = queries.selectedProperty().get();
        if (!newProject && now != null && now.query().id() != run.queryId()) {
            // The user moved to another query while this one ran: refresh the counts, leave the editor alone.
            queries.reload(null);
            return;
        }
        if (run.queryId() != shownQueryId) {
            grades = Map.of(); // a new query has no grades yet
        }
        shownQueryId = run.queryId();
        runs.add(run);
        if (!run.isVariant()) {
            loadedRuns = List.copyOf(runs);
        }
        selectRun(run);
        if (newProject) {
            project.changed(run.queryId());
        } else {
            queries.reload(run.queryId());
        }
    }

    /** Loads the selected query into the editor, with its runs (the newest shown) and its variants. */
    private void showQuery(QuerySummary q) {
        activity.clearIfIdle();
        if (q == null || q.query().id() != shownQueryId) {
            live.setBase(null); // the text about to be loaded is no edit
        }
        if (q == null) {
            shownQueryId = -1;
            grades = Map.of();
            loadedQueryText = "";
            loadedCandidatesText = "";
            loadedCandidates = List.of();
            loadedRuns = List.of();
            editable.set(true);
            editorHint.set(projects.isOpen() ? "Type a query and paste candidates; Rerank adds them as a new query."
                    : "");
            query.set("");
            candidatesText.set("");
            runs.clear();
            variants.clear();
            selectRun(null);
            return;
        }
        long id = q.query().id();
        boolean sameQuery = id == shownQueryId;
        long keepRun = sameQuery && selectedRun.get() != null ? selectedRun.get().id() : -1;
        Long keepVariant = pendingVariant != null ? pendingVariant : sameQuery && variants.selectedVariant() != null
                ? variants.selectedVariant().id() : null;
        pendingVariant = null;
        tasks.submit(BackgroundTask.of("load query", Lane.IO, (p, c) -> {
                    ProjectStore store = projects.store();
                    List<StoredCandidate> candidates = store.candidates(id);
                    List<VariantSummary> kept = variantService.summaries(id);
                    StoredVariant variant = kept.stream().map(VariantSummary::variant)
                            .filter(v -> keepVariant != null && v.id() == keepVariant).findFirst().orElse(null);
                    return new LoadedQuery(candidates, store.runs(id),
                            CompareService.newestGrades(candidates, store.judgments(id)), kept, variant,
                            variant == null ? List.of() : variantService.runs(variant.id()));
                })
                .onSuccess(loaded -> {
                    QuerySummary now = queries.selectedProperty().get();
                    if (now == null || now.query().id() != id) {
                        return; // the user moved on
                    }
                    loadedQuery(q, loaded, sameQuery, keepRun);
                })
                .onFailure(e -> dialogs.showError("Could not read query " + q.query().externalId(),
                        userMessage(e), e)));
    }

    private void loadedQuery(QuerySummary q, LoadedQuery loaded, boolean sameQuery, long keepRun) {
        boolean locked = q.runs() > 0 || q.judgedDocuments() > 0 || !loaded.variants().isEmpty();
        boolean paragraphs = loaded.candidates().stream().anyMatch(c -> c.candidate().text().contains("\n"));
        String text = candidateText(loaded.candidates(), paragraphs);
        shownQueryId = q.query().id();
        editable.set(!locked);
        splitMode.set(paragraphs ? SplitMode.PARAGRAPHS : SplitMode.LINES);
        loadedQueryText = q.query().text();
        loadedCandidatesText = text;
        loadedCandidates = loaded.candidates().stream().map(StoredCandidate::candidate).toList();
        loadedRuns = loaded.runs();
        String phrasing = loaded.variant() == null ? q.query().text() : loaded.variant().text();
        if (!(sameQuery && live.editedProperty().get())) {
            query.set(phrasing); // a refresh keeps a live edit
        }
        candidatesText.set(text);
        editorHint.set(locked ? "Query " + q.query().externalId() + " has runs or grades, so its text and "
                + "candidates are fixed. Duplicate it to change them; Live tries other phrasings."
                : "Query " + q.query().externalId() + ". Edits are saved when you rerank.");
        variants.show(q.query().id(), q.query().text(), loaded.runs().size(),
                loaded.runs().isEmpty() ? null : loaded.runs().get(loaded.runs().size() - 1).ranking().model(),
                loaded.variants(), loaded.variant() == null ? null : loaded.variant().id());
        List<StoredRun> shownRuns = loaded.variant() == null ? loaded.runs() : loaded.variantRuns();
        List<Long> shownIds = runs.stream().map(StoredRun::id).toList();
        boolean gradesChanged = !loaded.grades().equals(grades);
        grades = loaded.grades();
        if (sameQuery && shownIds.equals(shownRuns.stream().map(StoredRun::id).toList())) {
            // The same runs (a refresh after a rerank or labeling): keep the table and its selection, and only
            // redraw it when grades changed.
            if (gradesChanged && live.shownProperty().get() == null) {
                showRun(selectedRun.get());
            }
            resetLive();
            return;
        }
        runs.setAll(shownRuns);
        StoredRun show = shownRuns.stream().filter(r -> r.id() == keepRun).findFirst()
                .orElse(shownRuns.isEmpty() ? null : shownRuns.get(shownRuns.size() - 1));
        selectRun(show);
        if (show == null) {
            showRun(null);
        }
        resetLive();
    }

    /** A variant was chosen in the phrasings list: its text in the editor, its runs in the picker. */
    private void showVariant(StoredVariant variant, List<StoredRun> variantRuns) {
        if (variant.queryId() != shownQueryId) {
            return;
        }
        showPhrasing(variant.text(), variantRuns);
    }

    /** Shows a phrasing ({@code text} null: the query's own) with its runs, the newest selected. */
    private void showPhrasing(String text, List<StoredRun> phrasingRuns) {
        live.setBase(null);
        query.set(text == null ? loadedQueryText : text);
        runs.setAll(phrasingRuns);
        selectRun(phrasingRuns.isEmpty() ? null : phrasingRuns.get(phrasingRuns.size() - 1));
        if (phrasingRuns.isEmpty()) {
            showRun(null);
        }
        resetLive();
    }

    private void selectRun(StoredRun run) {
        selecting = true;
        try {
            selectedRun.set(run);
        } finally {
            selecting = false;
        }
    }

    /** Tells live mode what the editor now shows, dropping a live ranking. */
    private void resetLive() {
        QuerySummary q = queries.selectedProperty().get();
        if (q == null || q.query().id() != shownQueryId) {
            live.setBase(null);
            return;
        }
        StoredVariant variant = variants.selectedVariant();
        boolean saved = candidatesText.get().equals(loadedCandidatesText);
        StoredRun run = selectedRun.get();
        live.setBase(new LiveQueryViewModel.Base(q.query().id(), q.query().externalId(), loadedQueryText,
                variant == null ? loadedQueryText : variant.text(),
                saved ? loadedCandidates : CandidateParser.parse(candidatesText.get(), splitMode.get()), saved,
                !editable.get() || variant != null, run == null ? null : run.ranking()));
    }

    /** A live ranking replaces the kept run in the table (null: the kept run shows again). */
    private void showLive(LiveQueryViewModel.Shown shown) {
        if (shown == null) {
            showRun(selectedRun.get());
            return;
        }
        Reranker current = models.rankerProperty().get();
        results.showLive(shown.run().ranking(), current == null ? 0 : current.maxTokens().orElse(0), grades,
                shown.previousRanks());
    }

    private record LoadedQuery(List<StoredCandidate> candidates, List<StoredRun> runs, Map<String, Integer> grades,
                               List<VariantSummary> variants, StoredVariant variant, List<StoredRun> variantRuns) {
    }

    static String candidateText(List<StoredCandidate> candidates, boolean paragraphs) {
        List<String> texts = new ArrayList<>(candidates.size());
        for (StoredCandidate c : candidates) {
            String t = c.candidate().text().strip();
            texts.add(paragraphs ? t.replaceAll("\n\\s*\n", "\n") : t);
        }
        return String.join(paragraphs ? "\n\n" : "\n", texts);
    }

    private void showRun(StoredRun run) {
        if (run == null) {
            results.clear();
            lastRanking.set(null);
            return;
        }
        Reranker current = models.rankerProperty().get();
        int maxTokens = current != null && current.model().equals(run.ranking().model())
                ? current.maxTokens().orElse(0) : 0;
        lastRanking.set(run.ranking());
        results.show(run.ranking(), maxTokens, grades);
    }

    /** File → Import…: see {@link TransferViewModel#requestImport()}. */
    public void requestImport() {
        transfers.requestImport();
    }

    /** Files dropped on the window: see {@link TransferViewModel#filesDropped(List)}. */
    public void filesDropped(List<java.nio.file.Path> files) {
        transfers.filesDropped(files);
    }

    /** File → Open sample. */
    public void openSample(io.rerankworkbench.app.Samples.Sample sample) {
        if (project.confirmLeavingUntitled("Open the sample")) {
            transfers.openSample(sample);
        }
    }

    /** What the window does when it first shows: see {@link TransferViewModel#startUp(java.nio.file.Path)}. */
    public void startUp(java.nio.file.Path requested) {
        transfers.startUp(requested);
    }

    /** Imports and exports. */
    public TransferViewModel transfers() {
        return transfers;
    }

    /** Stops a running rerank before its next batch. */
    public void cancel() {
        activity.cancel();
    }

    /** Exports ranked lists as CSV, following the run on screen; see {@link TransferViewModel#requestExport}. */
    public void requestExport() {
        if (exportAllowed.get()) {
            transfers.requestExport(io.rerankworkbench.io.exports.ExportFormat.CSV, false);
        }
    }

    /** Shows the version and the bundled models. */
    public void showAbout() {
        dialogs.showInformation("About " + AppInfo.NAME, AppInfo.NAME + " " + AppInfo.version()
                + "\n\nRerank, explain, compare and label search results on your desktop.\n\nBundled models: "
                + "all-MiniLM-L6-v2 (sentence-transformers, Apache 2.0) and bge-small-en-v1.5-q (BAAI's "
                + "bge-small-en-v1.5, int8-quantized; MIT) and all-MiniLM-L6-v2-q (all-MiniLM-L6-v2, "
                + "int8-quantized; Apache 2.0), "
                + "run locally with ONNX Runtime. Selected: " + models.selectedProperty().get() + ".");
    }

    static String summary(Ranking ranking) {
        int n = ranking.results().size();
        long truncated = ranking.results().stream().filter(ScoredCandidate::truncated).count();
        String text = String.format(Locale.ROOT, "%s (%s) · %s documents · %.2f s · %s docs/s",
                ranking.model(), ranking.ranker(), COUNT.format(n), ranking.elapsed().toNanos() / 1e9,
                COUNT.format(Math.round(ranking.documentsPerSecond())));
        return truncated == 0 ? text : text + " · " + truncated + " truncated";
    }

    static String userMessage(Throwable e) {
        if (e instanceof RerankException || e instanceof IOException) {
            return e.getMessage();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public StringProperty candidatesTextProperty() {
        return candidatesText;
    }

    public ObjectProperty<SplitMode> splitModeProperty() {
        return splitMode;
    }

    /** Truncate or chunk documents longer than the model reads, for the next reranks. */
    public ObjectProperty<LongDocuments> longDocumentsProperty() {
        return longDocuments;
    }

    public ReadOnlyIntegerProperty candidateCountProperty() {
        return candidateCount.getReadOnlyProperty();
    }

    /** The ranker picker. */
    public ModelSelectionViewModel models() {
        return models;
    }

    public ReadOnlyObjectProperty<ModelStatus> modelStatusProperty() {
        return models.statusProperty();
    }

    public ReadOnlyStringProperty modelMessageProperty() {
        return models.messageProperty();
    }

    /** The selected model's name. */
    public ReadOnlyStringProperty rankerNameProperty() {
        return models.selectedProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return activity.runningProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return activity.progressProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return activity.textProperty();
    }

    /** Why the rerank command is unavailable, or empty when it is available. */
    public ReadOnlyStringProperty rerankBlockedReasonProperty() {
        return rerankBlockedReason.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty rerankAllowedProperty() {
        return rerankAllowed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exportAllowedProperty() {
        return exportAllowed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Ranking> lastRankingProperty() {
        return lastRanking.getReadOnlyProperty();
    }

    /** Before a run with a paid endpoint: requests, documents and search units it would take; else empty. */
    public ReadOnlyStringProperty costEstimateProperty() {
        return costEstimate.getReadOnlyProperty();
    }

    /** What the results table says while it is empty. */
    public ReadOnlyStringProperty resultsPlaceholderProperty() {
        return resultsPlaceholder.getReadOnlyProperty();
    }

    public ResultsViewModel results() {
        return results;
    }

    /** Live mode of the query editor. */
    public LiveQueryViewModel live() {
        return live;
    }

    /** The shown query's phrasings: its own text and its kept variants. */
    public VariantsViewModel variants() {
        return variants;
    }

    /** The project behind the window. */
    public ProjectViewModel project() {
        return project;
    }

    /** The queries panel. */
    public QueriesViewModel queries() {
        return queries;
    }

    /** The selected query's kept runs, oldest first. */
    public ObservableList<StoredRun> runs() {
        return FXCollections.unmodifiableObservableList(runs);
    }

    /** The run the results table shows; the view's run picker writes it. */
    public ObjectProperty<StoredRun> selectedRunProperty() {
        return selectedRun;
    }

    /** Whether the query text and candidates may be edited (a query with runs or grades is fixed). */
    public ReadOnlyBooleanProperty editableProperty() {
        return editable.getReadOnlyProperty();
    }

    /** One line under the editor saying which query it shows and whether it can be changed. */
    public ReadOnlyStringProperty editorHintProperty() {
        return editorHint.getReadOnlyProperty();
    }
}
