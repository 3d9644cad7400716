package io.rerankworkbench.cli;

import io.rerankworkbench.rerank.ProgressListener;

import java.io.PrintStream;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for stderr: {@code Scoring [##########..........] 512/1000 documents}.
 *
 * <p>Short runs stay silent: nothing is written during the first two seconds, so a quick command's stderr holds
 * only errors. After that the line is redrawn in place with {@code \r}, at most ten times a second (a terminal
 * redrawn on every batch only slows the run), and {@link #finish()} ends it with a newline. Stdout is never touched,
 * so piping results elsewhere stays clean.
 *
 * <p>Thread-safe: rankers call {@link #progress} on their worker thread.
 */
public final class StderrProgress implements ProgressListener {

    static final long QUIET_NANOS = 2_000_000_000L;
    static final long MIN_INTERVAL_NANOS = 100_000_000L;
    static final int BAR_WIDTH = 20;

    private final PrintStream err;
    private final LongSupplier nanoClock;
    private final String label;
    private final long started;

    private long lastDone = -1;
    private long lastTotal;
    private boolean showing;
    private boolean latestDrawn;
    private long lastDrawNanos;
    private int lastWidth;

    /**
     * @param err       where the bar goes
     * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime}; tests pass a fake)
     * @param label     the word before the bar, e.g. {@code Scoring}
     */
    public StderrProgress(PrintStream err, LongSupplier nanoClock, String label) {
        this.err = Objects.requireNonNull(err, "err");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.label = Objects.requireNonNull(label, "label");
        this.started = nanoClock.getAsLong();
    }

    @Override
    public synchronized void progress(long done, long total) {
        lastDone = done;
        lastTotal = total;
        latestDrawn = false;
        long now = nanoClock.getAsLong();
        if (now - started < QUIET_NANOS) {
            return;
        }
        boolean complete = total > 0 && done >= total;
        if (showing && !complete && now - lastDrawNanos < MIN_INTERVAL_NANOS) {
            return;
        }
        draw(now);
    }

    /** Ends the line if a bar was shown, drawing the latest state first. Call once, when the work has ended. */
    public synchronized void finish() {
        if (!showing) {
            return;
        }
        if (!latestDrawn) {
            draw(nanoClock.getAsLong());
        }
        err.print('\n');
        err.flush();
        showing = false;
    }

    /** The bar for a state, without the leading carriage return. */
    static String render(String label, long done, long total) {
        long clamped = Math.max(0, Math.min(done, total));
        int filled = total <= 0 ? 0 : (int) (clamped * BAR_WIDTH / total);
        return label + " [" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + done + "/" + total
                + " documents";
    }

    private void draw(long now) {
        String line = render(label, lastDone, lastTotal);
        // Pad over leftovers of a longer previous line; the line normally only grows, but be safe.
        String padding = " ".repeat(Math.max(0, lastWidth - line.length()));
        err.print('\r' + line + padding);
        err.flush();
        lastWidth = line.length();
        lastDrawNanos = now;
        showing = true;
        latestDrawn = true;
    }
}
