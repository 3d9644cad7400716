package io.rerankworkbench.rerank.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.remote.RemoteApiException.Kind;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * A {@link Reranker} backed by a remote rerank API.
 *
 * <p>A candidate set larger than the endpoint's documents-per-request is split into consecutive batches, sent with
 * at most {@link EndpointOptions#concurrency()} requests in flight (OkHttp's asynchronous calls on the
 * {@link RemoteHttp} dispatcher), and merged by original position. The endpoint's top-k is applied after the merge;
 * the request's own cut-off ({@code top_n}/{@code top_k}) is sent only when the whole set fits one request, since a
 * per-batch cut-off would drop candidates. Without a top-k the ranking holds every candidate, ranks 1..n, scores as
 * the provider's doubles; with one it holds the best k.
 *
 * <p>Failed requests are retried per {@link RetryPolicy}. A request that fails for good stops the run from sending
 * more; requests in flight are allowed to finish, and when some batches were scored the run throws a
 * {@link PartialResultException} carrying them. Remote rankers ignore {@link RerankOptions} (the provider decides how
 * long documents are handled).
 *
 * <p>Threading: {@code rerank} blocks the calling thread, which does all bookkeeping, reports progress (documents
 * scored / total) and polls the cancellation token at least every 50 ms; cancelling aborts the calls in flight
 * ({@link Call#cancel()}) and throws {@link CancelledException}, as does interrupting the calling thread. Several
 * threads may run reranks on one instance at once.
 */
public final class RemoteReranker implements Reranker {

    private static final System.Logger LOG = System.getLogger(RemoteReranker.class.getName());
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Endpoint endpoint;
    private final Dialect dialect;
    private final ApiKey key;
    private final HttpUrl url;
    private final OkHttpClient client;
    private final RetryPolicy policy;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final DoubleSupplier random;
    private final AtomicReference<RunUsage> last = new AtomicReference<>();
    private final AtomicReference<RunUsage> total = new AtomicReference<>(RunUsage.NONE);
    private final Map<String, String> sentOptions;

    /**
     * A ranker for {@code endpoint} whose key is looked up in {@code secrets}.
     *
     * @throws RemoteApiException ({@link Kind#CONFIG}, {@link Kind#INSECURE}) when the endpoint cannot be used:
     *                            no key where one is configured, no or a bad base URL, no model where the provider
     *                            needs one, plain http to another machine without the endpoint allowing it
     */
    public static RemoteReranker open(Endpoint endpoint, Secrets secrets, RemoteHttp http) {
        ApiKey key = null;
        if (!(endpoint.key() instanceof KeyRef.None)) {
            try {
                key = secrets.resolve(endpoint).orElseThrow(() -> RemoteApiException.of(Kind.CONFIG,
                        endpoint.dialect().displayName(), Secrets.missingKeyMessage(endpoint)));
            } catch (IOException e) {
                throw new RemoteApiException(Kind.CONFIG, endpoint.dialect().displayName(), 0, false,
                        "could not read the stored API key: " + e.getMessage(), null, e);
            }
        }
        return new RemoteReranker(endpoint, key, http, RetryPolicy.DEFAULT);
    }

    /**
     * A ranker for {@code endpoint} with the key given (or {@code null} to send none).
     *
     * @throws RemoteApiException as {@link #open}
     */
    public RemoteReranker(Endpoint endpoint, ApiKey key, RemoteHttp http, RetryPolicy policy) {
        this(endpoint, key, http, policy, Clock.systemUTC(), System::nanoTime,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With the clock (for {@code Retry-After} dates), timer and jitter source tests control. */
    RemoteReranker(Endpoint endpoint, ApiKey key, RemoteHttp http, RetryPolicy policy, Clock clock,
                   LongSupplier nanoTime, DoubleSupplier random) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.dialect = endpoint.dialect();
        this.key = key;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.random = Objects.requireNonNull(random, "random");
        this.url = atlasKey(endpoint, key) ? requestUrl(new Endpoint(endpoint.name(), dialect,
                VOYAGE_ATLAS_BASE_URL, endpoint.model(), endpoint.key(), endpoint.options())) : requestUrl(endpoint);
        if (dialect.modelRequired() && endpoint.isProviderHost() && endpoint.effectiveModel() == null) {
            throw RemoteApiException.of(Kind.CONFIG, dialect.displayName(),
                    dialect.displayName() + " needs a model name");
        }
        if (key == null && dialect.keyRequired() && isDefaultHost(endpoint)) {
            throw RemoteApiException.of(Kind.CONFIG, dialect.displayName(), Secrets.missingKeyMessage(endpoint));
        }
        this.client = Objects.requireNonNull(http, "http").clientFor(endpoint, key);
        // Only the options this dialect lists for this host go out: a provider never sees a field it does not know.
        Map<String, String> options = new java.util.TreeMap<>();
        List<String> known = dialect.options(endpoint.isProviderHost()).stream().map(Dialect.Option::name)
                .toList();
        endpoint.options().providerOptions().forEach((name, value) -> {
            if (known.contains(name)) {
                options.put(name, value);
            } else {
                LOG.log(Level.WARNING, () -> "not sending option " + name + ": " + dialect.displayName()
                        + " at this address does not take it");
            }
        });
        this.sentOptions = Map.copyOf(options);
    }

    /**
     * The URL requests go to, after checking the endpoint's transport.
     *
     * @throws RemoteApiException when there is no usable base URL, or plain http goes to another machine without
     *                            {@link EndpointOptions#allowInsecureHttp()}
     */
    public static HttpUrl requestUrl(Endpoint endpoint) {
        Dialect d = endpoint.dialect();
        String base = endpoint.effectiveBaseUrl();
        if (base.isEmpty()) {
            throw RemoteApiException.of(Kind.CONFIG, d.displayName(), d.displayName()
                    + " has no public address: set the base URL of your server, e.g. http://localhost:8080");
        }
        HttpUrl parsed = HttpUrl.parse(base);
        if (parsed == null) {
            throw RemoteApiException.of(Kind.CONFIG, d.displayName(), "not an http(s) URL: \""
                    + base.replaceAll("(?i)^([a-z][a-z0-9+.-]*://)[^/@\\s]*@", "$1…@")
                    + "\" (it must start with https:// or http://)");
        }
        if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
            // Never used (keys go in a header), and a URL is printed in messages and logs: refuse it unshown.
            throw RemoteApiException.of(Kind.CONFIG, d.displayName(), "the base URL " + Failures.shown(parsed)
                    + " holds a user name or password, which is never sent and would end up in messages and logs: "
                    + "remove it (give the key with --api-key-env or in the endpoint's key settings)");
        }
        if (!parsed.isHttps() && !endpoint.allowInsecureHttp() && !isLoopback(parsed.host())) {
            throw RemoteApiException.of(Kind.INSECURE, d.displayName(), "refusing plain http to " + parsed.host()
                    + ": the API key and the documents would cross the network unencrypted. Use https, or allow "
                    + "insecure http for this endpoint");
        }
        String path = d.path().startsWith("/") ? d.path().substring(1) : d.path();
        return path.isEmpty() ? parsed : parsed.newBuilder().addPathSegments(path).build();
    }

    /**
     * The most a response body may hold. A rerank answer is a few dozen bytes per document (documents are never
     * asked back), so 1,000 documents take well under 1 MiB; anything near this is not a rerank answer, and reading
     * it whole could exhaust the heap.
     */
    static final long MAX_RESPONSE_BYTES = 32L * 1024 * 1024;

    /** The body as text, or null when it is over {@link #MAX_RESPONSE_BYTES} (declared or read). */
    static String boundedBody(Response response) throws IOException {
        okhttp3.ResponseBody body = response.body();
        if (body.contentLength() > MAX_RESPONSE_BYTES) {
            return null;
        }
        okio.BufferedSource source = body.source();
        if (source.request(MAX_RESPONSE_BYTES + 1)) {
            return null; // more than the cap arrived: stop reading (closing the response drops the rest)
        }
        java.nio.charset.Charset charset = body.contentType() == null ? null : body.contentType().charset();
        return source.readString(charset != null ? charset : java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Where Voyage's models are served for keys issued by MongoDB Atlas (Voyage's own SDK switches on them). */
    static final String VOYAGE_ATLAS_BASE_URL = "https://ai.mongodb.com";

    /**
     * A Voyage key from MongoDB Atlas ({@code al-…}) on an endpoint left at Voyage's default address: such keys are
     * refused at api.voyageai.com, so requests go to Atlas's address instead (a base URL the user set is kept).
     */
    static boolean atlasKey(Endpoint endpoint, ApiKey key) {
        return endpoint.dialect() instanceof Dialect.Voyage && endpoint.baseUrl() == null && key != null
                && key.reveal().startsWith("al-");
    }

    /** Whether {@code host} is this machine: {@code localhost} or a loopback IP literal (no DNS lookup). */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (IPV4.matcher(host).matches() || host.contains(":")) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean isDefaultHost(Endpoint e) {
        return e.dialect().defaultBaseUrl().map(d -> d.equals(e.effectiveBaseUrl())).orElse(false);
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public String kind() {
        return "remote " + dialect.displayName();
    }

    @Override
    public String model() {
        String m = endpoint.effectiveModel();
        return m != null ? m : dialect.displayName() + " at " + url.host() + ":" + url.port();
    }

    @Override
    public OptionalInt maxTokens() {
        Integer t = endpoint.options().maxTokensPerDoc();
        return t != null && dialect.supportsMaxTokensPerDoc() ? OptionalInt.of(t) : OptionalInt.empty();
    }

    /** The usage of the most recent run on this instance (finished, failed or cancelled), if any. */
    public Optional<RunUsage> lastUsage() {
        return Optional.ofNullable(last.get());
    }

    /** The usage of every run on this instance so far. */
    public RunUsage totalUsage() {
        return total.get();
    }

    /** What ranking {@code candidates} for {@code queries} queries would take with this endpoint. */
    public CostEstimate estimate(List<Candidate> candidates, int queries) {
        return CostEstimate.estimate(endpoint, candidates, queries);
    }

    @Override
    public Ranking rerank(Query query, List<Candidate> candidates, RerankOptions options, ProgressListener progress,
                          CancellationToken cancel) {
        return run(query, candidates, progress, cancel).ranking();
    }

    /**
     * Ranks {@code candidates} for {@code query} and says what it cost.
     *
     * @throws PartialResultException when some batches were scored and others failed
     * @throws RemoteApiException     when nothing could be scored
     * @throws CancelledException     when cancelled or interrupted
     */
    public RemoteRun run(Query query, List<Candidate> candidates, ProgressListener progress,
                         CancellationToken cancel) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancel, "cancel");
        List<Candidate> docs = List.copyOf(candidates);
        cancel.throwIfCancelled();
        RunState state = new RunState(query, docs, progress, cancel);
        try {
            return state.execute();
        } finally {
            last.set(state.usage);
            total.accumulateAndGet(state.usage, RunUsage::plus);
        }
    }

    /** Nothing to release: the transport belongs to whoever made it. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "RemoteReranker[" + endpoint.name() + ", " + dialect.id() + ", " + url + "]";
    }

    // ---- one run ---------------------------------------------------------------------------------------------

    /** Candidates {@code [from, to)} sent as one request. */
    private static final class Batch {
        final int from;
        final int to;
        int attempts;
        RemoteApiException lastError;

        Batch(int from, int to) {
            this.from = from;
            this.to = to;
        }

        int size() {
            return to - from;
        }
    }

    /** What a callback reports; exactly one per call. */
    private sealed interface Event {
        Batch batch();
    }

    private record Scored(Batch batch, Responses.Result[] results, RunUsage billed) implements Event {
    }

    /**
     * @param retryAfter   the {@code Retry-After} header (seconds or an HTTP date), or null
     * @param retryAfterMs the {@code retry-after-ms} header (Mixedbread, OpenAI-style), or null; preferred when both
     */
    private record Failed(Batch batch, RemoteApiException error, String retryAfter, String retryAfterMs)
            implements Event {
        Failed(Batch batch, RemoteApiException error, String retryAfter) {
            this(batch, error, retryAfter, null);
        }
    }

    private record Waiting(long dueNanos, Batch batch) {
    }

    private final class RunState {
        final Query query;
        final List<Candidate> docs;
        final ProgressListener progress;
        final CancellationToken cancel;
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final Map<Batch, Call> inFlight = new LinkedHashMap<>();
        final Deque<Batch> ready = new ArrayDeque<>();
        final PriorityQueue<Waiting> waiting = new PriorityQueue<>(Comparator.comparingLong(Waiting::dueNanos));
        final List<PartialResultException.FailedBatch> failed = new ArrayList<>();
        final double[] scores;
        final int concurrency = endpoint.options().concurrency();
        Integer topN;
        long budgetEnd;
        RemoteApiException firstFailure;
        boolean stopping;
        /** The positions in {@code docs} of the documents sent (the non-empty ones); batches index into it. */
        int[] sent;
        long scoredDocs;
        RunUsage usage = RunUsage.NONE;

        RunState(Query query, List<Candidate> docs, ProgressListener progress, CancellationToken cancel) {
            this.query = query;
            this.docs = docs;
            this.progress = progress;
            this.cancel = cancel;
            this.scores = new double[docs.size()];
            Arrays.fill(scores, Double.NaN);
        }

        RemoteRun execute() {
            long start = nanoTime.getAsLong();
            int n = docs.size();
            List<String> warnings = new ArrayList<>();
            if (n == 0) {
                return new RemoteRun(new Ranking(query, List.of(), kind(), model(), Duration.ZERO), usage, warnings);
            }
            // Empty documents are never sent: Cohere refuses a whole batch for one ("document at index N cannot be
            // empty"), Voyage wants a character per document. They are left out of the ranking and the run says so.
            int[] nonBlank = new int[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (!docs.get(i).text().isBlank()) {
                    nonBlank[count++] = i;
                }
            }
            sent = Arrays.copyOf(nonBlank, count);
            if (count < n) {
                int blank = n - count;
                warnings.add(blank + (blank == 1 ? " document is" : " documents are") + " empty and " + (blank == 1
                        ? "was" : "were") + " not sent, so the ranking leaves " + (blank == 1 ? "it" : "them")
                        + " out");
            }
            if (count == 0) {
                return new RemoteRun(new Ranking(query, List.of(), kind(), model(), Duration.ZERO), usage, warnings);
            }
            for (int[] range : batchRanges()) {
                ready.add(new Batch(range[0], range[1]));
            }
            n = count;
            Integer topK = endpoint.options().topK();
            topN = topK != null && topK < n && ready.size() == 1 && dialect.supportsTopN() ? topK : null;
            if (ready.size() > 1 && dialect.listwise(endpoint.effectiveModel())) {
                warnings.add(endpoint.effectiveModel() + " scores documents jointly, so scores from the " + ready.size()
                        + " requests are not comparable and the merged order is approximate; set documents per "
                        + "request to at least " + n + " to rank them in one request");
            }
            progress.progress(0, n);
            budgetEnd = start + policy.runBudget().toNanos();
            try {
                loop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } finally {
                // Cancelled, interrupted or failed unexpectedly: nothing may keep running (or billing) behind us.
                inFlight.values().forEach(Call::cancel);
            }
            Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
            Ranking ranking = merged(elapsed);
            if (!failed.isEmpty()) {
                failed.sort(Comparator.comparingInt(PartialResultException.FailedBatch::from));
                if (scoredDocs == 0) {
                    throw firstFailure;
                }
                throw new PartialResultException(firstFailure, ranking, failed, n, usage);
            }
            if (topK != null) {
                ranking = ranking.topK(topK);
            }
            return new RemoteRun(ranking, usage, warnings);
        }

        /**
         * The sent documents split into requests, [from, to) positions in {@link #sent}: at most the documents per
         * request, and, where the provider has a token budget per request, under it by an estimate of tokens.
         *
         * @throws RemoteApiException when the query alone, or the query with one document, is over the provider's
         *                            limit (no split can help)
         */
        private List<int[]> batchRanges() {
            String model = endpoint.effectiveModel();
            long queryTokens = CostEstimate.approxTokens(query.text());
            java.util.OptionalInt queryLimit = dialect.maxQueryTokens(model);
            if (queryLimit.isPresent() && queryTokens > queryLimit.getAsInt()) {
                throw RemoteApiException.of(Kind.BAD_REQUEST, dialect.displayName(), "the query is about "
                        + queryTokens + " tokens, over the " + queryLimit.getAsInt() + " " + model + " accepts: "
                        + "shorten it");
            }
            java.util.OptionalLong budget = dialect.requestTokenBudget(model);
            List<int[]> out = new ArrayList<>();
            int perRequest = endpoint.maxDocumentsPerRequest();
            int from = 0;
            while (from < sent.length) {
                int to = from;
                long tokens = 0;
                while (to < sent.length && to - from < perRequest) {
                    long next = queryTokens + CostEstimate.approxTokens(docs.get(sent[to]).text());
                    if (budget.isPresent() && tokens + next > budget.getAsLong()) {
                        if (to == from) {
                            throw RemoteApiException.of(Kind.BAD_REQUEST, dialect.displayName(), "document "
                                    + docs.get(sent[to]).docId() + " with the query is about " + next + " tokens, "
                                    + "over the " + budget.getAsLong() + " one " + model + " request may hold: "
                                    + "shorten it or split it into passages");
                        }
                        break;
                    }
                    tokens += next;
                    to++;
                }
                out.add(new int[]{from, to});
                from = to;
            }
            return out;
        }

        private void loop() throws InterruptedException {
            while (!ready.isEmpty() || !waiting.isEmpty() || !inFlight.isEmpty()) {
                if (cancel.isCancelled()) {
                    throw new CancelledException();
                }
                long now = nanoTime.getAsLong();
                if (now - budgetEnd >= 0) {
                    giveUpOnBudget();
                    return;
                }
                while (!waiting.isEmpty() && waiting.peek().dueNanos() - now <= 0) {
                    ready.addFirst(waiting.poll().batch());
                }
                if (stopping) {
                    abandonQueued();
                }
                while (!stopping && inFlight.size() < concurrency && !ready.isEmpty()) {
                    send(ready.poll());
                }
                if (inFlight.isEmpty() && ready.isEmpty() && waiting.isEmpty()) {
                    return;
                }
                long wait = Math.min(POLL_NANOS, budgetEnd - now);
                if (!waiting.isEmpty()) {
                    wait = Math.min(wait, waiting.peek().dueNanos() - now);
                }
                Event event = events.poll(Math.max(wait, 0), TimeUnit.NANOSECONDS);
                if (event != null && inFlight.remove(event.batch()) != null) {
                    handle(event);
                }
            }
        }

        private void handle(Event event) {
            Batch batch = event.batch();
            if (event instanceof Scored s) {
                for (Responses.Result r : s.results()) {
                    scores[sent[batch.from + r.index()]] = r.score();
                }
                scoredDocs += batch.size();
                usage = usage.plus(s.billed());
                progress.progress(scoredDocs, sent.length);
                return;
            }
            Failed f = (Failed) event;
            RemoteApiException error = f.error();
            batch.lastError = error;
            if (error.retryable() && batch.attempts <= policy.maxRetries() && !stopping) {
                long now = nanoTime.getAsLong();
                Optional<Duration> asked = RetryPolicy.retryAfterMs(f.retryAfterMs())
                        .or(() -> RetryPolicy.retryAfter(f.retryAfter(), clock));
                Duration delay = asked.orElseGet(() -> policy.backoff(batch.attempts, random.getAsDouble()));
                long due = now + delay.toNanos();
                if (due - budgetEnd > 0) {
                    fail(batch, Failures.afterAttempts(error, batch.attempts, asked.isPresent()
                            ? "the server asked to wait " + Failures.seconds(delay) + ", beyond the run's time budget"
                            : "the run's time budget would run out before the next try"));
                    return;
                }
                LOG.log(Level.DEBUG, () -> "retrying documents " + (batch.from + 1) + "-" + batch.to + " in "
                        + delay.toMillis() + " ms after: " + error.getMessage());
                waiting.add(new Waiting(due, batch));
                return;
            }
            fail(batch, Failures.afterAttempts(error, batch.attempts, null));
        }

        private void fail(Batch batch, RemoteApiException error) {
            if (firstFailure == null) {
                firstFailure = error;
                LOG.log(Level.DEBUG, () -> "stopping the run after a failure: " + error.getMessage());
            }
            failed.add(new PartialResultException.FailedBatch(sent[batch.from], sent[batch.to - 1] + 1, true,
                    error.getMessage()));
            stopping = true;
        }

        /** After a final failure: batches not yet sent, and those waiting to be retried, stay unscored. */
        private void abandonQueued() {
            for (Batch b : ready) {
                failed.add(new PartialResultException.FailedBatch(sent[b.from], sent[b.to - 1] + 1, b.attempts > 0,
                        b.attempts > 0 ? b.lastError.getMessage() : "not sent: the run stopped after a failure"));
            }
            ready.clear();
            for (Waiting w : waiting) {
                failed.add(new PartialResultException.FailedBatch(sent[w.batch().from], sent[w.batch().to - 1] + 1, true,
                        w.batch().lastError.getMessage()));
            }
            waiting.clear();
        }

        private void giveUpOnBudget() {
            RemoteApiException timeout = new RemoteApiException(Kind.TIMEOUT, dialect.displayName(), 0, true,
                    "the run took longer than its time budget (" + Failures.seconds(policy.runBudget()) + ")", null,
                    null);
            for (Map.Entry<Batch, Call> e : inFlight.entrySet()) {
                e.getValue().cancel();
                fail(e.getKey(), timeout);
            }
            inFlight.clear();
            if (firstFailure == null) {
                firstFailure = timeout;
            }
            stopping = true;
            for (Waiting w : waiting) {
                w.batch().lastError = w.batch().lastError != null ? w.batch().lastError : timeout;
            }
            abandonQueued();
        }

        private Ranking merged(Duration elapsed) {
            if (scoredDocs == docs.size() && sent.length == docs.size() && topN == null) {
                return new Ranking(query, Ranking.rank(docs, scores, new int[docs.size()]), kind(), model(),
                        elapsed);
            }
            List<Candidate> scoredCandidates = new ArrayList<>();
            List<Double> scoredValues = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++) {
                if (!Double.isNaN(scores[i])) {
                    scoredCandidates.add(docs.get(i));
                    scoredValues.add(scores[i]);
                }
            }
            double[] values = scoredValues.stream().mapToDouble(Double::doubleValue).toArray();
            return new Ranking(query, Ranking.rank(scoredCandidates, values, new int[values.length]), kind(),
                    model(), elapsed);
        }

        private void send(Batch batch) {
            batch.attempts++;
            usage = usage.plus(new RunUsage(1, batch.attempts > 1 ? 1 : 0, 0, 0, 0));
            List<String> texts = new ArrayList<>(batch.size());
            for (int i = batch.from; i < batch.to; i++) {
                texts.add(docs.get(sent[i]).text());
            }
            Dialect.Request spec = new Dialect.Request(endpoint.effectiveModel(), query.text(), texts, topN,
                    dialect.supportsMaxTokensPerDoc() ? endpoint.options().maxTokensPerDoc() : null, sentOptions);
            byte[] body;
            try {
                body = Wire.JSON.writeValueAsBytes(dialect.requestBody(spec));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("could not write a request body", e);
            }
            Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON_TYPE))
                    .header("Accept", "application/json")
                    .header("User-Agent", "rerank-workbench");
            dialect.extraHeaders().forEach(request::header);
            if (key != null) {
                request.header(dialect.auth().header(), dialect.auth().prefix() + key.reveal());
            }
            Call call = client.newCall(request.build());
            inFlight.put(batch, call);
            call.enqueue(new BatchCallback(batch, events));
        }

        /** Turns one call's outcome into exactly one event, whatever happens. */
        private final class BatchCallback implements Callback {
            private final Batch batch;
            private final BlockingQueue<Event> sink;

            BatchCallback(Batch batch, BlockingQueue<Event> sink) {
                this.batch = batch;
                this.sink = sink;
            }

            @Override
            public void onFailure(Call call, IOException e) {
                sink.add(new Failed(batch, Failures.fromIo(dialect, e, endpoint.options(), url), null));
            }

            @Override
            public void onResponse(Call call, Response response) {
                Event event;
                try (response) {
                    event = read(response);
                } catch (IOException e) {
                    event = new Failed(batch, Failures.fromIo(dialect, e, endpoint.options(), url), null);
                } catch (RuntimeException e) {
                    event = new Failed(batch, Failures.protocol(dialect, response.code(),
                            "could not be read (" + e + ")"), null);
                }
                sink.add(event);
            }

            private Event read(Response response) throws IOException {
                int status = response.code();
                String text = boundedBody(response);
                if (text == null) {
                    return new Failed(batch, new RemoteApiException(Kind.PROTOCOL, dialect.displayName(), status,
                            false, dialect.displayName() + " at " + Failures.shown(url) + " sent a response over "
                            + MAX_RESPONSE_BYTES / (1024 * 1024) + " MiB (HTTP " + status + "); a rerank answer "
                            + "for " + batch.size() + " documents is far smaller: check the base URL and provider",
                            null, null), null);
                }
                if (!response.isSuccessful()) {
                    return new Failed(batch, Failures.fromStatus(dialect, status, text, Failures.shown(url),
                            response.header("Location"), key, endpoint.effectiveModel()),
                            response.header("Retry-After"), response.header("retry-after-ms"));
                }
                try {
                    Responses.Parsed parsed = dialect.parse(Responses.json(text), response::header);
                    return new Scored(batch, validated(parsed.results()), parsed.billed());
                } catch (Responses.ProtocolProblem p) {
                    return new Failed(batch, Failures.protocol(dialect, status, p.getMessage()), null);
                }
            }

            /** Every index within the batch and unique; every document scored unless a cut-off was sent. */
            private Responses.Result[] validated(List<Responses.Result> results) throws Responses.ProtocolProblem {
                int size = batch.size();
                boolean[] seen = new boolean[size];
                for (Responses.Result r : results) {
                    if (r.index() < 0 || r.index() >= size) {
                        throw new Responses.ProtocolProblem("result index " + r.index()
                                + " is outside the request's " + size + " documents (0-" + (size - 1) + ")");
                    }
                    if (seen[r.index()]) {
                        throw new Responses.ProtocolProblem("document index " + r.index() + " appears twice");
                    }
                    seen[r.index()] = true;
                }
                int expected = topN == null ? size : Math.min(topN, size);
                if (results.isEmpty()) {
                    throw new Responses.ProtocolProblem("no results for " + size + " documents");
                }
                if (results.size() < expected) {
                    List<Integer> missing = new ArrayList<>();
                    for (int i = 0; i < size && missing.size() < 5; i++) {
                        if (!seen[i]) {
                            missing.add(i);
                        }
                    }
                    throw new Responses.ProtocolProblem(results.size() + " results for " + size + " documents"
                            + (topN == null ? "" : " (top " + topN + " asked)") + "; missing indices include "
                            + missing);
                }
                return results.toArray(new Responses.Result[0]);
            }
        }
    }
}
