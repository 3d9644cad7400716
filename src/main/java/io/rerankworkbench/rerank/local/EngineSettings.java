package io.rerankworkbench.rerank.local;

/**
 * Knobs of the local engine.
 *
 * @param batchSize       at most this many texts per inference call
 * @param batchTokens     at most this many tokens (padding included) per inference call, unless one text is longer
 * @param intraOpThreads  threads ONNX Runtime uses inside one operator
 * @param parallelBatches batches run at the same time (each on its own thread), when the engine has workers
 * @param cacheBytes      memory the embedding and score caches may hold together
 */
public record EngineSettings(int batchSize, int batchTokens, int intraOpThreads, int parallelBatches,
                             long cacheBytes) {

    private static final int CORES = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** All cores busy inside each operator, one batch at a time: the app's setting. */
    public static final EngineSettings DEFAULT = new EngineSettings(32, 2048, CORES, 1, 256L << 20);

    /**
     * One batch per core, each on one thread (the caller supplies worker threads). On a 2-core machine this ran
     * 1,000 long documents up to ~15 % faster than {@link #DEFAULT}, but short lists (a few batches) about half as
     * fast, so the app keeps {@link #DEFAULT}; bulk jobs may choose this.
     */
    public static final EngineSettings PARALLEL = new EngineSettings(32, 2048, 1, CORES, 256L << 20);

    /**
     * {@link #DEFAULT}, with batch size, tokens per batch and intra-op threads overridden by the system properties
     * {@code rwb.batchSize}, {@code rwb.batchTokens}, {@code rwb.threads} or the environment variables
     * {@code RWB_BATCH_SIZE}, {@code RWB_BATCH_TOKENS}, {@code RWB_THREADS}.
     *
     * @throws IllegalArgumentException naming the setting when a value is not a valid number
     */
    public static EngineSettings configured() {
        return new EngineSettings(
                setting("rwb.batchSize", "RWB_BATCH_SIZE", DEFAULT.batchSize()),
                setting("rwb.batchTokens", "RWB_BATCH_TOKENS", DEFAULT.batchTokens()),
                setting("rwb.threads", "RWB_THREADS", DEFAULT.intraOpThreads()),
                1, DEFAULT.cacheBytes());
    }

    private static int setting(String property, String variable, int fallback) {
        String value = System.getProperty(property);
        String source = property;
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
            source = variable;
        }
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " must be a whole number, was \"" + value + "\"");
        }
    }

    public EngineSettings {
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("batch size must be 1..1024, was " + batchSize);
        }
        if (batchTokens < 1) {
            throw new IllegalArgumentException("batch tokens must be >= 1, was " + batchTokens);
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intra-op threads must be >= 1, was " + intraOpThreads);
        }
        if (parallelBatches < 1) {
            throw new IllegalArgumentException("parallel batches must be >= 1, was " + parallelBatches);
        }
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("cache size must be >= 0");
        }
    }
}
