package io.rerankworkbench.rerank.remote;

import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The transport: one OkHttp client (connection pool and dispatcher) shared by every remote ranker, from which each
 * endpoint gets a client with its own timeouts and a logging interceptor that masks {@code Authorization},
 * {@code Api-Key} and the endpoint's own key header. Redirects are not followed (they could carry a key header to
 * another host) and OkHttp's silent connection retry is off, so {@link RetryPolicy} alone decides what is retried.
 *
 * <p>Log lines go to the {@code io.rerankworkbench.rerank.remote.http} logger at DEBUG (JUL FINE), request line and
 * headers only: bodies hold the user's documents. Create one per application and close it when the application
 * stops. Thread-safe.
 */
public final class RemoteHttp implements AutoCloseable {

    /** The logger the request/response lines go to. */
    public static final String LOGGER = "io.rerankworkbench.rerank.remote.http";

    private static final System.Logger LOG = System.getLogger(LOGGER);

    private final OkHttpClient base;
    private final boolean ownsExecutor;
    private final Consumer<String> logSink;
    private final HttpLoggingInterceptor.Level level;

    private RemoteHttp(OkHttpClient base, boolean ownsExecutor, Consumer<String> logSink,
                       HttpLoggingInterceptor.Level level) {
        this.base = base;
        this.ownsExecutor = ownsExecutor;
        this.logSink = logSink;
        this.level = level;
    }

    /** A transport whose callbacks run on OkHttp's own dispatcher threads (daemon, created on demand). */
    public static RemoteHttp create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configures a {@link RemoteHttp}. */
    public static final class Builder {
        private ExecutorService executor;
        private Consumer<String> logSink;
        private HttpLoggingInterceptor.Level level = HttpLoggingInterceptor.Level.HEADERS;

        /**
         * Runs HTTP calls and their callbacks on {@code executor} (an owned executor of the application, which keeps
         * owning it: {@link #close()} does not shut it down). It needs at least as many threads as the largest
         * endpoint concurrency, and must not be the executor the rerank itself runs on.
         */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Where log lines go instead of the {@link #LOGGER} logger (tests capture them here). */
        public Builder logSink(Consumer<String> sink) {
            this.logSink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** How much to log: NONE, BASIC (request line), HEADERS (default, keys masked) or BODY. */
        public Builder logLevel(HttpLoggingInterceptor.Level level) {
            this.level = Objects.requireNonNull(level, "level");
            return this;
        }

        public RemoteHttp build() {
            Dispatcher dispatcher = executor == null ? new Dispatcher() : new Dispatcher(executor);
            // Concurrency is bounded per run by RemoteReranker; the dispatcher must not throttle below it.
            dispatcher.setMaxRequests(64);
            dispatcher.setMaxRequestsPerHost(EndpointOptions.MAX_CONCURRENCY * 2);
            OkHttpClient client = new OkHttpClient.Builder()
                    .dispatcher(dispatcher)
                    .connectionPool(new ConnectionPool(5, 1, TimeUnit.MINUTES))
                    .followRedirects(false)
                    .followSslRedirects(false)
                    .retryOnConnectionFailure(false)
                    .build();
            Consumer<String> sink = logSink != null ? logSink : line -> LOG.log(Level.DEBUG, line);
            return new RemoteHttp(client, executor == null, sink, level);
        }
    }

    /**
     * A client for one endpoint: its timeouts, and logging that masks the headers that can carry its key and scrubs
     * the key from every other line (a provider may echo it in a body, which BODY level would log).
     *
     * @param key the key the endpoint sends, or {@code null}
     */
    OkHttpClient clientFor(Endpoint endpoint, ApiKey key) {
        EndpointOptions o = endpoint.options();
        HttpLoggingInterceptor logging = new HttpLoggingInterceptor(
                key == null ? logSink::accept : line -> logSink.accept(key.scrub(line)));
        logging.setLevel(level);
        logging.redactHeader("Authorization");
        logging.redactHeader("Proxy-Authorization");
        logging.redactHeader("Api-Key");
        logging.redactHeader("X-Api-Key");
        logging.redactHeader(endpoint.dialect().auth().header());
        return base.newBuilder()
                .connectTimeout(o.connectTimeout())
                .readTimeout(o.readTimeout())
                .writeTimeout(o.readTimeout())
                .callTimeout(o.callTimeout())
                .addInterceptor(logging)
                .build();
    }

    /**
     * A client for another kind of remote service (the user's search engine) over the same pool and dispatcher: its
     * timeouts, and logging that masks {@code Authorization} and passes every line through {@code scrub} (which
     * removes the service's secret). Redirects are not followed, as for rerankers.
     */
    public OkHttpClient client(Duration connectTimeout, Duration readTimeout,
                               Duration callTimeout, UnaryOperator<String> scrub) {
        Objects.requireNonNull(scrub, "scrub");
        HttpLoggingInterceptor logging = new HttpLoggingInterceptor(line -> logSink.accept(scrub.apply(line)));
        logging.setLevel(level);
        logging.redactHeader("Authorization");
        logging.redactHeader("Proxy-Authorization");
        return base.newBuilder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .callTimeout(callTimeout)
                .addInterceptor(logging)
                .build();
    }

    /**
     * Cancels calls still in flight, closes idle connections and, when the transport made its own dispatcher threads,
     * lets them end.
     */
    @Override
    public void close() {
        base.dispatcher().cancelAll();
        base.connectionPool().evictAll();
        if (ownsExecutor) {
            base.dispatcher().executorService().shutdown();
        }
    }
}
