package io.rerankworkbench.ui.labeling;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.LabelingService;
import io.rerankworkbench.app.LabelingService.LabelItem;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.eval.GradeScale;
import io.rerankworkbench.store.Judgment;
import io.rerankworkbench.store.LabelingProgress;
import io.rerankworkbench.store.LabelingSession;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.ui.common.DialogService;
import javafx.beans.property.BooleanProperty;
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
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The labeling window: a session's queries one at a time, their candidates in the session's seeded order (blind) or
 * in original-rank order with ranks and scores shown; keyboard-sized commands to grade and advance, skip, undo, note
 * and read; progress per query and overall. Every grade is written at once on the io lane; writes run one after
 * another in the order given, so an undo never overtakes the grade it undoes.
 */
public final class LabelingViewModel {

    /** What the window shows: the start form, or a session being labeled. */
    public enum Phase { SETUP, LABELING }

    private final TaskRunner tasks;
    private final LabelingService service;
    private final DialogService dialogs;
    private final NotePrompt notes;
    private final List<Long> requestedQueries;

    private final SessionSetupViewModel setup = new SessionSetupViewModel();
    private final AgreementViewModel agreement;
    private final WhoIsLabeling whoIsLabeling;
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.SETUP);
    private final ReadOnlyStringWrapper sessionTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper queryHeading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper queryText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper queryProgressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper queryProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper overallProgressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper overallProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasPreviousQuery = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasNextQuery = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty blind = new SimpleBooleanProperty(true);
    private final BooleanProperty unlabeledOnly = new SimpleBooleanProperty(false);
    private final BooleanProperty reading = new SimpleBooleanProperty(false);
    private final ObservableList<GradeScale.Level> levels = FXCollections.observableArrayList();
    private final ObservableList<CandidateRow> rows = FXCollections.observableArrayList();
    private final FilteredList<CandidateRow> visible = new FilteredList<>(rows);
    // Unmodifiable views are kept: they listen to their source weakly, so a fresh one per call could be collected.
    private final ObservableList<CandidateRow> visibleView = FXCollections.unmodifiableObservableList(visible);
    private final ObservableList<GradeScale.Level> levelsView = FXCollections.unmodifiableObservableList(levels);
    private final ReadOnlyIntegerWrapper focusIndex = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<CandidateRow> focused = new ReadOnlyObjectWrapper<>();

    private LabelingService.SessionPlan plan;
    private int queryPosition = -1;
    private final Map<Long, LabelingProgress> progress = new HashMap<>();
    /** Notes typed for candidates not graded yet, by document key; written with the grade. */
    private final Map<Long, String> pendingNotes = new HashMap<>();
    private final Deque<BackgroundTask<?>> writes = new ArrayDeque<>();
    private boolean writing;

    /**
     * @param queryIds the queries a new session covers, in order (the main window's selection)
     */
    public LabelingViewModel(TaskRunner tasks, LabelingService service, List<Long> queryIds, DialogService dialogs,
                             NotePrompt notes) {
        this.tasks = tasks;
        this.service = service;
        this.dialogs = dialogs;
        this.notes = notes;
        this.requestedQueries = List.copyOf(queryIds);
        this.agreement = new AgreementViewModel(tasks, service);
        this.whoIsLabeling = new WhoIsLabeling(tasks, service, dialogs, setup.annotatorProperty(), errorText);
        unlabeledOnly.addListener((o, was, only) -> {
            Long keep = focusedDocument();
            visible.setPredicate(only ? r -> !r.labeled() : null);
            focusDocument(keep);
        });
        blind.addListener((o, was, now) -> reorder());
        visible.addListener((javafx.collections.ListChangeListener<CandidateRow>) c -> updateFocused());
        focusIndex.addListener((o, a, b) -> updateFocused());
        tasks.submit(BackgroundTask.of("read labeling sessions", Lane.IO,
                        (p, c) -> new Opening(service.annotator(), service.sessions()))
                .onSuccess(opening -> {
                    setup.setSessions(opening.sessions());
                    whoIsLabeling.opened(opening.annotator());
                })
                .onFailure(e -> errorText.set("Could not read the sessions: " + e.getMessage())));
    }

    /** What the window needs when it opens. */
    private record Opening(LabelingService.Annotator annotator, List<LabelingSession> sessions) {
    }

    // ------------------------------------------------------------------------------------------------ session

    /** Starts a session from the form over the queries the window was opened with. */
    public void start() {
        if (!setup.startAllowedProperty().get()) {
            return;
        }
        if (requestedQueries.isEmpty()) {
            errorText.set("Select one or more queries in the main window to label.");
            return;
        }
        if (!whoIsLabeling.named()) {
            return;
        }
        GradeScale scale = setup.scale();
        String name = setup.nameProperty().get();
        String annotator = setup.annotatorProperty().get();
        boolean isBlind = setup.blindProperty().get();
        setup.setBusy(true);
        tasks.submit(BackgroundTask.of("start labeling session", Lane.IO,
                        (p, c) -> service.start(name, scale, annotator, isBlind, requestedQueries))
                .onSuccess(this::begin)
                .onFailure(e -> dialogs.showError("Could not start the session", e.getMessage(), e))
                .always(() -> setup.setBusy(false)));
    }

    /** Resumes the session chosen in the form. */
    public void resume() {
        if (!setup.resumeAllowedProperty().get()) {
            return;
        }
        long id = setup.resumeChoiceProperty().get().id();
        setup.setBusy(true);
        tasks.submit(BackgroundTask.of("open labeling session", Lane.IO, (p, c) -> service.open(id))
                .onSuccess(this::begin)
                .onFailure(e -> dialogs.showError("Could not open the session", e.getMessage(), e))
                .always(() -> setup.setBusy(false)));
    }

    private void begin(LabelingService.SessionPlan started) {
        this.plan = started;
        levels.setAll(started.scale().levels());
        blind.set(started.session().blind());
        String who = started.session().annotator() == null ? "" : " · " + started.session().annotator();
        sessionTitle.set(started.session().name() + who);
        agreement.setScope(started.queries().stream().map(StoredQuery::id).toList(), started.scale());
        phase.set(Phase.LABELING);
        if (started.queries().isEmpty()) {
            errorText.set("This session has no queries left in the project.");
            return;
        }
        tasks.submit(BackgroundTask.of("read labeling progress", Lane.IO, (p, c) -> service.progress(started.session()))
                .onSuccess(list -> {
                    list.forEach(lp -> progress.put(lp.queryId(), lp));
                    int first = 0;
                    for (int i = 0; i < started.queries().size(); i++) {
                        LabelingProgress lp = progress.get(started.queries().get(i).id());
                        if (lp != null && lp.labeled() < lp.total()) {
                            first = i;
                            break;
                        }
                    }
                    showQuery(first, null, false);
                })
                .onFailure(e -> errorText.set("Could not read the session's progress: " + e.getMessage())));
    }

    // ------------------------------------------------------------------------------------------------ queries

    /** The next query of the session, focused on its first candidate. */
    public void nextQuery() {
        if (hasNextQuery.get()) {
            showQuery(queryPosition + 1, null, false);
        }
    }

    /** The previous query of the session, focused on its first candidate. */
    public void previousQuery() {
        if (hasPreviousQuery.get()) {
            showQuery(queryPosition - 1, null, false);
        }
    }

    private void showQuery(int position, Long focusOn, boolean focusLast) {
        StoredQuery query = plan.queries().get(position);
        tasks.submit(BackgroundTask.of("read candidates", Lane.IO, (p, c) -> service.items(plan.session(), query.id()))
                .onSuccess(items -> {
                    queryPosition = position;
                    List<CandidateRow> fresh = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        fresh.add(row(items.get(i), i));
                    }
                    focusIndex.set(-1);
                    rows.setAll(sorted(fresh));
                    queryHeading.set("Query " + (position + 1) + " of " + plan.queries().size() + " · "
                            + query.externalId());
                    queryText.set(query.text());
                    hasPreviousQuery.set(position > 0);
                    hasNextQuery.set(position < plan.queries().size() - 1);
                    progress.put(query.id(), new LabelingProgress(query.id(),
                            (int) fresh.stream().filter(CandidateRow::labeled).count(), fresh.size()));
                    updateProgress();
                    if (focusOn != null) {
                        focusDocument(focusOn);
                    } else if (focusLast) {
                        focusIndex.set(visible.size() - 1);
                    } else {
                        int firstOpen = indexOf(visible, r -> !r.labeled());
                        focusIndex.set(visible.isEmpty() ? -1 : Math.max(firstOpen, 0));
                    }
                })
                .onFailure(e -> errorText.set("Could not read the candidates of " + query.externalId() + ": "
                        + e.getMessage())));
    }

    private CandidateRow row(LabelItem item, int seedIndex) {
        Judgment j = item.grade();
        Integer grade = j == null ? null : j.grade();
        String note = j == null ? pendingNotes.get(item.candidate().documentId()) : j.note();
        CandidateRow row = new CandidateRow(item.candidate().documentId(), item.candidate().candidate().docId(),
                item.candidate().title(), item.candidate().candidate().text(),
                item.candidate().candidate().originalRank(), item.latestScore(), seedIndex, "", grade,
                gradeLabel(grade), note, j == null && note != null, false);
        return row.withReveal(reveal(row));
    }

    private String reveal(CandidateRow row) {
        if (blind.get()) {
            return "";
        }
        String rank = "original rank " + row.originalRank();
        return Double.isNaN(row.score()) ? rank : rank + " · score " + String.format(Locale.ROOT, "%.3f", row.score());
    }

    private List<CandidateRow> sorted(List<CandidateRow> list) {
        List<CandidateRow> out = new ArrayList<>(list);
        out.sort(blind.get() ? Comparator.comparingInt(CandidateRow::seedIndex)
                : Comparator.comparingInt(CandidateRow::originalRank).thenComparingInt(CandidateRow::seedIndex));
        return out;
    }

    private void reorder() {
        Long keep = focusedDocument();
        List<CandidateRow> fresh = new ArrayList<>();
        for (CandidateRow r : rows) {
            fresh.add(r.withReveal(reveal(r)));
        }
        rows.setAll(sorted(fresh));
        focusDocument(keep);
    }

    // ------------------------------------------------------------------------------------------------ commands

    /** Grades the focused candidate and moves to the next one (to the next query after the last). */
    public void grade(int grade) {
        CandidateRow row = focused.get();
        if (plan == null || row == null) {
            return;
        }
        if (!plan.scale().contains(grade)) {
            statusText.set("No grade " + grade + " on this scale (" + plan.scale().grades() + ").");
            return;
        }
        long queryId = currentQueryId();
        String note = pendingNotes.remove(row.documentId());
        boolean wasLabeled = row.labeled();
        boolean wasLast = focusIndex.get() == visible.size() - 1;
        replace(row.withGrade(grade, gradeLabel(grade), true).withNote(note != null ? note : row.note(), false));
        if (!wasLabeled) {
            bump(queryId, 1);
        }
        if (!unlabeledOnly.get()) {
            next();
        } else if (wasLast || visible.isEmpty()) {
            nextOrStay();
        }
        enqueue(BackgroundTask.of("save grade", Lane.IO,
                        (p, c) -> service.grade(plan.session(), queryId, row.documentId(), grade, note))
                .onSuccess(j -> {
                    update(queryId, j.documentId(), r -> r.withGrade(j.grade(), gradeLabel(j.grade()), false)
                            .withNote(j.note(), false));
                    statusText.set("Saved " + row.docId() + ": " + grade + " " + gradeLabel(grade));
                })
                .onFailure(e -> {
                    update(queryId, row.documentId(), r -> row);
                    if (note != null) {
                        pendingNotes.put(row.documentId(), note);
                    }
                    if (!wasLabeled) {
                        bump(queryId, -1);
                    }
                    errorText.set("The grade of " + row.docId() + " was not saved: " + e.getMessage());
                }));
    }

    /** Moves on without grading. */
    public void skip() {
        if (focused.get() != null) {
            statusText.set("Skipped " + focused.get().docId());
            next();
        }
    }

    /** Focuses the next candidate; after the last, the next query's first. */
    public void next() {
        if (focusIndex.get() < visible.size() - 1) {
            focusIndex.set(focusIndex.get() + 1);
        } else {
            nextOrStay();
        }
    }

    private void nextOrStay() {
        if (hasNextQuery.get()) {
            nextQuery();
        } else {
            focusIndex.set(Math.min(focusIndex.get(), visible.size() - 1));
            statusText.set("End of the session's last query.");
        }
    }

    /** Focuses the previous candidate; before the first, the previous query's last. */
    public void previous() {
        if (focusIndex.get() > 0) {
            focusIndex.set(focusIndex.get() - 1);
        } else if (hasPreviousQuery.get()) {
            showQuery(queryPosition - 1, null, true);
        }
    }

    /** Focuses a candidate the user clicked. */
    public void focus(int visibleIndex) {
        if (visibleIndex >= 0 && visibleIndex < visible.size()) {
            focusIndex.set(visibleIndex);
        }
    }

    /** Takes back the session's last grade (the row is deleted) and focuses that candidate. */
    public void undo() {
        if (plan == null) {
            return;
        }
        enqueue(BackgroundTask.of("undo grade", Lane.IO, (p, c) -> service.undo(plan.session()))
                .onSuccess(result -> {
                    if (result.isEmpty()) {
                        statusText.set("Nothing to undo in this session.");
                        return;
                    }
                    Judgment removed = result.get().removed();
                    Judgment now = result.get().current();
                    if (now == null) {
                        bump(removed.queryId(), -1);
                    }
                    statusText.set("Undid grade " + removed.grade() + (now == null ? "" : "; back to " + now.grade()));
                    if (removed.queryId() == currentQueryId()) {
                        update(removed.queryId(), removed.documentId(), r -> r.withGrade(
                                now == null ? null : now.grade(), now == null ? "" : gradeLabel(now.grade()), false)
                                .withNote(now == null ? null : now.note(), false));
                        focusDocument(removed.documentId());
                    } else {
                        int position = indexOf(plan.queries(), q -> q.id() == removed.queryId());
                        if (position >= 0) {
                            showQuery(position, removed.documentId(), false);
                        }
                    }
                })
                .onFailure(e -> errorText.set("Undo failed: " + e.getMessage())));
    }

    /** Asks for a note on the focused candidate; saved at once if it is graded, else with its grade. */
    public void editNote() {
        CandidateRow row = focused.get();
        if (plan == null || row == null) {
            return;
        }
        Optional<String> answer = notes.ask(row.docId(), row.note());
        if (answer.isEmpty()) {
            return;
        }
        String text = answer.get().isBlank() ? null : answer.get().strip();
        long queryId = currentQueryId();
        if (!row.labeled()) {
            if (text == null) {
                pendingNotes.remove(row.documentId());
            } else {
                pendingNotes.put(row.documentId(), text);
            }
            replace(row.withNote(text, text != null));
            statusText.set(text == null ? "Note removed." : "Note kept; it is saved with the grade.");
            return;
        }
        replace(row.withNote(text, false));
        enqueue(BackgroundTask.of("save note", Lane.IO,
                        (p, c) -> service.setNote(plan.session(), queryId, row.documentId(), text))
                .onSuccess(j -> statusText.set(j.isPresent() ? "Note saved." : "Note not saved: no grade yet."))
                .onFailure(e -> {
                    update(queryId, row.documentId(), r -> r.withNote(row.note(), false));
                    errorText.set("The note was not saved: " + e.getMessage());
                }));
    }

    /** Shows the focused candidate's full text across the window, or goes back to the list. */
    public void toggleReading() {
        reading.set(!reading.get());
    }

    /** Goes back from reading mode to the list; false when not reading. */
    public boolean stopReading() {
        if (!reading.get()) {
            return false;
        }
        reading.set(false);
        return true;
    }

    /** Hides the last error message. */
    public void dismissError() {
        errorText.set("");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void enqueue(BackgroundTask<?> task) {
        task.always(() -> {
            writing = false;
            pump();
        });
        writes.add(task);
        pump();
    }

    /** Runs {@code action} (on this thread) once nothing is queued or being written; at once when idle. */
    public void whenSaved(Runnable action) {
        if (!writing && writes.isEmpty()) {
            action.run();
        } else {
            afterSaved.add(action);
        }
    }

    private final List<Runnable> afterSaved = new java.util.ArrayList<>();

    private void pump() {
        if (!writing && writes.isEmpty() && !afterSaved.isEmpty()) {
            List<Runnable> ready = List.copyOf(afterSaved);
            afterSaved.clear();
            saving.set(false);
            ready.forEach(Runnable::run);
            return;
        }
        saving.set(writing || !writes.isEmpty());
        if (!writing && !writes.isEmpty()) {
            writing = true;
            saving.set(true);
            tasks.submit(writes.poll());
        }
    }

    private void replace(CandidateRow row) {
        update(currentQueryId(), row.documentId(), r -> row);
    }

    private void update(long queryId, long documentId, java.util.function.UnaryOperator<CandidateRow> change) {
        if (queryId != currentQueryId()) {
            return;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).documentId() == documentId) {
                rows.set(i, change.apply(rows.get(i)));
                return;
            }
        }
    }

    private void bump(long queryId, int delta) {
        LabelingProgress lp = progress.get(queryId);
        if (lp != null) {
            progress.put(queryId, new LabelingProgress(queryId, Math.max(0, lp.labeled() + delta), lp.total()));
            updateProgress();
        }
    }

    private void updateProgress() {
        int labeled = 0;
        int total = 0;
        for (StoredQuery q : plan.queries()) {
            LabelingProgress lp = progress.get(q.id());
            if (lp != null) {
                labeled += lp.labeled();
                total += lp.total();
            }
        }
        overallProgressText.set(labeled + " / " + total + " labeled");
        overallProgress.set(total == 0 ? 0 : (double) labeled / total);
        LabelingProgress here = queryPosition < 0 ? null : progress.get(currentQueryId());
        queryProgressText.set(here == null ? "" : here.labeled() + " / " + here.total() + " in this query");
        queryProgress.set(here == null || here.total() == 0 ? 0 : (double) here.labeled() / here.total());
    }

    private long currentQueryId() {
        return queryPosition < 0 ? -1 : plan.queries().get(queryPosition).id();
    }

    private String gradeLabel(Integer grade) {
        return grade == null || plan == null ? "" : plan.scale().label(grade);
    }

    private Long focusedDocument() {
        return focused.get() == null ? null : focused.get().documentId();
    }

    private void focusDocument(Long documentId) {
        int i = documentId == null ? -1 : indexOf(visible, r -> r.documentId() == documentId);
        focusIndex.set(i >= 0 ? i : Math.min(Math.max(focusIndex.get(), 0), visible.size() - 1));
        updateFocused();
    }

    private void updateFocused() {
        int i = focusIndex.get();
        if (i >= visible.size()) {
            focusIndex.set(visible.size() - 1);
            return;
        }
        focused.set(i < 0 ? null : visible.get(i));
    }

    private static <T> int indexOf(List<T> list, java.util.function.Predicate<T> test) {
        for (int i = 0; i < list.size(); i++) {
            if (test.test(list.get(i))) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------------ properties

    public SessionSetupViewModel setup() {
        return setup;
    }

    public AgreementViewModel agreement() {
        return agreement;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** How many queries a new session would cover. */
    public int requestedQueryCount() {
        return requestedQueries.size();
    }

    public ReadOnlyStringProperty sessionTitleProperty() {
        return sessionTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty queryHeadingProperty() {
        return queryHeading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty queryTextProperty() {
        return queryText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty queryProgressTextProperty() {
        return queryProgressText.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty queryProgressProperty() {
        return queryProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty overallProgressTextProperty() {
        return overallProgressText.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty overallProgressProperty() {
        return overallProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorTextProperty() {
        return errorText.getReadOnlyProperty();
    }

    /** A grade or note is being written. */
    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasPreviousQueryProperty() {
        return hasPreviousQuery.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNextQueryProperty() {
        return hasNextQuery.getReadOnlyProperty();
    }

    /** Scores, original ranks and ranker order hidden; the session's setting, switchable. */
    public BooleanProperty blindProperty() {
        return blind;
    }

    public BooleanProperty unlabeledOnlyProperty() {
        return unlabeledOnly;
    }

    /** The focused candidate's text fills the window. */
    public BooleanProperty readingProperty() {
        return reading;
    }

    /** The scale's levels, lowest first: the legend and the grade buttons. */
    public ObservableList<GradeScale.Level> levels() {
        return levelsView;
    }

    /** The current query's candidates as listed (after the "unlabeled only" filter). */
    public ObservableList<CandidateRow> visibleRows() {
        return visibleView;
    }

    /** Index of the focused candidate in {@link #visibleRows()}, or -1. */
    public ReadOnlyIntegerProperty focusIndexProperty() {
        return focusIndex.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CandidateRow> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    /** Tone of a grade for colouring, 0 (lowest) … 4 (highest), or -1 on a nominal scale. */
    public int tone(int grade) {
        if (plan == null || !plan.scale().ordinal()) {
            return -1;
        }
        List<Integer> grades = plan.scale().grades();
        int i = grades.indexOf(grade);
        return i < 0 || grades.size() < 2 ? -1 : Math.round(4f * i / (grades.size() - 1));
    }
}
