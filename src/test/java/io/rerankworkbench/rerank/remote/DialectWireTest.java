package io.rerankworkbench.rerank.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.rerankworkbench.rerank.remote.RemoteFixtures.QUERY;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.SECRET;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.body;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.candidates;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.documentTexts;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.fieldNames;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each dialect against a mock server: the request it sends (path, headers, body fields) and how it reads a response
 * shaped like the provider's documented one (REMOTE_APIS.md). Three candidates; the response ranks doc-2 first,
 * then doc-0, then doc-1.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DialectWireTest {

    private MockWebServer server;
    private RemoteHttp http;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        http = RemoteFixtures.http(log::add);
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    /** One dialect's expectations. */
    record Case(Dialect dialect, String path, String authHeader, String authValue, List<String> bodyFields,
                String response, Consumer<JsonNode> bodyCheck, Consumer<RunUsage> usageCheck) {
        @Override
        public String toString() {
            return dialect.id();
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // Pointed at a server other than Cohere's (as vLLM is) with no model: none is sent, so the server
                // uses the model it serves (Cohere's default would get "model does not exist" there)
                new Case(Dialect.COHERE_V2, "/v2/rerank", "Authorization", "Bearer " + SECRET,
                        List.of("query", "documents"),
                        """
                        {"id": "5b0c2f9e-1111-2222-3333-444455556666",
                         "results": [{"index": 2, "relevance_score": 0.8731}, {"index": 0, "relevance_score": 0.1027},
                                     {"index": 1, "relevance_score": 0.05}],
                         "meta": {"api_version": {"version": "2", "is_experimental": false},
                                  "billed_units": {"search_units": 1}}}""",
                        b -> assertThat(b.has("model")).isFalse(),
                        u -> assertThat(u.searchUnits()).isEqualTo(1.0)),
                new Case(Dialect.COHERE_V1, "/v1/rerank", "Authorization", "Bearer " + SECRET,
                        List.of("query", "documents", "return_documents", "max_chunks_per_doc"),
                        """
                        {"results": [{"index": 2, "relevance_score": 0.8731, "document": {"text": "doc-2"}},
                                     {"index": 0, "relevance_score": 0.1027}, {"index": 1, "relevance_score": 0.05}],
                         "id": "x", "meta": {"api_version": {"version": "1"}, "billed_units": {"search_units": 1}}}""",
                        b -> {
                            assertThat(b.get("return_documents").asBoolean()).isFalse();
                            assertThat(b.get("max_chunks_per_doc").asInt()).isEqualTo(10); // 3 × 10 < 10,000
                        },
                        u -> assertThat(u.searchUnits()).isEqualTo(1.0)),
                new Case(Dialect.JINA, "/v1/rerank", "Authorization", "Bearer " + SECRET,
                        List.of("model", "query", "documents", "return_documents"),
                        """
                        {"model": "jina-reranker-v2-base-multilingual", "usage": {"total_tokens": 815},
                         "results": [{"index": 2, "relevance_score": 0.8731, "document": {"text": "doc-2"}},
                                     {"index": 0, "relevance_score": 0.1027}, {"index": 1, "relevance_score": 0.05}]}""",
                        b -> assertThat(b.get("return_documents").asBoolean()).isFalse(),
                        u -> assertThat(u.tokens()).isEqualTo(815)),
                new Case(Dialect.VOYAGE, "/v1/rerank", "Authorization", "Bearer " + SECRET,
                        List.of("model", "query", "documents", "return_documents"),
                        """
                        {"object": "list",
                         "data": [{"index": 2, "relevance_score": 0.8731, "document": "doc-2"},
                                  {"index": 0, "relevance_score": 0.1027}, {"index": 1, "relevance_score": 0.05}],
                         "model": "rerank-2.5", "usage": {"total_tokens": 5120}}""",
                        b -> assertThat(b.get("model").asText()).isEqualTo("rerank-2.5"),
                        u -> assertThat(u.tokens()).isEqualTo(5120)),
                new Case(Dialect.MIXEDBREAD, "/v1/reranking", "Authorization", "Bearer " + SECRET,
                        List.of("model", "query", "input", "return_input"),
                        """
                        {"model": "mixedbread-ai/mxbai-rerank-large-v2", "object": "list",
                         "data": [{"index": 2, "score": 0.8731, "object": "rank_result", "input": {"text": "doc-2"}},
                                  {"index": 0, "score": 0.1027, "object": "rank_result"},
                                  {"index": 1, "score": 0.05, "object": "rank_result"}],
                         "top_k": 3, "return_input": true, "usage": {"prompt_tokens": 210, "total_tokens": 210}}""",
                        b -> assertThat(b.get("return_input").asBoolean()).isFalse(),
                        u -> assertThat(u.tokens()).isEqualTo(210)),
                new Case(Dialect.PINECONE, "/rerank", "Api-Key", SECRET,
                        List.of("model", "query", "documents", "return_documents", "parameters"),
                        """
                        {"model": "bge-reranker-v2-m3",
                         "data": [{"index": 2, "score": 0.8731}, {"index": 0, "score": 0.1027},
                                  {"index": 1, "score": 0.05}],
                         "usage": {"rerank_units": 1}}""",
                        b -> {
                            assertThat(b.get("documents").get(0).get("text").asText()).isEqualTo("doc-0");
                            assertThat(b.get("return_documents").asBoolean()).isFalse();
                            // without it bge-reranker-v2-m3 refuses the batch over 1,024 tokens (its default: NONE)
                            assertThat(b.get("parameters").get("truncate").asText()).isEqualTo("END");
                        },
                        u -> assertThat(u.rerankUnits()).isEqualTo(1)),
                new Case(Dialect.TEI, "/rerank", "Authorization", "Bearer " + SECRET,
                        List.of("query", "texts", "truncate", "raw_scores", "return_text"),
                        """
                        [{"index": 2, "score": 0.8731}, {"index": 0, "score": 0.1027}, {"index": 1, "score": 0.05}]""",
                        b -> assertThat(b.get("truncate").asBoolean()).isTrue(),
                        u -> assertThat(u.requests()).isEqualTo(1)),
                new Case(Dialect.NIM, "/v1/ranking", "Authorization", "Bearer " + SECRET,
                        List.of("model", "query", "passages", "truncate"),
                        """
                        {"rankings": [{"index": 2, "logit": 0.8731}, {"index": 0, "logit": 0.1027},
                                      {"index": 1, "logit": 0.05}]}""",
                        b -> {
                            assertThat(b.get("query").get("text").asText()).isEqualTo(QUERY.text());
                            assertThat(b.get("passages").get(1).get("text").asText()).isEqualTo("doc-1");
                            assertThat(b.get("truncate").asText()).isEqualTo("END");
                        },
                        u -> assertThat(u.requests()).isEqualTo(1)),
                new Case(new Dialect.CustomJson(new CustomJsonFields("/api/score", "query", "candidates", null,
                        "top_k", null, "/hits", "/id", "/relevance", "X-Api-Key", "", 50, false)),
                        "/api/score", "X-Api-Key", SECRET, List.of("query", "candidates"),
                        """
                        {"hits": [{"id": 2, "relevance": 0.8731}, {"id": 0, "relevance": 0.1027},
                                  {"id": 1, "relevance": 0.05}], "took_ms": 12}""",
                        b -> assertThat(b.get("candidates").get(0).asText()).isEqualTo("doc-0"),
                        u -> assertThat(u.requests()).isEqualTo(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sendsTheDocumentedRequestAndReadsTheDocumentedResponse(Case c) throws Exception {
        server.enqueue(json(200, c.response()));
        RemoteReranker ranker = RemoteFixtures.reranker(RemoteFixtures.endpoint(c.dialect(), server), http);

        RemoteRun run = ranker.run(QUERY, candidates(3), ProgressListener.NONE, CancellationToken.NONE);

        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo(c.path());
        assertThat(request.getHeaders().get(c.authHeader())).isEqualTo(c.authValue());
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = body(request);
        assertThat(fieldNames(body)).containsExactlyElementsOf(c.bodyFields());
        if (body.get("query").isTextual()) {
            assertThat(body.get("query").asText()).isEqualTo(QUERY.text());
        }
        assertThat(documentTexts(body)).containsExactly("doc-0", "doc-1", "doc-2");
        c.bodyCheck().accept(body);

        assertThat(run.ranking().results()).extracting(sc -> sc.candidate().docId())
                .containsExactly("d3", "d1", "d2");
        assertThat(run.ranking().results()).extracting(ScoredCandidate::rank).containsExactly(1, 2, 3);
        assertThat(run.ranking().results()).extracting(ScoredCandidate::score)
                .containsExactly(0.8731, 0.1027, 0.05);
        assertThat(run.usage().requests()).isEqualTo(1);
        c.usageCheck().accept(run.usage());
        assertThat(run.warnings()).isEmpty();
    }

    @Test
    void pineconeSendsItsApiVersionAndNoBearerHeader() throws Exception {
        server.enqueue(json(200, "{\"model\": \"m\", \"data\": [{\"index\": 0, \"score\": 0.5}], \"usage\": {}}"));
        RemoteFixtures.reranker(RemoteFixtures.endpoint(Dialect.PINECONE, server), http)
                .run(QUERY, candidates(1), ProgressListener.NONE, CancellationToken.NONE);
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getHeaders().get("X-Pinecone-Api-Version")).isEqualTo("2026-04");
        assertThat(request.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void scoresAreDoublesNotFloats() {
        server.enqueue(json(200, "{\"results\": [{\"index\": 0, \"relevance_score\": 0.123456789012},"
                + " {\"index\": 1, \"relevance_score\": 0.123456789011}]}"));
        RemoteRun run = RemoteFixtures.reranker(RemoteFixtures.endpoint(Dialect.COHERE_V2, server), http)
                .run(QUERY, candidates(2), ProgressListener.NONE, CancellationToken.NONE);
        assertThat(run.ranking().results().get(0).score()).isEqualTo(0.123456789012);
        assertThat(run.ranking().results().get(1).score()).isEqualTo(0.123456789011);
    }

    @Test
    void cohereV2SendsMaxTokensPerDocAndTopNWhenTheSetFitsOneRequest() throws Exception {
        server.enqueue(json(200, "{\"results\": [{\"index\": 1, \"relevance_score\": 0.9},"
                + " {\"index\": 0, \"relevance_score\": 0.2}]}"));
        Endpoint e = RemoteFixtures.endpoint(Dialect.COHERE_V2, server);
        e = e.withOptions(e.options().withMaxTokensPerDoc(1024).withTopK(2));
        RemoteRun run = RemoteFixtures.reranker(e, http)
                .run(QUERY, candidates(5), ProgressListener.NONE, CancellationToken.NONE);
        JsonNode body = body(server.takeRequest(5, TimeUnit.SECONDS));
        assertThat(body.get("top_n").asInt()).isEqualTo(2);
        assertThat(body.get("max_tokens_per_doc").asInt()).isEqualTo(1024);
        assertThat(run.ranking().results()).extracting(sc -> sc.candidate().docId()).containsExactly("d2", "d1");
    }

    @Test
    void voyageAndMixedbreadCallTheCutOffTopK() throws Exception {
        for (Dialect d : List.of(Dialect.VOYAGE, Dialect.MIXEDBREAD)) {
            String scoreField = d == Dialect.VOYAGE ? "relevance_score" : "score";
            server.enqueue(json(200, "{\"data\": [{\"index\": 1, \"" + scoreField + "\": 0.9}]}"));
            Endpoint e = RemoteFixtures.endpoint(d, server);
            e = e.withOptions(e.options().withTopK(1));
            RemoteRun run = RemoteFixtures.reranker(e, http)
                    .run(QUERY, candidates(3), ProgressListener.NONE, CancellationToken.NONE);
            JsonNode body = body(server.takeRequest(5, TimeUnit.SECONDS));
            assertThat(body.get("top_k").asInt()).as(d.id()).isEqualTo(1);
            assertThat(body.has("top_n")).isFalse();
            assertThat(run.ranking().results()).hasSize(1);
        }
    }

    @Test
    void teiAndNimHaveNoCutOffFieldSoTopKIsAppliedClientSide() throws Exception {
        server.enqueue(json(200, "[{\"index\": 1, \"score\": 0.9}, {\"index\": 0, \"score\": 0.1},"
                + " {\"index\": 2, \"score\": 0.5}]"));
        Endpoint e = RemoteFixtures.endpoint(Dialect.TEI, server);
        e = e.withOptions(e.options().withTopK(2));
        RemoteRun run = RemoteFixtures.reranker(e, http)
                .run(QUERY, candidates(3), ProgressListener.NONE, CancellationToken.NONE);
        JsonNode body = body(server.takeRequest(5, TimeUnit.SECONDS));
        assertThat(fieldNames(body)).doesNotContain("top_n", "top_k");
        assertThat(run.ranking().results()).extracting(sc -> sc.candidate().docId()).containsExactly("d2", "d3");
    }

    @Test
    void customJsonCanWrapDocumentsAndSendTheModel() throws Exception {
        CustomJsonFields fields = new CustomJsonFields("rank", "q", "docs", "content", "limit", "model_name", "",
                "/doc", "/s", "Authorization", "Token ", 10, false);
        server.enqueue(json(200, "[{\"doc\": 0, \"s\": -1.5}, {\"doc\": 1, \"s\": 2}]"));
        Endpoint e = new Endpoint("c", new Dialect.CustomJson(fields), server.url("/base/").toString(), "my-model",
                KeyRef.env("X"), RemoteFixtures.endpoint(Dialect.TEI, server).options().withTopK(1));
        RemoteRun run = RemoteFixtures.reranker(e, http)
                .run(QUERY, candidates(2), ProgressListener.NONE, CancellationToken.NONE);
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getUrl().encodedPath()).isEqualTo("/base/rank");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Token " + SECRET);
        JsonNode body = body(request);
        assertThat(fieldNames(body)).containsExactly("model_name", "q", "docs", "limit");
        assertThat(body.get("docs").get(1).get("content").asText()).isEqualTo("doc-1");
        assertThat(body.get("limit").asInt()).isEqualTo(1);
        assertThat(run.ranking().results()).extracting(sc -> sc.candidate().docId()).containsExactly("d2");
    }

    @Test
    void noKeyMeansNoAuthHeader() throws Exception {
        server.enqueue(json(200, "[{\"index\": 0, \"score\": 0.5}]"));
        new RemoteReranker(RemoteFixtures.endpoint(Dialect.TEI, server).withKey(KeyRef.NONE), null, http,
                RemoteFixtures.FAST).run(QUERY, candidates(1), ProgressListener.NONE, CancellationToken.NONE);
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization")).isNull();
    }

    @Test
    void listwiseModelsSplitOverSeveralRequestsCarryAWarning() {
        server.enqueue(json(200, "{\"results\": [{\"index\": 0, \"relevance_score\": 0.2}]}"));
        server.enqueue(json(200, "{\"results\": [{\"index\": 0, \"relevance_score\": 0.9}]}"));
        Endpoint e = new Endpoint("jina", Dialect.JINA, server.url("/").toString(), "jina-reranker-v3",
                KeyRef.env("JINA_API_KEY"), EndpointOptions.DEFAULT.withMaxDocumentsPerRequest(1).withConcurrency(1));
        RemoteRun run = RemoteFixtures.reranker(e, http)
                .run(QUERY, candidates(2), ProgressListener.NONE, CancellationToken.NONE);
        assertThat(run.warnings()).singleElement().asString().contains("not comparable");
        assertThat(Dialect.JINA.listwise("jina-reranker-v2-base-multilingual")).isFalse();
    }

    @Test
    void defaultsFollowTheProviderNotes() {
        assertThat(Dialect.COHERE_V2.defaultMaxDocuments()).isEqualTo(1000);
        assertThat(Dialect.TEI.defaultMaxDocuments()).isEqualTo(32);
        assertThat(Dialect.NIM.defaultMaxDocuments()).isEqualTo(512);
        assertThat(Dialect.COHERE_V2.keyEnvVars()).containsExactly("COHERE_API_KEY", "CO_API_KEY");
        assertThat(Dialect.MIXEDBREAD.keyEnvVars()).containsExactly("MXBAI_API_KEY");
        assertThat(Dialect.PINECONE.auth().header()).isEqualTo("Api-Key");
        assertThat(Dialect.byId("TEI", null)).isEqualTo(Dialect.TEI);
        assertThatThrownBy(() -> Dialect.byId("cohere-v9", null)).hasMessageContaining("unknown provider");
        assertThat(Dialect.builtIns().get(0)).isEqualTo(Dialect.COHERE_V2);
    }
}
