package io.rerankworkbench.rerank.local;

/**
 * Knobs of the local engine.
 *
 * @param batchSize       at most this many texts per inference call
 * @param intraOpThreads  threads ONNX Runtime uses inside one operator (default: all cores)
 * @param cacheBytes      memory the embedding and score caches may hold together
 */
public record EngineSettings(int batchSize, int intraOpThreads, long cacheBytes) {

    public static final EngineSettings DEFAULT = new EngineSettings(32,
            Math.max(1, Runtime.getRuntime().availableProcessors()), 256L << 20);

    public EngineSettings {
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("batch size must be 1..1024, was " + batchSize);
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intra-op threads must be >= 1, was " + intraOpThreads);
        }
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("cache size must be >= 0");
        }
    }
}
