package io.rerankworkbench.app;

import io.rerankworkbench.rerank.CancelledException;

import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs tasks on per-lane executors and delivers callbacks through a delivery executor (the JavaFX thread in the app;
 * see {@code FxTaskRunner}). Progress is coalesced: while one update waits for delivery, newer values replace it, so
 * a fast producer cannot flood the delivery thread.
 */
public class ExecutorTaskRunner implements TaskRunner {

    private static final System.Logger LOG = System.getLogger(ExecutorTaskRunner.class.getName());

    private final Map<Lane, Executor> lanes;
    private final Executor delivery;

    public ExecutorTaskRunner(Map<Lane, ? extends Executor> lanes, Executor delivery) {
        this.lanes = new EnumMap<>(Lane.class);
        this.lanes.putAll(lanes);
        for (Lane lane : Lane.values()) {
            Objects.requireNonNull(this.lanes.get(lane), "no executor for lane " + lane);
        }
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    @Override
    public <T> TaskHandle submit(BackgroundTask<T> task) {
        Handle handle = new Handle();
        AtomicReference<long[]> pendingProgress = new AtomicReference<>();
        Runnable job = () -> {
            if (handle.isCancelled()) {
                delivery.execute(task::cancelled);
                return;
            }
            Runnable outcome;
            try {
                T result = task.work().run((done, total) -> {
                    if (pendingProgress.getAndSet(new long[]{done, total}) == null) {
                        delivery.execute(() -> {
                            long[] latest = pendingProgress.getAndSet(null);
                            if (latest != null) {
                                task.progressed(latest[0], latest[1]);
                            }
                        });
                    }
                }, handle::isCancelled);
                outcome = handle.isCancelled() ? task::cancelled : () -> task.succeeded(result);
            } catch (CancelledException e) {
                outcome = task::cancelled;
            } catch (Throwable e) {
                LOG.log(Level.WARNING, "Background task \"" + task.name() + "\" failed", e);
                delivery.execute(() -> task.failed(e));
                if (e instanceof Error err && !(e instanceof LinkageError)) {
                    throw err;
                }
                return;
            }
            // Outside the try: an exception from a callback is a bug in the callback, not a second outcome.
            delivery.execute(outcome);
        };
        try {
            lanes.get(task.lane()).execute(job);
        } catch (RejectedExecutionException e) {
            delivery.execute(() -> task.failed(new IllegalStateException("the application is shutting down", e)));
        }
        return handle;
    }

    private static final class Handle implements TaskHandle {
        private final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public void cancel() {
            cancelled.set(true);
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }
    }
}
