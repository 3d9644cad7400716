package io.rerankworkbench.app;

/**
 * Runs {@link BackgroundTask}s. The one way feature code starts background work.
 *
 * <p>Threading contract: {@code submit} returns at once (except in {@link CurrentThreadTaskRunner}); the work runs
 * on the task's lane; every callback of the task runs on the runner's delivery thread, in order: progress updates,
 * then exactly one outcome, then {@code always}.
 */
public interface TaskRunner {

    <T> TaskHandle submit(BackgroundTask<T> task);
}
