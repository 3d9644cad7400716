package io.rerankworkbench.ui.engines;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.SearchEngineDraft;
import io.rerankworkbench.app.SearchEngineEntry;
import io.rerankworkbench.app.SearchEngineKindInfo;
import io.rerankworkbench.app.SearchEngineService;
import io.rerankworkbench.app.SearchEngineTestResult;
import io.rerankworkbench.app.TaskHandle;
import io.rerankworkbench.app.TaskRunner;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Objects;

/**
 * The Search engines window: the saved engines, a form to add or edit one (its password or key entered once and kept
 * in the key store, or read from an environment variable), Save, Remove and Test connection. Files and HTTP go
 * through {@link SearchEngineService} on the IO lane, never the FX thread; the view binds to these properties.
 */
public final class EnginesViewModel {

    /** The auth choices of the form, as {@link SearchEngineDraft#auth()} ids with their labels. */
    public enum AuthChoice {
        NONE("none", "None"), BASIC("basic", "User and password"), API_KEY("api-key", "API key");

        private final String id;
        private final String label;

        AuthChoice(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        static AuthChoice byId(String id) {
            for (AuthChoice a : values()) {
                if (a.id.equals(id)) {
                    return a;
                }
            }
            return NONE;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final TaskRunner tasks;
    private final SearchEngineService engines;

    private final ObservableList<SearchEngineEntry> rows = FXCollections.observableArrayList();
    private final ObservableList<SearchEngineEntry> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<SearchEngineKindInfo> kinds =
            FXCollections.observableArrayList(SearchEngineService.kinds());
    private final ObjectProperty<SearchEngineEntry> selected = new SimpleObjectProperty<>();

    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<SearchEngineKindInfo> kind = new SimpleObjectProperty<>();
    private final StringProperty baseUrl = new SimpleStringProperty("");
    private final StringProperty target = new SimpleStringProperty("");
    private final StringProperty template = new SimpleStringProperty("");
    private final StringProperty idField = new SimpleStringProperty("");
    private final StringProperty titleField = new SimpleStringProperty("");
    private final StringProperty textField = new SimpleStringProperty("");
    private final StringProperty depth = new SimpleStringProperty("");
    private final StringProperty timeout = new SimpleStringProperty("");
    private final ObjectProperty<AuthChoice> auth = new SimpleObjectProperty<>(AuthChoice.NONE);
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty secretEnv = new SimpleStringProperty("");
    private final StringProperty secret = new SimpleStringProperty("");
    private final StringProperty testQuery = new SimpleStringProperty("test");

    private final ReadOnlyStringWrapper targetLabel = new ReadOnlyStringWrapper("Collection");
    private final ReadOnlyStringWrapper templateHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper secretHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper formTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRemove = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<SearchEngineTestResult.Hit> testHits = FXCollections.observableArrayList();

    /** The engine the form edits, or null for a new one. */
    private String original;
    private TaskHandle runningTest;

    public EnginesViewModel(TaskRunner tasks, SearchEngineService engines) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.engines = Objects.requireNonNull(engines, "engines");
        kind.addListener((obs, old, now) -> kindChanged(old, now));
        auth.addListener((obs, old, now) -> updateSecretHint());
        selected.addListener((obs, old, now) -> {
            if (now != null) {
                edit(now);
            }
        });
        canRemove.bind(selected.isNotNull().and(working.not()));
        newEngine();
        refresh();
    }

    /** Re-reads the saved engines in the background, keeping the selection. */
    public void refresh() {
        refresh(null);
    }

    /** As above, then shows {@code status} (selecting an engine clears the messages). */
    private void refresh(String status) {
        String keep = original;
        tasks.submit(BackgroundTask.of("list search engines", Lane.IO, (p, c) -> engines.list())
                .onSuccess(list -> {
                    rows.setAll(list);
                    if (keep != null) {
                        select(keep);
                    }
                    if (status != null) {
                        statusText.set(status);
                    }
                })
                .onFailure(e -> formError.set("Could not read the saved search engines: " + message(e))));
    }

    /** Selects (and opens in the form) the engine called {@code engineName}, or nothing. */
    public void select(String engineName) {
        selected.set(rows.stream().filter(r -> r.name().equalsIgnoreCase(engineName)).findFirst().orElse(null));
    }

    /** Clears the form for a new engine (Solr, the usual field names, no auth). */
    public void newEngine() {
        original = null;
        selected.set(null);
        formTitle.set("New search engine");
        SearchEngineKindInfo solr = kinds.get(0);
        kind.set(null);
        kind.set(solr);
        name.set(uniqueName(solr.displayName()));
        baseUrl.set("http://localhost:8983/solr");
        target.set("");
        titleField.set("title");
        textField.set("text");
        depth.set("100");
        timeout.set("30");
        auth.set(AuthChoice.NONE);
        username.set("");
        secretEnv.set("");
        secret.set("");
        clearMessages();
        updateSecretHint();
    }

    private void edit(SearchEngineEntry e) {
        original = e.name();
        formTitle.set("Edit \"" + e.name() + "\"");
        kind.set(kinds.stream().filter(k -> k.id().equals(e.kind())).findFirst().orElse(kinds.get(0)));
        name.set(e.name());
        baseUrl.set(e.baseUrl());
        target.set(e.target());
        template.set(e.template());
        idField.set(e.idField());
        titleField.set(e.titleField());
        textField.set(e.textField());
        depth.set(Integer.toString(e.depth()));
        timeout.set(Integer.toString(e.timeoutSeconds()));
        auth.set(AuthChoice.byId(e.auth()));
        username.set(e.username());
        secretEnv.set(e.secretEnv());
        secret.set("");
        clearMessages();
        updateSecretHint();
    }

    /** Checks the form and saves it in the background; problems show under the form, naming the field. */
    public void save() {
        SearchEngineDraft draft = draft();
        if (draft == null) {
            return;
        }
        String replacing = original;
        working.set(true);
        formError.set("");
        tasks.submit(BackgroundTask.of("save search engine", Lane.IO, (p, c) -> engines.save(draft, replacing))
                .onSuccess(saved -> {
                    original = saved.name();
                    secret.set("");
                    refresh("Saved \"" + saved.name() + "\" in " + engines.file().getFileName() + ".");
                })
                .onFailure(e -> formError.set(message(e)))
                .always(() -> working.set(false)));
    }

    /** Removes the selected engine (and its stored secret) in the background. */
    public void remove() {
        SearchEngineEntry e = selected.get();
        if (e == null) {
            return;
        }
        working.set(true);
        tasks.submit(BackgroundTask.of("remove search engine", Lane.IO, (p, c) -> engines.remove(e.name()))
                .onSuccess(removed -> {
                    newEngine();
                    refresh("Removed \"" + e.name() + "\".");
                })
                .onFailure(ex -> formError.set(message(ex)))
                .always(() -> working.set(false)));
    }

    /**
     * Sends the test query with what the form holds now (saved or not) in the background and shows the first hits,
     * or the engine's error. A second click while one runs cancels it.
     */
    public void testConnection() {
        if (testing.get() && runningTest != null) {
            runningTest.cancel();
            return;
        }
        SearchEngineDraft draft = draft();
        if (draft == null) {
            return;
        }
        String editing = original;
        String query = testQuery.get();
        testHits.clear();
        formError.set("");
        statusText.set("Asking " + draft.baseUrl() + " …");
        testing.set(true);
        runningTest = tasks.submit(BackgroundTask.of("test search engine", Lane.IO,
                        (p, c) -> engines.test(draft, editing, query, c))
                .onSuccess(result -> {
                    testHits.setAll(result.hits());
                    statusText.set(result.summary());
                })
                .onFailure(e -> {
                    statusText.set("");
                    formError.set(message(e));
                })
                .onCancelled(() -> statusText.set("Test cancelled."))
                .always(() -> testing.set(false)));
    }

    /** The form as a draft, or null (with the reason shown) when a number field is not a number. */
    private SearchEngineDraft draft() {
        Integer d = number("Depth", depth.get());
        Integer t = number("Timeout", timeout.get());
        if (d == null || t == null) {
            return null;
        }
        SearchEngineKindInfo k = kind.get();
        return new SearchEngineDraft(name.get(), k == null ? "" : k.id(), baseUrl.get(), target.get(),
                template.get(), idField.get(), titleField.get(), textField.get(), d, auth.get().id(), username.get(),
                auth.get() == AuthChoice.NONE ? "" : secretEnv.get(), secret.get(), t);
    }

    private Integer number(String field, String text) {
        String s = text == null ? "" : text.strip();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            formError.set(field + ": \"" + s + "\" is not a whole number");
            return null;
        }
    }

    private void kindChanged(SearchEngineKindInfo old, SearchEngineKindInfo now) {
        if (now == null) {
            return;
        }
        targetLabel.set(Character.toUpperCase(now.targetLabel().charAt(0)) + now.targetLabel().substring(1));
        templateHint.set(now.templateHint());
        // A template or id field still at the old kind's default follows the new kind.
        if (old == null || template.get().isBlank() || template.get().equals(old.defaultTemplate())) {
            template.set(now.defaultTemplate());
        }
        if (old == null || idField.get().isBlank() || idField.get().equals(old.defaultIdField())) {
            idField.set(now.defaultIdField());
        }
        if (original == null && old != null && name.get().equals(uniqueName(old.displayName()))) {
            name.set(uniqueName(now.displayName()));
        }
        if (old != null && baseUrl.get().equals("http://localhost:8983/solr") && !now.id().equals("solr")) {
            baseUrl.set("http://localhost:9200");
        } else if (old != null && baseUrl.get().equals("http://localhost:9200") && now.id().equals("solr")) {
            baseUrl.set("http://localhost:8983/solr");
        }
        updateSecretHint();
    }

    private void updateSecretHint() {
        SearchEngineEntry e = selected.get();
        String stored = e != null && e.secretStatus().equals("stored") ? "A secret is stored; leave the field empty "
                + "to keep it. " : "";
        String where = switch (auth.get() == null ? AuthChoice.NONE : auth.get()) {
            case NONE -> "";
            case BASIC -> "The password goes to the key store, never to the config file.";
            case API_KEY -> kind.get() != null && kind.get().id().equals("elasticsearch")
                    ? "Sent as \"Authorization: ApiKey …\" (the encoded key Elasticsearch shows)."
                    : kind.get() != null && kind.get().id().equals("opensearch")
                    ? "OpenSearch takes it as basic auth with the user above." : "Sent as a Bearer token.";
        };
        secretHint.set(auth.get() == AuthChoice.NONE ? "" : stored + where);
    }

    private String uniqueName(String base) {
        String candidate = base;
        for (int i = 2; nameTaken(candidate); i++) {
            candidate = base + " " + i;
        }
        return candidate;
    }

    private boolean nameTaken(String candidate) {
        return rows.stream().anyMatch(r -> r.name().equalsIgnoreCase(candidate));
    }

    private void clearMessages() {
        formError.set("");
        statusText.set("");
        testHits.clear();
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    // ---- what the view binds ---------------------------------------------------------------------------------

    public ObservableList<SearchEngineEntry> rows() {
        return readOnlyRows;
    }

    public List<SearchEngineKindInfo> kinds() {
        return List.copyOf(kinds);
    }

    public ObjectProperty<SearchEngineEntry> selectedProperty() {
        return selected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<SearchEngineKindInfo> kindProperty() {
        return kind;
    }

    public StringProperty baseUrlProperty() {
        return baseUrl;
    }

    public StringProperty targetProperty() {
        return target;
    }

    public StringProperty templateProperty() {
        return template;
    }

    public StringProperty idFieldProperty() {
        return idField;
    }

    public StringProperty titleFieldProperty() {
        return titleField;
    }

    public StringProperty textFieldProperty() {
        return textField;
    }

    public StringProperty depthProperty() {
        return depth;
    }

    public StringProperty timeoutProperty() {
        return timeout;
    }

    public ObjectProperty<AuthChoice> authProperty() {
        return auth;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty secretEnvProperty() {
        return secretEnv;
    }

    public StringProperty secretProperty() {
        return secret;
    }

    public StringProperty testQueryProperty() {
        return testQuery;
    }

    public ReadOnlyStringProperty targetLabelProperty() {
        return targetLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty templateHintProperty() {
        return templateHint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty secretHintProperty() {
        return secretHint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty formTitleProperty() {
        return formTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty formErrorProperty() {
        return formError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRemoveProperty() {
        return canRemove.getReadOnlyProperty();
    }

    /** Whether the auth fields (user, secret) apply. */
    public ObservableValue<Boolean> authUsed() {
        return Bindings.createBooleanBinding(() -> auth.get() != AuthChoice.NONE, auth);
    }

    public ObservableList<SearchEngineTestResult.Hit> testHits() {
        return testHits;
    }
}
