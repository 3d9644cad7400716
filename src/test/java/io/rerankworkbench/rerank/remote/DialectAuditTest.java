package io.rerankworkbench.rerank.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.rerankworkbench.rerank.remote.RemoteFixtures.QUERY;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.body;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.candidates;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.documentTexts;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What an audit of the dialects against the providers' specifications found: each request exactly as sent and the
 * behaviour on the documented response.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DialectAuditTest {

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

    private RecordedRequest next() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        return r;
    }

    private static Endpoint with(Endpoint e, String model, Map<String, String> options) {
        return new Endpoint(e.name(), e.dialect(), e.baseUrl(), model, e.key(),
                e.options().withProviderOptions(options));
    }

    @Test
    void emptyDocumentsAreNeverSentAndTheRunSaysSo() throws Exception {
        List<Candidate> docs = List.of(new Candidate(1, "d1", "steak"), new Candidate(2, "blank", "  "),
                new Candidate(3, "d3", "rest it"), new Candidate(4, "empty", ""));
        server.enqueue(json(200, "{\"results\": [{\"index\": 1, \"relevance_score\": 0.9},"
                + " {\"index\": 0, \"relevance_score\": 0.2}]}"));
        RemoteRun run = RemoteFixtures.reranker(RemoteFixtures.endpoint(Dialect.COHERE_V2, server), http)
                .run(QUERY, docs, ProgressListener.NONE, CancellationToken.NONE);
        assertThat(documentTexts(body(next()))).containsExactly("steak", "rest it");
        // indices map back past the left-out documents
        assertThat(run.ranking().results()).extracting(c -> c.candidate().docId()).containsExactly("d3", "d1");
        assertThat(run.warnings()).containsExactly("2 documents are empty and were not sent, so the ranking leaves "
                + "them out");
    }

    @Test
    void pineconeTruncatesByDefaultAndNoneCanBeChosen() throws Exception {
        String ok = "{\"data\": [{\"index\": 0, \"score\": 0.5}], \"usage\": {}}";
        server.enqueue(json(200, ok));
        server.enqueue(json(200, ok));
        Endpoint e = RemoteFixtures.endpoint(Dialect.PINECONE, server);
        RemoteFixtures.reranker(e, http).run(QUERY, candidates(1), ProgressListener.NONE, CancellationToken.NONE);
        assertThat(body(next()).get("parameters").get("truncate").asText()).isEqualTo("END");
        RemoteFixtures.reranker(with(e, null, Map.of("truncate", "NONE")), http)
                .run(QUERY, candidates(1), ProgressListener.NONE, CancellationToken.NONE);
        assertThat(body(next()).get("parameters").get("truncate").asText()).isEqualTo("NONE");
    }

    @Test
    void voyageBatchesStayUnderItsTokenBudgetAndSayWhenOneDocumentCannot() throws Exception {
        // rerank-1's budget is 300,000 tokens per request (query tokens × documents + document tokens); at chars / 4
        // each of these documents is 100,000 tokens, so two fit a request and the third goes in a second one
        Endpoint base = with(RemoteFixtures.endpoint(Dialect.VOYAGE, server), "rerank-1", Map.of());
        Endpoint e = base.withOptions(base.options().withConcurrency(1)); // responses in request order
        List<Candidate> docs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            docs.add(new Candidate(i + 1, "d" + i, "x".repeat(400_000)));
        }
        server.enqueue(json(200, "{\"data\": [{\"index\": 0, \"relevance_score\": 0.5},"
                + " {\"index\": 1, \"relevance_score\": 0.4}]}"));
        server.enqueue(json(200, "{\"data\": [{\"index\": 0, \"relevance_score\": 0.3}]}"));
        RemoteRun run = RemoteFixtures.reranker(e, http).run(QUERY, docs, ProgressListener.NONE,
                CancellationToken.NONE);
        assertThat(documentTexts(body(next()))).hasSize(2);
        assertThat(documentTexts(body(next()))).hasSize(1);
        assertThat(run.ranking().results()).hasSize(3);

        List<Candidate> huge = List.of(new Candidate(1, "huge", "x".repeat(1_300_000)));
        RemoteApiException tooBig = catchThrowableOfType(RemoteApiException.class, () -> RemoteFixtures.reranker(e,
                http).run(QUERY, huge, ProgressListener.NONE, CancellationToken.NONE));
        assertThat(tooBig.getMessage()).contains("document huge with the query is about 325").contains("300000");

        Endpoint v25 = with(RemoteFixtures.endpoint(Dialect.VOYAGE, server), "rerank-2.5", Map.of());
        RemoteApiException longQuery = catchThrowableOfType(RemoteApiException.class, () ->
                RemoteFixtures.reranker(v25, http).run(new Query("q", "w".repeat(40_000)), candidates(1),
                        ProgressListener.NONE, CancellationToken.NONE));
        assertThat(longQuery.getMessage()).contains("the query is about 10000 tokens, over the 8000 rerank-2.5");
        assertThat(server.getRequestCount()).isEqualTo(2); // nothing sent for the two refused runs
    }

    @Test
    void aCohereDialectAtCoheresHostStillSendsTheDefaultModel() {
        Endpoint cohere = Endpoint.of("c", Dialect.COHERE_V2, null, null);
        assertThat(cohere.effectiveModel()).isEqualTo("rerank-v3.5");
        assertThat(cohere.isProviderHost()).isTrue();
        Endpoint vllm = Endpoint.of("v", Dialect.COHERE_V2, "http://localhost:8000", null);
        assertThat(vllm.effectiveModel()).isNull();
        // a dialect nobody copies keeps its default model behind any address (a proxy in front of Jina is Jina)
        assertThat(Endpoint.of("j", Dialect.JINA, "https://proxy.example", null).effectiveModel())
                .isEqualTo("jina-reranker-v2-base-multilingual");
    }

    @Test
    void a404AboutTheModelIsAModelProblem() {
        server.enqueue(json(404, "{\"object\": \"error\", \"message\": \"The model `rerank-v3.5` does not exist.\","
                + " \"type\": \"NotFoundError\", \"code\": 404}"));
        Endpoint e = with(RemoteFixtures.endpoint(Dialect.COHERE_V2, server), "rerank-v3.5", Map.of());
        RemoteApiException x = catchThrowableOfType(RemoteApiException.class, () -> RemoteFixtures.reranker(e, http,
                RetryPolicy.NONE).run(QUERY, candidates(2), ProgressListener.NONE, CancellationToken.NONE));
        assertThat(x.getMessage()).startsWith("Cohere v2 does not serve the model \"rerank-v3.5\" (HTTP 404)")
                .contains("check the model name").doesNotContain("nothing answers");
    }

    @Test
    void cohere498IsADenyListedTokenNotARejectedKey() {
        server.enqueue(json(498, "{\"message\": \"blocked output: please adjust your prompt and try again\"}"));
        RemoteApiException x = catchThrowableOfType(RemoteApiException.class, () -> RemoteFixtures.reranker(
                RemoteFixtures.endpoint(Dialect.COHERE_V2, server), http, RetryPolicy.NONE)
                .run(QUERY, candidates(2), ProgressListener.NONE, CancellationToken.NONE));
        assertThat(x.kind()).isEqualTo(RemoteApiException.Kind.BAD_REQUEST);
        assertThat(x.getMessage()).contains("deny-listed token").contains("not a key problem")
                .doesNotContain("API key rejected");
    }

    @Test
    void pineconesMonthlyQuotaIsNotRetried() {
        server.enqueue(json(429, "{\"error\": {\"code\": \"RESOURCE_EXHAUSTED\", \"message\": \"Request failed. You've"
                + " reached your rerank tokens limit of 500000 for the current month.\"}, \"status\": 429}"));
        RemoteApiException x = catchThrowableOfType(RemoteApiException.class, () -> RemoteFixtures.reranker(
                RemoteFixtures.endpoint(Dialect.PINECONE, server), http)
                .run(QUERY, candidates(2), ProgressListener.NONE, CancellationToken.NONE));
        assertThat(x.retryable()).isFalse();
        assertThat(x.getMessage()).contains("quota is used up").contains("does not recover within a run");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retryAfterMsIsHonoured() throws Exception {
        assertThat(RetryPolicy.retryAfterMs("1500")).contains(Duration.ofMillis(1500));
        assertThat(RetryPolicy.retryAfterMs("12.5")).contains(Duration.ofNanos(12_500_000));
        assertThat(RetryPolicy.retryAfterMs("soon")).isEmpty();
        assertThat(RetryPolicy.retryAfterMs("-3")).isEmpty();
        // a 429 asking for 300 ms (and 1 s in Retry-After): the retry waits the milliseconds, not FAST's 1-4 ms
        server.enqueue(new MockResponse.Builder().code(429).setHeader("retry-after-ms", "300")
                .setHeader("Retry-After", "1").body("{\"message\": \"slow down\"}").build());
        server.enqueue(json(200, "{\"data\": [{\"index\": 0, \"score\": 0.5}, {\"index\": 1, \"score\": 0.4}]}"));
        long start = System.nanoTime();
        RemoteFixtures.reranker(RemoteFixtures.endpoint(Dialect.MIXEDBREAD, server), http)
                .run(QUERY, candidates(2), ProgressListener.NONE, CancellationToken.NONE);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).isBetween(280L, 950L);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void atlasKeysGoToAtlasUnlessABaseUrlIsSet() {
        Endpoint voyage = Endpoint.of("v", Dialect.VOYAGE, null, null);
        assertThat(RemoteReranker.atlasKey(voyage, ApiKey.of("al-abc123"))).isTrue();
        assertThat(RemoteReranker.atlasKey(voyage, ApiKey.of("pa-abc123"))).isFalse();
        assertThat(RemoteReranker.atlasKey(Endpoint.of("v", Dialect.VOYAGE, "https://my.proxy", null),
                ApiKey.of("al-abc123"))).isFalse();
        assertThat(RemoteReranker.atlasKey(Endpoint.of("c", Dialect.COHERE_V2, null, null), ApiKey.of("al-x")))
                .isFalse();
    }

    @Test
    void providerOptionsGoOnlyToTheDialectsThatTakeThem() throws Exception {
        String cohere = "{\"results\": [{\"index\": 0, \"relevance_score\": 0.5}]}";
        // vLLM behind the Cohere v2 dialect: its extra fields; Cohere's own priority is not sent there
        server.enqueue(json(200, cohere));
        Endpoint vllm = with(RemoteFixtures.endpoint(Dialect.COHERE_V2, server), null,
                Map.of("use_activation", "false", "max_tokens_per_query", "64", "priority", "3"));
        RemoteFixtures.reranker(vllm, http).run(QUERY, candidates(1), ProgressListener.NONE, CancellationToken.NONE);
        JsonNode b = body(next());
        assertThat(b.get("use_activation").asBoolean(true)).isFalse();
        assertThat(b.get("max_tokens_per_query").asInt()).isEqualTo(64);
        assertThat(b.has("priority")).isFalse();
        // TEI: logits and the cut side
        server.enqueue(json(200, "[{\"index\": 0, \"score\": -2.5}]"));
        Endpoint tei = with(RemoteFixtures.endpoint(Dialect.TEI, server), null,
                Map.of("raw_scores", "true", "truncation_direction", "Left"));
        RemoteFixtures.reranker(tei, http).run(QUERY, candidates(1), ProgressListener.NONE, CancellationToken.NONE);
        b = body(next());
        assertThat(b.get("raw_scores").asBoolean()).isTrue();
        assertThat(b.get("truncation_direction").asText()).isEqualTo("Left");
        // Voyage truncation false, Mixedbread rewrite_query
        server.enqueue(json(200, "{\"data\": [{\"index\": 0, \"relevance_score\": 0.5}]}"));
        RemoteFixtures.reranker(with(RemoteFixtures.endpoint(Dialect.VOYAGE, server), null,
                Map.of("truncation", "false")), http).run(QUERY, candidates(1), ProgressListener.NONE,
                CancellationToken.NONE);
        assertThat(body(next()).get("truncation").asBoolean(true)).isFalse();
        server.enqueue(json(200, "{\"data\": [{\"index\": 0, \"score\": 0.5}]}"));
        RemoteFixtures.reranker(with(RemoteFixtures.endpoint(Dialect.MIXEDBREAD, server), null,
                Map.of("rewrite_query", "true")), http).run(QUERY, candidates(1), ProgressListener.NONE,
                CancellationToken.NONE);
        assertThat(body(next()).get("rewrite_query").asBoolean()).isTrue();
        // Jina takes none: nothing unknown goes out
        server.enqueue(json(200, cohere));
        RemoteFixtures.reranker(with(RemoteFixtures.endpoint(Dialect.JINA, server), null,
                Map.of("truncate", "NONE")), http).run(QUERY, candidates(1), ProgressListener.NONE,
                CancellationToken.NONE);
        assertThat(body(next()).has("truncate")).isFalse();
    }

    @Test
    void optionsAreCheckedAgainstTheDialect() {
        assertThat(EndpointOptions.problems(Map.of("truncate", "NONE"), Dialect.PINECONE, true)).isEmpty();
        assertThat(EndpointOptions.problems(Map.of("truncate", "START"), Dialect.PINECONE, true))
                .containsExactly("truncate must be END or NONE, not \"START\"");
        assertThat(EndpointOptions.problems(Map.of("priority", "1000"), Dialect.COHERE_V2, true))
                .containsExactly("priority must be from 0 to 999, not 1000");
        assertThat(EndpointOptions.problems(Map.of("top", "1"), Dialect.JINA, true))
                .containsExactly("unknown option top for Jina (it takes none here)");
        assertThat(EndpointOptions.problems(Map.of("priority", "1"), Dialect.COHERE_V2, false))
                .containsExactly("unknown option priority for Cohere v2 (it takes use_activation=true|false, "
                        + "max_tokens_per_query=1…1000000)");
    }

    @Test
    void cohereV1KeepsAFullBatchUnderTheChunkLimit() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            texts.add("doc " + i);
        }
        Object body = Dialect.COHERE_V1.requestBody(new Dialect.Request(null, "q", texts, null, null));
        JsonNode json = Wire.JSON.valueToTree(body);
        assertThat(json.get("max_chunks_per_doc").asInt()).isEqualTo(9); // 1,000 × 9 < 10,000 (10 would be at it)
    }

    @Test
    void endpointFilesKeepProviderOptions() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("endpoints");
        EndpointStore store = new EndpointStore(dir);
        Endpoint e = with(Endpoint.of("p", Dialect.PINECONE, null, null), null, Map.of("truncate", "NONE"));
        store.save(List.of(e));
        assertThat(store.load().get(0).options().providerOptions()).containsExactly(Map.entry("truncate", "NONE"));
    }

    @Test
    void aResponseOverTheCapFailsWithoutReadingItWhole() {
        okio.Buffer big = new okio.Buffer();
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) ' ');
        for (long i = 0; i <= RemoteReranker.MAX_RESPONSE_BYTES / chunk.length; i++) {
            big.write(chunk);
        }
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body(big).build());
        RemoteApiException x = catchThrowableOfType(RemoteApiException.class, () -> RemoteFixtures.reranker(
                RemoteFixtures.endpoint(Dialect.COHERE_V2, server), http, RetryPolicy.NONE)
                .run(QUERY, candidates(2), ProgressListener.NONE, CancellationToken.NONE));
        assertThat(x.kind()).isEqualTo(RemoteApiException.Kind.PROTOCOL);
        assertThat(x.getMessage()).contains("sent a response over 32 MiB").contains(server.url("/").host());
    }

    @Test
    void aBaseUrlWithUserInfoIsRefusedWithoutShowingIt() {
        Endpoint e = Endpoint.of("x", Dialect.COHERE_V2, "https://user:hunter2@rerank.example.com", "m");
        RemoteApiException x = catchThrowableOfType(RemoteApiException.class, () -> RemoteReranker.requestUrl(e));
        assertThat(x.getMessage()).contains("holds a user name or password").doesNotContain("hunter2")
                .doesNotContain("user:");
        assertThat(Failures.shown(okhttp3.HttpUrl.get("https://a:b@h.example/x?key=1"))).isEqualTo("https://h.example/x");
    }
}
