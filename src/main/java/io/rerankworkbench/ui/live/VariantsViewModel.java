package io.rerankworkbench.ui.live;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.app.VariantService;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.store.VariantSummary;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The phrasings of the shown query: its own text first, then the variants kept from live mode (text, the ranker of
 * the newest run, when). Selecting a variant loads its runs and hands them to the window, which shows the newest;
 * selecting the query's own text goes back to its runs. Knows no nodes; use on the thread that owns the
 * {@link TaskRunner}'s callbacks.
 */
public final class VariantsViewModel {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.US)
            .withZone(ZoneId.systemDefault());

    /**
     * One phrasing of the query.
     *
     * @param variant null for the query's own text
     * @param model   the newest run's model, or null when there is none
     * @param when    when the newest run finished (for the own text: null)
     */
    public record Phrasing(StoredVariant variant, String text, int runs, String model, Instant when) {

        public boolean own() {
            return variant == null;
        }

        /** "Query" or "Variant 2". */
        public String name() {
            return variant == null ? "Query" : "Variant " + variant.number();
        }

        /** "1 run · all-MiniLM-L6-v2 · 6 Dec 10:42", or "no runs". */
        public String details() {
            if (runs == 0) {
                return "no runs";
            }
            return (runs == 1 ? "1 run" : runs + " runs") + (model == null ? "" : " · " + model)
                    + (when == null ? "" : " · " + WHEN.format(when));
        }
    }

    private final TaskRunner tasks;
    private final VariantService service;
    private final ObservableList<Phrasing> phrasings = FXCollections.observableArrayList();
    private final ObservableList<Phrasing> readOnlyPhrasings = FXCollections.unmodifiableObservableList(phrasings);
    private final ObjectProperty<Phrasing> selected = new SimpleObjectProperty<>();
    private long queryId = -1;
    /** Counts loads, so that the runs of a variant the user already left are not shown. */
    private long generation;
    private boolean filling;
    private BiConsumer<StoredVariant, List<StoredRun>> variantShown = (v, runs) -> { };
    private Runnable ownShown = () -> { };
    private Consumer<String> messages = m -> { };
    private Runnable changed = () -> { };

    public VariantsViewModel(TaskRunner tasks, VariantService service) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.service = Objects.requireNonNull(service, "service");
        selected.addListener((obs, old, now) -> {
            if (!filling && now != null && (old == null || !same(old, now))) {
                choose(now);
            }
        });
    }

    /** What the window does when a variant (with its runs, oldest first) or the query's own text is chosen. */
    public void setHandlers(BiConsumer<StoredVariant, List<StoredRun>> variantShown, Runnable ownShown) {
        this.variantShown = Objects.requireNonNull(variantShown);
        this.ownShown = Objects.requireNonNull(ownShown);
    }

    /** What the window does after a variant was deleted: read the query again. */
    public void setChanged(Runnable changed) {
        this.changed = Objects.requireNonNull(changed);
    }

    /** Where one-line outcomes go (the status bar). */
    public void setMessages(Consumer<String> messages) {
        this.messages = messages == null ? m -> { } : messages;
    }

    /**
     * Lists the phrasings of a query just loaded, selecting the variant with key {@code selectVariant} (null: the
     * query's own text) without asking the window to show it again.
     */
    public void show(long queryId, String queryText, int ownRuns, String ownModel, List<VariantSummary> variants,
                     Long selectVariant) {
        this.queryId = queryId;
        generation++;
        List<Phrasing> rows = new ArrayList<>();
        rows.add(new Phrasing(null, queryText, ownRuns, ownModel, null));
        for (VariantSummary v : variants) {
            rows.add(new Phrasing(v.variant(), v.variant().text(), v.runs(), v.model(), v.finishedAt()));
        }
        filling = true;
        try {
            phrasings.setAll(rows);
            selected.set(rows.stream().filter(r -> selectVariant == null ? r.own()
                    : !r.own() && r.variant().id() == selectVariant).findFirst().orElse(rows.get(0)));
        } finally {
            filling = false;
        }
    }

    /** No query is shown. */
    public void clear() {
        queryId = -1;
        generation++;
        filling = true;
        try {
            phrasings.clear();
            selected.set(null);
        } finally {
            filling = false;
        }
    }

    /** The variant now shown, or null for the query's own text (or no query). */
    public StoredVariant selectedVariant() {
        Phrasing p = selected.get();
        return p == null ? null : p.variant();
    }

    private void choose(Phrasing p) {
        long mine = ++generation;
        if (p.own()) {
            ownShown.run();
            return;
        }
        StoredVariant variant = p.variant();
        tasks.submit(BackgroundTask.of("load variant", Lane.IO, (progress, cancel) -> service.runs(variant.id()))
                .onSuccess(runs -> {
                    if (mine == generation) {
                        variantShown.accept(variant, runs);
                    }
                })
                .onFailure(e -> messages.accept("Could not read variant " + variant.number() + ": "
                        + e.getMessage())));
    }

    /** Deletes a variant with its runs (the query, its grades and own runs stay), then lists the phrasings again. */
    public void delete(Phrasing p) {
        if (p == null || p.own()) {
            return;
        }
        long forQuery = queryId;
        tasks.submit(BackgroundTask.of("delete variant", Lane.IO, (progress, cancel) -> service.delete(
                        p.variant().id()))
                .onSuccess(deleted -> {
                    messages.accept("Deleted variant " + p.variant().number() + " “" + p.text() + "” with its "
                            + (p.runs() == 1 ? "run." : p.runs() + " runs."));
                    if (forQuery == queryId) {
                        changed.run();
                    }
                })
                .onFailure(e -> messages.accept("Could not delete the variant: " + e.getMessage())));
    }

    private static boolean same(Phrasing a, Phrasing b) {
        return a.own() ? b.own() : !b.own() && a.variant().id() == b.variant().id();
    }

    /** The query's own text, then its variants. */
    public ObservableList<Phrasing> phrasings() {
        return readOnlyPhrasings;
    }

    /** The phrasing whose runs the window shows; the list view writes it. */
    public ObjectProperty<Phrasing> selectedProperty() {
        return selected;
    }
}
