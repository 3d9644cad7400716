package io.rerankworkbench.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns SIGTERM and SIGINT (Ctrl+C) into a call of {@code stop} while a long-running command serves, so it can end
 * normally and exit 0. Left to the JVM, these signals run the shutdown hooks and end the process with 143 or 130
 * whatever the command does. Uses {@code sun.misc.Signal} (module jdk.unsupported), the JDK's only signal API; where
 * a signal cannot be handled (e.g. {@code -Xrs}) the JVM's own handling and the command's shutdown hook remain.
 */
final class StopSignals {

    private static final System.Logger LOG = System.getLogger(StopSignals.class.getName());
    private static final String[] NAMES = {"TERM", "INT"};

    private final Map<Signal, SignalHandler> previous;

    private StopSignals(Map<Signal, SignalHandler> previous) {
        this.previous = previous;
    }

    static StopSignals install(Runnable stop) {
        Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                previous.put(signal, Signal.handle(signal, s -> stop.run()));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.log(Level.DEBUG, () -> "SIG" + name + " is left to the JVM: " + e.getMessage());
            }
        }
        return new StopSignals(previous);
    }

    /** Gives the signals back to whoever handled them before. */
    void restore() {
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException e) {
                LOG.log(Level.DEBUG, () -> "Could not restore SIG" + signal.getName() + ": " + e.getMessage());
            }
        });
    }
}
