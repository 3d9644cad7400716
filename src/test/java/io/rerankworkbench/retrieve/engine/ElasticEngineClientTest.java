package io.rerankworkbench.retrieve.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OpenSearch and Elasticsearch {@code _search}: request and response shapes as their docs show them, and failures. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ElasticEngineClientTest {

    /** A query with every character that needs JSON escaping or UTF-8: quotes, a backslash, accents, a symbol. */
    static final String TRICKY = "he said \"café\" \\ naïve ✓\ttab";
    private static final String SECRET = "s3cr3t-Key_value==";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> log = new ArrayList<>();
    private final RemoteHttp http = RemoteHttp.builder().logSink(log::add).build();
    private final SearchEngineClient client = new SearchEngineClient(http);
    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    /** The answer shape from the Elasticsearch/OpenSearch search API reference. */
    static final String ES_ANSWER = """
            {"took": 5, "timed_out": false,
             "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
             "hits": {"total": {"value": 3, "relation": "eq"}, "max_score": 1.3862942,
              "hits": [
               {"_index": "products", "_id": "p-1", "_score": 1.3862942,
                "_source": {"title": "Trail shoe", "body": "Grippy sole for mud."}},
               {"_index": "products", "_id": "p-7", "_score": 0.9,
                "_source": {"title": "Road shoe", "body": ["Light", "and fast."]}},
               {"_index": "products", "_id": "p-3", "_score": 0.2, "_source": {"body": "No title here."}}]}}
            """;

    private SearchEngineConfig es(EngineAuth auth) {
        return new SearchEngineConfig("prod-es", SearchEngineKind.ELASTICSEARCH, server.url("/").toString(),
                "products", "{\"query\":{\"match\":{\"body\":\"{{query}}\"}}}", "_id", "title", "body", 100, auth,
                "", Duration.ofSeconds(5));
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static JsonNode body(RecordedRequest r) throws Exception {
        return JSON.readTree(r.getBody().utf8());
    }

    @Test
    void elasticsearchRequestAndHits() throws Exception {
        server.enqueue(json(200, ES_ANSWER));
        List<EngineHit> hits = client.search(es(EngineAuth.API_KEY), EngineSecret.of(SECRET), TRICKY, 25,
                CancellationToken.NONE);

        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/products/_search");
        assertThat(r.getUrl().query()).isNull();
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("ApiKey " + SECRET);
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode sent = body(r);
        assertThat(sent.at("/query/match/body").asText()).isEqualTo(TRICKY);
        assertThat(r.getBody().utf8()).contains("\\\"café\\\" \\\\ naïve ✓\\ttab");
        assertThat(sent.get("size").asInt()).isEqualTo(25);
        assertThat(sent.get("_source").toString()).isEqualTo("[\"title\",\"body\"]");

        assertThat(hits).containsExactly(
                new EngineHit("p-1", "Trail shoe", "Grippy sole for mud.", 1.3862942),
                new EngineHit("p-7", "Road shoe", "Light and fast.", 0.9),
                new EngineHit("p-3", "", "No title here.", 0.2));
        assertThat(String.join("\n", log)).doesNotContain(SECRET).contains("/products/_search");
    }

    @Test
    void openSearchBasicAuthAndIdFromSource() throws Exception {
        server.enqueue(json(200, """
                {"hits": {"hits": [{"_id": "internal", "_score": null,
                  "_source": {"doc_id": 42, "meta": {"title": "Nested"}, "text": "t"}}]}}
                """));
        SearchEngineConfig config = new SearchEngineConfig("os", SearchEngineKind.OPENSEARCH,
                server.url("/search-root").toString(), "docs", null, "doc_id", "meta.title", "text", 10,
                EngineAuth.BASIC, "analyst", Duration.ofSeconds(5));
        List<EngineHit> hits = client.search(config, EngineSecret.of("pä ss:wörd"), "q", 10, CancellationToken.NONE);

        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getUrl().encodedPath()).isEqualTo("/search-root/docs/_search");
        String expected = Base64.getEncoder().encodeToString("analyst:pä ss:wörd".getBytes(StandardCharsets.UTF_8));
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Basic " + expected);
        JsonNode sent = body(r);
        assertThat(sent.at("/query/multi_match/query").asText()).isEqualTo("q");
        assertThat(sent.get("_source").toString()).isEqualTo("[\"doc_id\",\"meta.title\",\"text\"]");
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).id()).isEqualTo("42");
        assertThat(hits.get(0).title()).isEqualTo("Nested");
        assertThat(hits.get(0).score()).isNaN();
    }

    @Test
    void openSearchApiKeyGoesAsBasicAuthAndNoAuthSendsNoHeader() throws Exception {
        server.enqueue(json(200, "{\"hits\":{\"hits\":[]}}"));
        server.enqueue(json(200, "{\"hits\":{\"hits\":[]}}"));
        SearchEngineConfig os = new SearchEngineConfig("os", SearchEngineKind.OPENSEARCH, server.url("/").toString(),
                "docs", null, "_id", "title", "text", 10, EngineAuth.API_KEY, "svc", null);
        assertThat(client.search(os, EngineSecret.of("k"), "q", 3, CancellationToken.NONE)).isEmpty();
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("svc:k".getBytes(StandardCharsets.UTF_8)));
        client.search(es(EngineAuth.NONE), null, "q", 3, CancellationToken.NONE);
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization")).isNull();
    }

    @Test
    void errorReasonFromTheEngine() {
        server.enqueue(json(400, """
                {"error": {"root_cause": [{"type": "query_shard_exception",
                  "reason": "failed to create query: For input string: \\"abc\\"", "index": "products"}],
                 "type": "search_phase_execution_exception", "reason": "all shards failed", "phase": "query"},
                 "status": 400}
                """));
        assertThatThrownBy(() -> client.search(es(EngineAuth.NONE), null, "q", 10, CancellationToken.NONE))
                .isInstanceOf(SearchEngineException.class)
                .hasMessage("Search engine \"prod-es\" (" + base() + "/products): HTTP 400: "
                        + "search_phase_execution_exception: all shards failed (failed to create query: For input "
                        + "string: \"abc\")")
                .satisfies(e -> assertThat(((SearchEngineException) e).status()).isEqualTo(400));
    }

    @Test
    void missingIndexAndBadKeyAreNamedAndTheSecretIsScrubbed() {
        server.enqueue(json(404, """
                {"error": {"root_cause": [{"type": "index_not_found_exception", "reason": "no such index [products]"}],
                 "type": "index_not_found_exception", "reason": "no such index [products]"}, "status": 404}
                """));
        server.enqueue(json(401, "{\"error\":{\"type\":\"security_exception\",\"reason\":\"unable to authenticate "
                + "with provided credentials ApiKey " + SECRET + "\"},\"status\":401}"));
        assertThatThrownBy(() -> client.search(es(EngineAuth.NONE), null, "q", 10, CancellationToken.NONE))
                .hasMessageEndingWith("HTTP 404: index_not_found_exception: no such index [products]");
        assertThatThrownBy(() -> client.search(es(EngineAuth.API_KEY), EngineSecret.of(SECRET), "q", 10,
                CancellationToken.NONE))
                .hasMessageContaining("HTTP 401: security_exception: unable to authenticate")
                .hasMessageContaining("check the user and password or key")
                .message().doesNotContain(SECRET);
    }

    @Test
    void malformedAnswers() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html>login</html>").build());
        server.enqueue(json(200, "{\"took\": 1}"));
        server.enqueue(json(200, "{\"hits\":{\"hits\":[{\"_id\":\"a\",\"_source\":{\"body\":\"x\"}},"
                + "{\"_id\":\"b\",\"_source\":{\"title\":\"no body\"}}]}}"));
        server.enqueue(json(200, "{\"hits\":{\"hits\":[{\"_id\":\"a\",\"_source\":{\"bo"));
        String prefix = "Search engine \"prod-es\" (" + base() + "/products): ";
        assertThatThrownBy(() -> client.search(es(EngineAuth.NONE), null, "q", 10, CancellationToken.NONE))
                .hasMessage(prefix + "the answer is not JSON (text/html) — is the base URL the engine's API?");
        assertThatThrownBy(() -> client.search(es(EngineAuth.NONE), null, "q", 10, CancellationToken.NONE))
                .hasMessage(prefix + "the answer has no hits.hits list (is this a _search endpoint?)");
        assertThatThrownBy(() -> client.search(es(EngineAuth.NONE), null, "q", 10, CancellationToken.NONE))
                .hasMessage(prefix + "hit 2 has no field \"body\" (check the field mapping)");
        assertThatThrownBy(() -> client.search(es(EngineAuth.NONE), null, "q", 10, CancellationToken.NONE))
                .hasMessageStartingWith(prefix + "the answer is not JSON");
    }

    @Test
    void templateThatIsNotJsonAfterSubstitutionIsRefusedBeforeSending() {
        SearchEngineConfig bad = new SearchEngineConfig("prod-es", SearchEngineKind.ELASTICSEARCH,
                server.url("/").toString(), "products", "{\"query\":{\"match\":{\"body\":{{query}}}}}", "_id",
                "title", "body", 10, EngineAuth.NONE, "", null);
        assertThatThrownBy(() -> client.search(bad, null, "q", 10, CancellationToken.NONE))
                .isInstanceOf(SearchEngineException.class)
                .hasMessageContaining("Template: not valid JSON after putting in the query (line 1")
                .hasMessageContaining("{{query}} belongs inside quotes");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void answerLargerThanTheCapIsRefused() {
        SearchEngineClient small = new SearchEngineClient(http, 1000);
        server.enqueue(json(200, "{\"hits\":{\"hits\":[{\"_id\":\"a\",\"_source\":{\"body\":\""
                + "x".repeat(5000) + "\"}}]}}"));
        assertThatThrownBy(() -> small.search(es(EngineAuth.NONE), null, "q", 10, CancellationToken.NONE))
                .hasMessageContaining("the answer is larger than 1000 bytes");
    }

    @Test
    void slowEngineTimesOutWithAClearMessage() {
        server.enqueue(json(200, ES_ANSWER).newBuilder().headersDelay(5, TimeUnit.SECONDS).build());
        SearchEngineConfig quick = es(EngineAuth.NONE).withTimeout(Duration.ofMillis(400));
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.search(quick, null, "q", 10, CancellationToken.NONE))
                .isInstanceOf(SearchEngineException.class)
                .hasMessageStartingWith("Search engine \"prod-es\" (" + base() + "/products): ")
                .hasMessageContaining("0.4 s")
                .satisfies(e -> assertThat(((SearchEngineException) e).kind())
                        .isEqualTo(SearchEngineException.Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void cancellingStopsTheCallPromptly() {
        server.enqueue(json(200, ES_ANSWER).newBuilder().headersDelay(10, TimeUnit.SECONDS).build());
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                return;
            }
            cancelled.set(true);
        });
        canceller.setDaemon(true);
        canceller.start();
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.search(es(EngineAuth.NONE), null, "q", 10, cancelled::get))
                .isInstanceOf(CancelledException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void unreachableServer() throws Exception {
        MockWebServer gone = new MockWebServer();
        gone.start();
        String url = gone.url("/").toString();
        gone.close();
        SearchEngineConfig config = new SearchEngineConfig("down", SearchEngineKind.OPENSEARCH, url, "docs", null,
                "_id", "title", "text", 10, EngineAuth.NONE, "", null);
        assertThatThrownBy(() -> client.search(config, null, "q", 10, CancellationToken.NONE))
                .hasMessageStartingWith("Search engine \"down\" (")
                .hasMessageContaining("cannot connect")
                .satisfies(e -> assertThat(((SearchEngineException) e).kind())
                        .isEqualTo(SearchEngineException.Kind.UNREACHABLE));
    }

    @Test
    void missingSecretIsASetupProblem() {
        assertThatThrownBy(() -> client.search(es(EngineAuth.API_KEY), null, "q", 10, CancellationToken.NONE))
                .hasMessageEndingWith("no API key is stored for it; enter it again");
        assertThat(server.getRequestCount()).isZero();
    }

    private String base() {
        String s = server.url("/").toString();
        return s.substring(0, s.length() - 1);
    }
}
