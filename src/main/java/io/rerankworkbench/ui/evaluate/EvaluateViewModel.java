package io.rerankworkbench.ui.evaluate;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.EvaluationService.Metric;
import io.rerankworkbench.app.EvaluationService.PairTest;
import io.rerankworkbench.app.EvaluationService.Ranker;
import io.rerankworkbench.app.EvaluationService.RankerResult;
import io.rerankworkbench.app.EvaluationService.Report;
import io.rerankworkbench.app.EvaluationService.Request;
import io.rerankworkbench.app.EvaluationService.Snapshot;
import io.rerankworkbench.app.EvaluationService;
import io.rerankworkbench.app.GradeChoice;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.RankingRef;
import io.rerankworkbench.app.TaskHandle;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.eval.metrics.Conventions;
import io.rerankworkbench.eval.plot.QueryGrades;
import io.rerankworkbench.eval.plot.RankerScores;
import io.rerankworkbench.io.AtomicFiles;
import io.rerankworkbench.ui.common.DialogService;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import javax.imageio.ImageIO;

import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Evaluate panel's state: which grades, cut-off and conventions; the rankers' means with intervals; two rankers
 * compared; the per-query rows. Every number comes from {@link EvaluationService}: the project is read once per
 * {@link #open()} (IO lane) and each change of a setting recomputes from that snapshot in the background, a newer
 * change superseding an older one, so the FX thread never waits.
 */
public final class EvaluateViewModel {

    /** The cut-offs the panel offers. */
    public static final List<Integer> CUTOFFS = List.of(1, 3, 5, 10, 20, 50, 100);

    private final TaskRunner tasks;
    private final EvaluationService service;
    private final DialogService dialogs;

    private final ReadOnlyObjectWrapper<Snapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final ObservableList<GradeChoice> gradeChoices = FXCollections.observableArrayList();
    private final ObjectProperty<GradeChoice> grades = new SimpleObjectProperty<>(GradeChoice.NEWEST);
    private final IntegerProperty k = new SimpleIntegerProperty(EvaluationService.DEFAULT_K);
    private final ObjectProperty<Conventions> conventions = new SimpleObjectProperty<>(Conventions.TREC_EVAL);
    private final ReadOnlyObjectWrapper<Report> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Plots> plots = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Ranker> rankers = FXCollections.observableArrayList();
    private final ObjectProperty<Ranker> rankerA = new SimpleObjectProperty<>();
    private final ObjectProperty<Ranker> rankerB = new SimpleObjectProperty<>();
    private final IntegerProperty metricIndex = new SimpleIntegerProperty(0);
    private final BooleanProperty holm = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<PairTest> pairTest = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper pairTesting = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<QueryRow> queryRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    private TaskHandle pending;
    private TaskHandle pendingPair;
    private long generation;
    private boolean applying;

    public EvaluateViewModel(TaskRunner tasks, EvaluationService service, DialogService dialogs) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.service = Objects.requireNonNull(service, "service");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        grades.addListener((o, was, now) -> recompute());
        k.addListener((o, was, now) -> recompute());
        conventions.addListener((o, was, now) -> recompute());
        rankerA.addListener((o, was, now) -> pairChanged());
        rankerB.addListener((o, was, now) -> pairChanged());
        metricIndex.addListener((o, was, now) -> pairChanged());
    }

    /**
     * One query of the per-query table.
     *
     * @param values    the selected metric per ranker (report order), NaN where the ranker has no run of the query
     * @param coverage  the share of each ranker's top k that is judged, NaN where it has no run
     * @param rankedFor per ranker, for a query variant's ranker the variant's phrasing it ranked for ("" when this
     *                  query has no such variant); null for a ranker of the query's own text
     */
    public record QueryRow(String id, String text, double[] values, double[] coverage, String[] rankedFor) {

        /** A row whose rankers all ranked the query's own text. */
        public QueryRow(String id, String text, double[] values, double[] coverage) {
            this(id, text, values, coverage, new String[values.length]);
        }

        /** Whether ranker {@code i} is a variant's that this query does not have (rather than a missing run). */
        public boolean noSuchVariant(int i) {
            return rankedFor[i] != null && rankedFor[i].isEmpty();
        }

        /** B − A for rankers at {@code a} and {@code b} (report order), NaN when either is missing. */
        public double difference(int a, int b) {
            return a < 0 || b < 0 ? Double.NaN : values[b] - values[a];
        }
    }

    /** Reads the project's judged queries and runs again, then recomputes. */
    public void open() {
        busy.set(true);
        message.set("");
        long mine = ++generation;
        cancelPending();
        Settings settings = settings();
        pending = tasks.submit(BackgroundTask.of("read grades and runs", Lane.IO, (p, c) -> {
            Snapshot s = service.load(c);
            Report r = EvaluationService.evaluate(s, settings.request(s), c);
            return new Loaded(s, r, Plots.of(s, r));
        }).onSuccess(loaded -> {
            if (mine == generation) {
                applySnapshot(loaded.snapshot(), loaded.report().request().grades());
                applyReport(loaded.report(), loaded.plots());
            }
        }).onFailure(e -> failed(mine, e)));
    }

    private record Loaded(Snapshot snapshot, Report report, Plots plots) {
    }

    /**
     * What the score histograms and the grade distribution draw, computed with the report off the FX thread.
     *
     * @param scores per ranker with scores (not the original order) the scores it gave, with grades
     * @param grades per evaluated query how its candidates are graded
     */
    public record Plots(List<RankerScores> scores, List<QueryGrades> grades) {
        static Plots of(Snapshot s, Report r) {
            List<RankerScores> scores = new ArrayList<>();
            for (RankerResult result : r.results()) {
                if (result.ranker().ref() != RankingRef.ORIGINAL) {
                    scores.add(new RankerScores(result.ranker().label(),
                            EvaluationService.scores(s, r, result.ranker())));
                }
            }
            return new Plots(List.copyOf(scores), EvaluationService.gradeCounts(s, r));
        }
    }

    private record Computed(Report report, Plots plots) {
    }

    /** The settings of a request, read on the FX thread when its task is made. */
    private record Settings(GradeChoice grades, int k, Conventions conventions) {
        /** Every ranker of {@code s}; an annotator who has no grade in {@code s} falls back to the newest grade. */
        Request request(Snapshot s) {
            GradeChoice g = grades.annotator() != null && !s.annotators().contains(grades.annotator())
                    ? GradeChoice.NEWEST : grades;
            return new Request(s.rankers(), null, g, k, conventions);
        }
    }

    private Settings settings() {
        return new Settings(grades.get(), k.get(), conventions.get());
    }

    private void applySnapshot(Snapshot s, GradeChoice used) {
        snapshot.set(s);
        List<GradeChoice> choices = new ArrayList<>(List.of(GradeChoice.NEWEST, GradeChoice.parse("mean"),
                GradeChoice.parse("max")));
        s.annotators().forEach(a -> choices.add(GradeChoice.annotator(a)));
        applying = true;
        try {
            gradeChoices.setAll(choices);
            grades.set(used);
        } finally {
            applying = false;
        }
    }

    private void recompute() {
        if (applying) {
            return;
        }
        Snapshot s = snapshot.get();
        if (s == null) {
            return;
        }
        busy.set(true);
        long mine = ++generation;
        cancelPending();
        Request request = settings().request(s);
        pending = tasks.submit(BackgroundTask.of("evaluate", Lane.IO, (p, c) -> {
            Report r = EvaluationService.evaluate(s, request, c);
            return new Computed(r, Plots.of(s, r));
        }).onSuccess(computed -> {
            if (mine == generation) {
                applyReport(computed.report(), computed.plots());
            }
        }).onFailure(e -> failed(mine, e)));
    }

    private void failed(long mine, Throwable e) {
        if (mine == generation) {
            busy.set(false);
            message.set("Could not evaluate: " + EvaluateTexts.problem(e));
        }
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel();
        }
    }

    private void applyReport(Report r, Plots p) {
        busy.set(false);
        applying = true;
        try {
            plots.set(p);
            report.set(r);
            List<Ranker> rows = r.results().stream().map(RankerResult::ranker).toList();
            Ranker a = rankerA.get();
            Ranker b = rankerB.get();
            rankers.setAll(rows);
            rankerA.set(rows.contains(a) ? a : rows.isEmpty() ? null : rows.get(0));
            rankerB.set(rows.contains(b) && !Objects.equals(b, rankerA.get()) ? b
                    : rows.size() > 1 ? rows.get(rows.get(0).equals(rankerA.get()) ? 1 : 0) : null);
            if (metricIndex.get() >= r.metrics().size()) {
                metricIndex.set(0);
            }
        } finally {
            applying = false;
        }
        message.set(summary(r));
        pairChanged();
    }

    private String summary(Report r) {
        Snapshot s = snapshot.get();
        if (s == null || s.queries().isEmpty()) {
            return "No query has a grade yet: label some documents (Labeling → Label queries…), then evaluate.";
        }
        if (r.qrels().isEmpty()) {
            return "No query has a grade under \"" + r.request().grades().label() + "\".";
        }
        if (r.results().size() == 1) {
            return "Only the original order is there to evaluate: rerank the graded queries (Run → Rerank all "
                    + "queries) to compare rankers.";
        }
        return "";
    }

    private void pairChanged() {
        if (applying) {
            return;
        }
        rebuildRows();
        Report r = report.get();
        Ranker a = rankerA.get();
        Ranker b = rankerB.get();
        Metric m = metric();
        if (pendingPair != null) {
            pendingPair.cancel();
        }
        pairTest.set(null);
        if (r == null || a == null || b == null || m == null || a.equals(b)) {
            pairTesting.set(false);
            return;
        }
        pairTesting.set(true);
        pendingPair = tasks.submit(BackgroundTask.of("compare two rankers", Lane.IO,
                (p, c) -> EvaluationService.compare(r, a, b, m)).onSuccess(t -> {
            if (r == report.get() && a.equals(rankerA.get()) && b.equals(rankerB.get()) && m.equals(metric())) {
                pairTest.set(t.orElse(null));
                pairTesting.set(false);
            }
        }).onFailure(e -> {
            pairTesting.set(false);
            message.set("Could not compare: " + EvaluateTexts.problem(e));
        }));
    }

    private void rebuildRows() {
        Report r = report.get();
        Snapshot s = snapshot.get();
        Metric m = metric();
        if (r == null || s == null || m == null) {
            queryRows.clear();
            return;
        }
        List<QueryRow> rows = new ArrayList<>();
        for (EvaluationService.QueryData q : s.queries()) {
            if (!r.qrels().containsKey(q.id())) {
                continue;
            }
            double[] values = new double[r.results().size()];
            double[] coverage = new double[values.length];
            String[] rankedFor = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                RankerResult result = r.results().get(i);
                values[i] = result.evaluation().value(q.id(), m.spec());
                coverage[i] = result.coverage().getOrDefault(q.id(), Double.NaN);
                if (result.ranker().ref() instanceof RankingRef.ByVariant) {
                    String phrasing = q.textFor(result.ranker());
                    rankedFor[i] = phrasing == null ? "" : phrasing;
                }
            }
            rows.add(new QueryRow(q.id(), q.text(), values, coverage, rankedFor));
        }
        queryRows.setAll(rows);
    }

    /** The metric compared and shown per query, or null before the first report. */
    public Metric metric() {
        Report r = report.get();
        return r == null || r.metrics().isEmpty() ? null
                : r.metrics().get(Math.min(Math.max(metricIndex.get(), 0), r.metrics().size() - 1));
    }

    /** The report index of {@code ranker}, −1 when absent. */
    public int indexOf(Ranker ranker) {
        Report r = report.get();
        if (r == null || ranker == null) {
            return -1;
        }
        for (int i = 0; i < r.results().size(); i++) {
            if (r.results().get(i).ranker().equals(ranker)) {
                return i;
            }
        }
        return -1;
    }

    /** Swaps A and B. */
    public void swap() {
        Ranker a = rankerA.get();
        applying = true;
        try {
            rankerA.set(rankerB.get());
        } finally {
            applying = false;
        }
        rankerB.set(a);
    }

    /** Back to trec_eval's conventions. */
    public void resetConventions() {
        conventions.set(Conventions.TREC_EVAL);
    }

    /** Asks where to save a chart named {@code name} ("ndcg-at-k"); empty when the user cancels. */
    public Optional<Path> choosePngFile(String name) {
        return dialogs.chooseSaveFile("Export chart", null, "evaluate-" + name + ".png", "PNG images", "png");
    }

    /** Writes {@code image} to {@code file} as PNG on the IO lane, all or nothing. */
    public void savePng(RenderedImage image, Path file) {
        tasks.submit(BackgroundTask.of("export chart", Lane.IO, (p, c) -> {
            AtomicFiles.write(file, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer is available");
                }
            });
            return file;
        }).onSuccess(f -> message.set("Saved " + f.getFileName() + "."))
                .onFailure(e -> dialogs.showError("Export chart", "Could not save " + file + ": "
                        + EvaluateTexts.problem(e), e)));
    }

    /** Asks for a file and writes the report's numbers as CSV (every ranker, measure and query, then the means). */
    public void exportCsv() {
        Report r = report.get();
        if (r == null) {
            return;
        }
        Optional<Path> file = dialogs.chooseSaveFile("Export evaluation", null, "evaluation.csv", "CSV files",
                "csv");
        if (file.isEmpty()) {
            return;
        }
        tasks.submit(BackgroundTask.of("export evaluation", Lane.IO, (p, c) -> {
            EvaluationService.exportCsv(r, file.get());
            return file.get();
        }).onSuccess(f -> message.set("Saved " + f.getFileName() + "."))
                .onFailure(e -> dialogs.showError("Export evaluation", "Could not save " + file.get() + ": "
                        + EvaluateTexts.problem(e), e)));
    }

    public ReadOnlyObjectProperty<Snapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ObservableList<GradeChoice> gradeChoices() {
        return gradeChoices;
    }

    public ObjectProperty<GradeChoice> gradesProperty() {
        return grades;
    }

    public IntegerProperty kProperty() {
        return k;
    }

    public ObjectProperty<Conventions> conventionsProperty() {
        return conventions;
    }

    public ReadOnlyObjectProperty<Report> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The plots' data of the current report; set just before it. */
    public ReadOnlyObjectProperty<Plots> plotsProperty() {
        return plots.getReadOnlyProperty();
    }

    public ObservableList<Ranker> rankers() {
        return rankers;
    }

    public ObjectProperty<Ranker> rankerAProperty() {
        return rankerA;
    }

    public ObjectProperty<Ranker> rankerBProperty() {
        return rankerB;
    }

    public IntegerProperty metricIndexProperty() {
        return metricIndex;
    }

    /** Whether the view shows Holm-adjusted p-values (offered with more than two rankers). */
    public BooleanProperty holmProperty() {
        return holm;
    }

    public ReadOnlyObjectProperty<PairTest> pairTestProperty() {
        return pairTest.getReadOnlyProperty();
    }

    /** Whether the test of A and B is being computed (the pair test is null meanwhile). */
    public ReadOnlyBooleanProperty pairTestingProperty() {
        return pairTesting.getReadOnlyProperty();
    }

    public ObservableList<QueryRow> queryRows() {
        return queryRows;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
