package io.rerankworkbench.rerank.local;

import io.rerankworkbench.rerank.ModelKind;
import io.rerankworkbench.rerank.Reranker;

/** Loads a local model and wraps it in the ranker its graph calls for. */
public final class LocalRerankers {

    private LocalRerankers() {
    }

    /**
     * Loads {@code files} and returns a bi-encoder or cross-encoder ranker. Blocks while loading.
     *
     * @throws io.rerankworkbench.rerank.ModelLoadException when the model cannot be loaded
     */
    public static Reranker open(ModelFiles files, EngineSettings settings, EngineCache cache) {
        return open(files, settings, cache, null);
    }

    /** As above, running batches in parallel with the help of {@code workers} (owned by the caller; may be null). */
    public static Reranker open(ModelFiles files, EngineSettings settings, EngineCache cache,
                                java.util.concurrent.Executor workers) {
        LocalModel model = LocalModel.load(files, settings, workers);
        return model.kind() == ModelKind.BI_ENCODER
                ? new BiEncoderReranker(model, cache)
                : new CrossEncoderReranker(model, cache);
    }

    /** The loaded model behind a local ranker, for its description and explanations. */
    public static LocalModel modelOf(Reranker reranker) {
        if (reranker instanceof BiEncoderReranker b) {
            return b.localModel();
        }
        if (reranker instanceof CrossEncoderReranker c) {
            return c.localModel();
        }
        throw new IllegalArgumentException(reranker.model() + " is not a local model");
    }
}
