package io.rerankworkbench.app;

import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.local.BiEncoderModel;
import io.rerankworkbench.rerank.local.BiEncoderReranker;
import io.rerankworkbench.rerank.local.LocalModelSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rankers the workbench offers and the loaded instances of them. Loading is slow (seconds) and blocks; run it
 * on the inference lane. Loaded rankers are kept until {@link #close()}.
 */
public final class RankerService implements AutoCloseable {

    private final List<LocalModelSpec> bundled = List.of(LocalModelSpec.ALL_MINILM_L6_V2);
    private final Map<String, Reranker> loaded = new ConcurrentHashMap<>();

    /** The bundled models, the default first. */
    public List<LocalModelSpec> bundledModels() {
        return bundled;
    }

    public LocalModelSpec defaultModel() {
        return bundled.get(0);
    }

    public Optional<LocalModelSpec> findModel(String name) {
        return bundled.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * The ranker for a model, loading it on first use. Blocks while loading.
     *
     * @throws io.rerankworkbench.rerank.ModelLoadException when the model cannot be loaded
     */
    public Reranker open(LocalModelSpec spec) {
        return loaded.computeIfAbsent(spec.name(), name -> new BiEncoderReranker(BiEncoderModel.load(spec)));
    }

    @Override
    public void close() {
        loaded.values().forEach(Reranker::close);
        loaded.clear();
    }
}
