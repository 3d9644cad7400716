package io.rerankworkbench.ui.several;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.RerankFlow;
import io.rerankworkbench.app.RerankFlow.Plan;
import io.rerankworkbench.app.RerankFlow.RankerOutcome;
import io.rerankworkbench.app.RerankFlow.RankerPlan;
import io.rerankworkbench.app.RerankFlow.RankerProgress;
import io.rerankworkbench.app.TaskHandle;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.store.QuerySummary;
import io.rerankworkbench.ui.common.DialogService;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Rerank with several rankers… dialog: which rankers (local models and saved endpoints) and which queries, what
 * the paid endpoints would bill, then one run per ranker and query through {@link RerankFlow} with a progress row
 * per ranker. A paid endpoint is sent nothing until the user has confirmed the estimates. Knows no nodes; background
 * work goes through the {@link TaskRunner}, whose callbacks (and the flow's) arrive on the thread that owns this.
 */
public final class SeveralRankersViewModel {

    private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.US);

    /**
     * What the main window hands over.
     *
     * @param chosen  the queries highlighted in the panel, or the selected one
     * @param all     every query of the project
     * @param options the window's rerank options (long documents) for local models
     */
    public record Request(List<QuerySummary> chosen, List<QuerySummary> all, RerankOptions options) {
        public Request {
            chosen = chosen.stream().filter(q -> q.candidates() > 0).toList();
            all = all.stream().filter(q -> q.candidates() > 0).toList();
        }
    }

    /** Which queries the rankers run over. */
    public enum Scope { CHOSEN, ALL }

    private final TaskRunner tasks;
    private final RerankFlow flow;
    private final DialogService dialogs;
    private final Request request;
    private final Runnable runsChanged;

    private final ObservableList<RankerRow> rows = FXCollections.observableArrayList(
            r -> new Observable[]{r.chosenProperty()});
    private final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(Scope.ALL);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper startAllowed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper costNote = new ReadOnlyStringWrapper("");
    private TaskHandle current;
    /** Counts estimate requests so that an answer for an older scope is dropped. */
    private long estimates;

    public SeveralRankersViewModel(TaskRunner tasks, RerankFlow flow, DialogService dialogs, Request request,
                                   Runnable runsChanged) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.flow = Objects.requireNonNull(flow, "flow");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.request = Objects.requireNonNull(request, "request");
        this.runsChanged = Objects.requireNonNull(runsChanged, "runsChanged");
        scope.set(request.chosen().isEmpty() ? Scope.ALL : Scope.CHOSEN);
        startAllowed.bind(Bindings.createBooleanBinding(
                () -> !busy.get() && !queries().isEmpty() && rows.stream().anyMatch(r -> r.chosenProperty().get()),
                busy, rows, scope));
        scope.addListener((obs, old, s) -> estimate());
        load();
    }

    /** Reads the rankers on offer (the endpoints file), then the paid ones' estimates. */
    private void load() {
        busy.set(true);
        status.set("Reading the rankers…");
        tasks.submit(BackgroundTask.of("list rankers", Lane.IO, (p, c) -> flow.rankers())
                .onSuccess(choices -> {
                    rows.setAll(choices.stream().map(c -> new RankerRow(c.name(),
                            !c.remote() ? "local model" : c.paid() ? "paid endpoint" : "endpoint", c.paid())).toList());
                    status.set("Choose rankers; each reranks the same candidates and keeps a run per query.");
                    estimate();
                })
                .onFailure(e -> status.set("Could not read the rankers: " + RerankFlow.message(e)))
                .always(() -> busy.set(false)));
    }

    /** The queries of the current scope. */
    private List<QuerySummary> queries() {
        return scope.get() == Scope.CHOSEN ? request.chosen() : request.all();
    }

    /** Prices every paid endpoint over the current scope, in the background. */
    private void estimate() {
        List<String> paid = rows.stream().filter(RankerRow::paid).map(RankerRow::name).toList();
        long asked = ++estimates;
        if (paid.isEmpty() || queries().isEmpty()) {
            costNote.set("");
            return;
        }
        List<Long> ids = ids();
        costNote.set("Estimating what the paid endpoints would bill…");
        tasks.submit(BackgroundTask.of("estimate", Lane.IO, (p, c) -> flow.plan(paid, ids))
                .onSuccess(plan -> {
                    if (asked != estimates) {
                        return;
                    }
                    for (RankerPlan r : plan.rankers()) {
                        // The note below the table says these are estimates; the row keeps the numbers.
                        String numbers = r.estimate().replaceFirst("^Estimate: ", "");
                        rows.stream().filter(row -> row.name().equals(r.ranker())).forEach(row ->
                                row.estimate(numbers.isEmpty() ? "" : "would send " + numbers));
                    }
                    costNote.set("Paid endpoints bill each request; the estimates are in their rows, and you "
                            + "confirm them before anything is sent.");
                })
                .onFailure(e -> {
                    if (asked == estimates) {
                        costNote.set("Could not estimate the cost: " + RerankFlow.message(e));
                    }
                }));
    }

    private List<Long> ids() {
        return queries().stream().map(q -> q.query().id()).toList();
    }

    /**
     * Plans the run, asks before sending anything to a paid endpoint (with each one's estimate), then starts it.
     * Does nothing while {@link #startAllowedProperty()} is false.
     */
    public void start() {
        if (!startAllowed.get()) {
            return;
        }
        List<String> names = rows.stream().filter(r -> r.chosenProperty().get()).map(RankerRow::name).toList();
        List<Long> ids = ids();
        busy.set(true);
        status.set("Planning…");
        tasks.submit(BackgroundTask.of("plan several rankers", Lane.IO, (p, c) -> flow.plan(names, ids))
                .onSuccess(plan -> {
                    if (confirmed(plan)) {
                        run(plan);
                    } else {
                        busy.set(false);
                        status.set("Not started; nothing was sent.");
                    }
                })
                .onFailure(e -> {
                    busy.set(false);
                    status.set("Could not start: " + RerankFlow.message(e));
                }));
    }

    private boolean confirmed(Plan plan) {
        List<RankerPlan> paid = plan.paid();
        if (paid.isEmpty()) {
            return true;
        }
        StringBuilder message = new StringBuilder("These rankers are hosted APIs that bill every request:\n");
        for (RankerPlan r : paid) {
            message.append("\n• ").append(r.ranker()).append(" — ")
                    .append(r.estimate().isEmpty() ? "no estimate" : r.estimate());
        }
        message.append("\n\nEach reranks ").append(plural(plan.queries().size(), "query", "queries")).append(" (")
                .append(plural(plan.documents(), "document", "documents")).append(").");
        return dialogs.choose("Send to paid rerank APIs?", message.toString(), List.of("Send", "Cancel")) == 0;
    }

    private void run(Plan plan) {
        running.set(true);
        int n = plan.queries().size();
        for (RankerRow row : rows) {
            boolean planned = plan.rankers().stream().anyMatch(r -> r.ranker().equals(row.name()));
            if (planned) {
                row.show(RankerRow.State.QUEUED, 0, "queued");
            } else {
                row.reset();
            }
        }
        status.set("Reranking " + plural(n, "query", "queries") + " with "
                + plural(plan.rankers().size(), "ranker", "rankers") + "…");
        current = flow.start(tasks, plan, request.options(), new RerankFlow.Listener() {
            @Override
            public void started(String ranker) {
                row(ranker).show(RankerRow.State.RUNNING, 0, "running: query 1 of " + n);
            }

            @Override
            public void progressed(RankerProgress p) {
                row(p.ranker()).show(RankerRow.State.RUNNING, p.fraction(),
                        "running: query " + Math.min(p.queriesDone() + 1, n) + " of " + n);
            }

            @Override
            public void finished(RankerOutcome o) {
                RankerRow.State state = switch (o.status()) {
                    case DONE -> o.failures().isEmpty() ? RankerRow.State.DONE : RankerRow.State.FAILED;
                    case FAILED -> RankerRow.State.FAILED;
                    case CANCELLED -> RankerRow.State.CANCELLED;
                };
                String text = o.status() == RerankFlow.Status.DONE && o.failures().isEmpty() ? "done: " + o.summary()
                        : o.summary();
                // A failed ranker's bar shows the share of queries that kept a run, not the documents it tried.
                double bar = switch (o.status()) {
                    case DONE -> 1;
                    case FAILED -> o.queries() == 0 ? 0 : (double) o.completed() / o.queries();
                    case CANCELLED -> row(o.ranker()).progressProperty().get();
                };
                row(o.ranker()).show(state, bar, text);
            }

            @Override
            public void allFinished(List<RankerOutcome> outcomes) {
                current = null;
                running.set(false);
                busy.set(false);
                status.set(summary(outcomes));
                runsChanged.run();
            }
        });
    }

    private RankerRow row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    static String summary(List<RankerOutcome> outcomes) {
        int runs = outcomes.stream().mapToInt(RankerOutcome::completed).sum();
        long cancelled = outcomes.stream().filter(o -> o.status() == RerankFlow.Status.CANCELLED).count();
        long troubled = outcomes.stream().filter(o -> o.status() != RerankFlow.Status.CANCELLED && !o.clean())
                .count();
        StringBuilder s = new StringBuilder(cancelled > 0 ? "Cancelled. " : "Finished. ")
                .append(plural(runs, "run", "runs")).append(" kept");
        if (troubled > 0) {
            s.append("; ").append(troubled).append(" of ").append(outcomes.size())
                    .append(outcomes.size() == 1 ? " ranker" : " rankers")
                    .append(troubled == 1 ? " failed — see its row" : " failed — see their rows");
        }
        return s.append('.').toString();
    }

    private static String plural(long n, String one, String many) {
        return COUNT.format(n) + " " + (n == 1 ? one : many);
    }

    /** Stops every running ranker before its next batch and starts no queued one; finished runs are kept. */
    public void cancel() {
        TaskHandle run = current;
        if (run != null && !run.isCancelled()) {
            run.cancel();
            status.set("Cancelling…");
        }
    }

    /** Chooses every ranker, or none when all are chosen. */
    public void toggleAll() {
        boolean all = rows.stream().allMatch(r -> r.chosenProperty().get());
        rows.forEach(r -> r.chosenProperty().set(!all));
    }

    /** Chooses a ranker by name (as the catalog names it). */
    public void choose(String name, boolean chosen) {
        rows.stream().filter(r -> r.name().equalsIgnoreCase(name)).forEach(r -> r.chosenProperty().set(chosen));
    }

    public ObservableList<RankerRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    public ObjectProperty<Scope> scopeProperty() {
        return scope;
    }

    /** Whether the chosen queries are a scope of their own (some have candidates). */
    public boolean chosenAvailable() {
        return !request.chosen().isEmpty();
    }

    /** "Query q3 (26 candidates)" or "The 4 highlighted queries (103 candidates)". */
    public String chosenLabel() {
        List<QuerySummary> chosen = request.chosen();
        if (chosen.isEmpty()) {
            return "The selected query (it has no candidates)";
        }
        return (chosen.size() == 1 ? "Query " + chosen.get(0).query().externalId()
                : "The " + chosen.size() + " highlighted queries") + " (" + candidates(chosen) + ")";
    }

    /** "All 10 queries with candidates (259 candidates)". */
    public String allLabel() {
        List<QuerySummary> all = request.all();
        return "All " + plural(all.size(), "query", "queries") + " with candidates (" + candidates(all) + ")";
    }

    private static String candidates(List<QuerySummary> queries) {
        return plural(queries.stream().mapToLong(QuerySummary::candidates).sum(), "candidate", "candidates");
    }

    /** Planning or running: the dialog's choices and Start are locked. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Rankers are running: Cancel is available, Close waits. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty startAllowedProperty() {
        return startAllowed.getReadOnlyProperty();
    }

    /** One line under the rankers: what is happening or what happened. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** About the cost of paid endpoints; empty when none is on offer. */
    public ReadOnlyStringProperty costNoteProperty() {
        return costNote.getReadOnlyProperty();
    }
}
