package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.TaskHandle;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The main window's progress area: one activity at a time — a rerank, an import, a sample being opened — with its
 * progress bar, the line under it and the task Cancel (or Esc) stops. Reranks count documents; imports count their
 * own unit. What the line says after a rerank stays until the next activity or query ({@link #clearIfIdle()}).
 */
final class WindowProgress implements TransferViewModel.Activity {

    private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.US);
    /** JavaFX's "indeterminate" progress value, without depending on a control class here. */
    private static final double INDETERMINATE = -1;

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final Consumer<String> status;
    private TaskHandle current;
    private String unit = "";

    /** @param status where the activity's one-line status goes (the status bar) */
    WindowProgress(Consumer<String> status) {
        this.status = Objects.requireNonNull(status, "status");
    }

    // ------------------------------------------------------------------------------------------------ reranks

    /** A rerank starts: the progress area counts {@code documents}. */
    void begin(String statusText, long documents) {
        running.set(true);
        progress.set(0);
        text.set("0 of " + COUNT.format(documents) + " documents");
        status.accept(statusText);
    }

    /** The rerank's task, which Cancel stops. */
    void run(TaskHandle handle) {
        current = handle;
    }

    void documents(long done, long all) {
        progress.set(all == 0 ? 0 : (double) done / all);
        text.set(COUNT.format(done) + " of " + COUNT.format(all) + " documents");
    }

    /** The rerank finished: a full bar. */
    void complete() {
        progress.set(1);
    }

    void cancelled(String statusText) {
        progress.set(0);
        text.set("Cancelled");
        status.accept(statusText);
    }

    /** A rerank is over; what its progress line says stays until the next activity or query. */
    void end() {
        running.set(false);
        current = null;
    }

    /** Another query is shown: what the line said belongs to the last run or import, unless one is running. */
    void clearIfIdle() {
        if (!running.get()) {
            progress.set(0);
            text.set("");
        }
    }

    /** Stops the running activity before its next batch. */
    void cancel() {
        TaskHandle run = current;
        if (run != null) {
            run.cancel();
            text.set("Cancelling…");
        }
    }

    boolean running() {
        return running.get();
    }

    // ---------------------------------------------------------------------------------- imports and samples

    @Override
    public boolean busy() {
        return running.get();
    }

    @Override
    public void started(String statusText, String unit) {
        this.unit = unit;
        running.set(true);
        progress.set(INDETERMINATE);
        text.set("");
        status.accept(statusText);
    }

    @Override
    public void track(TaskHandle handle) {
        if (running.get() && current == null) {
            current = handle;
        }
    }

    @Override
    public void progressed(long done, long total) {
        progress.set(total <= 0 ? INDETERMINATE : (double) done / total);
        text.set(total <= 0 ? "" : "%".equals(unit) ? Math.round(100.0 * done / total) + " %"
                : COUNT.format(done) + " of " + COUNT.format(total) + " " + unit);
    }

    @Override
    public void finished() {
        running.set(false);
        progress.set(0);
        text.set("");
        current = null;
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }
}
