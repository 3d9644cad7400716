package io.rerankworkbench.ui.common;

import io.rerankworkbench.app.ExecutorTaskRunner;
import io.rerankworkbench.app.Lane;
import javafx.application.Platform;

import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The app's task runner: work runs on the owned executors, every callback arrives on the JavaFX thread. The only
 * place besides {@link FxDialogService} that hands work to the FX thread, so feature code never calls
 * {@code Platform.runLater}.
 */
public final class FxTaskRunner extends ExecutorTaskRunner {

    public FxTaskRunner(Map<Lane, ? extends Executor> lanes) {
        super(lanes, Platform::runLater);
    }
}
