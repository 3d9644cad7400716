package io.rerankworkbench.rerank.remote;

import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.remote.RemoteApiException.Kind;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.rerankworkbench.rerank.remote.RemoteFixtures.FAST;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.QUERY;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.candidates;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What goes wrong on the wire — rate limits, server errors, resets, slow and broken bodies, bad indices,
 * cancellation — ends promptly with the expected message, retrying where that may help and keeping what was scored.
 * Every test has a timeout: a hang is a failure.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultInjectionTest {

    private static final String OK3 = "{\"results\": [{\"index\": 1, \"relevance_score\": 0.9},"
            + " {\"index\": 0, \"relevance_score\": 0.5}, {\"index\": 2, \"relevance_score\": 0.1}]}";

    private MockWebServer server;
    private RemoteHttp http;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        http = RemoteFixtures.http(line -> { });
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private Endpoint cohere() {
        return RemoteFixtures.endpoint(Dialect.COHERE_V2, server);
    }

    private RemoteRun run(Endpoint endpoint, RetryPolicy policy, int documents) {
        return RemoteFixtures.reranker(endpoint, http, policy)
                .run(QUERY, candidates(documents), ProgressListener.NONE, CancellationToken.NONE);
    }

    private RemoteApiException failure(Endpoint endpoint, RetryPolicy policy, int documents) {
        return catchThrowableOfType(RemoteApiException.class, () -> run(endpoint, policy, documents));
    }

    private static void assertRanked(RemoteRun run) {
        assertThat(run.ranking().results()).extracting(sc -> sc.candidate().docId()).containsExactly("d2", "d1", "d3");
    }

    // ---- retries -------------------------------------------------------------------------------------------

    @Test
    void rateLimitWithoutRetryAfterIsRetriedWithBackoff() {
        server.enqueue(json(429, "{\"message\": \"You are using a Trial key, which is limited to 10 API calls / "
                + "minute\"}"));
        server.enqueue(json(200, OK3));
        RemoteRun run = run(cohere(), FAST, 3);
        assertRanked(run);
        assertThat(run.usage().requests()).isEqualTo(2);
        assertThat(run.usage().retries()).isEqualTo(1);
    }

    @Test
    void retryAfterInSecondsIsHonoured() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").body("{}").build());
        server.enqueue(json(200, OK3));
        long start = System.nanoTime();
        RemoteRun run = run(cohere(), FAST, 3); // FAST waits milliseconds; only the header explains a second
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertRanked(run);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(950);
    }

    @Test
    void retryAfterBeyondTheRunBudgetGivesUpAtOnce() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600")
                .body("{\"message\": \"slow down\"}").build());
        long start = System.nanoTime();
        RemoteApiException e = failure(cohere(), FAST, 3);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("rate limited by Cohere v2").contains("slow down")
                .contains("3600 s, beyond the run's time budget");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void unavailableThenSuccess() {
        server.enqueue(json(503, "{\"message\": \"overloaded\"}"));
        server.enqueue(json(200, OK3));
        assertRanked(run(cohere(), FAST, 3));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void rateLimitsThatNeverEndGiveUpAfterTheRetries() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(json(429, "{\"message\": \"too many requests\"}"));
        }
        RemoteApiException e = failure(cohere(), FAST, 3);
        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.providerMessage()).isEqualTo("too many requests");
        assertThat(e.getMessage()).contains("gave up after 5 tries");
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void connectionResetIsRetried() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(json(200, OK3));
        RemoteRun run = run(cohere(), FAST, 3);
        assertRanked(run);
        assertThat(run.usage().retries()).isEqualTo(1);
    }

    @Test
    void aConnectionThatAlwaysDropsFailsAsANetworkError() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                    .build());
        }
        RemoteApiException e = failure(cohere(), FAST, 3);
        assertThat(e.kind()).isEqualTo(Kind.NETWORK);
        assertThat(e.status()).isZero();
        assertThat(e.getMessage()).contains("connection to").contains("failed").contains("gave up after 5 tries");
    }

    @Test
    void nothingListeningFailsAtTheFirstTryAndNamesTheUrl() throws Exception {
        MockWebServer gone = new MockWebServer();
        gone.start();
        Endpoint e = RemoteFixtures.endpoint(Dialect.TEI, gone);
        String url = gone.url("/rerank").toString();
        gone.close();
        List<String> log = new CopyOnWriteArrayList<>();
        try (RemoteHttp logged = RemoteFixtures.http(log::add)) {
            RemoteApiException failure = catchThrowableOfType(RemoteApiException.class, () -> RemoteFixtures
                    .reranker(e, logged, FAST).run(QUERY, candidates(3), ProgressListener.NONE,
                            CancellationToken.NONE));
            assertThat(failure.kind()).isEqualTo(Kind.NETWORK);
            assertThat(failure.retryable()).isFalse();
            assertThat(failure.getMessage()).isEqualTo("could not connect to " + url + ": connection refused: "
                    + "nothing listens at " + gone.getHostName() + ":" + gone.getPort()
                    + "; check that the server is running and the base URL");
        }
        assertThat(log.stream().filter(line -> line.startsWith("--> POST"))).as("requests sent").hasSize(1);
    }

    // ---- timeouts ------------------------------------------------------------------------------------------

    private Endpoint withTimeouts(long readMs, long callMs) {
        Endpoint e = cohere();
        return e.withOptions(e.options().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(readMs),
                Duration.ofMillis(callMs)));
    }

    @Test
    void aBodySlowerThanTheReadTimeout() {
        server.enqueue(new MockResponse.Builder().code(200).body(OK3).throttleBody(1, 1, TimeUnit.SECONDS).build());
        RemoteApiException e = failure(withTimeouts(300, 10_000), RetryPolicy.NONE, 3);
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("sent nothing for the read timeout (0.3 s)");
    }

    @Test
    void headersSlowerThanTheReadTimeout() {
        server.enqueue(new MockResponse.Builder().code(200).body(OK3).headersDelay(3, TimeUnit.SECONDS).build());
        RemoteApiException e = failure(withTimeouts(300, 10_000), RetryPolicy.NONE, 3);
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("read timeout");
    }

    @Test
    void aTrickleThatOutlastsTheCallTimeout() {
        server.enqueue(new MockResponse.Builder().code(200).body(OK3)
                .throttleBody(4, 100, TimeUnit.MILLISECONDS).build());
        RemoteApiException e = failure(withTimeouts(5_000, 700), RetryPolicy.NONE, 3);
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("call timeout (0.7 s)");
    }

    @Test
    void theRunBudgetEndsARunThatWouldOtherwiseWait() {
        server.enqueue(new MockResponse.Builder().code(200).body(OK3).headersDelay(8, TimeUnit.SECONDS).build());
        RetryPolicy oneSecond = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(1));
        long start = System.nanoTime();
        RemoteApiException e = failure(withTimeouts(20_000, 30_000), oneSecond, 3);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(4_000);
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("time budget (1 s)");
    }

    // ---- broken bodies -------------------------------------------------------------------------------------

    private RemoteApiException protocolFailure(String body) {
        server.enqueue(json(200, body));
        RemoteApiException e = failure(cohere(), FAST, 3);
        assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(e.retryable()).isFalse();
        assertThat(server.getRequestCount()).as("a broken body is not retried").isEqualTo(1);
        assertThat(e.getMessage()).startsWith("unusable response from Cohere v2: ");
        return e;
    }

    @Test
    void truncatedJson() {
        assertThat(protocolFailure("{\"results\": [{\"index\": 1, \"relevance_score\": 0.9}, {\"index\": 0,")
                .getMessage()).contains("cut short");
    }

    @Test
    void notJsonAtAll() {
        assertThat(protocolFailure("<html><body>Welcome to nginx!</body></html>").getMessage())
                .contains("not valid JSON").contains("Welcome to nginx");
    }

    @Test
    void emptyBody() {
        assertThat(protocolFailure("").getMessage()).contains("the response body is empty");
    }

    @Test
    void trailingGarbage() {
        assertThat(protocolFailure(OK3 + " {}").getMessage()).contains("not valid JSON");
    }

    @Test
    void indexOutOfRange() {
        assertThat(protocolFailure("{\"results\": [{\"index\": 7, \"relevance_score\": 0.9}]}").getMessage())
                .contains("result index 7 is outside the request's 3 documents (0-2)");
    }

    @Test
    void negativeIndex() {
        assertThat(protocolFailure("{\"results\": [{\"index\": -1, \"relevance_score\": 0.9}]}").getMessage())
                .contains("result index -1 is outside");
    }

    @Test
    void duplicateIndex() {
        assertThat(protocolFailure("{\"results\": [{\"index\": 1, \"relevance_score\": 0.9},"
                + " {\"index\": 1, \"relevance_score\": 0.8}, {\"index\": 0, \"relevance_score\": 0.1}]}")
                .getMessage()).contains("document index 1 appears twice");
    }

    @Test
    void emptyResults() {
        assertThat(protocolFailure("{\"results\": []}").getMessage()).contains("no results for 3 documents");
    }

    @Test
    void missingDocuments() {
        assertThat(protocolFailure("{\"results\": [{\"index\": 1, \"relevance_score\": 0.9},"
                + " {\"index\": 0, \"relevance_score\": 0.1}]}").getMessage())
                .contains("2 results for 3 documents; missing indices include [2]");
    }

    @Test
    void resultsUnderTheWrongName() {
        assertThat(protocolFailure("{\"data\": [{\"index\": 0, \"score\": 0.9}]}").getMessage())
                .contains("no \"results\" array; it has fields data (is the dialect right?)");
    }

    @Test
    void missingOrNonNumericFieldsAreNotDefaultedToZero() {
        assertThat(protocolFailure("{\"results\": [{\"relevance_score\": 0.9}]}").getMessage())
                .contains("result 0 has no value where an integer \"index\" was expected");
    }

    @Test
    void scoreAsText() {
        assertThat(protocolFailure("{\"results\": [{\"index\": 0, \"relevance_score\": \"0.5\"}]}").getMessage())
                .contains("a string \"0.5\" where a numeric \"relevance_score\" was expected");
    }

    @Test
    void fractionalIndex() {
        assertThat(protocolFailure("{\"results\": [{\"index\": 1.7, \"relevance_score\": 0.5}]}").getMessage())
                .contains("a number 1.7 where an integer \"index\" was expected");
    }

    // ---- cancellation and partial results ------------------------------------------------------------------

    @Test
    void cancellationAbortsCallsInFlight() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch release = new CountDownLatch(1);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                cancelled.set(true); // the user presses Cancel while the server is still thinking
                release.await(20, TimeUnit.SECONDS);
                return json(200, OK3);
            }
        });
        Endpoint e = cohere();
        e = e.withOptions(e.options().withMaxDocumentsPerRequest(2).withTimeouts(Duration.ofSeconds(2),
                Duration.ofSeconds(20), Duration.ofSeconds(25)));
        RemoteReranker ranker = RemoteFixtures.reranker(e, http);
        long start = System.nanoTime();
        try {
            assertThatThrownBy(() -> ranker.run(QUERY, candidates(6), ProgressListener.NONE, cancelled::get))
                    .isInstanceOf(CancelledException.class);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3_000);
            assertThat(ranker.lastUsage()).get().extracting(RunUsage::requests).isEqualTo(2);
        } finally {
            release.countDown();
        }
    }

    @Test
    void anAlreadyCancelledTokenSendsNothing() {
        assertThatThrownBy(() -> RemoteFixtures.reranker(cohere(), http)
                .run(QUERY, candidates(3), ProgressListener.NONE, () -> true)).isInstanceOf(CancelledException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void completedBatchesAreKeptWhenALaterOneFails() {
        ScoringDispatcher dispatcher = new ScoringDispatcher()
                .script(2, json(400, "{\"message\": \"invalid request: document at index 1 is empty\"}"));
        server.setDispatcher(dispatcher);
        Endpoint e = cohere().withOptions(cohere().options().withMaxDocumentsPerRequest(2).withConcurrency(1));

        PartialResultException p = catchThrowableOfType(PartialResultException.class, () -> run(e, FAST, 5));

        assertThat(p.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.getMessage()).startsWith("scored 2 of 5 documents; 3 have no score (3-4, 5-5): ")
                .contains("document at index 1 is empty");
        assertThat(p.partial().results()).extracting(sc -> sc.candidate().docId())
                .containsExactlyInAnyOrder("d1", "d2");
        assertThat(p.partial().results()).extracting(ScoredCandidate::rank).containsExactly(1, 2);
        assertThat(p.failed()).containsExactly(
                new PartialResultException.FailedBatch(2, 4, true, p.failed().get(0).reason()),
                new PartialResultException.FailedBatch(4, 5, false, "not sent: the run stopped after a failure"));
        assertThat(dispatcher.bodies).hasSize(2);
        assertThat(p.usage().requests()).isEqualTo(2);
    }

    @Test
    void batchesInFlightFinishWhenAnotherRunsOutOfRetries() {
        ScoringDispatcher dispatcher = new ScoringDispatcher();
        for (int i = 0; i < 5; i++) {
            dispatcher.script(2, json(503, "{\"message\": \"unavailable\"}"));
        }
        server.setDispatcher(dispatcher);
        Endpoint e = cohere().withOptions(cohere().options().withMaxDocumentsPerRequest(2).withConcurrency(2));

        PartialResultException p = catchThrowableOfType(PartialResultException.class, () -> run(e, FAST, 6));

        assertThat(p.kind()).isEqualTo(Kind.SERVER);
        assertThat(p.retryable()).isTrue();
        assertThat(p.failed()).extracting(PartialResultException.FailedBatch::from).contains(2);
        Map<String, Double> scored = new java.util.HashMap<>();
        p.partial().results().forEach(sc -> scored.put(sc.candidate().docId(), sc.score()));
        assertThat(scored).containsEntry("d1", ScoringDispatcher.score(0)).containsEntry("d2", ScoringDispatcher.score(1))
                .doesNotContainKeys("d3", "d4");
    }

    @Test
    void nothingScoredThrowsThePlainFailure() {
        server.enqueue(json(401, "{\"message\": \"invalid api token\"}"));
        Endpoint e = cohere();
        e = e.withOptions(e.options().withMaxDocumentsPerRequest(2).withConcurrency(1));
        RemoteApiException failure = failure(e, FAST, 6);
        assertThat(failure).isNotInstanceOf(PartialResultException.class);
        assertThat(failure.getMessage()).startsWith("API key rejected by Cohere v2");
        assertThat(server.getRequestCount()).as("an auth failure stops the run").isEqualTo(1);
    }
}
