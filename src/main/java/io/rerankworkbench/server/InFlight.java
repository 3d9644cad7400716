package io.rerankworkbench.server;

import java.time.Duration;

/** Counts running requests so the server can stop taking new ones and wait for the running ones. Thread-safe. */
final class InFlight {

    private int running;
    private boolean draining;

    /** Admits a request; false once draining has begun. Every admitted request must call {@link #exit()}. */
    synchronized boolean enter() {
        if (draining) {
            return false;
        }
        running++;
        return true;
    }

    synchronized void exit() {
        running--;
        if (running == 0) {
            notifyAll();
        }
    }

    /**
     * Admits no more requests and waits up to {@code grace} for the running ones.
     *
     * @return whether none is running any more
     */
    synchronized boolean drain(Duration grace) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            long millis = Math.max(1, left / 1_000_000);
            wait(millis);
        }
        return true;
    }
}
