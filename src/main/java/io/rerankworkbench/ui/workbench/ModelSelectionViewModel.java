package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.rerank.Reranker;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Locale;

/**
 * The main window's ranker picker: the models on offer (the default first), the selected one and where it is in
 * its life cycle. Selecting a model loads it in the background; only the latest selection's outcome counts, so
 * switching quickly never leaves an older model marked ready.
 */
public final class ModelSelectionViewModel {

    private final TaskRunner tasks;
    private final RankerCatalog rankers;

    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyNames = FXCollections.unmodifiableObservableList(names);
    private final ReadOnlyStringWrapper defaultName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper selected = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ModelStatus> status = new ReadOnlyObjectWrapper<>(ModelStatus.LOADING);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Reranker> ranker = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper remote = new ReadOnlyBooleanWrapper(false);

    /** The model whose load was last asked for, null before the first selection. */
    private String requested;
    /** Counts selections; a load's outcome is applied only if no newer selection was made meanwhile. */
    private long generation;

    ModelSelectionViewModel(TaskRunner tasks, RankerCatalog rankers) {
        this.tasks = tasks;
        this.rankers = rankers;
        refreshNames();
        selected.set(defaultName.get());
    }

    /**
     * Makes {@code name} the model for the next reranks and loads it in the background. Selecting the model that is
     * already selected does nothing, unless its load failed: then it is tried again.
     */
    public void select(String name) {
        if (name == null || name.isBlank()) {
            return;
        }
        String model = rankers.canonicalName(name).orElse(null);
        if (model == null) {
            status.set(ModelStatus.FAILED);
            message.set("There is no model named \"" + name + "\".");
            return;
        }
        if (model.equals(requested) && status.get() != ModelStatus.FAILED) {
            return;
        }
        requested = model;
        long mine = ++generation;
        selected.set(model);
        ranker.set(null);
        status.set(ModelStatus.LOADING);
        message.set("Loading " + model + "…");
        long started = System.nanoTime();
        boolean remote = rankers.isRemote(model);
        this.remote.set(remote);
        tasks.submit(BackgroundTask.of("load " + model, rankers.lane(model), (p, c) -> rankers.open(model))
                .onSuccess(loaded -> {
                    if (mine != generation) {
                        return;
                    }
                    ranker.set(loaded);
                    status.set(ModelStatus.READY);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    // A model loaded earlier comes back at once; "loaded in 0.0 s" would only puzzle.
                    message.set(remote ? String.format(Locale.ROOT, "%s (%s) ready", loaded.model(), loaded.kind())
                            : seconds < 0.05
                            ? String.format(Locale.ROOT, "%s (%s) ready", loaded.model(), loaded.kind())
                            : String.format(Locale.ROOT, "%s (%s) ready · loaded in %.1f s", loaded.model(),
                                    loaded.kind(), seconds));
                })
                .onFailure(e -> {
                    if (mine != generation) {
                        return;
                    }
                    status.set(ModelStatus.FAILED);
                    message.set(WorkbenchViewModel.userMessage(e));
                }));
    }

    /** Selects the library's default model. */
    public void selectDefault() {
        select(rankers.defaultName());
    }

    /**
     * Re-reads the library after it changed (a model added or removed, another default). When the selected model
     * is gone, the default is selected instead.
     */
    public void refresh() {
        refreshNames();
        if (requested == null) {
            return;
        }
        if (rankers.canonicalName(requested).isEmpty()) {
            requested = null;
            selectDefault();
        } else if (remote.get()) {
            // The endpoint may have a new key or address: open it again.
            String again = requested;
            requested = null;
            select(again);
        }
    }

    private void refreshNames() {
        names.setAll(rankers.names());
        defaultName.set(rankers.defaultName());
    }

    /** The models on offer, the default first. */
    public ObservableList<String> names() {
        return readOnlyNames;
    }

    public ReadOnlyStringProperty defaultNameProperty() {
        return defaultName.getReadOnlyProperty();
    }

    /** The selected model's name. */
    public ReadOnlyStringProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ModelStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether the selection is a remote endpoint (runs on the IO lane, may cost money). */
    public ReadOnlyBooleanProperty remoteProperty() {
        return remote.getReadOnlyProperty();
    }

    /** The catalog the picker lists. */
    RankerCatalog catalog() {
        return rankers;
    }

    /** The selected model's ranker once it is loaded, else null. */
    public ReadOnlyObjectProperty<Reranker> rankerProperty() {
        return ranker.getReadOnlyProperty();
    }
}
