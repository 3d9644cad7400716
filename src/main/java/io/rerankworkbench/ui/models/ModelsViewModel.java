package io.rerankworkbench.ui.models;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.ModelEntry;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.rerank.ModelInfo;
import io.rerankworkbench.ui.common.DialogService;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Models window: the bundled models and the folders the user added, with commands to add a folder (validated by
 * loading it), remove one, make one the default and load one to see what it is. Everything is kept by the
 * {@link RankerService}; after a change to the library the {@code libraryChanged} callback tells the main window.
 * Loading and removing run on the inference lane (removing closes a loaded model, so it waits for a running
 * rerank), saving the default on the IO lane.
 */
public final class ModelsViewModel {

    private final TaskRunner tasks;
    private final RankerService rankers;
    private final DialogService dialogs;
    private final Runnable libraryChanged;

    private final ObservableList<ModelRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ModelRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ObjectProperty<ModelRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper validating = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorText = new ReadOnlyStringWrapper("");

    private final ReadOnlyBooleanWrapper addAllowed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper removeAllowed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper setDefaultAllowed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loadAllowed = new ReadOnlyBooleanWrapper();

    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailKind = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailInputs = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailOutputs = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailNotes = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailLocation = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper detailGraphKnown = new ReadOnlyBooleanWrapper(false);

    /** Models this window is loading; their rows say "loading…" until the load ends. */
    private final Set<String> loading = new HashSet<>();
    /** Failures the library does not record (e.g. a model removed meanwhile), by name. */
    private final Map<String, String> failures = new HashMap<>();
    private Path lastFolder;

    public ModelsViewModel(TaskRunner tasks, RankerService rankers, DialogService dialogs, Runnable libraryChanged) {
        this.tasks = tasks;
        this.rankers = rankers;
        this.dialogs = dialogs;
        this.libraryChanged = libraryChanged;
        addAllowed.bind(validating.not());
        removeAllowed.bind(Bindings.createBooleanBinding(() -> selected.get() != null && !selected.get().bundled()
                && selected.get().state() != LoadState.LOADING && !validating.get(), selected, validating));
        setDefaultAllowed.bind(Bindings.createBooleanBinding(
                () -> selected.get() != null && !selected.get().isDefault(), selected));
        loadAllowed.bind(Bindings.createBooleanBinding(() -> selected.get() != null
                && (selected.get().state() == LoadState.NOT_LOADED || selected.get().state() == LoadState.FAILED),
                selected));
        selected.addListener((obs, old, row) -> describe(row));
        refresh();
        describe(selected.get());
    }

    /** Re-reads the library: call when the window is shown or gets the focus, as models load elsewhere too. */
    public void refresh() {
        String keep = selected.get() == null ? null : selected.get().name();
        List<ModelRow> fresh = new ArrayList<>();
        for (ModelEntry entry : rankers.library()) {
            fresh.add(ModelRow.of(entry, loading.contains(entry.name()), failures.get(entry.name())));
        }
        rows.setAll(fresh);
        select(keep);
        working.set(validating.get() || !loading.isEmpty());
    }

    /** Forgets the last command's outcome message (when the window is shown again, it would be stale). */
    public void dismissMessages() {
        if (!working.get()) {
            statusText.set("");
        }
        errorText.set("");
    }

    /** Selects the row of the model called {@code name}, or nothing when there is none. */
    public void select(String name) {
        selected.set(rows.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null));
    }

    /** Asks for a model folder, then adds it. */
    public void chooseAndAddFolder() {
        if (!addAllowed.get()) {
            return;
        }
        dialogs.chooseFolder("Add a model folder", lastFolder).ifPresent(this::addFolder);
    }

    /**
     * Validates a folder by loading it in the background and adds it to the library when it loads. A folder that is
     * not a usable model is explained in {@link #errorTextProperty()}; nothing is added or saved then.
     */
    public void addFolder(Path folder) {
        if (!addAllowed.get()) {
            return;
        }
        Path absolute = folder.toAbsolutePath().normalize();
        lastFolder = absolute.getParent();
        validating.set(true);
        working.set(true);
        errorText.set("");
        statusText.set("Validating " + absolute + " — loading the model…");
        tasks.submit(BackgroundTask.of("add model folder", Lane.INFERENCE, (p, c) -> rankers.addFolder(absolute))
                .onSuccess(info -> {
                    statusText.set("Added " + info.name() + " (" + info.kind().label() + ").");
                    refresh();
                    select(info.name());
                    libraryChanged.run();
                })
                .onFailure(e -> {
                    statusText.set("");
                    errorText.set("Not added. " + userMessage(e));
                })
                .always(() -> {
                    validating.set(false);
                    refresh();
                }));
    }

    /** Removes the selected model from the library (its folder is left alone). Bundled models stay. */
    public void removeSelected() {
        ModelRow row = selected.get();
        if (!removeAllowed.get() || row == null) {
            return;
        }
        String name = row.name();
        errorText.set("");
        tasks.submit(BackgroundTask.of("remove model", Lane.INFERENCE, (p, c) -> {
                    rankers.remove(name);
                    return name;
                })
                .onSuccess(removed -> {
                    failures.remove(removed);
                    statusText.set("Removed " + removed + " from the library; its folder was not touched.");
                    refresh();
                    libraryChanged.run();
                })
                .onFailure(e -> errorText.set("Could not remove " + name + ". " + userMessage(e))));
    }

    /** Makes the selected model the default: the one the app selects when it starts. */
    public void setSelectedAsDefault() {
        ModelRow row = selected.get();
        if (!setDefaultAllowed.get() || row == null) {
            return;
        }
        String name = row.name();
        errorText.set("");
        tasks.submit(BackgroundTask.of("set default model", Lane.IO, (p, c) -> {
                    rankers.setDefault(name);
                    return name;
                })
                .onSuccess(model -> {
                    statusText.set(model + " is now the default model.");
                    refresh();
                    libraryChanged.run();
                })
                .onFailure(e -> errorText.set("Could not make " + name + " the default. " + userMessage(e))));
    }

    /** Loads the selected model in the background, to show its kind, inputs and outputs. */
    public void loadSelected() {
        ModelRow row = selected.get();
        if (!loadAllowed.get() || row == null) {
            return;
        }
        String name = row.name();
        loading.add(name);
        failures.remove(name);
        errorText.set("");
        statusText.set("Loading " + name + "…");
        refresh();
        long started = System.nanoTime();
        tasks.submit(BackgroundTask.of("load " + name, Lane.INFERENCE, (p, c) -> rankers.load(name))
                .onSuccess(info -> statusText.set(String.format(Locale.ROOT, "Loaded %s (%s) in %.1f s.",
                        info.name(), info.kind().label(), (System.nanoTime() - started) / 1e9)))
                .onFailure(e -> {
                    failures.put(name, userMessage(e));
                    statusText.set("");
                    errorText.set("Could not load " + name + ": " + ModelRow.withoutName(userMessage(e), name));
                })
                .always(() -> {
                    loading.remove(name);
                    refresh();
                }));
    }

    private void describe(ModelRow row) {
        detailGraphKnown.set(row != null && row.info() != null && !row.info().inputs().isEmpty());
        if (row == null) {
            detailTitle.set("Select a model to see its details.");
            for (ReadOnlyStringWrapper field : List.of(detailKind, detailInputs, detailOutputs, detailNotes,
                    detailLocation)) {
                field.set("");
            }
            return;
        }
        detailTitle.set(row.name() + (row.isDefault() ? "  ★ default" : ""));
        String facts = (row.layers() > 0 ? row.layers() + " layers · " : "") + "reads up to " + row.maxLength()
                + " tokens · " + row.sizeLabel();
        ModelInfo info = row.info();
        String notLoaded = row.state() == LoadState.LOADING ? "Loading…" : "Load the model to see them.";
        detailKind.set((ModelRow.UNKNOWN.equals(row.kind()) ? "not known until loaded" : row.kind()) + " · " + facts);
        detailInputs.set(info == null ? notLoaded : info.inputs().isEmpty() ? "—" : String.join(", ", info.inputs()));
        detailOutputs.set(info == null ? notLoaded
                : info.outputs().isEmpty() ? "—" : String.join(", ", info.outputs()));
        detailNotes.set(row.state() == LoadState.FAILED ? "Could not be loaded: " + row.reason()
                : info == null ? notLoaded : info.details().isEmpty() ? "—" : String.join(" · ", info.details()));
        detailLocation.set(row.bundled() ? "Bundled with the app (cannot be removed)" : row.location());
    }

    private static String userMessage(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    public ObservableList<ModelRow> rows() {
        return readOnlyRows;
    }

    /** The model the details and the commands are about; the view binds the table's selection to it. */
    public ObjectProperty<ModelRow> selectedProperty() {
        return selected;
    }

    /** True while a folder is being validated. */
    public ReadOnlyBooleanProperty validatingProperty() {
        return validating.getReadOnlyProperty();
    }

    /** True while this window is validating or loading a model. */
    public ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** Why the last command failed, in words; empty when it did not. */
    public ReadOnlyStringProperty errorTextProperty() {
        return errorText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty addAllowedProperty() {
        return addAllowed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty removeAllowedProperty() {
        return removeAllowed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty setDefaultAllowedProperty() {
        return setDefaultAllowed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadAllowedProperty() {
        return loadAllowed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    /** Kind, layers, token limit and size. */
    public ReadOnlyStringProperty detailKindProperty() {
        return detailKind.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailInputsProperty() {
        return detailInputs.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailOutputsProperty() {
        return detailOutputs.getReadOnlyProperty();
    }

    /** Pooling, prefixes, labels — or why the model could not be loaded. */
    public ReadOnlyStringProperty detailNotesProperty() {
        return detailNotes.getReadOnlyProperty();
    }

    /** Whether the details show the graph's inputs and outputs (rather than a hint to load the model). */
    public ReadOnlyBooleanProperty detailGraphKnownProperty() {
        return detailGraphKnown.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailLocationProperty() {
        return detailLocation.getReadOnlyProperty();
    }
}
