package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.ProjectService;
import io.rerankworkbench.app.QueryArchive;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.QuerySummary;
import io.rerankworkbench.ui.common.DialogService;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The queries panel: the project's queries with their counts, a filter, the selection, and the commands that add,
 * rename, duplicate and delete queries (a delete can be undone until the next delete). Every read and write goes
 * through the {@link TaskRunner} on the IO lane.
 */
public final class QueriesViewModel {

    private final TaskRunner tasks;
    private final ProjectService projects;
    private final DialogService dialogs;
    private final Consumer<String> status;

    private final ObservableList<QuerySummary> all = FXCollections.observableArrayList();
    private final FilteredList<QuerySummary> visible = new FilteredList<>(all, q -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<QuerySummary> selected = new SimpleObjectProperty<>();
    private final javafx.beans.property.ReadOnlyIntegerWrapper reselected =
            new javafx.beans.property.ReadOnlyIntegerWrapper(0);
    private final ObservableList<QuerySummary> checked = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper undoLabel = new ReadOnlyStringWrapper("");

    private QueryArchive.Snapshot deleted;

    public QueriesViewModel(TaskRunner tasks, ProjectService projects, DialogService dialogs,
                            Consumer<String> status) {
        this.tasks = tasks;
        this.projects = projects;
        this.dialogs = dialogs;
        this.status = status;
        filter.addListener((obs, old, text) -> visible.setPredicate(q -> matches(q, text)));
    }

    static boolean matches(QuerySummary q, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String needle = filter.strip().toLowerCase(Locale.ROOT);
        return q.query().externalId().toLowerCase(Locale.ROOT).contains(needle)
                || q.query().text().toLowerCase(Locale.ROOT).contains(needle);
    }

    /** Reads the queries again and selects {@code selectId} (a database key), or keeps the selection, or the first. */
    public void reload(Long selectId) {
        if (!projects.isOpen()) {
            all.clear();
            selected.set(null);
            return;
        }
        Long keep = selectId != null ? selectId : selected.get() == null ? null : selected.get().query().id();
        tasks.submit(BackgroundTask.of("list queries", Lane.IO, (p, c) -> projects.store().querySummaries())
                .onSuccess(list -> show(list, keep))
                .onFailure(e -> dialogs.showError("Could not read the queries", e.getMessage(), e)));
    }

    /** Replaces the list (after the project changed) and selects {@code keep}, else the first query. */
    void show(List<QuerySummary> list, Long keep) {
        all.setAll(list);
        QuerySummary choice = list.stream().filter(q -> keep != null && q.query().id() == keep).findFirst()
                .orElse(list.isEmpty() ? null : list.get(0));
        // A refreshed row for the same query is a new object: set it so listeners see the new counts.
        QuerySummary before = selected.get();
        selected.set(choice);
        if (choice != null && choice.equals(before)) {
            // Equal counts: change listeners hear nothing, yet the list was replaced and the query's runs, variants
            // or grades may have changed.
            reselected.set(reselected.get() + 1);
        }
    }

    /** A query id not used yet in the project: q1, q2, … after the highest numbered one. */
    public String nextQueryId() {
        int max = 0;
        for (QuerySummary q : all) {
            String id = q.query().externalId();
            if (id.matches("q\\d{1,9}")) {
                max = Math.max(max, Integer.parseInt(id.substring(1)));
            }
        }
        return "q" + (max + 1);
    }

    /** Adds an empty query with a fresh id and selects it, ready to be typed. */
    public void add() {
        if (!projects.isOpen()) {
            return;
        }
        String id = nextQueryId();
        tasks.submit(BackgroundTask.of("add query", Lane.IO, (p, c) -> projects.store().addQuery(id, "").id())
                .onSuccess(this::reload)
                .onFailure(e -> dialogs.showError("Could not add a query", e.getMessage(), e)));
    }

    /** Asks for a new id for the selected query; ids stay unique. */
    public void renameSelected() {
        QuerySummary q = selected.get();
        if (q == null) {
            return;
        }
        dialogs.askText("Rename query", "New id for query " + q.query().externalId() + ":", q.query().externalId())
                .filter(name -> !name.isBlank() && !name.equals(q.query().externalId()))
                .ifPresent(name -> rename(q, name));
    }

    void rename(QuerySummary q, String newId) {
        if (all.stream().anyMatch(other -> other.query().externalId().equals(newId))) {
            dialogs.showError("Rename query", "There is already a query with the id " + newId + ".", null);
            return;
        }
        long key = q.query().id();
        tasks.submit(BackgroundTask.of("rename query", Lane.IO, (p, c) -> {
                    projects.store().renameQuery(key, newId);
                    return key;
                })
                .onSuccess(id -> {
                    status.accept("Renamed " + q.query().externalId() + " to " + newId + ".");
                    reload(id);
                })
                .onFailure(e -> dialogs.showError("Could not rename the query", e.getMessage(), e)));
    }

    /** Copies the selected query and its candidates under a new id (runs and grades stay with the original). */
    public void duplicateSelected() {
        QuerySummary q = selected.get();
        if (q == null) {
            return;
        }
        String base = q.query().externalId() + "-copy";
        String id = base;
        for (int n = 2; taken(id); n++) {
            id = base + n;
        }
        String copyId = id;
        tasks.submit(BackgroundTask.of("duplicate query", Lane.IO,
                        (p, c) -> projects.store().duplicateQuery(q.query().id(), copyId).id())
                .onSuccess(newKey -> {
                    status.accept("Duplicated " + q.query().externalId() + " as " + copyId
                            + " (candidates only; edit them there).");
                    reload(newKey);
                })
                .onFailure(e -> dialogs.showError("Could not duplicate the query", e.getMessage(), e)));
    }

    private boolean taken(String id) {
        return all.stream().anyMatch(q -> q.query().externalId().equals(id));
    }

    /** Deletes the selected query with its candidates, runs and grades; {@link #undoDelete()} brings it back. */
    public void deleteSelected() {
        QuerySummary q = selected.get();
        if (q == null) {
            return;
        }
        int index = visible.indexOf(q);
        tasks.submit(BackgroundTask.of("delete query", Lane.IO,
                        (p, c) -> QueryArchive.deleteWithSnapshot(projects.store(), q.query().id()))
                .onSuccess(snapshot -> {
                    deleted = snapshot;
                    undoLabel.set("Undo delete of " + q.query().externalId());
                    status.accept("Deleted query " + q.query().externalId() + " with " + q.runs() + " runs and its "
                            + "grades. Edit → Undo (Ctrl+Z) restores it.");
                    all.remove(q);
                    if (!visible.isEmpty()) {
                        selected.set(visible.get(Math.min(Math.max(index, 0), visible.size() - 1)));
                    } else {
                        selected.set(null);
                    }
                })
                .onFailure(e -> dialogs.showError("Could not delete the query", e.getMessage(), e)));
    }

    /** Restores the last deleted query with everything it had. */
    public void undoDelete() {
        QueryArchive.Snapshot snapshot = deleted;
        if (snapshot == null || !projects.isOpen()) {
            return;
        }
        ProjectStore store = projects.store();
        tasks.submit(BackgroundTask.of("restore query", Lane.IO, (p, c) -> QueryArchive.restore(store, snapshot))
                .onSuccess(key -> {
                    deleted = null;
                    undoLabel.set("");
                    status.accept("Restored query " + snapshot.queryId() + ".");
                    reload(key);
                })
                .onFailure(e -> dialogs.showError("Could not restore the query", e.getMessage(), e)));
    }

    /** The project changed (opened, new, imported into): forget the undo, list its queries. */
    public void projectChanged(Long selectId) {
        deleted = null;
        undoLabel.set("");
        filter.set("");
        selected.set(null);
        reload(selectId);
    }

    public ObservableList<QuerySummary> visibleQueries() {
        return visible;
    }

    public ObservableList<QuerySummary> allQueries() {
        return FXCollections.unmodifiableObservableList(all);
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** The queries highlighted in the panel (several with Ctrl/Shift), for exports and labeling sessions. */
    public ObservableList<QuerySummary> checkedQueries() {
        return checked;
    }

    /** The highlighted queries, or the selected one when none is highlighted. */
    public List<QuerySummary> chosenQueries() {
        if (!checked.isEmpty()) {
            return List.copyOf(checked);
        }
        return selected.get() == null ? List.of() : List.of(selected.get());
    }

    /**
     * All queries, or — when some but not all are highlighted — asks whether to take all or the highlighted ones.
     * Empty when the user cancelled.
     */
    public List<QuerySummary> chooseScope(String title, String question) {
        List<QuerySummary> everything = List.copyOf(all);
        List<QuerySummary> highlighted = List.copyOf(checked);
        if (highlighted.isEmpty() || highlighted.size() == everything.size()) {
            return everything;
        }
        String some = highlighted.size() == 1 ? "Only " + highlighted.get(0).query().externalId()
                : "The " + highlighted.size() + " highlighted queries";
        int choice = dialogs.choose(title, question, List.of(some, "All " + everything.size() + " queries", "Cancel"));
        return choice == 0 ? highlighted : choice == 1 ? everything : List.of();
    }

    public ObjectProperty<QuerySummary> selectedProperty() {
        return selected;
    }

    /** Counts reloads that kept the selected query with the same counts (so its row is equal to the old one). */
    public javafx.beans.property.ReadOnlyIntegerProperty reselectedProperty() {
        return reselected.getReadOnlyProperty();
    }

    /** "Undo delete of q3" while a delete can be undone, else empty. */
    public ReadOnlyStringProperty undoLabelProperty() {
        return undoLabel.getReadOnlyProperty();
    }
}
