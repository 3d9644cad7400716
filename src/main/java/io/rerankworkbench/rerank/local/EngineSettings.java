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
