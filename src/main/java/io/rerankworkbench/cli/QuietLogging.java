package io.rerankworkbench.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Raises the root java.util.logging level to WARNING while a subcommand runs. ONNX Runtime, DJL (through
 * slf4j-jdk14) and the app log INFO lines while a model loads; on a command line those would mix with the
 * command's own stderr messages. Closing restores the previous level, so tests running many commands in one JVM
 * see no lasting change.
 */
final class QuietLogging implements AutoCloseable {

    private final Logger root = Logger.getLogger("");
    private final Level previous;

    private QuietLogging() {
        previous = root.getLevel();
        Level current = previous == null ? Level.INFO : previous;
        if (current.intValue() < Level.WARNING.intValue()) {
            root.setLevel(Level.WARNING);
        }
    }

    static QuietLogging enable() {
        return new QuietLogging();
    }

    @Override
    public void close() {
        root.setLevel(previous);
    }
}
