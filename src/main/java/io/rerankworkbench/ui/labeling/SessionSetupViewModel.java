package io.rerankworkbench.ui.labeling;

import io.rerankworkbench.eval.GradeScale;
import io.rerankworkbench.store.LabelingSession;
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

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The "Start labeling session" form: name, annotator, scale (a built-in, or custom levels typed as comma-separated
 * names), blind (on by default), or an existing session to resume. Validation lives here; the view only shows it.
 */
public final class SessionSetupViewModel {

    private final StringProperty name = new SimpleStringProperty("Labeling " + LocalDate.now());
    private final StringProperty annotator = new SimpleStringProperty("");
    private final ObjectProperty<ScaleChoice> scaleChoice = new SimpleObjectProperty<>(ScaleChoice.GRADED_0_3);
    private final StringProperty customLevels = new SimpleStringProperty("off topic, partly, on topic");
    private final BooleanProperty customOrdinal = new SimpleBooleanProperty(true);
    private final BooleanProperty blind = new SimpleBooleanProperty(true);
    private final ObservableList<LabelingSession> sessions = FXCollections.observableArrayList();
    private final ObservableList<LabelingSession> sessionsView = FXCollections.unmodifiableObservableList(sessions);
    private final ObjectProperty<LabelingSession> resumeChoice = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper scalePreview = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper startAllowed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper resumeAllowed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    SessionSetupViewModel() {
        Runnable check = this::validate;
        name.addListener((o, a, b) -> check.run());
        scaleChoice.addListener((o, a, b) -> check.run());
        customLevels.addListener((o, a, b) -> check.run());
        customOrdinal.addListener((o, a, b) -> check.run());
        busy.addListener((o, a, b) -> check.run());
        resumeAllowed.bind(Bindings.createBooleanBinding(() -> resumeChoice.get() != null && !busy.get(),
                resumeChoice, busy));
        validate();
    }

    private void validate() {
        String why = "";
        String preview = "";
        if (name.get() == null || name.get().isBlank()) {
            why = "Give the session a name.";
        }
        try {
            GradeScale scale = scale();
            preview = String.join("   ", scale.levels().stream().map(l -> l.grade() + " " + l.label()).toList());
        } catch (IllegalArgumentException e) {
            why = why.isEmpty() ? "Levels: " + e.getMessage() + "." : why;
        }
        problem.set(why);
        scalePreview.set(preview);
        startAllowed.set(why.isEmpty() && !busy.get());
    }

    /**
     * The chosen scale.
     *
     * @throws IllegalArgumentException when the custom levels do not make a scale
     */
    public GradeScale scale() {
        ScaleChoice choice = scaleChoice.get() == null ? ScaleChoice.GRADED_0_3 : scaleChoice.get();
        if (choice != ScaleChoice.CUSTOM) {
            return choice.scale();
        }
        String text = customLevels.get() == null ? "" : customLevels.get();
        List<String> labels = text.isBlank() ? List.of() : Arrays.stream(text.split(",", -1)).toList();
        return GradeScale.custom("custom", customOrdinal.get(), labels);
    }

    void setSessions(List<LabelingSession> existing) {
        sessions.setAll(existing);
        resumeChoice.set(existing.isEmpty() ? null : existing.get(existing.size() - 1));
    }

    void setBusy(boolean value) {
        busy.set(value);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty annotatorProperty() {
        return annotator;
    }

    public ObjectProperty<ScaleChoice> scaleChoiceProperty() {
        return scaleChoice;
    }

    /** Comma-separated level names of a custom scale, lowest grade first. */
    public StringProperty customLevelsProperty() {
        return customLevels;
    }

    public BooleanProperty customOrdinalProperty() {
        return customOrdinal;
    }

    /** Hide scores, ranker order and original ranks (default on). */
    public BooleanProperty blindProperty() {
        return blind;
    }

    /** The project's existing sessions, oldest first. */
    public ObservableList<LabelingSession> sessions() {
        return sessionsView;
    }

    public ObjectProperty<LabelingSession> resumeChoiceProperty() {
        return resumeChoice;
    }

    /** Why the form cannot start a session, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The levels with their digit keys, e.g. "0 bad   1 fair …". */
    public ReadOnlyStringProperty scalePreviewProperty() {
        return scalePreview.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty startAllowedProperty() {
        return startAllowed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty resumeAllowedProperty() {
        return resumeAllowed.getReadOnlyProperty();
    }
}
