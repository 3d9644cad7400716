package io.rerankworkbench.bench;

import javafx.application.Platform;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Starts JavaFX for a drawing benchmark: headless Monocle with software rendering, or the real display. */
final class BenchToolkit {

    private BenchToolkit() {
    }

    /**
     * @param mode {@code monocle} (headless, software rendering, as the UI tests run) or {@code display}
     * @throws IllegalArgumentException for another mode
     */
    static void start(String mode) throws Exception {
        if (mode.equals("monocle")) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
        } else if (!mode.equals("display")) {
            throw new IllegalArgumentException("mode must be monocle or display, not " + mode);
        }
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
    }
}
