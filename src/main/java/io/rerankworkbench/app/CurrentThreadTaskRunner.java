package io.rerankworkbench.app;

import java.util.Map;

/**
 * Runs each task to completion on the calling thread, callbacks included, before {@code submit} returns. Used by the
 * command line, where there is no UI thread to keep free, and by view-model tests, which then need no toolkit and
 * no waiting.
 */
public final class CurrentThreadTaskRunner extends ExecutorTaskRunner {

    public CurrentThreadTaskRunner() {
        super(Map.of(Lane.INFERENCE, Runnable::run, Lane.IO, Runnable::run), Runnable::run);
    }
}
