package io.rerankworkbench.app;

import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import io.rerankworkbench.rerank.remote.Secrets;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The composition root: creates and owns the executors and services that the GUI, the command line and tests share.
 * Close it once, when the application stops.
 */
public final class AppContext implements AutoCloseable {

    private final ExecutorService inference = NamedThreads.fixedPool("inference", 1);
    private final ExecutorService io = NamedThreads.fixedPool("io", 2);
    /** Runs HTTP calls to remote rerankers and their callbacks (OkHttp's dispatcher). */
    private final ExecutorService remote = NamedThreads.fixedPool("remote", 4);
    private final RemoteHttp http = RemoteHttp.builder().executor(remote).build();
    private final RankerService rankers;
    private final EndpointService endpoints;
    private final SearchEngineService searchEngines;
    private final RankerCatalog catalog;
    private final ExportService exports = new ExportService();
    private final ProjectService projects;

    /** The context of the app and the command line: the user's model library and endpoints, default settings. */
    public AppContext() {
        this(new ModelLibraryStore(UserConfig.directory()));
    }

    public AppContext(ModelLibraryStore library) {
        // One batch at a time with every core inside each operator: on two cores this is twice as fast as one batch
        // per core for the short lists people paste, and within noise of it for thousands of documents.
        this.rankers = new RankerService(library, engineSettings());
        Secrets secrets = Secrets.system(UserConfig.directory());
        this.endpoints = new EndpointService(UserConfig.directory(), secrets, http);
        this.searchEngines = new SearchEngineService(UserConfig.directory(), secrets, System.getenv(), http);
        this.catalog = new RankerCatalog(rankers, endpoints);
        this.projects = new ProjectService(UserConfig.directory());
    }

    /**
     * A context around a given model library (tests stand in scripted loaders), with the user's endpoints; it closes
     * the library with itself.
     */
    public AppContext(RankerService rankers) {
        this(rankers, UserConfig.directory(), System.getenv());
    }

    /**
     * As above, with endpoints, stored keys and untitled projects in {@code configFolder} and key variables read from
     * {@code env}.
     */
    public AppContext(RankerService rankers, Path configFolder, Map<String, String> env) {
        this.rankers = rankers;
        Secrets secrets = new Secrets(configFolder, env);
        this.endpoints = new EndpointService(configFolder, secrets, http);
        this.searchEngines = new SearchEngineService(configFolder, secrets, env, http);
        this.catalog = new RankerCatalog(rankers, endpoints);
        this.projects = new ProjectService(configFolder);
    }

    /** The user's engine settings, or the defaults (with a warning in the log) when a setting is malformed. */
    private static EngineSettings engineSettings() {
        try {
            return EngineSettings.configured();
        } catch (IllegalArgumentException e) {
            System.getLogger(AppContext.class.getName()).log(System.Logger.Level.WARNING,
                    "Ignoring engine settings: " + e.getMessage() + "; using the defaults");
            return EngineSettings.DEFAULT;
        }
    }

    /** The owned executors, one per lane. */
    public Map<Lane, Executor> lanes() {
        return Map.of(Lane.INFERENCE, inference, Lane.IO, io);
    }

    public RankerService rankers() {
        return rankers;
    }

    /** The saved remote endpoints and their keys. */
    public EndpointService endpoints() {
        return endpoints;
    }

    /** The user's search engines (Solr, OpenSearch, Elasticsearch) and their secrets. */
    public SearchEngineService searchEngines() {
        return searchEngines;
    }

    /** Local models and endpoints together, as the ranker picker offers them. */
    public RankerCatalog catalog() {
        return catalog;
    }

    public ExportService exports() {
        return exports;
    }

    /** The project the window works on. */
    public ProjectService projects() {
        return projects;
    }

    /** Reranking the window's project: one query, all queries, several rankers (stateless: one per user is fine). */
    public RerankFlow rerankFlow() {
        return new RerankFlow(projects, catalog);
    }

    /** First-stage retrieval into a project: its corpus, BM25, dense retrieval, fusion, search engines. */
    public RetrievalService retrieval() {
        return new RetrievalService(rankers, (engine, query, depth, cancel) -> searchEngines.search(engine, query,
                depth, cancel).stream().map(h -> new RetrievalService.EngineHit(h.id(), h.title(), h.text(),
                h.score())).toList());
    }

    /** Retrieval into the window's project (the Retrieve candidates… dialog). */
    public RetrievalFlow retrievalFlow() {
        return new RetrievalFlow(projects, retrieval(), rankers, () -> {
            try {
                return searchEngines.list().stream().map(SearchEngineEntry::name).toList();
            } catch (java.io.IOException e) {
                System.getLogger(AppContext.class.getName()).log(System.Logger.Level.WARNING,
                        "Could not read the saved search engines: " + e.getMessage());
                return List.of();
            }
        });
    }

    /**
     * Cancels remote calls in flight, stops the executors (running work is interrupted after a short grace period)
     * and releases models.
     */
    @Override
    public void close() {
        http.close();
        inference.shutdownNow();
        remote.shutdownNow();
        io.shutdown();
        boolean inferenceStopped = false;
        try {
            inferenceStopped = inference.awaitTermination(5, TimeUnit.SECONDS);
            if (!io.awaitTermination(5, TimeUnit.SECONDS)) {
                io.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Native sessions must not be freed under a running inference call; the process is ending anyway.
        if (inferenceStopped) {
            rankers.close();
        }
        // After the lanes have stopped, so no write is cut off; an untitled project stays for the next start.
        try {
            projects.close();
        } catch (java.io.IOException e) {
            System.getLogger(AppContext.class.getName()).log(System.Logger.Level.WARNING,
                    "Could not close the project: " + e.getMessage());
        }
    }
}
