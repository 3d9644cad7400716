package io.rerankworkbench.ui.retrieve;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.RetrievalException;
import io.rerankworkbench.app.RetrievalFlow;
import io.rerankworkbench.app.RetrievalService;
import io.rerankworkbench.app.TaskHandle;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.io.imports.ImportProblem;
import io.rerankworkbench.store.QuerySummary;
import io.rerankworkbench.ui.common.DialogService;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The Retrieve candidates… dialog: a retriever (BM25 over the corpus, dense retrieval with a bi-encoder, fusion of
 * kept rankers, a search engine), its settings, a depth and the queries; the corpus import; then one retrieval
 * through {@link RetrievalFlow} with progress and cancel. Knows no nodes; background work goes through the
 * {@link TaskRunner}, whose callbacks arrive on the thread that owns this.
 */
public final class RetrieveViewModel {

    /**
     * What the main window hands over.
     *
     * @param chosen the queries highlighted in the panel, or the selected one
     * @param all    every query of the project
     */
    public record Request(List<QuerySummary> chosen, List<QuerySummary> all) {
        public Request {
            chosen = List.copyOf(chosen);
            all = List.copyOf(all);
        }
    }

    /** Which queries are retrieved for. */
    public enum Scope { CHOSEN, ALL }

    /** The kinds of retriever on offer. */
    public enum Kind {
        BM25("BM25 over the corpus"),
        DENSE("Dense retrieval with a bi-encoder"),
        FUSION("Fusion of kept rankings"),
        ENGINE("A search engine");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** How fused rankings combine. */
    public enum FusionMode {
        RRF("Reciprocal rank fusion"),
        MIN_MAX("Weighted scores, min-max"),
        Z_SCORE("Weighted scores, z-score");

        private final String label;

        FusionMode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A kept ranker offered for fusion, with its check box and weight. */
    public static final class FusionRow {
        private final String ranker;
        private final BooleanProperty use = new SimpleBooleanProperty(false);
        private final DoubleProperty weight = new SimpleDoubleProperty(1);

        FusionRow(String ranker) {
            this.ranker = ranker;
        }

        public String ranker() {
            return ranker;
        }

        public BooleanProperty useProperty() {
            return use;
        }

        public DoubleProperty weightProperty() {
            return weight;
        }
    }

    private final TaskRunner tasks;
    private final RetrievalFlow flow;
    private final DialogService dialogs;
    private final Request request;
    private final Runnable changed;

    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(Kind.BM25);
    private final ObservableList<String> biEncoders = FXCollections.observableArrayList();
    private final ObjectProperty<String> biEncoder = new SimpleObjectProperty<>();
    private final ObservableList<String> engines = FXCollections.observableArrayList();
    private final ObjectProperty<String> engine = new SimpleObjectProperty<>();
    private final ObservableList<FusionRow> fusionRows = FXCollections.observableArrayList(
            r -> new javafx.beans.Observable[]{r.useProperty()});
    private final ObjectProperty<FusionMode> fusionMode = new SimpleObjectProperty<>(FusionMode.RRF);
    private final IntegerProperty rrfK = new SimpleIntegerProperty(RetrievalService.DEFAULT_RRF_K);
    private final StringProperty k1 = new SimpleStringProperty(format(0.9));
    private final StringProperty b = new SimpleStringProperty(format(0.4));
    private final ObjectProperty<String> analysis = new SimpleObjectProperty<>("english");
    private final IntegerProperty depth = new SimpleIntegerProperty(RetrievalService.DEFAULT_DEPTH);
    private final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(Scope.ALL);

    private final ReadOnlyStringWrapper corpus = new ReadOnlyStringWrapper("Reading the project…");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper startAllowed = new ReadOnlyBooleanWrapper(false);
    private int corpusDocuments;
    private TaskHandle current;
    /** The phase the worker reports with its progress; read when the progress arrives on this thread. */
    private volatile String phase = "";

    public RetrieveViewModel(TaskRunner tasks, RetrievalFlow flow, DialogService dialogs, Request request,
                             Runnable changed) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.flow = Objects.requireNonNull(flow, "flow");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.request = Objects.requireNonNull(request, "request");
        this.changed = Objects.requireNonNull(changed, "changed");
        // A first stage is usually for every query; highlighting several queries asks for just those.
        scope.set(request.chosen().size() > 1 && request.chosen().size() < request.all().size() ? Scope.CHOSEN
                : Scope.ALL);
        startAllowed.bind(Bindings.createBooleanBinding(() -> !busy.get() && problemWithSettings().isEmpty()
                        && !queries().isEmpty(), busy, kind, biEncoder, engine, fusionRows, fusionMode, rrfK, k1, b,
                depth, scope));
        problem.bind(Bindings.createStringBinding(() -> busy.get() ? "" : problemWithSettings().orElse(""),
                busy, kind, biEncoder, engine, fusionRows, fusionMode, rrfK, k1, b, depth, scope));
        load();
    }

    /** Reads what there is to retrieve with. */
    private void load() {
        busy.set(true);
        tasks.submit(BackgroundTask.of("retrieval choices", Lane.IO, (p, c) -> flow.choices())
                .onSuccess(this::show)
                .onFailure(e -> corpus.set("Could not read the project: " + e.getMessage()))
                .always(() -> busy.set(false)));
    }

    private void show(RetrievalFlow.Choices choices) {
        corpusDocuments = choices.corpusDocuments();
        corpus.set(corpusLine(choices));
        String keptModel = biEncoder.get();
        biEncoders.setAll(choices.biEncoders());
        biEncoder.set(keptModel != null && biEncoders.contains(keptModel) ? keptModel
                : biEncoders.isEmpty() ? null : biEncoders.get(0));
        String keptEngine = engine.get();
        engines.setAll(choices.engines());
        engine.set(keptEngine != null && engines.contains(keptEngine) ? keptEngine
                : engines.isEmpty() ? null : engines.get(0));
        List<FusionRow> rows = new ArrayList<>();
        for (String r : choices.keptRankers()) {
            FusionRow row = fusionRows.stream().filter(x -> x.ranker().equals(r)).findFirst()
                    .orElseGet(() -> new FusionRow(r));
            rows.add(row);
        }
        fusionRows.setAll(rows);
        if (status.get().isEmpty()) {
            status.set(corpusDocuments == 0 && engines.isEmpty()
                    ? "Import a corpus to retrieve from it, or save a search engine."
                    : "Choose a retriever; each query keeps its first-stage ranking as a run.");
        }
    }

    static String corpusLine(RetrievalFlow.Choices c) {
        if (c.corpusDocuments() == 0) {
            return "The project has no corpus yet: import one (JSON Lines, a BEIR folder, CSV or TSV).";
        }
        return String.format(Locale.US, "Corpus: %,d document%s · BM25 index %s", c.corpusDocuments(),
                c.corpusDocuments() == 1 ? "" : "s", c.bm25Current() ? "ready"
                        : "built at the first BM25 retrieval");
    }

    /** What stops the current settings from being run, in words; empty when they can run. */
    Optional<String> problemWithSettings() {
        switch (kind.get()) {
            case BM25 -> {
                if (corpusDocuments == 0) {
                    return Optional.of("BM25 searches the project's corpus: import one first.");
                }
                try {
                    bm25();
                } catch (IllegalArgumentException e) {
                    return Optional.of(capitalize(e.getMessage()) + ".");
                }
            }
            case DENSE -> {
                if (corpusDocuments == 0) {
                    return Optional.of("Dense retrieval searches the project's corpus: import one first.");
                }
                if (biEncoder.get() == null) {
                    return Optional.of("No bi-encoder in the model library.");
                }
            }
            case FUSION -> {
                long used = fusionRows.stream().filter(r -> r.useProperty().get()).count();
                if (used < 2) {
                    return Optional.of(fusionRows.size() < 2 ? "Fusion combines kept rankings: retrieve or rerank "
                            + "with two rankers first." : "Tick at least two rankers to fuse.");
                }
                if (fusionMode.get() == FusionMode.RRF && rrfK.get() < 1) {
                    return Optional.of("The RRF constant k must be at least 1.");
                }
            }
            case ENGINE -> {
                if (engine.get() == null) {
                    return Optional.of("No search engine is saved: add one in Search engines….");
                }
            }
        }
        if (depth.get() < 1 || depth.get() > RetrievalService.MAX_DEPTH) {
            return Optional.of("Retrieve between 1 and " + RetrievalService.MAX_DEPTH + " documents per query.");
        }
        return Optional.empty();
    }

    private RetrievalService.Bm25 bm25() {
        double k1Value = number(k1.get(), "k1");
        double bValue = number(b.get(), "b");
        if (k1Value < 0) {
            throw new IllegalArgumentException("k1 must be 0 or more");
        }
        if (bValue < 0 || bValue > 1) {
            throw new IllegalArgumentException("b must be between 0 and 1");
        }
        return RetrievalService.Bm25.of(k1Value, bValue, analysis.get());
    }

    private static double number(String text, String name) {
        try {
            double v = Double.parseDouble(text == null ? "" : text.strip());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, such as 0.9", e);
        }
    }

    /** The method the settings describe. */
    RetrievalService.Method method() {
        return switch (kind.get()) {
            case BM25 -> bm25();
            case DENSE -> new RetrievalService.Dense(biEncoder.get());
            case ENGINE -> new RetrievalService.Engine(engine.get());
            case FUSION -> {
                List<FusionRow> used = fusionRows.stream().filter(r -> r.useProperty().get()).toList();
                List<String> names = used.stream().map(FusionRow::ranker).toList();
                if (fusionMode.get() == FusionMode.RRF) {
                    yield RetrievalService.Fused.rrf(names, rrfK.get());
                }
                double[] w = used.stream().mapToDouble(r -> r.weightProperty().get()).toArray();
                yield RetrievalService.Fused.weighted(names, w, fusionMode.get() == FusionMode.MIN_MAX ? "min-max"
                        : "z-score");
            }
        };
    }

    private List<QuerySummary> queries() {
        return scope.get() == Scope.CHOSEN ? request.chosen() : request.all();
    }

    /** Retrieves with the current settings, in the background. */
    public void start() {
        if (!startAllowed.get()) {
            return;
        }
        RetrievalService.Method method = method();
        List<Long> ids = queries().stream().map(q -> q.query().id()).toList();
        RetrievalService.Request r = new RetrievalService.Request(method, depth.get(),
                scope.get() == Scope.ALL ? List.of() : ids);
        busy.set(true);
        running.set(true);
        progress.set(-1);
        phase = "Starting";
        status.set("Starting " + method.model() + "…");
        current = tasks.submit(BackgroundTask.of("retrieve", RetrievalFlow.lane(method), (p, c) ->
                        flow.retrieve(r, (what, done, total) -> {
                            phase = what;
                            p.progress(done, total);
                        }, c))
                .onProgress((done, total) -> {
                    progress.set(total <= 0 ? -1 : (double) done / total);
                    status.set(String.format(Locale.US, "%s… %,d of %,d", phase, done, total));
                })
                .onSuccess(report -> {
                    progress.set(1);
                    List<String> failed = report.queries().stream().filter(q -> q.problem() != null)
                            .map(q -> q.queryId() + ": " + q.problem()).toList();
                    status.set(report.summary() + (failed.isEmpty() ? "." : ". " + String.join("; ",
                            failed.subList(0, Math.min(3, failed.size()))) + (failed.size() > 3 ? "; …" : "")));
                    changed.run();
                    reloadChoices();
                })
                .onFailure(e -> {
                    progress.set(0);
                    status.set(e instanceof RetrievalException ? e.getMessage()
                            : "Retrieval failed: " + e.getMessage());
                    changed.run();
                })
                .onCancelled(() -> {
                    progress.set(0);
                    status.set("Cancelled; the queries retrieved before stay retrieved, embeddings made are kept.");
                    changed.run();
                })
                .always(() -> {
                    current = null;
                    running.set(false);
                    busy.set(false);
                }));
    }

    private void reloadChoices() {
        tasks.submit(BackgroundTask.of("retrieval choices", Lane.IO, (p, c) -> flow.choices())
                .onSuccess(this::show));
    }

    /** Asks for a corpus file (or, with {@code folder}, a BEIR dataset folder) and adds it to the project's corpus. */
    public void importCorpus(boolean folder) {
        if (busy.get()) {
            return;
        }
        Optional<Path> source = folder ? dialogs.chooseFolder("Import a BEIR dataset folder as the corpus", null)
                : dialogs.chooseOpenFiles("Import a corpus", null, List.of(
                        new DialogService.FileType("Corpus files (JSON Lines, CSV, TSV)", "*.jsonl", "*.json",
                                "*.csv", "*.tsv", "*.txt"),
                        new DialogService.FileType("All files", "*")), false).stream().findFirst();
        source.ifPresent(this::importCorpus);
    }

    /** Adds {@code source} to the project's corpus, in the background. */
    public void importCorpus(Path source) {
        importCorpus(source, false);
    }

    /**
     * Adds {@code source} to the project's corpus, in the background; with problems, offers to leave the bad rows
     * out when that would import the rest.
     */
    private void importCorpus(Path source, boolean skipBadRows) {
        busy.set(true);
        running.set(true);
        progress.set(-1);
        phase = "Reading";
        status.set("Reading " + source.getFileName() + "…");
        current = tasks.submit(BackgroundTask.of("import corpus", Lane.IO, (p, c) ->
                        flow.importCorpus(source, skipBadRows, (what, done, total) -> {
                            phase = what;
                            p.progress(done, total);
                        }, c::isCancelled))
                .onProgress((done, total) -> {
                    progress.set(total <= 0 ? -1 : (double) done / total);
                    status.set(phase + "…");
                })
                .onSuccess(outcome -> {
                    progress.set(outcome.added() ? 1 : 0);
                    status.set(outcome.summary());
                    String problems = String.join("\n", outcome.problems().stream().limit(12)
                            .map(ImportProblem::toString).toList());
                    reloadChoices();
                    if (outcome.skipMayHelp()) {
                        int answer = dialogs.choose("The corpus has problems", outcome.summary() + "\n\n" + problems
                                + "\n\nLeave the bad rows out and import the rest?", List.of("Import the rest",
                                "Cancel"));
                        if (answer == 0) {
                            importCorpus(source, true);
                        }
                    } else if (!outcome.added()) {
                        dialogs.showError("The corpus was not imported", outcome.summary() + "\n\n" + problems,
                                null);
                    }
                })
                .onFailure(e -> {
                    progress.set(0);
                    status.set("The corpus was not imported: " + e.getMessage());
                })
                .onCancelled(() -> {
                    progress.set(0);
                    status.set("Import cancelled; nothing was added.");
                })
                .always(() -> {
                    current = null;
                    running.set(false);
                    busy.set(false);
                }));
    }

    /** Stops the running retrieval or import at its next check. */
    public void cancel() {
        TaskHandle run = current;
        if (run != null) {
            run.cancel();
        }
    }

    private static String format(double x) {
        return String.valueOf(x);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public boolean chosenAvailable() {
        return !request.chosen().isEmpty();
    }

    /** "Query q3" or "The 4 highlighted queries". */
    public String chosenLabel() {
        List<QuerySummary> chosen = request.chosen();
        if (chosen.isEmpty()) {
            return "The selected query (none is selected)";
        }
        return chosen.size() == 1 ? "Query " + chosen.get(0).query().externalId() + " only"
                : "The " + chosen.size() + " highlighted queries";
    }

    /** "All 10 queries". */
    public String allLabel() {
        int n = request.all().size();
        return n == 1 ? "The project's one query" : "All " + n + " queries";
    }

    // ------------------------------------------------------------------------------------------------ properties

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    public ObservableList<String> biEncoders() {
        return biEncoders;
    }

    public ObjectProperty<String> biEncoderProperty() {
        return biEncoder;
    }

    public ObservableList<String> engines() {
        return engines;
    }

    public ObjectProperty<String> engineProperty() {
        return engine;
    }

    public ObservableList<FusionRow> fusionRows() {
        return fusionRows;
    }

    public ObjectProperty<FusionMode> fusionModeProperty() {
        return fusionMode;
    }

    public IntegerProperty rrfKProperty() {
        return rrfK;
    }

    public StringProperty k1Property() {
        return k1;
    }

    public StringProperty bProperty() {
        return b;
    }

    public ObjectProperty<String> analysisProperty() {
        return analysis;
    }

    public List<String> analyses() {
        return RetrievalService.Bm25.ANALYSES;
    }

    public IntegerProperty depthProperty() {
        return depth;
    }

    public ObjectProperty<Scope> scopeProperty() {
        return scope;
    }

    public Request request() {
        return request;
    }

    public ReadOnlyStringProperty corpusProperty() {
        return corpus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why Start is off, in words; empty when it is on (or while busy). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** 0..1, or -1 while the amount is not known. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty startAllowedProperty() {
        return startAllowed.getReadOnlyProperty();
    }
}
