package io.rerankworkbench.app;

import io.rerankworkbench.rerank.ModelInfo;
import io.rerankworkbench.rerank.ModelLoadException;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.local.EngineCache;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.rerank.local.LocalRerankers;
import io.rerankworkbench.rerank.local.ModelFiles;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The model library — the bundled models and the model folders the user added — and the loaded rankers. Loading is
 * slow (seconds) and blocks: run {@link #open}, {@link #addFolder} and {@link #check} on the inference lane. Loaded
 * rankers are kept until removed or {@link #close()}d. Thread-safe.
 */
public final class RankerService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RankerService.class.getName());

    private final List<ModelFiles> bundled;
    private final List<ModelFiles> added = new CopyOnWriteArrayList<>();
    private final Function<ModelFiles, Reranker> loader;
    private final ModelLibraryStore store;
    private final Map<String, Reranker> loaded = new ConcurrentHashMap<>();
    private volatile String defaultModel;

    /** The bundled models plus the user's library from {@code store}, loaded with ONNX Runtime. */
    public RankerService(ModelLibraryStore store, EngineSettings settings) {
        this(ModelFiles.bundledModels(), store, localLoader(settings));
    }

    /**
     * A library over {@code catalog} (at least one model, the default first) whose models {@code loader} loads;
     * lets tests stand in scripted rankers.
     */
    public RankerService(List<ModelFiles> catalog, ModelLibraryStore store, Function<ModelFiles, Reranker> loader) {
        if (catalog.isEmpty()) {
            throw new IllegalArgumentException("no models");
        }
        this.bundled = List.copyOf(catalog);
        this.store = store;
        this.loader = loader;
        ModelLibraryStore.Library library = store.load();
        for (String folder : library.folders()) {
            try {
                added.add(ModelFiles.folder(Path.of(folder)));
            } catch (ModelLoadException | java.nio.file.InvalidPathException e) {
                // Keep it listed for the user to see and remove? It cannot be shown without its files; log it.
                LOG.log(Level.WARNING, "Skipping model folder from the library: " + e.getMessage());
            }
        }
        this.defaultModel = library.defaultModel() != null && find(library.defaultModel()).isPresent()
                ? find(library.defaultModel()).get().name() : bundled.get(0).name();
    }

    /** The engine loader for real models; one cache shared by all of them. */
    public static Function<ModelFiles, Reranker> localLoader(EngineSettings settings) {
        EngineCache cache = new EngineCache(settings.cacheBytes());
        return files -> LocalRerankers.open(files, settings, cache);
    }

    /** Every model on offer: the bundled ones, then the added folders. */
    public List<ModelFiles> models() {
        List<ModelFiles> all = new ArrayList<>(bundled);
        all.addAll(added);
        return all;
    }

    /** Display names of the models on offer, the default first. */
    public List<String> modelNames() {
        List<String> names = new ArrayList<>();
        names.add(defaultModel);
        for (ModelFiles m : models()) {
            if (!m.name().equals(defaultModel)) {
                names.add(m.name());
            }
        }
        return names;
    }

    public String defaultModelName() {
        return defaultModel;
    }

    public Optional<ModelFiles> find(String name) {
        return models().stream().filter(m -> m.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Makes {@code name} the default model and saves the library. */
    public void setDefault(String name) throws IOException {
        ModelFiles model = find(name).orElseThrow(() -> unknown(name));
        defaultModel = model.name();
        save();
    }

    /**
     * Validates a model folder by loading it, then adds it to the library (under a unique name) and saves the
     * library. Blocks while loading.
     *
     * @return the loaded model's description
     * @throws ModelLoadException when the folder is not a usable model; nothing is added then
     */
    public ModelInfo addFolder(Path folder) throws IOException {
        Path dir = folder.toAbsolutePath().normalize();
        for (ModelFiles m : added) {
            if (m.location().equals(dir.toString())) {
                throw new ModelLoadException(dir + " is already in the library as \"" + m.name() + "\"");
            }
        }
        ModelFiles files = ModelFiles.folder(dir);
        String name = uniqueName(files.name());
        if (!name.equals(files.name())) {
            files = files.renamed(name);
        }
        Reranker reranker = loader.apply(files);
        loaded.put(files.name(), reranker);
        added.add(files);
        save();
        return describe(reranker, files);
    }

    /** Removes an added model (bundled models stay), releasing it if loaded, and saves the library. */
    public void remove(String name) throws IOException {
        ModelFiles model = find(name).orElseThrow(() -> unknown(name));
        if (model.isBundled()) {
            throw new IllegalArgumentException(model.name() + " is bundled with the app and cannot be removed");
        }
        added.remove(model);
        Reranker r = loaded.remove(model.name());
        if (r != null) {
            r.close();
        }
        if (defaultModel.equals(model.name())) {
            defaultModel = bundled.get(0).name();
        }
        save();
    }

    /**
     * The ranker for a model given by name, or by the path of a model folder (used as is, not added to the library),
     * loading it on first use. Blocks while loading.
     *
     * @throws ModelLoadException when there is no such model or it cannot be loaded
     */
    public Reranker open(String nameOrPath) {
        Optional<ModelFiles> known = find(nameOrPath);
        if (known.isPresent()) {
            ModelFiles files = known.get();
            return loaded.computeIfAbsent(files.name(), n -> loader.apply(files));
        }
        Path dir = pathOrNull(nameOrPath);
        if (dir != null && Files.isDirectory(dir)) {
            String key = dir.toAbsolutePath().normalize().toString();
            return loaded.computeIfAbsent(key, k -> loader.apply(ModelFiles.folder(dir)));
        }
        throw unknown(nameOrPath);
    }

    /** The description of a loaded model, or empty when it has not been loaded yet. */
    public Optional<ModelInfo> infoIfLoaded(String name) {
        return find(name).map(m -> loaded.get(m.name())).map(r -> describe(r, find(name).get()));
    }

    /** Loads a model folder without adding it, describes it and releases it. Blocks. */
    public ModelInfo check(Path folder) {
        ModelFiles files = ModelFiles.folder(folder);
        try (Reranker reranker = loader.apply(files)) {
            return describe(reranker, files);
        }
    }

    private static ModelInfo describe(Reranker reranker, ModelFiles files) {
        try {
            return LocalRerankers.modelOf(reranker).info();
        } catch (IllegalArgumentException notLocal) {
            // A stand-in ranker (tests): describe it from its files.
            return new ModelInfo(files.name(), io.rerankworkbench.rerank.ModelKind.BI_ENCODER,
                    files.config().maxLength(), files.config().layers(), files.sizeBytes(), files.location(),
                    List.of(), List.of(), List.of());
        }
    }

    private String uniqueName(String base) {
        String name = base;
        for (int i = 2; find(name).isPresent(); i++) {
            name = base + " (" + i + ")";
        }
        return name;
    }

    private void save() throws IOException {
        store.save(new ModelLibraryStore.Library(added.stream().map(ModelFiles::location).toList(), defaultModel));
    }

    private ModelLoadException unknown(String name) {
        return new ModelLoadException("unknown model \"" + name + "\"; available: " + String.join(", ", modelNames())
                + " (or give the path of a model folder)");
    }

    private static Path pathOrNull(String s) {
        try {
            return Path.of(s);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
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
