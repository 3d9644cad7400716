package io.rerankworkbench.app;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ModelInfo;
import io.rerankworkbench.rerank.ModelKind;
import io.rerankworkbench.rerank.ModelLoadException;
import io.rerankworkbench.rerank.ProgressListener;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The model library — the bundled models and the model folders the user added — and the loaded rankers. Loading is
 * slow (seconds) and blocks: run {@link #open}, {@link #load}, {@link #addFolder}, {@link #check} and
 * {@link #checkWithSample} on the inference lane. {@link #remove} closes a loaded model, so run it on the inference
 * lane too: it then waits for a running rerank instead of freeing the model under it. {@link #setDefault} only
 * writes the library file (the IO lane). Loaded rankers are kept until removed or {@link #close()}d. Thread-safe;
 * changes to the library are saved in the order they are made.
 */
public final class RankerService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RankerService.class.getName());

    private final List<ModelFiles> bundled;
    private final List<ModelFiles> added = new CopyOnWriteArrayList<>();
    private final Function<ModelFiles, Reranker> loader;
    private final ModelLibraryStore store;
    private final Map<String, Reranker> loaded = new ConcurrentHashMap<>();
    /** Why the last load of a model (by name) failed; cleared when it loads. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    /** Kinds learned from loading, saved with the library; keyed by {@link #kindKey}. */
    private final Map<String, ModelKind> kinds = new ConcurrentHashMap<>();
    /** Guards changes to the library together with saving them. */
    private final Object libraryLock = new Object();
    private volatile String defaultModel;

    /** The bundled models plus the user's library from {@code store}, loaded with ONNX Runtime. */
    public RankerService(ModelLibraryStore store, EngineSettings settings) {
        this(ModelFiles.bundledModels(), store, localLoader(settings, null));
    }

    /** As above, with an executor the engine may use to run batches in parallel (see EngineSettings). */
    public RankerService(ModelLibraryStore store, EngineSettings settings, java.util.concurrent.Executor workers) {
        this(ModelFiles.bundledModels(), store, localLoader(settings, workers));
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
        library.kinds().forEach((key, kind) -> {
            try {
                kinds.put(key, ModelKind.valueOf(kind));
            } catch (IllegalArgumentException | NullPointerException e) {
                LOG.log(Level.DEBUG, "Ignoring unknown model kind " + kind + " for " + key);
            }
        });
    }

    /** The engine loader for real models; one cache shared by all of them. */
    public static Function<ModelFiles, Reranker> localLoader(EngineSettings settings,
                                                          java.util.concurrent.Executor workers) {
        EngineCache cache = new EngineCache(settings.cacheBytes());
        return files -> LocalRerankers.open(files, settings, cache, workers);
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

    /** The display name of a model in the library, matched ignoring case; empty when there is no such model. */
    public Optional<String> canonicalName(String name) {
        return find(name).map(ModelFiles::name);
    }

    /**
     * The library as the Models view and {@code models list} show it: bundled models, then added folders, each with
     * what is known without loading it. Never loads.
     */
    public List<ModelEntry> library() {
        List<ModelEntry> entries = new ArrayList<>();
        for (ModelFiles m : models()) {
            Reranker reranker = loaded.get(m.name());
            ModelInfo info = reranker == null ? null : describe(reranker, m);
            entries.add(new ModelEntry(m.name(), m.location(), m.isBundled(), m.name().equals(defaultModel),
                    m.sizeBytes(), m.config().maxLength(), m.config().layers(),
                    kinds.getOrDefault(kindKey(m), m.declaredKind().orElse(null)), info,
                    failures.get(m.name())));
        }
        return entries;
    }

    /** Whether the model of that name is loaded in this process. */
    public boolean isLoaded(String name) {
        return find(name).map(m -> loaded.containsKey(m.name())).orElse(false);
    }

    /** Makes {@code name} the default model and saves the library. */
    public void setDefault(String name) throws IOException {
        synchronized (libraryLock) {
            ModelFiles model = find(name).orElseThrow(() -> unknown(name));
            String previous = defaultModel;
            defaultModel = model.name();
            try {
                save();
            } catch (IOException | RuntimeException e) {
                defaultModel = previous;
                throw e;
            }
        }
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
        ModelFiles files;
        synchronized (libraryLock) {
            requireNotAdded(dir);
            files = ModelFiles.folder(dir);
        }
        Reranker reranker = loader.apply(files);
        synchronized (libraryLock) {
            try {
                requireNotAdded(dir); // added meanwhile, by another caller
            } catch (ModelLoadException e) {
                reranker.close();
                throw e;
            }
            String name = uniqueName(files.name());
            if (!name.equals(files.name())) {
                files = files.renamed(name);
            }
            ModelInfo info = describe(reranker, files);
            loaded.put(files.name(), reranker);
            added.add(files);
            kinds.put(kindKey(files), info.kind());
            try {
                save();
            } catch (IOException | RuntimeException e) {
                // Nothing half-added: the library in memory stays as it is on disk.
                added.remove(files);
                loaded.remove(files.name(), reranker);
                kinds.remove(kindKey(files));
                reranker.close();
                throw e;
            }
            return info;
        }
    }

    private void requireNotAdded(Path dir) {
        for (ModelFiles m : added) {
            if (m.location().equals(dir.toString())) {
                throw new ModelLoadException(dir + " is already in the library as \"" + m.name() + "\"");
            }
        }
    }

    /** Removes an added model (bundled models stay), releasing it if loaded, and saves the library. */
    public void remove(String name) throws IOException {
        synchronized (libraryLock) {
            ModelFiles model = find(name).orElseThrow(() -> unknown(name));
            if (model.isBundled()) {
                throw new IllegalArgumentException(model.name() + " is bundled with the app and cannot be removed");
            }
            added.remove(model);
            failures.remove(model.name());
            kinds.remove(kindKey(model));
            Reranker r = loaded.remove(model.name());
            if (r != null) {
                r.close();
            }
            if (defaultModel.equals(model.name())) {
                defaultModel = bundled.get(0).name();
            }
            save();
        }
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
            try {
                Reranker reranker = loaded.computeIfAbsent(files.name(), n -> loader.apply(files));
                failures.remove(files.name());
                return reranker;
            } catch (RuntimeException e) {
                failures.put(files.name(), messageOf(e));
                throw e;
            }
        }
        Path dir = pathOrNull(nameOrPath);
        if (dir != null && Files.isDirectory(dir)) {
            String key = dir.toAbsolutePath().normalize().toString();
            return loaded.computeIfAbsent(key, k -> loader.apply(ModelFiles.folder(dir)));
        }
        throw unknown(nameOrPath);
    }

    /**
     * Loads a model of the library (if it is not loaded yet) and describes it; the kind is remembered in the library
     * so that listing it later needs no load. Blocks while loading.
     *
     * @throws ModelLoadException when there is no such model or it cannot be loaded
     */
    public ModelInfo load(String name) {
        ModelFiles files = find(name).orElseThrow(() -> unknown(name));
        ModelInfo info = describe(open(files.name()), files);
        if (kinds.put(kindKey(files), info.kind()) != info.kind()) {
            synchronized (libraryLock) {
                try {
                    save();
                } catch (IOException e) {
                    // Only a cache of what loading tells anyway: the model is usable, so do not fail the load.
                    LOG.log(Level.WARNING, "Could not save the model library: " + e.getMessage());
                }
            }
        }
        return info;
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

    /**
     * Loads a model folder without adding it, describes it, scores the sample pair
     * ({@link ModelCheck#SAMPLE_QUERY}, {@link ModelCheck#SAMPLE_DOCUMENT}) and releases it. Blocks.
     *
     * @throws ModelLoadException when the folder is not a usable model
     */
    public ModelCheck checkWithSample(Path folder) {
        ModelFiles files = ModelFiles.folder(folder.toAbsolutePath().normalize());
        try (Reranker reranker = loader.apply(files)) {
            ModelInfo info = describe(reranker, files);
            ScoredCandidate sample = reranker.rerank(new Query("1", ModelCheck.SAMPLE_QUERY),
                    List.of(new Candidate(1, "1", ModelCheck.SAMPLE_DOCUMENT)), ProgressListener.NONE,
                    CancellationToken.NONE).results().get(0);
            return new ModelCheck(info, ModelCheck.SAMPLE_QUERY, ModelCheck.SAMPLE_DOCUMENT, sample.score(),
                    sample.probability());
        }
    }

    private static ModelInfo describe(Reranker reranker, ModelFiles files) {
        try {
            return LocalRerankers.modelOf(reranker).info();
        } catch (IllegalArgumentException notLocal) {
            // A stand-in ranker (tests): describe it from its files and the kind it reports.
            ModelKind kind = reranker.kind().contains("cross") ? ModelKind.CROSS_ENCODER : ModelKind.BI_ENCODER;
            return new ModelInfo(files.name(), kind, files.config().maxLength(), files.config().layers(),
                    files.sizeBytes(), files.location(), List.of(), List.of(), List.of());
        }
    }

    private static String kindKey(ModelFiles files) {
        return files.isBundled() ? "bundled:" + files.name() : files.location();
    }

    private static String messageOf(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private String uniqueName(String base) {
        String name = base;
        for (int i = 2; find(name).isPresent(); i++) {
            name = base + " (" + i + ")";
        }
        return name;
    }

    /** Writes the library; callers hold {@link #libraryLock}, so saves happen in the order of the changes. */
    private void save() throws IOException {
        Map<String, String> knownKinds = new HashMap<>();
        for (ModelFiles m : models()) {
            ModelKind kind = kinds.get(kindKey(m));
            if (kind != null) {
                knownKinds.put(kindKey(m), kind.name());
            }
        }
        store.save(new ModelLibraryStore.Library(added.stream().map(ModelFiles::location).toList(), defaultModel,
                knownKinds));
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
