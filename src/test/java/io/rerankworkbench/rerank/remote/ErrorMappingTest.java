package io.rerankworkbench.rerank.remote;

import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.remote.RemoteApiException.Kind;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.rerankworkbench.rerank.remote.RemoteFixtures.QUERY;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.SECRET;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.candidates;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.json;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Non-2xx responses shaped like each provider's, mapped to {@link RemoteApiException}s with useful messages. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ErrorMappingTest {

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

    private RemoteApiException fail(Dialect dialect, MockResponse response) {
        server.enqueue(response);
        RemoteReranker ranker = RemoteFixtures.reranker(RemoteFixtures.endpoint(dialect, server), http,
                RetryPolicy.NONE);
        return catchThrowableOfType(RemoteApiException.class,
                () -> ranker.run(QUERY, candidates(3), ProgressListener.NONE, CancellationToken.NONE));
    }

    /** A provider's error body and the message it should yield. */
    record Case(Dialect dialect, int status, String body, Kind kind, String providerMessage) {
        @Override
        public String toString() {
            return dialect.id() + " " + status;
        }
    }

    static Stream<Case> providerErrors() {
        return Stream.of(
                new Case(Dialect.COHERE_V2, 400, "{\"id\": \"c0ffee00\", \"message\": \"invalid request: list of "
                        + "documents must not be empty\"}", Kind.BAD_REQUEST,
                        "invalid request: list of documents must not be empty"),
                new Case(Dialect.COHERE_V1, 422, "{\"message\": \"model 'x' not found\"}", Kind.BAD_REQUEST,
                        "model 'x' not found"),
                new Case(Dialect.COHERE_V2, 400, "{\"error\": {\"message\": \"top_n must be positive\", "
                        + "\"type\": \"BadRequestError\", \"param\": null, \"code\": 400}}", Kind.BAD_REQUEST,
                        "top_n must be positive"),
                new Case(Dialect.JINA, 422, "{\"detail\": \"Model jina-ai/jina-reranker-v2 not found\"}",
                        Kind.BAD_REQUEST, "Model jina-ai/jina-reranker-v2 not found"),
                new Case(Dialect.VOYAGE, 400, "{\"detail\": \"Request to model 'rerank-2' failed. The max allowed "
                        + "tokens per submitted batch is 600000.\"}", Kind.BAD_REQUEST,
                        "Request to model 'rerank-2' failed. The max allowed tokens per submitted batch is 600000."),
                new Case(Dialect.MIXEDBREAD, 422, "{\"detail\": [{\"loc\": [\"body\", \"input\"], \"msg\": "
                        + "\"field required\", \"type\": \"missing\"}]}", Kind.BAD_REQUEST,
                        "field required (at body.input)"),
                new Case(Dialect.PINECONE, 400, "{\"error\": {\"code\": \"INVALID_ARGUMENT\", \"message\": "
                        + "\"Model 'x' not found\"}, \"status\": 400}", Kind.BAD_REQUEST, "Model 'x' not found"),
                new Case(Dialect.TEI, 422, "{\"error\": \"batch size 40 > maximum allowed batch size 32\", "
                        + "\"error_type\": \"Validation\"}", Kind.BAD_REQUEST,
                        "batch size 40 > maximum allowed batch size 32"),
                new Case(Dialect.NIM, 422, "{\"detail\": [{\"loc\": [\"body\", \"query\"], \"msg\": "
                        + "\"Field required\"}]}", Kind.BAD_REQUEST, "Field required (at body.query)"),
                new Case(Dialect.COHERE_V2, 401, "{\"message\": \"invalid api token\"}", Kind.AUTH,
                        "invalid api token"),
                new Case(Dialect.PINECONE, 401, "{\"error\": {\"code\": \"UNAUTHENTICATED\", \"message\": "
                        + "\"Invalid API Key\"}, \"status\": 401}", Kind.AUTH, "Invalid API Key"),
                new Case(Dialect.JINA, 403, "{\"detail\": \"Forbidden\"}", Kind.AUTH, "Forbidden"),
                new Case(Dialect.COHERE_V2, 402, "{\"message\": \"please add a payment method\"}", Kind.PAYMENT,
                        "please add a payment method"),
                new Case(Dialect.TEI, 424, "{\"error\": \"model is not a re-ranker model\", \"error_type\": "
                        + "\"Backend\"}", Kind.BAD_REQUEST, "model is not a re-ranker model"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providerErrors")
    void providerMessagesAreKept(Case c) {
        RemoteApiException e = fail(c.dialect(), json(c.status(), c.body()));
        assertThat(e.kind()).isEqualTo(c.kind());
        assertThat(e.status()).isEqualTo(c.status());
        assertThat(e.retryable()).isFalse();
        assertThat(e.provider()).isEqualTo(c.dialect().displayName());
        assertThat(e.providerMessage()).isEqualTo(c.providerMessage());
        assertThat(e.getMessage()).contains(c.providerMessage()).contains("HTTP " + c.status());
        if (c.kind() == Kind.AUTH) {
            assertThat(e.getMessage()).startsWith("API key rejected by " + c.dialect().displayName());
        }
    }

    @Test
    void teisEmptyBodied401() {
        RemoteApiException e = fail(Dialect.TEI, new MockResponse.Builder().code(401).build());
        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).isEqualTo("API key rejected by TEI (HTTP 401, empty response)");
        assertThat(e.providerMessage()).isNull();
    }

    @Test
    void teisPlainText413() {
        RemoteApiException e = fail(Dialect.TEI, text(413, "Failed to buffer the request body: length limit "
                + "exceeded"));
        assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
        assertThat(e.getMessage()).contains("too large for TEI").contains("length limit exceeded")
                .contains("lower the documents per request");
    }

    @Test
    void anHtmlErrorPageFromAProxyIsQuotedNotParsed() {
        RemoteApiException e = fail(Dialect.COHERE_V2, new MockResponse.Builder().code(502)
                .setHeader("Content-Type", "text/html").body("<html><body><h1>502 Bad Gateway</h1></body></html>")
                .build());
        assertThat(e.kind()).isEqualTo(Kind.SERVER);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("HTTP 502").contains("502 Bad Gateway");
    }

    @Test
    void notFoundNamesTheUrl() {
        RemoteApiException e = fail(Dialect.COHERE_V2, json(404, "{\"message\": \"not found\"}"));
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("/v2/rerank").contains("check the base URL");
    }

    @Test
    void redirectsAreNotFollowed() {
        RemoteApiException e = fail(Dialect.COHERE_V2, new MockResponse.Builder().code(307)
                .setHeader("Location", "https://elsewhere.example/v2/rerank").build());
        assertThat(e.kind()).isEqualTo(Kind.REDIRECT);
        assertThat(e.getMessage()).contains("https://elsewhere.example/v2/rerank");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aProviderThatEchoesTheKeyHasItMasked() {
        RemoteApiException e = fail(Dialect.COHERE_V2, json(401, "{\"message\": \"invalid api token: " + SECRET
                + "\"}"));
        assertThat(e.getMessage()).doesNotContain(SECRET).contains("invalid api token: ***");
        assertThat(e.providerMessage()).doesNotContain(SECRET);
    }

    @Test
    void errorMessageExtraction() {
        assertThat(Responses.errorMessage(null)).isNull();
        assertThat(Responses.errorMessage("  ")).isNull();
        assertThat(Responses.errorMessage("{\"error\": \"plain\"}")).isEqualTo("plain");
        assertThat(Responses.errorMessage("{\"object\": \"error\", \"message\": \"flat vllm\", \"code\": 400}"))
                .isEqualTo("flat vllm");
        assertThat(Responses.errorMessage("{\"something\": 1}")).isEqualTo("{\"something\": 1}");
        assertThat(Responses.errorMessage("x".repeat(1000))).hasSize(303);
    }

    // ---- no connection at all (mapped without the network: tests talk to 127.0.0.1 only) -----------------------

    private static final okhttp3.HttpUrl SOMEWHERE = okhttp3.HttpUrl.get("https://rerank.example:8443/v1/rerank?k=1");

    @Test
    void anUnknownHostIsFinalAndNamesTheUrl() {
        RemoteApiException e = Failures.fromIo(Dialect.TEI, new java.net.UnknownHostException("rerank.example"),
                EndpointOptions.DEFAULT, SOMEWHERE);
        assertThat(e.kind()).isEqualTo(Kind.NETWORK);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("could not reach https://rerank.example:8443/v1/rerank: unknown host "
                + "rerank.example (no DNS entry, or offline); check the base URL");
    }

    @Test
    void noRouteToTheHostIsFinal() {
        RemoteApiException e = Failures.fromIo(Dialect.TEI, new java.net.NoRouteToHostException("No route to host"),
                EndpointOptions.DEFAULT, SOMEWHERE);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).startsWith("could not reach https://rerank.example:8443/v1/rerank: no route to "
                + "rerank.example:8443");
    }

    @Test
    void timeoutsAndBrokenConnectionsStayRetryable() {
        assertThat(Failures.fromIo(Dialect.TEI, new java.net.SocketTimeoutException("connect timed out"),
                EndpointOptions.DEFAULT, SOMEWHERE).retryable()).isTrue();
        assertThat(Failures.fromIo(Dialect.TEI, new java.net.SocketTimeoutException("timeout"),
                EndpointOptions.DEFAULT, SOMEWHERE).retryable()).isTrue();
        assertThat(Failures.fromIo(Dialect.TEI, new java.io.EOFException("unexpected end of stream"),
                EndpointOptions.DEFAULT, SOMEWHERE).retryable()).isTrue();
    }
}
