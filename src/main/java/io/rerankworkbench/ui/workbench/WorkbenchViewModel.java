package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.AppInfo;
import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.ExportService;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.app.TaskHandle;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.CandidateParser;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.core.SplitMode;
import io.rerankworkbench.rerank.LongDocuments;
import io.rerankworkbench.rerank.RerankException;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.ui.common.DialogService;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

/**
 * State and behaviour of the main window: the query and pasted candidates, the model picker
 * ({@link ModelSelectionViewModel}), the rerank command with its per-run options, progress and cancellation, the
 * status line and the export command. Knows no nodes; all background work goes through the {@link TaskRunner}, whose
 * callbacks arrive on the thread that owns this object.
 */
public final class WorkbenchViewModel {

    private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.US);

    private final TaskRunner tasks;
    private final ExportService exports;
    private final DialogService dialogs;

    private final StringProperty query = new SimpleStringProperty("");
    private final StringProperty candidatesText = new SimpleStringProperty("");
    private final ObjectProperty<SplitMode> splitMode = new SimpleObjectProperty<>(SplitMode.LINES);
    private final ObjectProperty<LongDocuments> longDocuments = new SimpleObjectProperty<>(LongDocuments.TRUNCATE);
    private final ReadOnlyIntegerWrapper candidateCount = new ReadOnlyIntegerWrapper(0);

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rerankBlockedReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper rerankAllowed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper exportAllowed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Ranking> lastRanking = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper costEstimate = new ReadOnlyStringWrapper("");

    private final ResultsViewModel results = new ResultsViewModel();
    private final ModelSelectionViewModel models;

    private TaskHandle currentRun;
    private Path lastExportFolder;
    private Runnable modelsWindow = () -> { };
    private Runnable endpointsWindow = () -> { };
    private ServerToggleViewModel serverToggle;

    /** A main window offering the local models only. */
    public WorkbenchViewModel(TaskRunner tasks, RankerService rankers, ExportService exports, DialogService dialogs) {
        this(tasks, new RankerCatalog(rankers, null), exports, dialogs);
    }

    /** A main window offering the catalog's local models and remote endpoints. */
    public WorkbenchViewModel(TaskRunner tasks, RankerCatalog rankers, ExportService exports, DialogService dialogs) {
        this.tasks = tasks;
        this.exports = exports;
        this.dialogs = dialogs;
        this.models = new ModelSelectionViewModel(tasks, rankers);
        costEstimate.bind(Bindings.createStringBinding(this::estimate, candidatesText, splitMode,
                models.selectedProperty(), models.remoteProperty()));
        candidateCount.bind(Bindings.createIntegerBinding(
                () -> CandidateParser.count(candidatesText.get(), splitMode.get()), candidatesText, splitMode));
        rerankBlockedReason.bind(Bindings.createStringBinding(this::blockedReason,
                query, candidateCount, models.statusProperty(), models.messageProperty(), running));
        rerankAllowed.bind(rerankBlockedReason.isEmpty());
        exportAllowed.bind(lastRanking.isNotNull().and(running.not()));
    }

    private String blockedReason() {
        if (running.get()) {
            return "A rerank is running.";
        }
        return switch (models.statusProperty().get()) {
            case LOADING -> "The model " + models.selectedProperty().get() + " is still loading.";
            case FAILED -> "The model could not be loaded: " + models.messageProperty().get();
            case READY -> query.get() == null || query.get().isBlank() ? "Type a query to rerank."
                    : candidateCount.get() == 0 ? "Paste at least one candidate document." : "";
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

    /** Reranks the pasted candidates for the query. Does nothing when {@link #rerankAllowedProperty()} is false. */
    public void rerank() {
        if (!rerankAllowed.get()) {
            return;
        }
        Query q = new Query("1", query.get().strip());
        List<Candidate> candidates = CandidateParser.parse(candidatesText.get(), splitMode.get());
        Reranker ranker = models.rankerProperty().get();
        RerankOptions options = new RerankOptions(longDocuments.get(), RerankOptions.DEFAULT_CHUNK_OVERLAP);
        int total = candidates.size();
        running.set(true);
        progress.set(0);
        progressText.set("0 of " + COUNT.format(total) + " documents");
        statusText.set("Reranking " + COUNT.format(total) + " documents with " + ranker.model() + "…");
        results.clear();
        lastRanking.set(null);
        String estimate = costEstimate.get();
        if (!estimate.isEmpty()) {
            statusText.set(statusText.get() + " " + estimate + ".");
        }
        RankerCatalog catalog = models.catalog();
        Lane lane = models.remoteProperty().get() ? Lane.IO : Lane.INFERENCE;
        currentRun = tasks.submit(BackgroundTask.of("rerank", lane,
                        (p, cancel) -> catalog.run(ranker, q, candidates, options, p, cancel))
                .onProgress((done, all) -> {
                    progress.set(all == 0 ? 0 : (double) done / all);
                    progressText.set(COUNT.format(done) + " of " + COUNT.format(all) + " documents");
                })
                .onSuccess(run -> {
                    Ranking ranking = run.ranking();
                    lastRanking.set(ranking);
                    results.show(ranking, ranker.maxTokens().orElse(0));
                    progress.set(1);
                    String usage = run.usage().isEmpty() ? "" : " · usage: " + run.usage();
                    String warnings = run.warnings().isEmpty() ? "" : " · " + String.join(" · ", run.warnings());
                    if (run.partial()) {
                        statusText.set("Partial result: " + run.failure() + usage);
                        dialogs.showError("Some batches failed", "The table shows the "
                                + COUNT.format(ranking.results().size()) + " documents that were scored.\n\n"
                                + run.failure(), null);
                        return;
                    }
                    statusText.set(summary(ranking)
                            + (options.longDocuments() == LongDocuments.CHUNK && run.usage().isEmpty()
                            ? " · long documents chunked" : "")
                            + usage + warnings);
                })
                .onFailure(e -> {
                    statusText.set("Rerank failed: " + userMessage(e));
                    dialogs.showError("Rerank failed", userMessage(e), e);
                })
                .onCancelled(() -> {
                    progress.set(0);
                    statusText.set("Rerank cancelled; no results were kept.");
                    progressText.set("Cancelled");
                })
                .always(() -> {
                    running.set(false);
                    currentRun = null;
                }));
    }

    /** Stops a running rerank before its next batch. */
    public void cancel() {
        TaskHandle run = currentRun;
        if (run != null) {
            run.cancel();
            progressText.set("Cancelling…");
        }
    }

    /** Asks where to save the ranked list, then writes it. */
    public void requestExport() {
        if (!exportAllowed.get()) {
            return;
        }
        dialogs.chooseSaveFile("Export ranked list", lastExportFolder, "ranked-list.csv", "CSV files", "csv")
                .ifPresent(this::exportCsv);
    }

    /** Writes the last ranking as CSV to {@code target} in the background. */
    public void exportCsv(Path target) {
        Ranking ranking = lastRanking.get();
        if (ranking == null) {
            return;
        }
        Path folder = target.toAbsolutePath().getParent();
        lastExportFolder = folder;
        tasks.submit(BackgroundTask.of("export csv", Lane.IO, (p, c) -> {
                    exports.exportCsv(ranking, target);
                    return target;
                })
                .onSuccess(path -> statusText.set("Exported " + COUNT.format(ranking.results().size())
                        + " rows to " + path))
                .onFailure(e -> {
                    String message = "Could not write " + target + ": " + userMessage(e);
                    statusText.set("Export failed.");
                    dialogs.showError("Export failed", message, e);
                }));
    }

    /** Shows the version and the bundled models. */
    public void showAbout() {
        dialogs.showInformation("About " + AppInfo.NAME, AppInfo.NAME + " " + AppInfo.version()
                + "\n\nRerank, explain, compare and label search results on your desktop.\n\nBundled models: "
                + "all-MiniLM-L6-v2 (sentence-transformers, Apache 2.0) and bge-small-en-v1.5 (BAAI, MIT), "
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
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
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

    public ResultsViewModel results() {
        return results;
    }
}
