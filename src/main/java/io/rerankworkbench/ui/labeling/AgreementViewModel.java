package io.rerankworkbench.ui.labeling;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.LabelingService;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.eval.AgreementSummary;
import io.rerankworkbench.eval.Coefficient;
import io.rerankworkbench.eval.GradeScale;
import io.rerankworkbench.store.StoredQuery;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Agreement tab: Cohen's κ, weighted κ (two annotators) and Krippendorff's α (any number) per query and overall,
 * from every annotator's current grades, and the documents they disagree on. It covers the session's queries once a
 * session is open and, before that, every graded query of the project, so agreement between annotators who labeled
 * earlier (or whose judgments were imported) can be read without starting a session.
 */
public final class AgreementViewModel {

    /** One line of the per-query table (or the overall line); coefficients as text, "—" when undefined. */
    public record SummaryRow(String query, String text, int items, int annotators, String kappa, String linearKappa,
                             String quadraticKappa, String alpha, String explanation) {
    }

    /** One conflict: where, who gave what, how far apart. */
    public record ConflictRow(String query, String queryText, String document, String title, String documentText,
                              String grades, int spread, Map<String, Integer> gradesByAnnotator) {
    }

    private final TaskRunner tasks;
    private final LabelingService service;
    private List<Long> queryIds = List.of();
    private GradeScale scale;

    private final ObservableList<SummaryRow> queries = FXCollections.observableArrayList();
    private final ObservableList<ConflictRow> conflicts = FXCollections.observableArrayList();
    private final ObservableList<SummaryRow> queriesView = FXCollections.unmodifiableObservableList(queries);
    private final ObservableList<ConflictRow> conflictsView = FXCollections.unmodifiableObservableList(conflicts);
    private final ReadOnlyStringWrapper overallText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper overallExplanation = new ReadOnlyStringWrapper("");
    private final ObjectProperty<ConflictRow> selectedConflict = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper conflictHeading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper conflictGrades = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper conflictText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper errorText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper scopeText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper("");

    AgreementViewModel(TaskRunner tasks, LabelingService service) {
        this.tasks = tasks;
        this.service = service;
        selectedConflict.addListener((o, old, row) -> describe(row));
    }

    void setScope(List<Long> ids, GradeScale gradeScale) {
        this.queryIds = List.copyOf(ids);
        this.scale = gradeScale;
    }

    /** Recomputes agreement from the project (annotators may have graded in other sessions meanwhile). */
    public void refresh() {
        if (loading.get()) {
            return;
        }
        loading.set(true);
        List<Long> ids = queryIds;
        GradeScale s = scale;
        tasks.submit(BackgroundTask.of("compute agreement", Lane.IO,
                        (p, c) -> s == null ? service.projectAgreement() : service.agreement(ids, s))
                .onSuccess(overview -> show(overview, s == null))
                .onFailure(e -> errorText.set("Could not compute agreement: " + e.getMessage()))
                .always(() -> loading.set(false)));
    }

    private void show(LabelingService.AgreementOverview overview, boolean wholeProject) {
        errorText.set("");
        GradeScale shownScale = overview.scale();
        int queryCount = overview.report().perQuery().size();
        scopeText.set(wholeProject
                ? queryCount == 0 ? "No query of the project has a grade yet."
                : (queryCount == 1 ? "The project's graded query" : "The project's " + queryCount + " graded queries")
                        + ", by every annotator; a session narrows this to its own queries."
                : (queryCount == 1 ? "The session's query" : "The session's " + queryCount + " queries")
                        + ", by every annotator who graded them in any session.");
        emptyText.set(emptyState(overview));
        List<SummaryRow> rows = new ArrayList<>();
        overview.report().perQuery().forEach((id, summary) -> {
            StoredQuery q = overview.queries().get(id);
            rows.add(row(q == null ? "#" + id : q.externalId(), q == null ? "" : q.text(), summary));
        });
        queries.setAll(rows);
        AgreementSummary all = overview.report().overall();
        SummaryRow overall = row("all", "", all);
        overallText.set(all.items() + " items · " + all.annotators() + " annotators · κ " + overall.kappa()
                + " · κw linear " + overall.linearKappa() + " · κw quadratic " + overall.quadraticKappa()
                + " · α (" + all.alphaMetric().name().toLowerCase(Locale.ROOT) + ") " + overall.alpha());
        overallExplanation.set(overall.explanation());
        List<ConflictRow> list = new ArrayList<>();
        for (LabelingService.ConflictDetail d : overview.conflicts()) {
            String grades = d.conflict().grades().entrySet().stream()
                    .map(e -> e.getKey() + ": " + grade(shownScale, e.getValue()))
                    .collect(Collectors.joining(", "));
            list.add(new ConflictRow(d.query() == null ? "" : d.query().externalId(),
                    d.query() == null ? "" : d.query().text(),
                    d.candidate() == null ? "#" + d.conflict().documentId() : d.candidate().candidate().docId(),
                    d.candidate() == null ? null : d.candidate().title(),
                    d.candidate() == null ? "(no longer a candidate of this query)" : d.candidate().candidate().text(),
                    grades, d.conflict().spread(), d.conflict().grades()));
        }
        conflicts.setAll(list);
        selectedConflict.set(list.isEmpty() ? null : list.get(0));
    }

    /** "2 relevant", or just "2" on a scale that names grades by their number. */
    private static String grade(GradeScale scale, int grade) {
        String label = scale.label(grade);
        return label.equals(String.valueOf(grade)) ? label : grade + " " + label;
    }

    /** What is missing before agreement can be measured, or empty when it can. */
    private static String emptyState(LabelingService.AgreementOverview overview) {
        List<String> who = overview.annotators();
        String needed = "Agreement needs grades from two or more annotators on the same documents: each labels the "
                + "queries in a session under their own name, or their judgments are imported.";
        if (who.isEmpty()) {
            return "Nothing graded yet. " + needed;
        }
        if (who.size() == 1) {
            return "Only " + who.get(0) + " has graded so far. " + needed;
        }
        if (overview.report().overall().items() == 0) {
            return String.join(", ", who) + " have graded, but never the same document. " + needed;
        }
        return "";
    }

    private static SummaryRow row(String query, String text, AgreementSummary s) {
        List<String> reasons = new ArrayList<>();
        for (Coefficient c : List.of(s.kappa(), s.linearKappa(), s.quadraticKappa(), s.alpha())) {
            if (!c.isDefined() && !reasons.contains(c.undefinedReason())) {
                reasons.add(c.undefinedReason());
            }
        }
        return new SummaryRow(query, text, s.items(), s.annotators(), format(s.kappa()), format(s.linearKappa()),
                format(s.quadraticKappa()), format(s.alpha()), String.join("; ", reasons));
    }

    /** Three decimals, or "—" for an undefined coefficient. */
    static String format(Coefficient c) {
        return c.isDefined() ? String.format(Locale.ROOT, "%.3f", c.value()) : "—";
    }

    private void describe(ConflictRow row) {
        if (row == null) {
            conflictHeading.set(conflicts.isEmpty() ? "No conflicts: the annotators agree on every shared item." : "");
            conflictGrades.set("");
            conflictText.set("");
            return;
        }
        conflictHeading.set(row.query() + " · " + row.document() + (row.title() == null ? "" : " — " + row.title()));
        conflictGrades.set(row.grades());
        conflictText.set(row.documentText());
    }

    public ObservableList<SummaryRow> queries() {
        return queriesView;
    }

    /** Conflicts, widest spread first. */
    public ObservableList<ConflictRow> conflicts() {
        return conflictsView;
    }

    public ReadOnlyStringProperty overallTextProperty() {
        return overallText.getReadOnlyProperty();
    }

    /** Why some overall coefficients are undefined, or empty. */
    public ReadOnlyStringProperty overallExplanationProperty() {
        return overallExplanation.getReadOnlyProperty();
    }

    public ObjectProperty<ConflictRow> selectedConflictProperty() {
        return selectedConflict;
    }

    public ReadOnlyStringProperty conflictHeadingProperty() {
        return conflictHeading.getReadOnlyProperty();
    }

    /** Each annotator's grade of the selected conflict. */
    public ReadOnlyStringProperty conflictGradesProperty() {
        return conflictGrades.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty conflictTextProperty() {
        return conflictText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Which queries the figures cover. */
    public ReadOnlyStringProperty scopeTextProperty() {
        return scopeText.getReadOnlyProperty();
    }

    /** Why agreement cannot be measured yet and what it needs, or empty when the figures mean something. */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorTextProperty() {
        return errorText.getReadOnlyProperty();
    }
}
