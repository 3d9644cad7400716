package io.rerankworkbench.server;

import com.sun.net.httpserver.HttpServer;
import io.rerankworkbench.app.NamedThreads;
import io.rerankworkbench.app.RankerService;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Cohere-compatible rerank server over the local models: {@code POST /v1/rerank} and {@code POST /v2/rerank} in
 * Cohere's request and response shapes, {@code POST /rerank} in TEI's, and {@code GET /health}. See docs/server.md.
 *
 * <p>Built on the JDK's {@link HttpServer}; requests run on an owned pool of named daemon threads with a bounded
 * queue ({@link ServerConfig#threads()}, {@link ServerConfig#queueCapacity()}). All requests share the loaded
 * rankers, which are safe for concurrent use. The server does not own the {@link RankerService}: whoever made it
 * closes it, after closing the server.
 *
 * <p>Threading: {@link #start} blocks while the default model loads. {@link #close()} may be called from any thread,
 * more than once.
 */
public final class RerankServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RerankServer.class.getName());
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(5);

    private final HttpServer http;
    private final ThreadPoolExecutor executor;
    private final InFlight inFlight;
    private final ServerConfig config;
    private final String defaultModel;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean cancelled;

    private RerankServer(HttpServer http, ThreadPoolExecutor executor, InFlight inFlight, ServerConfig config,
                         String defaultModel) {
        this.http = http;
        this.executor = executor;
        this.inFlight = inFlight;
        this.config = config;
        this.defaultModel = defaultModel;
    }

    /**
     * Loads {@code defaultModel} (so a broken model fails here, not on the first request), binds and starts serving.
     *
     * @param defaultModel  a model of {@code rankers}' library, by name; used by requests that name none
     * @throws IllegalArgumentException when the library has no such model
     * @throws io.rerankworkbench.rerank.ModelLoadException when the model cannot be loaded
     * @throws IOException when the address cannot be resolved or bound (e.g. the port is taken)
     */
    public static RerankServer start(RankerService rankers, String defaultModel, ServerConfig config)
            throws IOException {
        Objects.requireNonNull(rankers, "rankers");
        Objects.requireNonNull(config, "config");
        if (defaultModel == null || rankers.find(defaultModel).isEmpty()) {
            throw new IllegalArgumentException("unknown model \"" + defaultModel + "\"; available: "
                    + String.join(", ", rankers.modelNames()));
        }
        rankers.open(defaultModel);

        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException(config.host() + ": unknown host");
        }
        HttpServer http = HttpServer.create(address, 0);
        // Named after the port, so the threads of several servers in one JVM can be told apart.
        ThreadPoolExecutor executor = NamedThreads.boundedPool("server-" + http.getAddress().getPort(),
                config.threads(), config.queueCapacity());
        InFlight inFlight = new InFlight();
        RerankServer server = new RerankServer(http, executor, inFlight, config, defaultModel);
        try {
            RerankEndpoints endpoints = new RerankEndpoints(rankers, defaultModel, () -> server.cancelled);
            // One context for every path, so unknown paths get Cohere's error shape rather than the JDK's HTML page.
            http.createContext("/", new ServerHandler(endpoints, config, inFlight));
            http.setExecutor(executor);
            http.start();
        } catch (RuntimeException e) {
            http.stop(0);
            executor.shutdownNow();
            throw e;
        }
        LOG.log(Level.INFO, () -> "Serving " + defaultModel + " on " + server.baseUri() + " (" + config + ")");
        return server;
    }

    /** The bound address; its port is the real one when the config asked for port 0. */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** {@code http://host:port}, with the host as configured; clients append {@code /v2/rerank} etc. */
    public URI baseUri() {
        try {
            return new URI("http", null, config.host(), port(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("not a URI host: " + config.host(), e);
        }
    }

    public String defaultModel() {
        return defaultModel;
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * Stops taking requests (new ones get 503), lets running ones finish for {@link ServerConfig#shutdownGrace()},
     * cancels what still runs (it ends at its next batch with 503), then closes the listener, the connections and the
     * worker pool. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean interrupted = false;
        try {
            if (!inFlight.drain(config.shutdownGrace())) {
                cancelled = true;
                inFlight.drain(CANCEL_WAIT);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            cancelled = true;
        }
        http.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            interrupted = true;
            executor.shutdownNow();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        LOG.log(Level.INFO, "Rerank server stopped");
    }
}
