package io.rerankworkbench.ui.rankers;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.CustomJsonSettings;
import io.rerankworkbench.app.EndpointDraft;
import io.rerankworkbench.app.EndpointService;
import io.rerankworkbench.app.EndpointEntry;
import io.rerankworkbench.app.EndpointEntry.KeySource;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.ProviderInfo;
import io.rerankworkbench.app.TaskRunner;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The Rankers window: the saved remote endpoints, a form to add or edit one (its key read from an environment
 * variable or entered once and kept in the key store), remove and test connection. Files and HTTP go through
 * {@link EndpointOps} on the IO lane; after a change {@code endpointsChanged} tells the main window's picker.
 */
public final class RankersViewModel {

    private final TaskRunner tasks;
    private final EndpointOps endpoints;
    private final Runnable endpointsChanged;

    private final ObservableList<EndpointEntry> rows = FXCollections.observableArrayList();
    private final ObservableList<EndpointEntry> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<ProviderInfo> providers = FXCollections.observableArrayList();
    private final ObjectProperty<EndpointEntry> selected = new SimpleObjectProperty<>();

    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<ProviderInfo> provider = new SimpleObjectProperty<>();
    private final StringProperty baseUrl = new SimpleStringProperty("");
    private final StringProperty model = new SimpleStringProperty("");
    private final StringProperty maxDocs = new SimpleStringProperty("");
    private final StringProperty concurrency = new SimpleStringProperty("2");
    private final StringProperty timeoutSeconds = new SimpleStringProperty("120");
    private final ObjectProperty<KeySource> keySource = new SimpleObjectProperty<>(KeySource.ENV);
    private final StringProperty keyEnvVar = new SimpleStringProperty("");
    private final StringProperty enteredKey = new SimpleStringProperty("");
    private final BooleanProperty allowInsecureHttp = new SimpleBooleanProperty(false);
    private final StringProperty providerOptions = new SimpleStringProperty("");
    private final StringProperty customPath = new SimpleStringProperty("");
    private final StringProperty customQueryField = new SimpleStringProperty("");
    private final StringProperty customDocumentsField = new SimpleStringProperty("");
    private final StringProperty customTopKField = new SimpleStringProperty("");
    private final StringProperty customResultsPointer = new SimpleStringProperty("");
    private final StringProperty customIndexPointer = new SimpleStringProperty("");
    private final StringProperty customScorePointer = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper customJson = new ReadOnlyBooleanWrapper(false);

    private final ReadOnlyBooleanWrapper editing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper formTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper insecureHost = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper selectionCommandsAllowed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper storedKeyHint = new ReadOnlyStringWrapper("");

    /** The endpoint being edited, or null while adding a new one. */
    private String original;
    private boolean originalHasStoredKey;

    public RankersViewModel(TaskRunner tasks, EndpointOps endpoints, Runnable endpointsChanged) {
        this.tasks = tasks;
        this.endpoints = endpoints;
        this.endpointsChanged = endpointsChanged;
        providers.setAll(endpoints.providers());
        provider.addListener((obs, old, now) -> providerChanged(old, now));
        insecureHost.bind(Bindings.createBooleanBinding(() -> isInsecure(baseUrl.get()), baseUrl));
        selectionCommandsAllowed.bind(selected.isNotNull().and(working.not()));
        customJson.bind(Bindings.createBooleanBinding(() -> provider.get() != null
                && CustomJsonSettings.PROVIDER_ID.equals(provider.get().id()), provider));
        setCustom(CustomJsonSettings.defaults());
        refresh();
    }

    /** Re-reads the saved endpoints in the background, keeping the selection. */
    public void refresh() {
        String keep = selected.get() == null ? null : selected.get().name();
        tasks.submit(BackgroundTask.of("list endpoints", Lane.IO, (p, c) -> endpoints.list())
                .onSuccess(list -> {
                    rows.setAll(list);
                    select(keep);
                })
                .onFailure(e -> errorText.set("Could not read the saved endpoints: " + message(e))));
    }

    /** Selects the endpoint called {@code endpointName}, or nothing. */
    public void select(String endpointName) {
        selected.set(rows.stream().filter(r -> r.name().equals(endpointName)).findFirst().orElse(null));
    }

    /** Opens the form for a new endpoint, filled in for the default provider. */
    public void add() {
        original = null;
        originalHasStoredKey = false;
        formTitle.set("New endpoint");
        ProviderInfo first = providers.get(0);
        provider.set(null);
        name.set(uniqueName(first.displayName()));
        baseUrl.set("");
        model.set("");
        provider.set(first);
        fillDefaults(first);
        maxDocs.set("");
        concurrency.set("2");
        timeoutSeconds.set("120");
        keySource.set(first.keyEnvVar().isEmpty() ? KeySource.NONE : KeySource.ENV);
        enteredKey.set("");
        allowInsecureHttp.set(false);
        providerOptions.set("");
        setCustom(CustomJsonSettings.defaults());
        openForm();
    }

    /** Opens the form on the selected endpoint. */
    public void editSelected() {
        EndpointEntry e = selected.get();
        if (e == null) {
            return;
        }
        original = e.name();
        originalHasStoredKey = e.key() == KeySource.STORED && !e.keyMissing();
        formTitle.set("Edit " + e.name());
        provider.set(null);
        name.set(e.name());
        baseUrl.set(e.effectiveBaseUrl());
        model.set(e.effectiveModel());
        provider.set(providers.stream().filter(p -> p.id().equals(e.provider().id())).findFirst()
                .orElse(e.provider()));
        maxDocs.set(e.maxDocsPerRequest() > 0 ? Integer.toString(e.maxDocsPerRequest()) : "");
        concurrency.set(Integer.toString(e.concurrency()));
        timeoutSeconds.set(Integer.toString(e.timeoutSeconds()));
        keySource.set(e.key());
        keyEnvVar.set(e.key() == KeySource.ENV ? e.keyEnvVar() : e.provider().keyEnvVar());
        enteredKey.set("");
        allowInsecureHttp.set(e.allowInsecureHttp());
        providerOptions.set(e.providerOptions());
        setCustom(e.custom() != null ? e.custom() : CustomJsonSettings.defaults());
        openForm();
    }

    private void setCustom(CustomJsonSettings c) {
        customPath.set(c.path());
        customQueryField.set(c.queryField());
        customDocumentsField.set(c.documentsField());
        customTopKField.set(c.topKField());
        customResultsPointer.set(c.resultsPointer());
        customIndexPointer.set(c.indexPointer());
        customScorePointer.set(c.scorePointer());
    }

    private CustomJsonSettings custom() {
        return new CustomJsonSettings(customPath.get().strip(), customQueryField.get().strip(),
                customDocumentsField.get().strip(), customTopKField.get().strip(), customResultsPointer.get().strip(),
                customIndexPointer.get().strip(), customScorePointer.get().strip());
    }

    private void openForm() {
        formError.set("");
        errorText.set("");
        storedKeyHint.set(originalHasStoredKey ? "A key is stored; leave empty to keep it." : "");
        editing.set(true);
    }

    /** Closes the form without saving; forgets a key typed into it. */
    public void cancelEdit() {
        enteredKey.set("");
        formError.set("");
        editing.set(false);
    }

    /** A new provider brings its address, model and key variable, unless the user typed their own. */
    private void providerChanged(ProviderInfo old, ProviderInfo now) {
        if (now == null || old == null) {
            return;
        }
        if (baseUrl.get().isBlank() || baseUrl.get().equals(old.defaultBaseUrl())) {
            baseUrl.set(now.defaultBaseUrl());
        }
        if (model.get().isBlank() || model.get().equals(old.defaultModel())) {
            model.set(now.defaultModel());
        }
        if (keyEnvVar.get().isBlank() || keyEnvVar.get().equals(old.keyEnvVar())) {
            keyEnvVar.set(now.keyEnvVar());
        }
        if (name.get().isBlank() || name.get().equals(uniqueName(old.displayName()))) {
            name.set(uniqueName(now.displayName()));
        }
    }

    /** Fills the form's address and model for a newly chosen provider (also on first show). */
    private void fillDefaults(ProviderInfo p) {
        baseUrl.set(p.defaultBaseUrl());
        model.set(p.defaultModel());
        keyEnvVar.set(p.keyEnvVar());
    }

    /** Checks the form and saves it in the background; the key goes to the key store, never the endpoints file. */
    public void save() {
        if (!editing.get() || working.get()) {
            return;
        }
        EndpointDraft draft;
        try {
            draft = draft();
        } catch (IllegalArgumentException e) {
            formError.set(e.getMessage());
            return;
        }
        String from = original;
        formError.set("");
        working.set(true);
        tasks.submit(BackgroundTask.of("save endpoint", Lane.IO, (p, c) -> endpoints.save(draft, from))
                .onSuccess(saved -> {
                    enteredKey.set("");
                    editing.set(false);
                    statusText.set("Saved " + saved.name() + " · key " + saved.keyStatus() + ".");
                    selected.set(saved);
                    refresh();
                    endpointsChanged.run();
                })
                .onFailure(e -> formError.set(message(e)))
                .always(() -> working.set(false)));
    }

    EndpointDraft draft() {
        ProviderInfo p = provider.get();
        if (p == null) {
            throw new IllegalArgumentException("Choose a provider.");
        }
        String url = baseUrl.get().strip();
        return new EndpointDraft(name.get().strip(), p.id(), url.equals(p.defaultBaseUrl()) ? "" : url,
                model.get().strip(), number(maxDocs.get(), 0, "Documents per request"),
                number(concurrency.get(), 2, "Concurrency"), number(timeoutSeconds.get(), 120, "Timeout"),
                keySource.get(), keyEnvVar.get().strip(), enteredKey.get(), allowInsecureHttp.get(),
                CustomJsonSettings.PROVIDER_ID.equals(p.id()) ? custom() : null, providerOptions.get());
    }

    private static int number(String text, int empty, String what) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return empty;
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, was \"" + t + "\".");
        }
    }

    /** Removes the selected endpoint and the key stored for it. */
    public void removeSelected() {
        EndpointEntry e = selected.get();
        if (e == null || working.get()) {
            return;
        }
        working.set(true);
        errorText.set("");
        tasks.submit(BackgroundTask.of("remove endpoint", Lane.IO, (p, c) -> endpoints.remove(e.name()))
                .onSuccess(removed -> {
                    statusText.set("Removed " + e.name() + (e.key() == KeySource.STORED ? " and its stored key." : "."));
                    if (e.name().equals(original)) {
                        cancelEdit();
                    }
                    selected.set(null);
                    refresh();
                    endpointsChanged.run();
                })
                .onFailure(ex -> errorText.set("Could not remove " + e.name() + ": " + message(ex)))
                .always(() -> working.set(false)));
    }

    /** Sends a one-document request to the selected endpoint and shows the answer or the error. */
    public void testSelected() {
        EndpointEntry e = selected.get();
        if (e == null || working.get()) {
            return;
        }
        working.set(true);
        errorText.set("");
        statusText.set("Testing " + e.name() + "…");
        tasks.submit(BackgroundTask.of("test endpoint", Lane.IO, (p, c) -> endpoints.test(e.name()))
                .onSuccess(result -> statusText.set(e.name() + ": " + result + "."))
                .onFailure(ex -> {
                    statusText.set("");
                    errorText.set(e.name() + ": " + message(ex));
                })
                .always(() -> working.set(false)));
    }

    /** Whether a URL is plain http to another machine. */
    static boolean isInsecure(String url) {
        if (url == null || !url.strip().toLowerCase(Locale.ROOT).startsWith("http://")) {
            return false;
        }
        try {
            String host = URI.create(url.strip()).getHost();
            if (host == null) {
                return false;
            }
            host = host.toLowerCase(Locale.ROOT);
            return !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                    || host.equals("::1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String uniqueName(String base) {
        String candidate = base;
        for (int i = 2; isTaken(candidate); i++) {
            candidate = base + " " + i;
        }
        return candidate;
    }

    private boolean isTaken(String candidate) {
        return rows.stream().anyMatch(r -> r.name().equalsIgnoreCase(candidate) && !r.name().equals(original));
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    public ObservableList<EndpointEntry> rows() {
        return readOnlyRows;
    }

    public ObservableList<ProviderInfo> providers() {
        return providers;
    }

    public ObjectProperty<EndpointEntry> selectedProperty() {
        return selected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<ProviderInfo> providerProperty() {
        return provider;
    }

    public StringProperty baseUrlProperty() {
        return baseUrl;
    }

    public StringProperty modelProperty() {
        return model;
    }

    public StringProperty maxDocsProperty() {
        return maxDocs;
    }

    public StringProperty concurrencyProperty() {
        return concurrency;
    }

    public StringProperty timeoutSecondsProperty() {
        return timeoutSeconds;
    }

    public ObjectProperty<KeySource> keySourceProperty() {
        return keySource;
    }

    public StringProperty keyEnvVarProperty() {
        return keyEnvVar;
    }

    /** A key typed into the form; stored on save and then cleared. */
    public StringProperty enteredKeyProperty() {
        return enteredKey;
    }

    /** The "Provider options" field: name=value pairs. */
    public StringProperty providerOptionsProperty() {
        return providerOptions;
    }

    /** What the provider options field takes for the chosen provider at the typed address. */
    public String providerOptionsHelp() {
        ProviderInfo p = provider.get();
        if (p == null) {
            return "none";
        }
        String url = baseUrl.get() == null ? "" : baseUrl.get().strip();
        return EndpointService.providerOptionsHelp(p.id(), url.equals(p.defaultBaseUrl()) ? "" : url);
    }

    public BooleanProperty allowInsecureHttpProperty() {
        return allowInsecureHttp;
    }

    /** Whether the provider is Custom JSON: then the form shows its field names and pointers. */
    public ReadOnlyBooleanProperty customJsonProperty() {
        return customJson.getReadOnlyProperty();
    }

    /** Custom JSON: appended to the base URL, e.g. /rerank. */
    public StringProperty customPathProperty() {
        return customPath;
    }

    /** Custom JSON: the request field for the query. */
    public StringProperty customQueryFieldProperty() {
        return customQueryField;
    }

    /** Custom JSON: the request field for the documents. */
    public StringProperty customDocumentsFieldProperty() {
        return customDocumentsField;
    }

    /** Custom JSON: the request field for the cut-off; empty when the server has none. */
    public StringProperty customTopKFieldProperty() {
        return customTopKField;
    }

    /** Custom JSON: the JSON pointer to the results array. */
    public StringProperty customResultsPointerProperty() {
        return customResultsPointer;
    }

    /** Custom JSON: the pointer within a result to the document's index. */
    public StringProperty customIndexPointerProperty() {
        return customIndexPointer;
    }

    /** Custom JSON: the pointer within a result to its score. */
    public StringProperty customScorePointerProperty() {
        return customScorePointer;
    }

    /** Whether the base URL is plain http to another machine: then "Allow unencrypted HTTP" must be ticked. */
    public ReadOnlyBooleanProperty insecureHostProperty() {
        return insecureHost.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty editingProperty() {
        return editing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty formTitleProperty() {
        return formTitle.getReadOnlyProperty();
    }

    /** Why the form could not be saved; empty when it could. */
    public ReadOnlyStringProperty formErrorProperty() {
        return formError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty storedKeyHintProperty() {
        return storedKeyHint.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }

    /** Edit, Remove and Test connection apply to the selected endpoint. */
    public ReadOnlyBooleanProperty selectionCommandsAllowedProperty() {
        return selectionCommandsAllowed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorTextProperty() {
        return errorText.getReadOnlyProperty();
    }

    List<String> providerIds() {
        return providers.stream().map(ProviderInfo::id).toList();
    }
}
