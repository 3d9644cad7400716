package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.server.RerankServer;
import io.rerankworkbench.server.ServerConfig;
import io.rerankworkbench.ui.common.DialogService;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.net.BindException;

/**
 * The "Serve over HTTP" switch: runs the Cohere-compatible server over the local model library on 127.0.0.1 while
 * it is on. Starting (the model may load) and stopping happen on the IO lane.
 */
public final class ServerToggleViewModel {

    /** Starts a server; a seam for tests. */
    @FunctionalInterface
    public interface Starter {
        Running start(String defaultModel) throws Exception;
    }

    /** A running server. */
    public interface Running extends AutoCloseable {
        String address();

        @Override
        void close();
    }

    private final TaskRunner tasks;
    private final RankerService rankers;
    private final DialogService dialogs;
    private final Starter starter;
    private final ReadOnlyBooleanWrapper serving = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private Running running;

    public ServerToggleViewModel(TaskRunner tasks, RankerService rankers, DialogService dialogs, Starter starter) {
        this.tasks = tasks;
        this.rankers = rankers;
        this.dialogs = dialogs;
        this.starter = starter;
    }

    /** The real server on 127.0.0.1, port 8089 (or {@code port}). */
    public static Starter localServer(RankerService rankers, int port) {
        return model -> {
            RerankServer server = RerankServer.start(rankers, model, ServerConfig.defaults().withPort(port));
            return new Running() {
                @Override
                public String address() {
                    return server.baseUri().toString();
                }

                @Override
                public void close() {
                    server.close();
                }
            };
        };
    }

    /** Starts the server when it is off, stops it when it is on. */
    public void toggle() {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        if (running == null) {
            String model = rankers.defaultModelName();
            status.set("Starting the server…");
            tasks.submit(BackgroundTask.of("start server", Lane.IO, (p, c) -> starter.start(model))
                    .onSuccess(server -> {
                        running = server;
                        serving.set(true);
                        status.set("Serving local models (default " + model + ") at " + server.address());
                    })
                    .onFailure(e -> {
                        status.set("");
                        String reason = e instanceof BindException || e.getCause() instanceof BindException
                                ? "The port is already in use (is another copy of the workbench serving?)"
                                : WorkbenchViewModel.userMessage(e);
                        dialogs.showError("Could not start the server", reason, e);
                    })
                    .always(() -> busy.set(false)));
        } else {
            Running server = running;
            running = null;
            tasks.submit(BackgroundTask.of("stop server", Lane.IO, (p, c) -> {
                        server.close();
                        return server;
                    })
                    .always(() -> {
                        serving.set(false);
                        status.set("");
                        busy.set(false);
                    }));
        }
    }

    /** Stops a running server; for the application's shutdown (blocks briefly). */
    public void shutdown() {
        Running server = running;
        running = null;
        if (server != null) {
            server.close();
        }
    }

    public ReadOnlyBooleanProperty servingProperty() {
        return serving.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** "Serving … at http://127.0.0.1:8089", or empty. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
