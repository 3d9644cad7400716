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

    /** Runs {@code call} on the FX thread and waits (up to 120 s) for its result. */
    static <T> T onFx(java.util.concurrent.Callable<T> call) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(call.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(120, TimeUnit.SECONDS);
    }

    /**
     * Posts a no-op to the FX thread every 5 ms and keeps the longest time one waited to run: the longest the window
     * could not answer a click or paint a frame.
     */
    static final class Pinger {
        private final java.util.concurrent.atomic.AtomicLong longest = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicInteger over50 = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean running;

        void start() {
            running = true;
            Thread thread = new Thread(() -> {
                while (running) {
                    long posted = System.nanoTime();
                    CompletableFuture<Void> ran = new CompletableFuture<>();
                    Platform.runLater(() -> {
                        long waited = System.nanoTime() - posted;
                        longest.accumulateAndGet(waited, Math::max);
                        if (waited > 50_000_000L) {
                            over50.incrementAndGet();
                        }
                        ran.complete(null);
                    });
                    try {
                        ran.get(60, TimeUnit.SECONDS);
                        Thread.sleep(5);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "fx-pinger");
            thread.setDaemon(true);
            thread.start();
        }

        void reset() {
            longest.set(0);
            over50.set(0);
        }

        /** How many pings waited more than 50 ms (what the pulse logger's 50 ms threshold would print) since reset. */
        int over50() {
            return over50.get();
        }

        /** The longest wait since the last reset, in nanoseconds. */
        long longest() {
            return longest.get();
        }

        void stop() {
            running = false;
        }
    }
}
