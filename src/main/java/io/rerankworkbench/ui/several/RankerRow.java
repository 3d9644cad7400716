package io.rerankworkbench.ui.several;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One ranker of the several-rankers dialog: whether it is chosen (the only field the user writes), and once a run
 * starts its progress and status ("queued", "running: query 2 of 10", "done: 10 runs kept", "failed: …").
 */
public final class RankerRow {

    /** Where a row is; the view shows it as a style class. */
    public enum State { IDLE, QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    private final String name;
    private final String kind;
    private final boolean paid;
    private final BooleanProperty chosen = new SimpleBooleanProperty(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    /** What a paid endpoint would bill over the chosen queries; empty otherwise. */
    private String estimate = "";

    RankerRow(String name, String kind, boolean paid) {
        this.name = name;
        this.kind = kind;
        this.paid = paid;
    }

    public String name() {
        return name;
    }

    /** "local model", "endpoint" or "paid endpoint". */
    public String kind() {
        return kind;
    }

    public boolean paid() {
        return paid;
    }

    public BooleanProperty chosenProperty() {
        return chosen;
    }

    /** 0 to 1 while queued or running and after; the view draws a bar. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    String estimate() {
        return estimate;
    }

    /** Before a run: the estimate of a paid endpoint is the row's status. */
    void estimate(String text) {
        estimate = text == null ? "" : text;
        if (state.get() == State.IDLE) {
            status.set(estimate);
        }
    }

    void show(State s, double fraction, String text) {
        state.set(s);
        progress.set(fraction);
        status.set(text);
    }

    /** Back to before any run: no progress, the estimate as status. */
    void reset() {
        show(State.IDLE, 0, estimate);
    }
}
