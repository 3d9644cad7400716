package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.ProjectService;
import io.rerankworkbench.app.ProjectTransferService;
import io.rerankworkbench.app.ProjectTransferService.ImportOutcome;
import io.rerankworkbench.app.ProjectTransferService.ImportSettings;
import io.rerankworkbench.app.Samples;
import io.rerankworkbench.app.TaskHandle;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.io.exports.ExportFormat;
import io.rerankworkbench.io.exports.ExportOptions;
import io.rerankworkbench.io.exports.RunSelection;
import io.rerankworkbench.io.imports.CsvImport;
import io.rerankworkbench.io.imports.CsvOptions;
import io.rerankworkbench.io.imports.CsvPreview;
import io.rerankworkbench.io.imports.ImportFormat;
import io.rerankworkbench.io.imports.ImportProblem;
import io.rerankworkbench.io.imports.ProjectImports;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.store.QuerySummary;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.ui.common.DialogService;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Imports into the open project (File → Import…, files dropped on the window, sample projects) and exports from it
 * (ranked lists, TREC run, qrels, bundle). Imports are all-or-nothing: when rows have problems, the user sees them
 * with file and line and may choose to import the rest, skipping the bad rows. The work runs on the IO lane and
 * reports through the window's progress bar ({@link Activity}), so it can be cancelled there.
 */
public final class TransferViewModel {

    /** The window's progress area, shared with reranks. */
    interface Activity {
        boolean busy();

        /** Called before the work is submitted. */
        void started(String status, String unit);

        /** The submitted work, for Cancel; ignored when it has already finished. */
        void track(TaskHandle handle);

        void progressed(long done, long total);

        void finished();
    }

    static final List<DialogService.FileType> IMPORT_FILES = List.of(
            new DialogService.FileType("Query sets, runs, judgments and bundles",
                    "*.csv", "*.tsv", "*.txt", "*.jsonl", "*.json", "*.trec", "*.run", "*.qrels"),
            new DialogService.FileType("All files", "*"));
    private static final int PROBLEMS_SHOWN = 25;

    private final TaskRunner tasks;
    private final ProjectService projects;
    private final ProjectTransferService transfers;
    private final ProjectViewModel project;
    private final QueriesViewModel queries;
    private final DialogService dialogs;
    private final Activity activity;
    private final java.util.function.Consumer<String> status;
    private Function<List<Path>, java.util.Optional<ImportSettings>> importSettings =
            files -> java.util.Optional.of(ImportSettings.DEFAULT);
    private Path lastFolder;
    private final ObservableValue<StoredRun> shownRun;
    private final javafx.collections.ObservableList<QuerySummary> allQueries;
    private final ReadOnlyStringWrapper rankedListsLabel = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper trecRunLabel = new ReadOnlyStringWrapper();

    /** @param shownRun the run on screen (null when none), which ranked-list and TREC exports follow */
    TransferViewModel(TaskRunner tasks, ProjectService projects, ProjectTransferService transfers,
                      ProjectViewModel project, QueriesViewModel queries, DialogService dialogs, Activity activity,
                      java.util.function.Consumer<String> status, ObservableValue<StoredRun> shownRun) {
        this.tasks = tasks;
        this.projects = projects;
        this.transfers = transfers;
        this.project = project;
        this.queries = queries;
        this.dialogs = dialogs;
        this.activity = activity;
        this.status = status;
        this.shownRun = shownRun;
        shownRun.addListener((obs, old, run) -> refreshLabels());
        // Held in a field: the unmodifiable view listens to the list only weakly.
        this.allQueries = queries.allQueries();
        allQueries.addListener((javafx.collections.ListChangeListener<QuerySummary>) c -> refreshLabels());
        refreshLabels();
    }

    /**
     * Installs how the settings of an import are asked for (the view shows the CSV column mapping there); empty =
     * the user cancelled. Without one, formats are told from the files.
     */
    public void setImportSettings(Function<List<Path>, java.util.Optional<ImportSettings>> ask) {
        this.importSettings = ask == null ? files -> java.util.Optional.of(ImportSettings.DEFAULT) : ask;
    }

    /** Asks for files and imports them. */
    public void requestImport() {
        if (activity.busy()) {
            return;
        }
        List<Path> files = dialogs.chooseOpenFiles("Import into the project", lastFolder, IMPORT_FILES, true);
        if (!files.isEmpty()) {
            importFiles(files);
        }
    }

    /** Asks for a BEIR dataset folder (corpus.jsonl, queries.jsonl, qrels/) and imports it. */
    public void requestFolderImport() {
        if (activity.busy()) {
            return;
        }
        dialogs.chooseFolder("Import a BEIR dataset folder", lastFolder)
                .ifPresent(folder -> importFiles(List.of(folder)));
    }

    /** Files dropped on the window: a project file opens; anything else is imported into the open project. */
    public void filesDropped(List<Path> files) {
        if (files.isEmpty() || activity.busy()) {
            return;
        }
        if (files.size() == 1 && files.get(0).getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".rwb")) {
            project.open(files.get(0));
            return;
        }
        importFiles(files);
    }

    /**
     * Imports {@code files} (all or nothing). A single CSV/TSV table is previewed first (in the background) and its
     * column mapping confirmed through {@link #setCsvMapping}.
     */
    public void importFiles(List<Path> files) {
        if (files.size() != 1) {
            importSettings.apply(files).ifPresent(settings -> importFiles(files, settings));
            return;
        }
        Path file = files.get(0);
        tasks.submit(BackgroundTask.of("preview", Lane.IO, (p, c) ->
                        ProjectImports.detect(file).orElse(null) == ImportFormat.CSV
                                ? java.util.Optional.of(CsvImport.preview(file, 12)) : java.util.Optional.<CsvPreview>empty())
                .onSuccess(preview -> {
                    if (preview.isEmpty()) {
                        importSettings.apply(files).ifPresent(settings -> importFiles(files, settings));
                    } else {
                        csvMapping.apply(preview.get()).ifPresent(options ->
                                importFiles(files, new ImportSettings("csv", false, options)));
                    }
                })
                .onFailure(e -> dialogs.showError("Could not read " + file.getFileName(),
                        WorkbenchViewModel.userMessage(e), null)));
    }

    private Function<CsvPreview, java.util.Optional<CsvOptions>> csvMapping =
            preview -> java.util.Optional.of(preview.options(false));

    /**
     * Installs how a CSV/TSV table's columns are confirmed (the view shows the preview and mapping dialog); empty =
     * the user cancelled. Without one, the mapping suggested by the header names is taken.
     */
    public void setCsvMapping(Function<CsvPreview, java.util.Optional<CsvOptions>> ask) {
        this.csvMapping = ask == null ? preview -> java.util.Optional.of(preview.options(false)) : ask;
    }

    void importFiles(List<Path> files, ImportSettings settings) {
        lastFolder = files.get(0).toAbsolutePath().getParent();
        String what = files.size() == 1 ? files.get(0).getFileName().toString() : files.size() + " files";
        boolean[] created = {false};
        ImportOutcome[] result = {null};
        activity.started("Importing " + what + "…", "%");
        TaskHandle handle = tasks.submit(BackgroundTask.of("import", Lane.IO, (p, cancel) -> {
                    if (!projects.isOpen()) {
                        projects.newUntitled();
                        created[0] = true;
                    }
                    return transfers.importInto(projects.store(), files, settings, p::progress, cancel);
                })
                .onProgress(activity::progressed)
                .onSuccess(outcome -> result[0] = outcome)
                .onFailure(e -> {
                    status.accept("Import failed; nothing was imported.");
                    dialogs.showError("Could not import " + what, WorkbenchViewModel.userMessage(e), null);
                })
                .onCancelled(() -> {
                    status.accept("Import cancelled; nothing was imported.");
                    // Should the cancel have come after the commit, the list shows what the project holds.
                    project.changed(null);
                })
                .always(() -> {
                    // The window is idle again before the outcome is shown (and a retry that skips rows starts).
                    activity.finished();
                    if (created[0] && (result[0] == null || !result[0].written())) {
                        project.changed(null); // the new, empty project; a written import selects its first query
                    }
                    if (result[0] != null) {
                        imported(files, settings, what, result[0]);
                    }
                }));
        activity.track(handle);
    }

    private void imported(List<Path> files, ImportSettings settings, String what, ImportOutcome outcome) {
        if (!outcome.written()) {
            status.accept("Nothing imported from " + what + ": "
                    + plural(outcome.problems().size(), "problem", "problems") + ".");
            String list = describe(outcome.problems());
            if (!outcome.skipMayHelp()) {
                // Skipping rows cannot mend these (an unclosed quote, a missing column): offering it would fail again.
                dialogs.showError("Nothing was imported", list + "\n\n" + (settings.skipBadRows()
                        ? "These problems stop the import even when bad rows are skipped."
                        : "Fix the file and import it again."), null);
                return;
            }
            int choice = dialogs.choose("Nothing was imported",
                    "Nothing was written, because some rows have problems:\n\n" + list
                            + "\n\nFix the file and import it again, or import the rows without problems and skip "
                            + "the rest.", List.of("Cancel", "Skip bad rows and import the rest"));
            if (choice == 1) {
                importFiles(files, settings.withSkipBadRows(true));
            }
            return;
        }
        status.accept("Imported " + outcome.summary() + "."
                + (outcome.notes().isEmpty() ? "" : " " + plural(outcome.notes().size(), "warning", "warnings") + "."));
        if (outcome.skippedRows() > 0 || !outcome.notes().isEmpty()) {
            StringBuilder message = new StringBuilder("Imported " + outcome.summary() + ".");
            if (!outcome.notes().isEmpty()) {
                message.append("\n\nWarnings:\n").append(String.join("\n", outcome.notes()));
            }
            if (outcome.skippedRows() > 0) {
                message.append("\n\nSkipped rows:\n").append(describe(outcome.problems()));
            }
            dialogs.showInformation(outcome.skippedRows() > 0 ? "Imported with rows skipped" : "Imported with warnings",
                    message.toString());
        }
        // The first imported query is selected, so the user sees what came in.
        project.changed(outcome.firstQuery());
    }

    static String describe(List<ImportProblem> problems) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(PROBLEMS_SHOWN, problems.size()); i++) {
            b.append(problems.get(i)).append('\n');
        }
        if (problems.size() > PROBLEMS_SHOWN) {
            b.append("… and ").append(problems.size() - PROBLEMS_SHOWN).append(" more");
        }
        return b.toString().strip();
    }

    /** Opens a sample as a new untitled project. */
    public void openSample(Samples.Sample sample) {
        if (activity.busy()) {
            return;
        }
        project.beforeChange(() -> openSampleNow(sample));
    }

    private void openSampleNow(Samples.Sample sample) {
        activity.started("Opening the sample " + sample.title() + "…", "%");
        TaskHandle handle = tasks.submit(BackgroundTask.of("open sample", Lane.IO,
                        (p, cancel) -> projects.openSample(sample, transfers, p::progress, cancel))
                .onProgress(activity::progressed)
                .onSuccess(outcome -> {
                    if (!outcome.written()) {
                        dialogs.showError("Could not open the sample", describe(outcome.problems()), null);
                    } else {
                        status.accept("Opened the sample \"" + sample.title() + "\" as a new project, "
                                + projects.store().file() + ": " + outcome.summary()
                                + ". Every change is saved as you work.");
                    }
                })
                .onFailure(e -> dialogs.showError("Could not open the sample", WorkbenchViewModel.userMessage(e),
                        null))
                .always(() -> {
                    activity.finished();
                    project.changed(null);
                }));
        activity.track(handle);
    }

    /**
     * What the window does when it opens: a project file given on the command line (a desktop double-click) opens;
     * otherwise the first start opens a sample, and later starts reopen an untitled project left by the last
     * session, or the most recent project, or start an empty untitled one. A requested file that cannot be opened is
     * reported, and the usual start-up project opens instead so the window is usable.
     *
     * @param requested the project file to open, or {@code null}
     */
    public void startUp(Path requested) {
        tasks.submit(BackgroundTask.of("start up", Lane.IO, (p, c) -> {
                    String refusal = null;
                    if (requested != null) {
                        try {
                            projects.open(requested);
                            projects.markStarted();
                            return new StartUp("Opened " + requested.getFileName() + ".", null);
                        } catch (java.io.IOException e) {
                            refusal = WorkbenchViewModel.userMessage(e);
                        }
                    }
                    return new StartUp(usualStartUp(c), refusal);
                })
                .onSuccess(started -> {
                    status.accept(started.status());
                    if (started.refusal() != null) {
                        dialogs.showError("Could not open " + requested.getFileName(), started.refusal(), null);
                    }
                })
                .onFailure(e -> dialogs.showError("Could not open a project", WorkbenchViewModel.userMessage(e),
                        null))
                .always(() -> project.changed(null)));
    }

    /** What start-up did: the status line, and why a requested project file was refused ({@code null} if not). */
    private record StartUp(String status, String refusal) {
    }

    private String usualStartUp(CancellationToken cancel) throws Exception {
        if (projects.firstStart() && !Samples.all().isEmpty()) {
            projects.markStarted();
            Samples.Sample first = Samples.all().get(0);
            if (!projects.openSample(first, transfers, (d, t) -> { }, cancel).written()) {
                projects.newUntitled();
                return "The sample project could not be opened; this is a new, empty project.";
            }
            return "Welcome! This is a sample project (" + first.title() + "), saved as "
                    + projects.store().file() + ". Pick a query on the left and press Rerank, or open your own "
                    + "work from the File menu.";
        }
        projects.markStarted();
        if (projects.recoverUntitled()) {
            return "Reopened the untitled project from your last session. Save it (Ctrl+Shift+S) "
                    + "to keep it.";
        }
        for (Path recent : projects.recentProjects()) {
            try {
                projects.open(recent);
                return "Opened " + recent.getFileName() + ".";
            } catch (java.io.IOException e) {
                // locked by another window, or no longer a project: try the next one
            }
        }
        projects.newUntitled();
        return "New project. Type a query and paste candidates, or import a query set (Ctrl+I).";
    }

    /**
     * Exports from the project: asks which queries (when some are highlighted) and where, then writes. Ranked lists
     * (CSV, unless every run is asked for) and TREC runs follow the window: with a run on screen, that run for its
     * query and, for every other query, its latest completed run by the same ranker and model (else its latest
     * completed run); with none, the latest completed run of each query. The menu items say which
     * ({@link #rankedListsLabelProperty()}), and the status line afterwards which run of each query was written.
     *
     * @param allRuns for CSV, every run of each query instead of one
     */
    public void requestExport(ExportFormat format, boolean allRuns) {
        if (activity.busy()) {
            status.accept("Wait for the running work to finish before exporting.");
            return;
        }
        if (!projects.isOpen() || queries.allQueries().isEmpty()) {
            dialogs.showInformation("Nothing to export", "The project has no queries yet.");
            return;
        }
        List<QuerySummary> scope = queries.chooseScope("Export " + label(format), "Which queries should be exported?");
        if (scope.isEmpty()) {
            return;
        }
        String name = switch (format) {
            case CSV -> "ranked-lists.csv";
            case TREC -> "run.trec";
            case QRELS -> "qrels.txt";
            case BUNDLE -> "project.rwb.json";
        };
        String description = switch (format) {
            case CSV -> "CSV files";
            case TREC -> "TREC run files";
            case QRELS -> "TREC qrels files";
            case BUNDLE -> "Project bundles (JSON)";
        };
        String extension = format == ExportFormat.QRELS ? "txt" : format.extension();
        dialogs.chooseSaveFile("Export " + label(format), lastFolder, name, description, extension)
                .ifPresent(target -> export(scope, format, allRuns, target));
    }

    static String label(ExportFormat format) {
        return switch (format) {
            case CSV -> "ranked lists";
            case TREC -> "TREC run";
            case QRELS -> "TREC qrels";
            case BUNDLE -> "project bundle";
        };
    }

    /** The run on screen with its query's id, or null. */
    private Shown shown() {
        StoredRun run = shownRun.getValue();
        if (run == null || run.isVariant()) {
            return null; // a variant's run is numbered among the variant's: exports follow the query's own runs
        }
        return allQueries.stream().filter(q -> q.query().id() == run.queryId()).findFirst()
                .map(q -> new Shown(q.query().externalId(), run)).orElse(null);
    }

    private record Shown(String queryId, StoredRun run) {
    }

    /** The text of File → Export → Ranked lists (CSV): which runs it writes. */
    public ReadOnlyStringProperty rankedListsLabelProperty() {
        return rankedListsLabel.getReadOnlyProperty();
    }

    /** The text of File → Export → TREC run: which runs it writes. */
    public ReadOnlyStringProperty trecRunLabelProperty() {
        return trecRunLabel.getReadOnlyProperty();
    }

    private void refreshLabels() {
        Shown shown = shown();
        String runs = shown == null ? "the latest run of each query"
                : allQueries.size() == 1 ? RunLabels.name(shown.run()) + " of " + shown.queryId()
                : RunLabels.name(shown.run()) + " of " + shown.queryId() + ", elsewhere the latest "
                + RunLabels.system(shown.run()) + " run";
        rankedListsLabel.set("_Ranked lists (CSV): " + runs + "…");
        trecRunLabel.set("_TREC run: " + runs + "…");
    }

    /** Writes the export in the background; the file appears complete or not at all. */
    public void export(List<QuerySummary> scope, ExportFormat format, boolean allRuns, Path target) {
        lastFolder = target.toAbsolutePath().getParent();
        // Every query chosen is the whole project (null): a bundle of it also carries the corpus and the labeling
        // sessions that cover no query yet.
        List<Long> ids = scope.size() == allQueries.size() && scope.containsAll(allQueries) ? null
                : scope.stream().map(q -> q.query().id()).toList();
        boolean ranked = format == ExportFormat.CSV || format == ExportFormat.TREC;
        Shown shown = allRuns || !ranked ? null : shown();
        RunSelection selection = allRuns ? RunSelection.ALL : shown == null ? RunSelection.LATEST
                : RunSelection.shown(shown.queryId(), shown.run().number());
        ExportOptions options = ExportOptions.DEFAULT.withRuns(selection);
        tasks.submit(BackgroundTask.of("export", Lane.IO,
                        (p, c) -> transfers.export(projects.store(), ids, format, target, options))
                .onSuccess(summary -> status.accept("Exported " + label(format) + ": "
                        + plural(summary.queries(), "query", "queries") + ", "
                        + plural(summary.rows(), "row", "rows") + " to " + target + "."
                        + (shown == null ? "" : RunLabels.runsWritten(summary.runs(), shown.queryId(), shown.run()))
                        + (summary.skippedQueries().isEmpty() ? ""
                        : " Nothing to write for " + String.join(", ", summary.skippedQueries()) + ".")))
                .onFailure(e -> {
                    status.accept("Export failed; no file was written.");
                    dialogs.showError("Export failed", "Could not write " + target + ": "
                            + WorkbenchViewModel.userMessage(e), null);
                }));
    }

    /** "1 query", "1,200 rows". */
    static String plural(long n, String one, String many) {
        return String.format(Locale.ROOT, "%,d ", n) + (n == 1 ? one : many);
    }
}
