package io.rerankworkbench.ui.compare;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.CompareService;
import io.rerankworkbench.app.CompareService.QueryRankings;
import io.rerankworkbench.app.CompareService.Side;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.RankingRef;
import io.rerankworkbench.app.TaskHandle;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.eval.compare.AgreementOverQueries;
import io.rerankworkbench.eval.compare.ListAgreement;
import io.rerankworkbench.eval.compare.ListAgreements;
import io.rerankworkbench.eval.compare.RankDiff;
import io.rerankworkbench.eval.compare.RankMatrix;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.ui.common.DialogService;
import io.rerankworkbench.ui.common.ResultSelection;
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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.rerankworkbench.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Compare view's state: which query, which two rankings of it (left A, right B), the cut-off k, the rows and
 * measures of the pair, the document under the pointer and the selected one, the rank matrix of all its rankers,
 * and the two rankers' agreement over every query. Reads go to {@link CompareService} on the IO lane; this class
 * keeps state and starts tasks, and a newer load makes an older one's result stale.
 *
 * <p>The chosen rankings stay chosen while stepping through queries: a run is looked up again in the next query by
 * its ranker and model (or by its number when both sides are runs of one model).
 */
public final class CompareViewModel {

    /** The cut-offs offered; 0 is "all". */
    public static final List<Integer> CUTOFFS = List.of(5, 10, 20, 0);

    private final TaskRunner tasks;
    private final CompareService service;
    private final DialogService dialogs;

    private final ObservableList<StoredQuery> queries = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<QueryRankings> rankings = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Side> sides = FXCollections.observableArrayList();
    private final ObjectProperty<Side> left = new SimpleObjectProperty<>();
    private final ObjectProperty<Side> right = new SimpleObjectProperty<>();
    private final IntegerProperty k = new SimpleIntegerProperty(ListAgreements.DEFAULT_K);
    private final ReadOnlyObjectWrapper<RankDiff> diff = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ListAgreement> agreement = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RankMatrix> matrix = new ReadOnlyObjectWrapper<>();
    private final StringProperty hovered = new SimpleStringProperty();
    private final StringProperty selected = new SimpleStringProperty();
    private final ReadOnlyObjectWrapper<ResultSelection> explainSelection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty overQueriesShown = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<AgreementOverQueries> overQueries = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper overQueriesTitle = new ReadOnlyStringWrapper("");

    /** What the user chose, kept across queries. */
    private RankingRef leftRef;
    private RankingRef rightRef;
    /** Bumped by every load; a result of an older load is dropped. */
    private long loads;
    private long overQueriesLoads;
    private TaskHandle overQueriesTask;
    private boolean applying;

    public CompareViewModel(TaskRunner tasks, CompareService service, DialogService dialogs) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.service = Objects.requireNonNull(service, "service");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        left.addListener((o, was, now) -> sideChosen());
        right.addListener((o, was, now) -> sideChosen());
        k.addListener((o, was, now) -> {
            recompute();
            refreshOverQueries();
        });
        selected.addListener((o, was, now) -> explainSelection.set(selectionOf(now)));
        overQueriesShown.addListener((o, was, now) -> refreshOverQueries());
    }

    // ---- commands ----------------------------------------------------------------------------------------------

    /** Shows the rankings of stored query {@code queryId} (and reloads the project's query list). */
    public void open(long queryId) {
        load(queryId, true);
    }

    /** Reads the shown query again (runs may have been added meanwhile), keeping the chosen rankings. */
    public void refresh() {
        QueryRankings now = rankings.get();
        if (now != null) {
            load(now.query().id(), true);
        }
    }

    /** Steps to the next ({@code +1}) or previous ({@code -1}) query of the project, keeping the chosen rankers. */
    public void step(int direction) {
        QueryRankings now = rankings.get();
        if (now == null || queries.isEmpty()) {
            return;
        }
        int at = indexOf(now.query().id());
        int next = at < 0 ? 0 : Math.floorMod(at + direction, queries.size());
        load(queries.get(next).id(), false);
    }

    /** Shows query {@code queryId} (one of {@link #queries()}), keeping the chosen rankers. */
    public void show(long queryId) {
        load(queryId, false);
    }

    /** Swaps the two sides. */
    public void swap() {
        Side a = left.get();
        Side b = right.get();
        RankingRef ra = leftRef;
        applying = true;
        try {
            left.set(b);
            right.set(a);
        } finally {
            applying = false;
        }
        leftRef = rightRef;
        rightRef = ra;
        recompute();
        refreshOverQueries();
    }

    /** Asks where to save the comparison on screen as CSV, and saves it there. */
    public void exportCsv() {
        QueryRankings r = rankings.get();
        Side a = left.get();
        Side b = right.get();
        if (r == null || a == null || b == null) {
            return;
        }
        Optional<Path> file = dialogs.chooseSaveFile("Export comparison", null, fileName(r, a, b, "csv"),
                "CSV files", "csv");
        if (file.isEmpty()) {
            return;
        }
        tasks.submit(BackgroundTask.of("export comparison", Lane.IO, (p, c) -> {
            CompareService.exportCsv(r, a, b, file.get());
            return file.get();
        }).onSuccess(f -> message.set("Saved " + f.getFileName() + "."))
                .onFailure(e -> dialogs.showError("Export comparison", "Could not save " + file.get() + ": "
                        + CompareTexts.problem(e), e)));
    }

    /** Asks where to save a picture of the comparison; empty when the user cancels. */
    public Optional<Path> choosePngFile() {
        QueryRankings r = rankings.get();
        Side a = left.get();
        Side b = right.get();
        if (r == null || a == null || b == null) {
            return Optional.empty();
        }
        return dialogs.chooseSaveFile("Export comparison image", null, fileName(r, a, b, "png"), "PNG images",
                "png");
    }

    /** Writes {@code image} (drawn by the view) to {@code file} as PNG on the IO lane, all or nothing. */
    public void savePng(RenderedImage image, Path file) {
        tasks.submit(BackgroundTask.of("export comparison image", Lane.IO, (p, c) -> {
            AtomicFiles.write(file, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer is available");
                }
            });
            return file;
        }).onSuccess(f -> message.set("Saved " + f.getFileName() + "."))
                .onFailure(e -> dialogs.showError("Export comparison image", "Could not save " + file + ": "
                        + CompareTexts.problem(e), e)));
    }

    /** "compare-q03-run1-vs-run2.csv". */
    static String fileName(QueryRankings r, Side a, Side b, String extension) {
        return ("compare-" + r.query().externalId() + "-" + part(a) + "-vs-" + part(b))
                .replaceAll("[^A-Za-z0-9._-]+", "_") + "." + extension;
    }

    private static String part(Side s) {
        if (s.ref() instanceof RankingRef.VariantRun v) {
            return "v" + v.variant() + "-run" + v.run();
        }
        return s.ref() instanceof RankingRef.RunNumber n ? "run" + n.number() : s.ref().label();
    }

    // ---- loading -----------------------------------------------------------------------------------------------

    private void load(long queryId, boolean withQueries) {
        long load = ++loads;
        busy.set(true);
        tasks.submit(BackgroundTask.of("compare: read query", Lane.IO, (p, c) -> {
            Optional<QueryRankings> r = service.rankings(queryId);
            List<StoredQuery> all = withQueries || queries.isEmpty() ? service.queries() : null;
            if (r.isEmpty() && all != null && !all.isEmpty()) {
                // The query is gone (deleted, or another project was opened): show the first one there is.
                r = service.rankings(all.get(0).id());
            }
            RankMatrix m = r.map(x -> CompareService.matrix(x, ListAgreements.DEFAULT_P)).orElse(null);
            return new Loaded(r.orElse(null), all, m);
        }).onSuccess(loaded -> {
            if (load != loads) {
                return;
            }
            if (loaded.queries() != null && !queries.equals(loaded.queries())) {
                queries.setAll(loaded.queries());
            }
            apply(loaded.rankings(), loaded.matrix());
        }).onFailure(e -> {
            if (load == loads) {
                message.set("Could not read the query: " + CompareTexts.problem(e));
            }
        }).always(() -> {
            if (load == loads) {
                busy.set(false);
            }
        }));
    }

    private record Loaded(QueryRankings rankings, List<StoredQuery> queries, RankMatrix matrix) {
    }

    private void apply(QueryRankings loaded, RankMatrix m) {
        applying = true;
        try {
            rankings.set(loaded);
            matrix.set(m);
            if (loaded == null) {
                sides.clear();
                left.set(null);
                right.set(null);
                message.set("That query was deleted.");
                return;
            }
            sides.setAll(loaded.sides());
            Side a = leftRef == null ? null : CompareService.resolve(loaded, leftRef).orElse(null);
            Side b = rightRef == null ? null : CompareService.resolve(loaded, rightRef).orElse(null);
            String note = "";
            if ((leftRef != null && a == null) || (rightRef != null && b == null)) {
                note = CompareTexts.missing(loaded.query().externalId(), a == null ? leftRef : null,
                        b == null ? rightRef : null);
            }
            Side[] defaults = defaults(loaded.sides());
            left.set(a != null ? a : defaults[0]);
            right.set(b != null ? b : defaults[1]);
            if (leftRef == null || rightRef == null) {
                remember();
            }
            message.set(note);
        } finally {
            applying = false;
        }
        if (selected.get() != null && loaded != null && !holds(selected.get())) {
            selected.set(null);
        } else {
            explainSelection.set(selectionOf(selected.get()));
        }
        recompute();
        refreshOverQueries();
    }

    /** Newest run against the one before it; one run against the original order; no run: original and ideal. */
    static Side[] defaults(List<Side> sides) {
        List<Side> runs = sides.stream().filter(s -> s.ref() instanceof RankingRef.RunNumber).toList();
        Side original = sides.stream().filter(s -> s.ref() == RankingRef.ORIGINAL).findFirst().orElse(null);
        Side ideal = sides.stream().filter(s -> s.ref() == RankingRef.IDEAL).findFirst().orElse(null);
        if (runs.size() >= 2) {
            return new Side[]{runs.get(runs.size() - 2), runs.get(runs.size() - 1)};
        }
        if (runs.size() == 1) {
            return new Side[]{original, runs.get(0)};
        }
        return new Side[]{original, ideal != null ? ideal : original};
    }

    private void sideChosen() {
        if (applying) {
            return;
        }
        remember();
        recompute();
        refreshOverQueries();
    }

    /**
     * Keeps the chosen sides as references that carry to other queries: a run by its ranker and model (a variant's
     * run by its variant's number, ranker and model), unless that would name both sides alike (then by number).
     */
    private void remember() {
        Side a = left.get();
        Side b = right.get();
        RankingRef byRankerA = a == null ? null : byRanker(a);
        RankingRef byRankerB = b == null ? null : byRanker(b);
        boolean alike = byRankerA != null && byRankerA.equals(byRankerB);
        leftRef = a == null ? null : alike ? a.ref() : byRankerA;
        rightRef = b == null ? null : alike ? b.ref() : byRankerB;
    }

    /** Whether the side is a run of the query's own text (a run the Explain pane can explain by its number). */
    private static boolean isRun(Side s) {
        return s.ref() instanceof RankingRef.RunNumber;
    }

    /** A run's ranker and model, for its query or its variant; a pseudo-run as it is. */
    private static RankingRef byRanker(Side s) {
        if (s.ref() instanceof RankingRef.VariantRun v) {
            return RankingRef.variant(v.variant(), s.ranking().ranker(), s.ranking().model());
        }
        return isRun(s) ? RankingRef.system(s.ranking().ranker(), s.ranking().model()) : s.ref();
    }

    private void recompute() {
        Side a = left.get();
        Side b = right.get();
        if (a == null || b == null) {
            diff.set(null);
            agreement.set(null);
            return;
        }
        // Both are in memory and the measures are O(n log n): 1,000 documents take well under a millisecond.
        diff.set(CompareService.diff(a, b));
        agreement.set(ListAgreements.compare(a.list(), b.list(), k.get(), ListAgreements.DEFAULT_P));
    }

    private void refreshOverQueries() {
        if (!overQueriesShown.get() || leftRef == null || rightRef == null) {
            return;
        }
        RankingRef a = leftRef;
        RankingRef b = rightRef;
        int cut = k.get();
        long load = ++overQueriesLoads;
        if (overQueriesTask != null) {
            overQueriesTask.cancel();
        }
        overQueriesTitle.set(CompareTexts.overQueriesTitle(a, b, cut));
        overQueriesTask = tasks.submit(BackgroundTask.of("compare: all queries", Lane.IO,
                        (p, c) -> service.overQueries(a, b, cut, ListAgreements.DEFAULT_P, c))
                .onSuccess(r -> {
                    if (load == overQueriesLoads) {
                        overQueries.set(r);
                    }
                })
                .onFailure(e -> {
                    if (load == overQueriesLoads) {
                        message.set("Could not compare over the queries: " + CompareTexts.problem(e));
                    }
                }));
    }

    private boolean holds(String docId) {
        RankDiff d = diff.get();
        QueryRankings r = rankings.get();
        return r != null && r.candidates().stream().anyMatch(c -> c.candidate().docId().equals(docId))
                || d != null && d.rows().stream().anyMatch(row -> row.docId().equals(docId));
    }

    /** What the Explain pane explains: the selected document under the first side that is a run holding it. */
    private ResultSelection selectionOf(String docId) {
        QueryRankings r = rankings.get();
        if (docId == null || r == null) {
            return null;
        }
        for (Side s : new Side[]{left.get(), right.get()}) {
            if (s != null && isRun(s)) {
                for (ScoredCandidate c : s.ranking().results()) {
                    if (c.candidate().docId().equals(docId)) {
                        return ResultSelection.of(r.query().id(), ((RankingRef.RunNumber) s.ref()).number(),
                                s.ranking(), c);
                    }
                }
            }
        }
        return null;
    }

    private int indexOf(long queryId) {
        for (int i = 0; i < queries.size(); i++) {
            if (queries.get(i).id() == queryId) {
                return i;
            }
        }
        return -1;
    }

    // ---- derived ------------------------------------------------------------------------------------------------

    /** The selected document's full text, or "". */
    public String selectedText() {
        QueryRankings r = rankings.get();
        String id = selected.get();
        if (r == null || id == null) {
            return "";
        }
        return r.candidates().stream().filter(c -> c.candidate().docId().equals(id)).findFirst()
                .map(c -> c.title() == null || c.title().isBlank() ? c.candidate().text()
                        : c.title() + "\n\n" + c.candidate().text())
                .orElse("");
    }

    /** The grades of the shown query by document id (newest grade by anyone). */
    public Map<String, Integer> grades() {
        QueryRankings r = rankings.get();
        return r == null ? Map.of() : r.grades();
    }

    // ---- properties ---------------------------------------------------------------------------------------------

    public ObservableList<StoredQuery> queries() {
        return queries;
    }

    public ReadOnlyObjectProperty<QueryRankings> rankingsProperty() {
        return rankings.getReadOnlyProperty();
    }

    public ObservableList<Side> sides() {
        return sides;
    }

    public ObjectProperty<Side> leftProperty() {
        return left;
    }

    public ObjectProperty<Side> rightProperty() {
        return right;
    }

    /** The cut-off; 0 is "all". */
    public IntegerProperty kProperty() {
        return k;
    }

    public ReadOnlyObjectProperty<RankDiff> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ListAgreement> agreementProperty() {
        return agreement.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RankMatrix> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }

    /** The document id under the pointer, or null. */
    public StringProperty hoveredProperty() {
        return hovered;
    }

    /** The selected document id, or null. */
    public StringProperty selectedProperty() {
        return selected;
    }

    /** What an Explain pane should explain; null unless the selected document is in a run on either side. */
    public ReadOnlyObjectProperty<ResultSelection> explainSelectionProperty() {
        return explainSelection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Whether the over-all-queries panel is showing; it is computed only then. */
    public BooleanProperty overQueriesShownProperty() {
        return overQueriesShown;
    }

    public ReadOnlyObjectProperty<AgreementOverQueries> overQueriesProperty() {
        return overQueries.getReadOnlyProperty();
    }

    /** "all-MiniLM-L6-v2 against bge-small-en-v1.5-q over 12 queries, top 10". */
    public ReadOnlyStringProperty overQueriesTitleProperty() {
        return overQueriesTitle.getReadOnlyProperty();
    }
}
