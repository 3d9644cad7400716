package io.rerankworkbench.ui.explain;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.ExplainException;
import io.rerankworkbench.app.ExplainService;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.TaskHandle;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.explain.Block;
import io.rerankworkbench.explain.ExplainMethod;
import io.rerankworkbench.explain.ExplanationMap;
import io.rerankworkbench.explain.Granularity;
import io.rerankworkbench.explain.Occlusion;
import io.rerankworkbench.explain.OcclusionUnit;
import io.rerankworkbench.explain.Pick;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.ui.common.DialogService;
import io.rerankworkbench.ui.common.ResultSelection;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Explain view's state: which result is explained, by which ranker and method, the attention picks, and the
 * map on screen. Every computation goes to {@link ExplainService} on a background lane; this class only keeps
 * state and starts tasks, and a newer request cancels an older one, so a quick walk down the results never queues
 * work. Nothing is computed while the view is hidden ({@link #activeProperty()}).
 */
public final class ExplainViewModel {

    private final TaskRunner tasks;
    private final ExplainService service;
    private final RankerCatalog catalog;
    private final DialogService dialogs;
    private final Supplier<String> pickedRanker;

    private final ObjectProperty<ResultSelection> selection = new SimpleObjectProperty<>();
    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final ObservableList<ExplainMethod> methods = FXCollections.observableArrayList();
    private final ObjectProperty<ExplainMethod> method = new SimpleObjectProperty<>();
    private final ObservableList<Block> blocks = FXCollections.observableArrayList();
    private final ObjectProperty<Block> block = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Integer> layerCount = new ReadOnlyObjectWrapper<>(0);
    private final ReadOnlyObjectWrapper<Integer> headCount = new ReadOnlyObjectWrapper<>(0);
    private final IntegerProperty layer = new SimpleIntegerProperty(Pick.MEAN);
    private final IntegerProperty head = new SimpleIntegerProperty(Pick.MEAN);
    private final ObjectProperty<Granularity> granularity = new SimpleObjectProperty<>(Granularity.WORDS);
    private final ObjectProperty<OcclusionUnit> unit = new SimpleObjectProperty<>(OcclusionUnit.WORD);

    private final ReadOnlyObjectWrapper<ExplanationMap> map = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ExplainService.OcclusionPlan> pendingPlan = new ReadOnlyObjectWrapper<>();

    /** Who explains the selection; null until a worker has looked it up. */
    private Ranker ranker;
    private ExplainService.ModelMaps modelMaps;
    private TaskHandle running;
    /** Bumped by every request; a result whose request is older is dropped (cancellation is only a request). */
    private long generation;
    private boolean adjusting;

    /**
     * @param pickedRanker the ranker picker's current entry, used when the run's own ranker is not in the catalog
     */
    public ExplainViewModel(TaskRunner tasks, ExplainService service, RankerCatalog catalog, DialogService dialogs,
                            Supplier<String> pickedRanker) {
        this.tasks = tasks;
        this.service = service;
        this.catalog = catalog;
        this.dialogs = dialogs;
        this.pickedRanker = pickedRanker;
        selection.addListener((obs, old, now) -> selectionChanged(old, now));
        active.addListener((obs, was, now) -> {
            if (now && map.get() == null && !busy.get()) {
                refresh();
            }
        });
        method.addListener((obs, old, now) -> {
            if (!adjusting) {
                modelMaps = null;
                refresh();
            }
        });
        unit.addListener((obs, old, now) -> {
            if (!adjusting && method.get() == ExplainMethod.OCCLUSION) {
                refresh();
            }
        });
        Runnable recut = () -> {
            if (!adjusting) {
                recut();
            }
        };
        block.addListener((obs, old, now) -> recut.run());
        layer.addListener((obs, old, now) -> recut.run());
        head.addListener((obs, old, now) -> recut.run());
        granularity.addListener((obs, old, now) -> recut.run());
    }

    /**
     * A view model for a second view of the same selection (the explanation in a window of its own): same service,
     * so what one computed the other reuses; its own pickers.
     */
    public ExplainViewModel sibling() {
        ExplainViewModel other = new ExplainViewModel(tasks, service, catalog, dialogs, pickedRanker);
        other.selection.bind(selection);
        other.granularity.set(granularity.get());
        other.layer.set(layer.get());
        other.head.set(head.get());
        other.method.set(method.get());
        return other;
    }

    private void selectionChanged(ResultSelection old, ResultSelection now) {
        boolean sameRanker = old != null && now != null && old.rankerKind().equals(now.rankerKind())
                && old.rankerModel().equals(now.rankerModel());
        modelMaps = null;
        map.set(null);
        pendingPlan.set(null);
        if (now == null) {
            cancelRunning();
            ranker = null;
            heading.set("");
            summary.set("");
            message.set("Select a result to see why it got its score.");
            methods.clear();
            return;
        }
        if (!sameRanker) {
            ranker = null; // resolved on a worker: the catalog reads the endpoints file and asks the key store
            // Until the ranker is open, what it offers follows from its kind; refined once it is.
            boolean local = now.rankerKind().startsWith("local");
            setMethods(!local ? List.of(ExplainMethod.OCCLUSION)
                    : now.rankerKind().contains("cross") ? List.of(ExplainMethod.ATTENTION, ExplainMethod.OCCLUSION)
                    : List.of(ExplainMethod.CONTRIBUTIONS, ExplainMethod.ATTENTION, ExplainMethod.OCCLUSION));
        }
        heading.set(heading(now, ranker));
        defaultUnitFor(now);
        refresh();
    }

    /** The catalog entry that explains a selection: the run's own ranker, else the one picked in the top bar. */
    private record Ranker(String entry, boolean own) {
    }

    /** Blocks on the endpoints file and the key store: call on a worker. */
    private Ranker resolve(ResultSelection s, String picked) {
        Optional<String> own = catalog.entryFor(s.rankerKind(), s.rankerModel());
        String entry = own.orElse(picked);
        if (entry == null) {
            throw new ExplainException("No ranker to explain " + s.rankerModel() + "'s run with: pick one in the "
                    + "ranker bar.");
        }
        return new Ranker(entry, own.isPresent());
    }

    /** Hosted rankers wait on the network (the IO lane); local models compute (the inference lane). */
    private static Lane laneFor(ResultSelection s) {
        return s.rankerKind().startsWith("local") ? Lane.INFERENCE : Lane.IO;
    }

    private void setMethods(List<ExplainMethod> offered) {
        adjusting = true;
        try {
            ExplainMethod keep = method.get();
            methods.setAll(offered);
            method.set(keep != null && offered.contains(keep) ? keep : offered.get(0));
        } finally {
            adjusting = false;
        }
    }

    private static String heading(ResultSelection s, Ranker r) {
        String by = r == null ? s.rankerModel() : r.entry();
        String own = r == null || r.own() ? ""
                : " (the run's ranker, " + s.rankerModel() + ", is not in your ranker list)";
        return "Doc " + s.docId() + " · rank " + s.result().rank() + " in run " + s.runNumber() + " of "
                + s.queryExternalId() + " · score " + ExplainTexts.fixed(s.score()) + " · " + by + own;
    }

    /** Recomputes what the current method needs for the current selection (when the view is visible). */
    public void refresh() {
        ResultSelection s = selection.get();
        if (s == null || !active.get() || method.get() == null) {
            return;
        }
        cancelRunning();
        long request = ++generation;
        ExplainService.Subject subject = subject(s);
        Ranker known = ranker;
        String picked = pickedRanker.get();
        ExplainMethod m = method.get();
        Pick wanted = currentPick();
        map.set(null);
        pendingPlan.set(null);
        summary.set("");
        if (m == ExplainMethod.OCCLUSION) {
            OcclusionUnit u = unit.get();
            start(BackgroundTask.of("Plan occlusion", laneFor(s), (p, c) -> {
                Ranker r = known != null ? known : resolve(s, picked);
                Reranker opened = catalog.open(r.entry());
                return new Planned(r, service.planOcclusion(opened, r.entry(), catalog.paid(r.entry()), subject, u));
            }).onSuccess(done -> {
                if (request == generation) {
                    resolved(s, done.ranker());
                    planned(done.plan());
                }
            }), request, "Looking up what occlusion needs…");
            return;
        }
        start(BackgroundTask.of("Explain", laneFor(s), (p, c) -> {
            Ranker r = known != null ? known : resolve(s, picked);
            Reranker opened = catalog.open(r.entry());
            List<ExplainMethod> offered = service.methods(opened);
            ExplainMethod use = offered.contains(m) ? m : offered.get(0);
            ExplainService.ModelMaps maps = use == ExplainMethod.OCCLUSION ? null
                    : service.modelMaps(opened, subject, use, c);
            return new Computed(r, offered, maps, maps == null ? null : cut(maps, fit(maps, wanted), r.entry(), s));
        }).onSuccess(done -> {
            if (request != generation) {
                return;
            }
            resolved(s, done.ranker());
            setMethods(done.offered());
            if (done.maps() == null) {
                refresh(); // the ranker offers occlusion only
                return;
            }
            modelMaps = done.maps();
            showPickers(done.maps());
            show(done.map());
        }), request, "Computing " + ExplainTexts.describe(m) + "…");
    }

    private void resolved(ResultSelection s, Ranker r) {
        ranker = r;
        heading.set(heading(s, r));
    }

    private record Planned(Ranker ranker, ExplainService.OcclusionPlan plan) {
    }

    private record Computed(Ranker ranker, List<ExplainMethod> offered, ExplainService.ModelMaps maps, ExplanationMap map) {
    }

    private void planned(ExplainService.OcclusionPlan plan) {
        if (plan.existing() != null) {
            show(plan.existing());
        }
        if (plan.complete()) {
            return;
        }
        pendingPlan.set(plan);
        if (plan.requests() == 0) {
            send(plan); // a local model: nothing is billed, run it at once
        } else {
            message.set("Occlusion sends " + plan.summary() + ". Press Run occlusion to send.");
        }
    }

    /** Sends the pending occlusion plan, after asking when the ranker is hosted. */
    public void occlude() {
        ExplainService.OcclusionPlan plan = pendingPlan.get();
        if (plan == null || busy.get()) {
            return;
        }
        if (plan.requests() > 0) {
            int answer = dialogs.choose("Explain by occlusion",
                    "Occlusion re-scores the document " + plan.units().size() + " times, each time without one "
                            + ExplainTexts.unitName(plan.unit()) + ", with " + plan.ranker() + ".\n\nIt sends " + plan.summary()
                            + (plan.paid() ? ", billed by the provider." : ".")
                            + "\n\nThe result is kept in the project: opening it again sends nothing.",
                    List.of("Send", "Cancel"));
            if (answer != 0) {
                message.set("Occlusion not sent. " + plan.summary() + " would be sent.");
                return;
            }
        }
        send(plan);
    }

    private void send(ExplainService.OcclusionPlan plan) {
        long request = ++generation;
        String rankerEntry = plan.ranker();
        // A plan with requests is a hosted ranker, which waits on the network; a local model computes.
        Lane lane = plan.requests() == 0 ? Lane.INFERENCE : Lane.IO;
        start(BackgroundTask.of("Occlusion", lane, (p, c) -> {
            Reranker ranker = catalog.open(rankerEntry);
            return service.occlude(ranker, plan, p, c);
        }).onSuccess(result -> {
            if (request == generation) {
                pendingPlan.set(null);
                show(result);
            }
        }), request, "Scoring " + plan.units().size() + " variants of the document with " + rankerEntry + "…",
                () -> service.cachedOcclusion(rankerEntry, plan.subject(), plan.unit()).ifPresent(partial -> {
                    show(partial);
                    message.set("Cancelled; what was scored is kept. Run occlusion again to score the rest.");
                }));
    }

    private void start(BackgroundTask<?> task, long request, String status) {
        start(task, request, status, () -> { });
    }

    /** Starts {@code task} as the one on screen; {@code afterCancel} runs when it was cancelled and is still current. */
    private void start(BackgroundTask<?> task, long request, String status, Runnable afterCancel) {
        busy.set(true);
        progress.set(-1);
        message.set(status);
        running = tasks.submit(task
                .onProgress((done, total) -> {
                    if (request == generation && total > 0) {
                        progress.set((double) done / total);
                    }
                })
                .onFailure(e -> {
                    if (request == generation) {
                        message.set(ExplainTexts.problem(e));
                    }
                })
                .onCancelled(() -> {
                    if (request == generation) {
                        message.set("Cancelled.");
                        afterCancel.run();
                    }
                })
                .always(() -> {
                    if (request == generation) {
                        busy.set(false);
                        running = null;
                        if (message.get().endsWith("…")) {
                            message.set("");
                        }
                    }
                }));
    }

    /** Stops the computation on screen (what finished of an occlusion is kept). */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    private void cancelRunning() {
        if (running != null) {
            running.cancel();
            running = null;
            busy.set(false);
        }
    }

    /** A new layer, head, block or granularity: cut the map from what the model already gave. */
    private void recut() {
        ExplainService.ModelMaps maps = modelMaps;
        ResultSelection s = selection.get();
        if (maps == null || s == null) {
            return;
        }
        long request = ++generation;
        Pick pick = currentPick();
        if (ranker == null) {
            return;
        }
        String rankerEntry = ranker.entry();
        // Cutting a map is arithmetic over arrays held in memory; it still stays off the FX thread.
        start(BackgroundTask.of("Cut map", Lane.INFERENCE, (p, c) -> cut(maps, pick, rankerEntry, s))
                .onSuccess(m -> {
                    if (request == generation) {
                        show(m);
                    }
                }), request, "Drawing…");
    }

    private Pick currentPick() {
        Block b = block.get() != null ? block.get() : Block.QUERY_TO_DOCUMENT;
        return new Pick(layer.get(), head.get(), b, granularity.get());
    }

    /** {@code pick}, or the mean of the first block when the maps have no such block. Pure: any thread. */
    private static Pick fit(ExplainService.ModelMaps maps, Pick pick) {
        if (maps instanceof ExplainService.Attention a && !a.maps().blocks().contains(pick.block())) {
            return new Pick(Pick.MEAN, Pick.MEAN, a.maps().blocks().get(0), pick.granularity());
        }
        return pick;
    }

    private static ExplanationMap cut(ExplainService.ModelMaps maps, Pick pick, String ranker, ResultSelection s) {
        if (maps instanceof ExplainService.Attention a) {
            int layer = pick.layer() >= a.maps().layers() ? Pick.MEAN : pick.layer();
            int head = pick.head() >= a.maps().heads() ? Pick.MEAN : pick.head();
            return a.maps().map(new Pick(layer, head, pick.block(), pick.granularity()), ranker, s.score());
        }
        return ((ExplainService.Contributions) maps).map(pick.granularity(), ranker, s.score());
    }

    private void showPickers(ExplainService.ModelMaps maps) {
        adjusting = true;
        try {
            if (maps instanceof ExplainService.Attention a) {
                if (!blocks.equals(a.maps().blocks())) {
                    blocks.setAll(a.maps().blocks());
                }
                if (!blocks.contains(block.get())) {
                    block.set(blocks.get(0));
                }
                layerCount.set(a.maps().layers());
                headCount.set(a.maps().heads());
                if (layer.get() >= a.maps().layers()) {
                    layer.set(Pick.MEAN);
                }
                if (head.get() >= a.maps().heads()) {
                    head.set(Pick.MEAN);
                }
            } else {
                blocks.clear();
                layerCount.set(0);
                headCount.set(0);
            }
        } finally {
            adjusting = false;
        }
    }

    private void show(ExplanationMap m) {
        map.set(m);
        summary.set(ExplainTexts.summarize(m));
    }

    private static ExplainService.Subject subject(ResultSelection s) {
        return new ExplainService.Subject(s.queryId(), s.queryText(), s.docId(), s.documentText(), s.score(),
                s.window(), s.options());
    }

    /** The default occlusion unit for the selected document: words, or sentences for long documents. */
    void defaultUnitFor(ResultSelection s) {
        if (s != null) {
            adjusting = true;
            try {
                unit.set(Occlusion.defaultUnit(s.documentText()));
            } finally {
                adjusting = false;
            }
        }
    }

    /** Asks where to save the map on screen in {@code format} and saves it (the IO lane). */
    public void export(ExplainService.Format format) {
        ExplanationMap m = map.get();
        ResultSelection s = selection.get();
        if (m == null || s == null) {
            return;
        }
        String name = ("explain-" + s.queryExternalId() + "-" + s.docId() + "-" + m.method().cliName())
                .replaceAll("[^A-Za-z0-9._-]+", "_") + "." + format.extension();
        Optional<java.nio.file.Path> file = dialogs.chooseSaveFile("Export explanation", null, name,
                format.name() + " files", format.extension());
        if (file.isEmpty()) {
            return;
        }
        tasks.submit(BackgroundTask.of("Export explanation", Lane.IO, (p, c) -> {
            ExplainService.export(m, format, file.get());
            return file.get();
        }).onSuccess(f -> message.set("Saved " + f.getFileName() + "."))
                .onFailure(e -> dialogs.showError("Export explanation", "Could not save " + file.get() + ": "
                        + e.getMessage(), e)));
    }

    // ---- properties ---------------------------------------------------------------------------------------------

    /** What the main window has selected; the view binds it to the window's published selection. */
    public ObjectProperty<ResultSelection> selectionProperty() {
        return selection;
    }

    /** Whether the view is on screen; computing waits until it is. */
    public BooleanProperty activeProperty() {
        return active;
    }

    public ObservableList<ExplainMethod> methods() {
        return methods;
    }

    public ObjectProperty<ExplainMethod> methodProperty() {
        return method;
    }

    public ObservableList<Block> blocks() {
        return blocks;
    }

    public ObjectProperty<Block> blockProperty() {
        return block;
    }

    /** Layers of the model's attention (0 when the map is not attention). */
    public ReadOnlyObjectProperty<Integer> layerCountProperty() {
        return layerCount.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Integer> headCountProperty() {
        return headCount.getReadOnlyProperty();
    }

    /** 0-based layer, or {@link Pick#MEAN}. */
    public IntegerProperty layerProperty() {
        return layer;
    }

    /** 0-based head, or {@link Pick#MEAN}. */
    public IntegerProperty headProperty() {
        return head;
    }

    public ObjectProperty<Granularity> granularityProperty() {
        return granularity;
    }

    public ObjectProperty<OcclusionUnit> unitProperty() {
        return unit;
    }

    public ReadOnlyObjectProperty<ExplanationMap> mapProperty() {
        return map.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** 0…1, or -1 while the amount of work is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Which result, run and ranker are explained. */
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** An occlusion waiting for the user to send it (a hosted ranker), else null. */
    public ReadOnlyObjectProperty<ExplainService.OcclusionPlan> pendingPlanProperty() {
        return pendingPlan.getReadOnlyProperty();
    }
}
