package io.rerankworkbench.server;

import io.rerankworkbench.app.NamedThreads;
import io.rerankworkbench.app.RankerService;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
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
 * <p>Built on embedded Jetty rather than the JDK's HttpServer, which has no read timeouts (a few half-sent requests
 * held every worker), resets connections beyond its queue, and answers malformed headers with its own HTML page.
 * Here the HTTP layer reads requests without blocking on a small pool of its own, so slow clients hold connections but
 * no threads; a fully read request is scored on an owned pool of named daemon threads with a bounded queue
 * ({@link ServerConfig#threads()}, {@link ServerConfig#queueCapacity()}), and one that finds the queue full gets a 503
 * with {@code Retry-After}. All requests share the loaded rankers, which are safe for concurrent use. The server
 * does not own the {@link RankerService}: whoever made it closes it, after closing the server.
 *
 * <p>Threading: {@link #start} blocks while the default model loads. {@link #close()} may be called from any thread,
 * more than once.
 */
public final class RerankServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RerankServer.class.getName());
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(5);

    /** Largest request line plus headers; beyond it the answer is 431. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Threads of the HTTP layer: they parse, route and write, and never score or wait for a client. */
    private static final int HTTP_THREADS = 12;

    private final Server http;
    private final ServerConnector connector;
    private final ThreadPoolExecutor executor;
    private final InFlight inFlight;
    private final ServerConfig config;
    private final String defaultModel;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean cancelled;

    private RerankServer(Server http, ServerConnector connector, ThreadPoolExecutor executor, InFlight inFlight,
                         ServerConfig config, String defaultModel) {
        this.http = http;
        this.connector = connector;
        this.executor = executor;
        this.inFlight = inFlight;
        this.config = config;
        this.defaultModel = defaultModel;
    }

    /**
     * Loads {@code defaultModel} (so a broken model fails here, not on the first request), binds and starts serving.
     *
     * @param defaultModel  a model of {@code rankers}' library, by name; used by requests that name none
     * @throws IllegalArgumentException when the library has no such model, or the address is not a loopback one and
     *                                  the config has neither an API key nor {@link ServerConfig#insecureNoKey()}
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
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException(config.host() + ": unknown host");
        }
        if (!config.requiresKey() && !config.insecureNoKey() && !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("refusing to serve on " + config.host() + " without an API key: anyone"
                    + " who can reach that address could use it; set an API key (or allow it explicitly)");
        }
        rankers.open(defaultModel);

        QueuedThreadPool httpThreads = new QueuedThreadPool(HTTP_THREADS, 2);
        httpThreads.setDaemon(true);
        ScheduledExecutorScheduler timer = new ScheduledExecutorScheduler("rwb-server-timer", true);
        Server http = new Server(httpThreads, timer, null);
        ServerConnector connector = new ServerConnector(http, 1, 1, connectionFactories(config));
        connector.setHost(address.getAddress().getHostAddress());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.readTimeout().toMillis());
        SlowConnections slow = new SlowConnections(timer, config.readTimeout());
        connector.addBean(slow);
        http.addConnector(connector);
        http.addBean(new NetworkConnectionLimit(config.maxConnections(), connector));
        http.setErrorHandler(new JsonErrorHandler(MAX_HEADER_BYTES));
        http.setStopTimeout(0);
        ThreadPoolExecutor executor = null;
        try {
            connector.open();
            int port = connector.getLocalPort();
            // Named after the port, so the threads of several servers in one JVM can be told apart.
            httpThreads.setName("rwb-server-" + port + "-http");
            executor = NamedThreads.boundedPool("server-" + port, config.threads(), config.queueCapacity());
            InFlight inFlight = new InFlight();
            RerankServer server = new RerankServer(http, connector, executor, inFlight, config, defaultModel);
            RerankEndpoints endpoints = new RerankEndpoints(rankers, defaultModel, () -> server.cancelled);
            // One handler for every path, so unknown paths get Cohere's error shape rather than an HTML page.
            http.setHandler(new ServerHandler(endpoints, config, inFlight,
                    HostGuard.forServer(config.host(), config.allowedHosts()), executor, timer, slow));
            http.start();
            LOG.log(Level.INFO, () -> "Serving " + defaultModel + " on " + server.baseUri() + " (" + config + ")");
            return server;
        } catch (IOException | RuntimeException e) {
            stopQuietly(http);
            if (executor != null) {
                executor.shutdownNow();
            }
            throw e;
        } catch (Exception e) {
            stopQuietly(http);
            if (executor != null) {
                executor.shutdownNow();
            }
            throw new IOException("the server could not start: " + e.getMessage(), e);
        }
    }

    private static ConnectionFactory[] connectionFactories(ServerConfig config) {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        if (config.tls() == null) {
            return new ConnectionFactory[] {new HttpConnectionFactory(http)};
        }
        // The certificate need not match the name clients use (self-signed, an IP address): host checks are the
        // client's business, and SNI must not turn a mismatch into a refused handshake.
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(config.tls().keystore().toAbsolutePath().toString());
        tls.setKeyStorePassword(config.tls().password());
        return new ConnectionFactory[] {new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http)};
    }

    private static void stopQuietly(Server http) {
        try {
            http.stop();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, () -> "Stopping a server that failed to start: " + e);
        }
    }

    /** The bound address; its port is the real one when the config asked for port 0. */
    public InetSocketAddress address() {
        try {
            return new InetSocketAddress(InetAddress.getByName(connector.getHost()), port());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the bound address does not parse: " + connector.getHost(), e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://host:port} ({@code https} with TLS), with the host as configured; clients append paths. */
    public URI baseUri() {
        try {
            String host = config.host();
            // An IPv6 literal goes into a URI in brackets.
            if (host.contains(":") && !host.startsWith("[")) {
                host = "[" + host + "]";
            }
            return new URI(config.tls() == null ? "http" : "https", null, host, port(), null, null, null);
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
        stopQuietly(http);
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
