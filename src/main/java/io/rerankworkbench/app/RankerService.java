package io.rerankworkbench.app;

import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.local.BiEncoderModel;
import io.rerankworkbench.rerank.local.BiEncoderReranker;
import io.rerankworkbench.rerank.local.LocalModelSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The rankers the workbench offers and the loaded instances of them. Loading is slow (seconds) and blocks; run it
 * on the inference lane. Loaded rankers are kept until {@link #close()}.
 */
public final class RankerService implements AutoCloseable {

    private final List<LocalModelSpec> bundled;
    private final Function<LocalModelSpec, Reranker> loader;
    private final Map<String, Reranker> loaded = new ConcurrentHashMap<>();

    /** The bundled models, loaded with ONNX Runtime. */
    public RankerService() {
        this(List.of(LocalModelSpec.ALL_MINILM_L6_V2), spec -> new BiEncoderReranker(BiEncoderModel.load(spec)));
    }

    /**
     * Models from {@code catalog}, loaded by {@code loader}; lets tests stand in a scripted ranker.
     *
     * @param catalog at least one model, the default first
     */
    public RankerService(List<LocalModelSpec> catalog, Function<LocalModelSpec, Reranker> loader) {
        if (catalog.isEmpty()) {
            throw new IllegalArgumentException("no models");
        }
        this.bundled = List.copyOf(catalog);
        this.loader = loader;
    }

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

    /** Display names of the models on offer, the default first. */
    public List<String> modelNames() {
        return bundled.stream().map(LocalModelSpec::name).toList();
    }

    /**
     * The ranker for a model given by name, loading it on first use. Blocks while loading.
     *
     * @throws io.rerankworkbench.rerank.ModelLoadException when there is no such model or it cannot be loaded
     */
    public Reranker open(String name) {
        return open(findModel(name).orElseThrow(() -> new io.rerankworkbench.rerank.ModelLoadException(
                "unknown model \"" + name + "\"; available: " + String.join(", ", modelNames()))));
    }

    /**
     * The ranker for a model, loading it on first use. Blocks while loading.
     *
     * @throws io.rerankworkbench.rerank.ModelLoadException when the model cannot be loaded
     */
    public Reranker open(LocalModelSpec spec) {
        return loaded.computeIfAbsent(spec.name(), name -> loader.apply(spec));
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Reranker r : loaded.values()) {
            try {
                r.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        loaded.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
