package io.rerankworkbench.server;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import io.rerankworkbench.rerank.CancelledException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Every request of the server: routing, the Host guard, the API key, the body (size and time), admission to the
 * scoring pool, and errors in Cohere's shape ({@code {"id", "message"}}). Nothing a handler throws reaches the client
 * as a stack trace; unexpected failures are logged with the request id and answered with a plain 500.
 *
 * <p>Order of checks: shutting down (503), Host/Origin when no key is set (403), {@code /health} (open to all), API
 * key (401), path (404), method (405), declared body size (413), body read in time (408) and within the limit (413),
 * a free place in the scoring queue (503 with {@code Retry-After}), JSON and fields (400), model (404), scoring.
 *
 * <p>Threading: {@link #handle} runs on one of the HTTP layer's threads and never blocks: the body is read
 * asynchronously, so a slow client holds a connection but no thread. Parsing and scoring run on the {@code scoring}
 * executor, which has {@link ServerConfig#threads()} threads and a bounded queue.
 */
final class ServerHandler extends Handler.Abstract.NonBlocking {

    private static final System.Logger LOG = System.getLogger(ServerHandler.class.getName());

    static final String HEALTH = "/health";
    static final String TEI = "/rerank";
    private static final Map<String, RerankRequest.Api> RERANK_PATHS = Map.of(
            "/v1/rerank", RerankRequest.Api.COHERE_V1,
            "/v2/rerank", RerankRequest.Api.COHERE_V2,
            TEI, RerankRequest.Api.TEI);
    private static final String ENDPOINTS =
            "POST /v1/rerank, POST /v2/rerank (Cohere), POST /rerank (TEI) and GET /health";
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cntrl}]");
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+(\\S+)\\s*");
    /** Seconds a client told "busy" should wait before trying again. */
    static final String RETRY_AFTER_SECONDS = "1";

    private final RerankEndpoints endpoints;
    private final ServerConfig config;
    private final byte[] keyDigest;
    private final InFlight inFlight;
    private final HostGuard hosts;
    private final Executor scoring;
    private final Scheduler scheduler;
    private final SlowConnections slowConnections;

    ServerHandler(RerankEndpoints endpoints, ServerConfig config, InFlight inFlight, HostGuard hosts,
                  Executor scoring, Scheduler scheduler, SlowConnections slowConnections) {
        this.endpoints = endpoints;
        this.config = config;
        this.inFlight = inFlight;
        this.hosts = hosts;
        this.scoring = scoring;
        this.scheduler = scheduler;
        this.slowConnections = slowConnections;
        // Only a digest is kept for the comparison, which then takes the same time whatever the guess.
        this.keyDigest = config.apiKey() == null ? null : sha256(config.apiKey());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        slowConnections.requestArrived(request.getConnectionMetaData().getConnection());
        Exchange exchange = new Exchange(request, response, callback);
        if (!inFlight.enter()) {
            exchange.fail(ApiException.unavailable("the server is shutting down"));
            return true;
        }
        exchange.admitted.set(true);
        try {
            route(exchange);
        } catch (RuntimeException e) {
            exchange.fail(e);
        }
        return true;
    }

    private void route(Exchange exchange) {
        Request request = exchange.request;
        if (keyDigest == null) {
            hosts.check(request.getHeaders().get(HttpHeader.HOST), request.getHeaders().get(HttpHeader.ORIGIN));
        }
        String method = exchange.method;
        String path = exchange.path;
        if (HEALTH.equals(path)) {
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                throw notAllowed(exchange, method, path, "GET");
            }
            exchange.send(200, new Wire.Health("ok"));
            return;
        }
        authorize(exchange);
        RerankRequest.Api api = RERANK_PATHS.get(path);
        if (api == null) {
            throw ApiException.notFound("no endpoint at " + printable(path) + "; this server offers " + ENDPOINTS);
        }
        if (!"POST".equals(method)) {
            throw notAllowed(exchange, method, path, "POST");
        }
        int limit = config.maxBodyBytes();
        if (request.getLength() > limit) {
            throw tooLarge(exchange, limit);
        }
        new BodyReader(exchange, limit, body -> admit(exchange, api, body)).start();
    }

    /** Hands a fully read request to the scoring pool, or answers 503 at once when its queue is full. */
    private void admit(Exchange exchange, RerankRequest.Api api, byte[] body) {
        exchange.watchForDisconnect();
        try {
            scoring.execute(() -> score(exchange, api, body));
        } catch (RejectedExecutionException busy) {
            exchange.response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
            exchange.fail(ApiException.unavailable("the server is busy: " + config.threads()
                    + " requests are being scored and " + config.queueCapacity()
                    + " are waiting; try again in a moment"));
        }
    }

    private void score(Exchange exchange, RerankRequest.Api api, byte[] body) {
        try {
            if (exchange.clientGone.get()) {
                exchange.abandon("the client left while the request waited");
                return;
            }
            RerankRequest request = RerankRequest.parse(api, parse(body), config.maxDocuments());
            Object answer = switch (api) {
                case COHERE_V1 -> endpoints.cohere(exchange.id, "1", request, exchange::stopWork);
                case COHERE_V2 -> endpoints.cohere(exchange.id, "2", request, exchange::stopWork);
                case TEI -> endpoints.tei(request, exchange::stopWork);
            };
            exchange.send(200, answer);
        } catch (CancelledException e) {
            if (exchange.clientGone.get()) {
                exchange.abandon("the client left; scoring stopped");
            } else if (exchange.pastDeadline()) {
                exchange.fail(ApiException.unavailable("the request took longer than this server's limit of "
                        + seconds(config.requestTimeout()) + "; send fewer or shorter documents"));
            } else {
                exchange.fail(ApiException.unavailable("the server is shutting down; try again later"));
            }
        } catch (RuntimeException e) {
            exchange.fail(e);
        }
    }

    private void authorize(Exchange exchange) {
        if (keyDigest == null) {
            return;
        }
        String header = exchange.request.getHeaders().get(HttpHeader.AUTHORIZATION);
        var bearer = header == null ? null : BEARER.matcher(header.strip());
        if (bearer == null || !bearer.matches()
                || !MessageDigest.isEqual(keyDigest, sha256(bearer.group(1)))) {
            exchange.response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            throw ApiException.unauthorized();
        }
    }

    private static ApiException notAllowed(Exchange exchange, String method, String path, String allowed) {
        exchange.response.getHeaders().put(HttpHeader.ALLOW, allowed.equals("GET") ? "GET, HEAD" : allowed);
        return ApiException.methodNotAllowed(printable(method), path, allowed);
    }

    private static ApiException tooLarge(Exchange exchange, int limit) {
        exchange.closeAfter();
        return ApiException.tooLarge(limit);
    }

    /**
     * The body as a JSON tree. Problems are told in plain words with the line and column, never with the parser's
     * own wording (which names its classes and features).
     */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("the body is empty; send a JSON object");
        }
        try {
            return Wire.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiException.badRequest("the body is not valid JSON: " + JsonProblem.describe(e) + where);
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read as JSON");
        }
    }

    /** "2 s", or "0.5 s" for a limit under a second. */
    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : (d.toMillis() / 1000.0) + " s";
    }

    /** A client-supplied string fit for a message or a log line: no control characters, at most 100 chars. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String clean = UNPRINTABLE.matcher(s).replaceAll("?");
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** Plain-words descriptions of the parser's errors. */
    static final class JsonProblem {
        private JsonProblem() {
        }

        static String describe(JsonProcessingException e) {
            String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (m.startsWith("Duplicate field")) {
                int q = m.indexOf('\'');
                int end = q < 0 ? -1 : m.indexOf('\'', q + 1);
                return end > q ? "the key \"" + printable(m.substring(q + 1, end)) + "\" appears twice"
                        : "a key appears twice";
            }
            if (m.contains("end-of-input") || m.contains("Unexpected end")) {
                return "the body ends before the JSON is complete";
            }
            if (m.contains("Trailing token") || m.contains("trailing")) {
                return "there is more after the JSON value";
            }
            if (m.contains("Illegal unquoted character") || m.contains("control character")) {
                return "a string holds a raw control character (write it as an escape such as \\n)";
            }
            if (m.contains("Unrecognized token")) {
                return "an unknown word (strings need double quotes; true, false and null are lowercase)";
            }
            if (m.contains("was expecting double-quote to start field name")) {
                return "a key is not in double quotes (or there is a comma before a closing brace)";
            }
            if (m.contains("Invalid UTF-8") || m.contains("Invalid UTF")) {
                return "the bytes are not valid UTF-8";
            }
            if (m.contains("Unexpected character")) {
                int q = m.indexOf('\'');
                int end = q < 0 ? -1 : m.indexOf('\'', q + 1);
                String c = end > q ? m.substring(q + 1, end) : "";
                return c.isEmpty() || c.length() > 4 ? "an unexpected character"
                        : "an unexpected character '" + printable(c) + "'";
            }
            return e instanceof StreamReadException || e instanceof JsonParseException
                    ? "the JSON syntax is broken" : "the JSON could not be read";
        }
    }

    /**
     * One request and its answer. Exactly one answer (or none, when the client left) is sent; the callback is
     * completed once, and the request leaves {@link InFlight} then.
     */
    private final class Exchange {
        final String id = UUID.randomUUID().toString();
        final Request request;
        final Response response;
        final String method;
        final String path;
        final boolean tei;
        final long start = System.nanoTime();
        final long deadline;
        final AtomicBoolean clientGone = new AtomicBoolean();
        private final AtomicBoolean answered = new AtomicBoolean();
        private final Callback callback;
        private final Object watchLock = new Object();
        private AbstractEndPoint watchedEndPoint;
        private volatile boolean bodyComplete;
        private volatile BodyReader reader;
        final AtomicBoolean admitted = new AtomicBoolean();

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.method = request.getMethod();
            String raw = request.getHttpURI().getPath();
            this.path = raw == null ? "" : raw;
            this.tei = TEI.equals(path);
            Duration limit = config.requestTimeout();
            this.deadline = limit.isZero() ? Long.MAX_VALUE : request.getHeadersNanoTime() + limit.toNanos();
            // The HTTP layer reports a connection that breaks (the client closed it) while the request runs.
            request.addFailureListener(failure -> clientGone.set(true));
            // The idle timeout is for clients that stop sending; once the body is in, silence is the server's (the
            // model is working), and --request-timeout bounds that instead.
            // While the body is read, a silent client gets the same 408 as one past the body's deadline.
            request.addIdleTimeoutListener(timeout -> {
                if (bodyComplete) {
                    return false;
                }
                BodyReader reading = reader;
                if (reading != null) {
                    reading.timedOut();
                    return false;
                }
                return true;
            });
        }

        boolean pastDeadline() {
            return System.nanoTime() - deadline > 0;
        }

        /** Polled by the ranker between batches. */
        boolean stopWork() {
            return clientGone.get() || pastDeadline();
        }

        void closeAfter() {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }

        void send(int status, Object body) {
            byte[] bytes;
            try {
                bytes = Wire.JSON.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                fail(new IllegalStateException("could not write the answer", e));
                return;
            }
            write(status, bytes);
        }

        void fail(Throwable e) {
            ApiException api;
            if (e instanceof ApiException a) {
                api = a;
            } else {
                LOG.log(Level.ERROR, "Request " + id + " (" + method + " " + printable(path) + ") failed", e);
                api = ApiException.internal("internal server error (request id " + id + ")");
            }
            Wire.ErrorBody body = tei ? new Wire.ErrorBody(id, api.getMessage(), api.getMessage(), api.teiErrorType())
                    : new Wire.ErrorBody(id, api.getMessage(), null, null);
            try {
                write(api.status(), Wire.JSON.writeValueAsBytes(body));
            } catch (JsonProcessingException impossible) {
                finish(impossible);
            }
        }

        /** The client is gone: nothing is sent, the exchange just ends. */
        void abandon(String why) {
            LOG.log(Level.DEBUG, () -> "Request " + id + ": " + why);
            if (answered.compareAndSet(false, true)) {
                stopWatching();
                // An EofException is logged quietly by the HTTP layer: a client that left is no server failure.
                finish(new EofException(why));
            }
        }

        /**
         * Watches the connection while the request waits and is scored: the HTTP layer reads nothing then, so it would
         * not notice a client that hangs up. A close sets {@link #clientGone}, which the ranker polls between batches.
         * Bytes sent before the answer (a pipelined request, which rerank clients do not send) cannot be handed back
         * to the HTTP layer, so the connection is then closed after the answer.
         */
        void watchForDisconnect() {
            bodyComplete = true;
            EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
            if (endPoint instanceof AbstractEndPoint) {
                synchronized (watchLock) {
                    watchedEndPoint = (AbstractEndPoint) endPoint;
                    watchAgain();
                }
            }
        }

        /** Called with the lock held. An idle timeout fails the interest; it is no reason to stop watching. */
        private void watchAgain() {
            watchedEndPoint.tryFillInterested(Callback.from(this::readable, failure -> {
                if (failure instanceof TimeoutException) {
                    synchronized (watchLock) {
                        if (!answered.get() && watchedEndPoint != null) {
                            watchAgain();
                        }
                    }
                }
            }));
        }

        private void readable() {
            synchronized (watchLock) {
                if (answered.get() || watchedEndPoint == null) {
                    return;
                }
                try {
                    // Jetty's buffers are filled after their limit: an empty one has limit 0.
                    int n = watchedEndPoint.fill(BufferUtil.allocate(256));
                    if (n < 0) {
                        clientGone.set(true);
                        return;
                    }
                    if (n > 0) {
                        closeAfter();
                        watchedEndPoint = null;
                        return;
                    }
                    watchAgain();
                } catch (IOException e) {
                    clientGone.set(true);
                }
            }
        }

        /** Ends the watch before the answer, so the HTTP layer can read the connection again. */
        private void stopWatching() {
            synchronized (watchLock) {
                if (watchedEndPoint != null) {
                    watchedEndPoint.getFillInterest().onFail(new CancellationException("answered"));
                    watchedEndPoint = null;
                }
            }
        }

        private void write(int status, byte[] bytes) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            stopWatching();
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Long.toString(bytes.length));
            ByteBuffer content = "HEAD".equals(method) ? null : ByteBuffer.wrap(bytes);
            LOG.log(Level.DEBUG, () -> method + " " + printable(path) + " -> " + status + " in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms (" + id + ")");
            response.write(true, content, Callback.from(() -> finish(null), this::finish));
        }

        private void finish(Throwable failure) {
            if (admitted.compareAndSet(true, false)) {
                inFlight.exit();
            }
            if (failure == null) {
                callback.succeeded();
            } else {
                callback.failed(failure);
            }
        }
    }

    /**
     * Reads a body without holding a thread: chunks are taken as they arrive, up to {@code limit} bytes, and the
     * whole body must arrive within the read timeout. A body past the limit is answered with 413, a late one with
     * 408; both close the connection.
     */
    private final class BodyReader implements Runnable {
        private final Exchange exchange;
        private final int limit;
        private final java.util.function.Consumer<byte[]> then;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final AtomicBoolean done = new AtomicBoolean();
        private Scheduler.Task timer;

        BodyReader(Exchange exchange, int limit, java.util.function.Consumer<byte[]> then) {
            this.exchange = exchange;
            this.limit = limit;
            this.then = then;
        }

        void start() {
            exchange.reader = this;
            Duration timeout = config.readTimeout();
            timer = scheduler.schedule(this::timedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
            run();
        }

        private void timedOut() {
            if (done.compareAndSet(false, true)) {
                exchange.closeAfter();
                exchange.fail(ApiException.readTimeout("the request body did not arrive within "
                        + seconds(config.readTimeout())));
            }
        }

        /** Takes what has arrived; asks to be called again when more does. */
        @Override
        public void run() {
            try {
                while (!done.get()) {
                    Content.Chunk chunk = exchange.request.read();
                    if (chunk == null) {
                        exchange.request.demand(this);
                        return;
                    }
                    if (Content.Chunk.isFailure(chunk)) {
                        Throwable failure = chunk.getFailure();
                        chunk.release();
                        if (failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException) {
                            // The connection's idle timeout: a client that stopped sending, not one that left.
                            timedOut();
                            return;
                        }
                        if (done.compareAndSet(false, true)) {
                            timer.cancel();
                            exchange.clientGone.set(true);
                            exchange.abandon("the body could not be read: " + failure);
                        }
                        return;
                    }
                    ByteBuffer buffer = chunk.getByteBuffer();
                    boolean over = bytes.size() + buffer.remaining() > limit;
                    if (!over) {
                        byte[] part = new byte[buffer.remaining()];
                        buffer.get(part);
                        bytes.write(part, 0, part.length);
                    }
                    boolean last = chunk.isLast();
                    chunk.release();
                    if (over) {
                        if (done.compareAndSet(false, true)) {
                            timer.cancel();
                            exchange.fail(tooLarge(exchange, limit));
                        }
                        return;
                    }
                    if (last) {
                        if (done.compareAndSet(false, true)) {
                            timer.cancel();
                            then.accept(bytes.toByteArray());
                        }
                        return;
                    }
                }
            } catch (RuntimeException e) {
                if (done.compareAndSet(false, true)) {
                    timer.cancel();
                    exchange.fail(e);
                }
            }
        }
    }
}
