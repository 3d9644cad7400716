package io.rerankworkbench.app;

import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A unit of background work and what to do with its outcome. A {@link TaskRunner} runs {@link #work()} on a worker
 * thread and calls the callbacks on its delivery thread (the JavaFX thread in the app), so callers never hand values
 * between threads themselves. Exactly one of success, failure or cancelled is called, then {@code always}.
 *
 * @param <T> the result type
 */
public final class BackgroundTask<T> {

    /** The work itself. Runs on a worker thread; reports progress and polls the token between units. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ProgressListener progress, CancellationToken cancel) throws Exception;
    }

    private final String name;
    private final Lane lane;
    private final Work<T> work;
    private Consumer<? super T> onSuccess = r -> { };
    private Consumer<Throwable> onFailure = e -> { };
    private Runnable onCancelled = () -> { };
    private ProgressListener onProgress = ProgressListener.NONE;
    private Runnable always = () -> { };

    private BackgroundTask(String name, Lane lane, Work<T> work) {
        this.name = Objects.requireNonNull(name, "name");
        this.lane = Objects.requireNonNull(lane, "lane");
        this.work = Objects.requireNonNull(work, "work");
    }

    public static <T> BackgroundTask<T> of(String name, Lane lane, Work<T> work) {
        return new BackgroundTask<>(name, lane, work);
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> callback) {
        this.onSuccess = Objects.requireNonNull(callback);
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<Throwable> callback) {
        this.onFailure = Objects.requireNonNull(callback);
        return this;
    }

    public BackgroundTask<T> onCancelled(Runnable callback) {
        this.onCancelled = Objects.requireNonNull(callback);
        return this;
    }

    /** Progress callback; the runner may drop intermediate values but always delivers the latest one. */
    public BackgroundTask<T> onProgress(ProgressListener callback) {
        this.onProgress = Objects.requireNonNull(callback);
        return this;
    }

    /** Runs after whichever outcome callback was called. */
    public BackgroundTask<T> always(Runnable callback) {
        this.always = Objects.requireNonNull(callback);
        return this;
    }

    public String name() {
        return name;
    }

    public Lane lane() {
        return lane;
    }

    Work<T> work() {
        return work;
    }

    void succeeded(T result) {
        try {
            onSuccess.accept(result);
        } finally {
            always.run();
        }
    }

    void failed(Throwable error) {
        try {
            onFailure.accept(error);
        } finally {
            always.run();
        }
    }

    void cancelled() {
        try {
            onCancelled.run();
        } finally {
            always.run();
        }
    }

    void progressed(long done, long total) {
        onProgress.progress(done, total);
    }
}
