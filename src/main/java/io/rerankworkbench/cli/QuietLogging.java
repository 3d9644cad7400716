package io.rerankworkbench.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Raises the root java.util.logging level to WARNING while a subcommand runs. ONNX Runtime, DJL (through
 * slf4j-jdk14) and the app log INFO lines while a model loads; on a command line those would mix with the
 * command's own stderr messages. DJL's warning that it found no CUDA driver (harmless: the app runs on the CPU) is
 * muted too. Closing restores the previous levels, so tests running many commands in one JVM see no lasting change.
 */
final class QuietLogging implements AutoCloseable {

    private static final String CUDA_PROBE = "ai.djl.util.cuda.CudaUtils";

    private final Logger root = Logger.getLogger("");
    // Held strongly: java.util.logging keeps loggers weakly, and a collected logger would forget its level.
    private final Logger cudaProbe = Logger.getLogger(CUDA_PROBE);
    private final Level previous;
    private final Level previousCudaProbe;

    private QuietLogging() {
        previous = root.getLevel();
        previousCudaProbe = cudaProbe.getLevel();
        cudaProbe.setLevel(Level.SEVERE);
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
        cudaProbe.setLevel(previousCudaProbe);
    }
}
