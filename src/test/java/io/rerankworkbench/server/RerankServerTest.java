package io.rerankworkbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.server.Http.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.rerankworkbench.server.FakeModels.OVERLAP;
import static io.rerankworkbench.server.FakeModels.REVERSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server over stand-in rankers (score = query words found in the document), called over real HTTP. */
class RerankServerTest {

    private static final String QUERY = "capital of France";
    private static final List<String> DOCS = List.of(
            "Bananas are yellow.",                          // 0 words
            "Paris is the capital of France.",              // 3 words
            "France is in Europe.");                        // 1 word

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    private static RankerService rankers;
    private static RerankServer server;
    private static Http http;

    @BeforeAll
    static void start() throws IOException {
        rankers = FakeModels.library();
        server = RerankServer.start(rankers, OVERLAP, ServerConfig.defaults().withPort(0));
        http = new Http(server.baseUri());
    }

    @AfterAll
    static void stop() {
        server.close();
        rankers.close();
    }

    // --- Cohere v2 ----------------------------------------------------------------------------------------------

    @Test
    void v2AnswersInCohereShapeSortedByScore() {
        Reply r = http.post("/v2/rerank", body("model", OVERLAP, "query", QUERY, "documents", DOCS));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode json = r.json();
        assertThat(fieldNames(json)).containsExactly("id", "results", "meta");
        assertThat(UUID.fromString(json.get("id").asText())).isNotNull();
        assertThat(indices(json)).containsExactly(1, 2, 0);
        assertThat(scores(json)).containsExactly(3.0, 1.0, 0.0);
        for (JsonNode result : json.get("results")) {
            assertThat(fieldNames(result)).containsExactly("index", "relevance_score");
        }
        assertThat(json.at("/meta/api_version/version").asText()).isEqualTo("2");
        assertThat(json.at("/meta/billed_units/search_units").asInt()).isEqualTo(1);
    }

    @Test
    void topNCutsTheListAfterRanking() {
        Reply r = http.post("/v2/rerank", body("model", OVERLAP, "query", QUERY, "documents", DOCS, "top_n", 2));

        assertThat(indices(r.json())).containsExactly(1, 2);
        assertThat(r.json().at("/meta/billed_units/search_units").asInt()).isEqualTo(1);
    }

    @Test
    void topNLargerThanTheListReturnsEverything() {
        Reply r = http.post("/v2/rerank", body("query", QUERY, "documents", DOCS, "top_n", 50));

        assertThat(indices(r.json())).containsExactly(1, 2, 0);
    }

    @Test
    void candidatesAndTopKAreAliases() {
        Reply r = http.post("/v2/rerank", body("query", QUERY, "candidates", DOCS, "top_k", 1));

        assertThat(r.status()).isEqualTo(200);
        assertThat(indices(r.json())).containsExactly(1);
    }

    @Test
    void ignoredCohereFieldsAreAccepted() {
        Reply r = http.post("/v2/rerank", body("model", OVERLAP, "query", QUERY, "documents", DOCS,
                "max_tokens_per_doc", 512, "priority", 3, "return_documents", false));

        assertThat(r.status()).isEqualTo(200);
        assertThat(indices(r.json())).containsExactly(1, 2, 0);
    }

    @Test
    void v2EchoesDocumentsWhenAskedAsTheSdkAllows() {
        Reply r = http.post("/v2/rerank", body("query", QUERY, "documents", DOCS, "return_documents", true));

        assertThat(r.json().at("/results/0/document/text").asText()).isEqualTo(DOCS.get(1));
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "100, 1", "101, 2", "250, 3"})
    void searchUnitsAreOnePerStartedHundredDocuments(int documents, int units) {
        List<String> docs = IntStream.range(0, documents).mapToObj(i -> "document " + i).toList();

        Reply r = http.post("/v2/rerank", body("query", "document", "documents", docs));

        assertThat(r.json().at("/meta/billed_units/search_units").asInt()).isEqualTo(units);
        assertThat(r.json().get("results")).hasSize(documents);
    }

    // --- model choice -------------------------------------------------------------------------------------------

    @Test
    void missingModelUsesTheServersDefault() {
        Reply r = http.post("/v2/rerank", body("query", QUERY, "documents", DOCS));

        assertThat(indices(r.json())).containsExactly(1, 2, 0);
    }

    @Test
    void modelPicksALibraryModelByNameInAnyCase() {
        Reply r = http.post("/v2/rerank", body("model", REVERSED.toUpperCase(), "query", QUERY, "documents", DOCS));

        assertThat(r.status()).isEqualTo(200);
        assertThat(indices(r.json())).containsExactly(0, 2, 1);
        assertThat(scores(r.json())).containsExactly(0.0, -1.0, -3.0);
    }

    @Test
    void unknownModelIs404InCohereShape() {
        Reply r = http.post("/v2/rerank", body("model", "rerank-v3.5", "query", QUERY, "documents", DOCS));

        assertThat(r.status()).isEqualTo(404);
        assertCohereError(r.json());
        assertThat(r.json().get("message").asText()).contains("rerank-v3.5").contains(OVERLAP).contains(REVERSED);
    }

    @Test
    void aFolderPathIsNeverOpenedAsAModel(@TempDir Path folder) {
        Reply r = http.post("/v2/rerank", body("model", folder.toString(), "query", QUERY, "documents", DOCS));

        assertThat(r.status()).isEqualTo(404);
        assertThat(rankers.modelNames()).containsExactly(OVERLAP, REVERSED);
    }

    // --- Cohere v1 ----------------------------------------------------------------------------------------------

    @Test
    void v1AnswersWithVersion1AndNoDocumentsByDefault() {
        Reply r = http.post("/v1/rerank", body("query", QUERY, "documents", DOCS));

        assertThat(r.status()).isEqualTo(200);
        assertThat(indices(r.json())).containsExactly(1, 2, 0);
        assertThat(r.json().at("/meta/api_version/version").asText()).isEqualTo("1");
        assertThat(r.json().get("results").get(0).has("document")).isFalse();
    }

    @Test
    void v1ReturnDocumentsEchoesTheText() {
        Reply r = http.post("/v1/rerank", body("query", QUERY, "documents", DOCS, "return_documents", true,
                "top_n", 2));

        JsonNode results = r.json().get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("document")).isEqualTo(obj("text", DOCS.get(1)));
        assertThat(results.get(1).get("document")).isEqualTo(obj("text", DOCS.get(2)));
    }

    @Test
    void v1TakesObjectsWithTextAndEchoesTheirOwnKeys() {
        ArrayNode docs = Http.JSON.createArrayNode();
        docs.add(obj("text", DOCS.get(0), "id", "a"));
        docs.add(DOCS.get(1));
        docs.add(obj("title", "Europe", "text", DOCS.get(2)));

        Reply r = http.post("/v1/rerank", body("query", QUERY, "documents", docs, "return_documents", true,
                "rank_fields", List.of("text")));

        assertThat(r.status()).isEqualTo(200);
        assertThat(indices(r.json())).containsExactly(1, 2, 0);
        assertThat(r.json().at("/results/0/document")).isEqualTo(obj("text", DOCS.get(1)));
        assertThat(r.json().at("/results/1/document")).isEqualTo(obj("title", "Europe", "text", DOCS.get(2)));
        assertThat(r.json().at("/results/2/document")).isEqualTo(obj("text", DOCS.get(0), "id", "a"));
    }

    @Test
    void v1ObjectWithoutTextIs400() {
        ArrayNode docs = Http.JSON.createArrayNode();
        docs.add("plain");
        docs.add(obj("title", "no text here"));

        Reply r = http.post("/v1/rerank", body("query", QUERY, "documents", docs));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).contains("index 1").contains("'text'");
    }

    @Test
    void rankFieldsOtherThanTextAreRefusedRatherThanIgnored() {
        Reply r = http.post("/v1/rerank", body("query", QUERY, "documents", DOCS, "rank_fields",
                List.of("title", "text")));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).contains("rank_fields");
    }

    // --- TEI ----------------------------------------------------------------------------------------------------

    @Test
    void teiAnswersWithABareArraySortedByScore() {
        Reply r = http.post("/rerank", body("query", QUERY, "texts", DOCS, "truncate", true, "raw_scores", false));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().isArray()).isTrue();
        assertThat(r.json()).hasSize(3);
        assertThat(r.json().findValuesAsText("index")).containsExactly("1", "2", "0");
        assertThat(r.json().get(0).get("score").asDouble()).isEqualTo(3.0);
        assertThat(fieldNames(r.json().get(0))).containsExactly("index", "score");
    }

    @Test
    void teiReturnTextEchoesTheText() {
        Reply r = http.post("/rerank", body("query", QUERY, "texts", DOCS, "return_text", true));

        assertThat(r.json().get(0).get("text").asText()).isEqualTo(DOCS.get(1));
        assertThat(r.json().get(2).get("text").asText()).isEqualTo(DOCS.get(0));
    }

    @Test
    void teiErrorsCarryCohereAndTeiFields() {
        Reply r = http.post("/rerank", body("query", QUERY, "texts", List.of()));

        assertThat(r.status()).isEqualTo(400);
        assertCohereError(r.json());
        assertThat(r.json().get("error").asText()).contains("must not be empty");
        assertThat(r.json().get("error_type").asText()).isEqualTo("Empty");
    }

    // --- 400 ----------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"query\": \"q\", \"documents\": [\"a\"",                 // truncated JSON
        "not json at all",
        "{\"query\": \"q\", \"documents\": [\"a\"]} trailing",
        "{\"query\": \"q\", \"query\": \"r\", \"documents\": [\"a\"]}",
        "",
        "[\"an\", \"array\"]",
        "{\"documents\": [\"a\"]}",                                 // no query
        "{\"query\": \"\", \"documents\": [\"a\"]}",
        "{\"query\": \"   \", \"documents\": [\"a\"]}",
        "{\"query\": 42, \"documents\": [\"a\"]}",
        "{\"query\": \"q\"}",                                       // no documents
        "{\"query\": \"q\", \"documents\": []}",
        "{\"query\": \"q\", \"documents\": \"a\"}",
        "{\"query\": \"q\", \"documents\": [1, 2]}",
        "{\"query\": \"q\", \"documents\": [\"a\", null]}",
        "{\"query\": \"q\", \"documents\": [{\"text\": \"a\"}]}",    // objects are v1 only
        "{\"query\": \"q\", \"documents\": [\"a\"], \"top_n\": 0}",
        "{\"query\": \"q\", \"documents\": [\"a\"], \"top_n\": 1.5}",
        "{\"query\": \"q\", \"documents\": [\"a\"], \"top_n\": \"2\"}",
        "{\"query\": \"q\", \"documents\": [\"a\"], \"return_documents\": \"yes\"}",
        "{\"query\": \"q\", \"documents\": [\"a\"], \"model\": 7}",
        "{\"query\": \"q\", \"documents\": [\"a\"], \"candidates\": [\"b\"]}",
        "{\"query\": \"q\", \"documents\": [\"a\"], \"top_n\": 1, \"top_k\": 1}"})
    void badRequestsAre400InCohereShape(String body) {
        Reply r = http.post("/v2/rerank", body);

        assertThat(r.status()).as(body).isEqualTo(400);
        assertCohereError(r.json());
        assertThat(r.json().get("message").asText()).startsWith("invalid request: ");
    }

    @Test
    void emptyDocumentsSayWhat() {
        Reply r = http.post("/v2/rerank", body("query", QUERY, "documents", List.of()));

        assertThat(r.json().get("message").asText()).isEqualTo("invalid request: list of documents must not be empty");
    }

    @Test
    void wrongTypesNameTheFieldAndIndex() {
        Reply r = http.post("/v2/rerank", "{\"query\": \"q\", \"documents\": [\"a\", 5]}");

        assertThat(r.json().get("message").asText()).contains("documents").contains("index 1").contains("a number");
    }

    @Test
    void tooManyDocumentsIs400() throws IOException {
        try (RerankServer small = RerankServer.start(rankers, OVERLAP,
                ServerConfig.defaults().withPort(0).withMaxDocuments(3))) {
            Reply r = new Http(small.baseUri()).post("/v2/rerank", body("query", "q", "documents",
                    List.of("a", "b", "c", "d")));

            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("message").asText()).contains("too many documents: 4; at most 3");
        }
    }

    // --- 413, 404, 405, health ----------------------------------------------------------------------------------

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        // A raw socket: java.net.http gives up on a response that arrives before its upload has finished, which is
        // exactly what the server does here (it refuses on the declared length and reads no further).
        byte[] body = new byte[9 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        String response;
        CompletableFuture<Void> upload;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v2/rerank HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            upload = CompletableFuture.runAsync(() -> {
                try {
                    out.write(body);
                    out.flush();
                } catch (IOException expected) {
                    // The server closes the connection without reading the rest.
                }
            });
            response = readResponse(socket.getInputStream());
        }
        // Closing the socket ends an upload the server stopped reading.
        upload.orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();

        assertThat(response).startsWith("HTTP/1.1 413 ");
        JsonNode json = Http.JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertCohereError(json);
        assertThat(json.get("message").asText()).contains(Integer.toString(8 * 1024 * 1024));
    }

    /** Status line, headers and the body of one response, read until the server closes or the body is complete. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        try {
            while ((n = in.read(buffer)) > 0) {
                bytes.write(buffer, 0, n);
                String text = bytes.toString(StandardCharsets.UTF_8);
                int headersEnd = text.indexOf("\r\n\r\n");
                Matcher length = CONTENT_LENGTH.matcher(text);
                if (headersEnd > 0 && length.find()
                        && bytes.size() >= headersEnd + 4 + Integer.parseInt(length.group(1))) {
                    break;
                }
            }
        } catch (SocketException reset) {
            // What arrived before the reset is kept.
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws IOException {
        try (RerankServer small = RerankServer.start(rankers, OVERLAP,
                ServerConfig.defaults().withPort(0).withMaxBodyBytes(1000))) {
            // A body of unknown length (chunked): refused once it passes the limit, not on its declared size.
            String json = body("query", QUERY, "documents", List.of("x".repeat(2000))).toString();
            Reply r = new Http(small.baseUri()).postChunked("/v2/rerank", json.getBytes(StandardCharsets.UTF_8));

            assertThat(r.status()).isEqualTo(413);
            assertCohereError(r.json());
        }
    }

    @Test
    void unknownPathIs404InCohereShape() {
        Reply r = http.post("/v3/rerank", body("query", QUERY, "documents", DOCS));

        assertThat(r.status()).isEqualTo(404);
        assertCohereError(r.json());
        assertThat(r.json().get("message").asText()).contains("/v3/rerank").contains("/v2/rerank");
        assertThat(http.get("/").status()).isEqualTo(404);
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Reply get = http.get("/v2/rerank");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("POST");
        assertCohereError(get.json());

        Reply delete = http.method("DELETE", "/v1/rerank");
        assertThat(delete.status()).isEqualTo(405);

        Reply postHealth = http.post("/health", "{}");
        assertThat(postHealth.status()).isEqualTo(405);
        assertThat(postHealth.header("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void healthIs200() {
        Reply r = http.get("/health");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
    }

    // --- authentication -----------------------------------------------------------------------------------------

    @Test
    void withAKeyRequestsNeedTheBearerToken() throws IOException {
        String key = "fake-key-5f1c0a9e";
        try (RerankServer keyed = RerankServer.start(rankers, OVERLAP,
                ServerConfig.defaults().withPort(0).withApiKey(key))) {
            Http anonymous = new Http(keyed.baseUri());
            ObjectNode request = body("query", QUERY, "documents", DOCS);

            Reply missing = anonymous.post("/v2/rerank", request);
            Reply wrong = anonymous.withToken("fake-key-5f1c0a9f").post("/v2/rerank", request);
            Reply wrongScheme = anonymous.postWithAuthorization("/v2/rerank", request, "Basic " + key);
            Reply right = anonymous.withToken(key).post("/v2/rerank", request);
            Reply tei = anonymous.withToken(key).post("/rerank", body("query", QUERY, "texts", DOCS));
            Reply health = anonymous.get("/health");

            for (Reply denied : List.of(missing, wrong, wrongScheme)) {
                assertThat(denied.status()).isEqualTo(401);
                assertCohereError(denied.json());
                assertThat(denied.header("WWW-Authenticate")).isEqualTo("Bearer");
                assertThat(denied.raw().body()).doesNotContain(key).doesNotContain("5f1c0a9");
            }
            assertThat(anonymous.post("/nowhere", request).status()).isEqualTo(401);
            assertThat(right.status()).isEqualTo(200);
            assertThat(indices(right.json())).containsExactly(1, 2, 0);
            assertThat(tei.status()).isEqualTo(200);
            assertThat(health.status()).isEqualTo(200);
            assertThat(keyed.config().toString()).doesNotContain(key);
        }
    }

    // --- concurrency, errors, lifecycle -------------------------------------------------------------------------

    @Test
    void parallelRequestsShareTheModelAndEachGetsItsOwnAnswer() {
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // Request i: document i of 8 holds the query word i times, so it must come first.
            List<String> docs = new ArrayList<>();
            for (int d = 0; d < 8; d++) {
                docs.add(("word" + i + " ").repeat(d == i ? 3 : d % 2) + "filler text " + d);
            }
            String path = i % 3 == 0 ? "/v1/rerank" : "/v2/rerank";
            replies.add(http.postAsync(path, body("query", "word" + i, "documents", docs, "top_n", 1)));
        }

        for (int i = 0; i < replies.size(); i++) {
            Reply r = replies.get(i).orTimeout(60, TimeUnit.SECONDS).join();
            assertThat(r.status()).isEqualTo(200);
            assertThat(indices(r.json())).as("request %d", i).containsExactly(i);
        }
    }

    @Test
    void noErrorCarriesAStackTrace() {
        List<Reply> errors = List.of(
                http.post("/v2/rerank", "{"),
                http.post("/v2/rerank", body("model", "missing", "query", QUERY, "documents", DOCS)),
                http.post("/rerank", "{\"query\": \"q\", \"texts\": [{}]}"),
                http.get("/v1/rerank"));

        for (Reply r : errors) {
            assertThat(r.raw().body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at io.");
            assertThat(fieldNames(r.json())).startsWith("id", "message");
        }
    }

    @Test
    void closeStopsListeningAndEndsTheWorkerThreads() throws IOException, InterruptedException {
        RerankServer own = RerankServer.start(rankers, OVERLAP, ServerConfig.defaults().withPort(0));
        int port = own.port();
        assertThat(new Http(own.baseUri()).get("/health").status()).isEqualTo(200);

        own.close();
        own.close(); // idempotent

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("rwb-server-" + port + "-")).toList();
        for (Thread t : workers) {
            t.join(5_000); // a worker may still be returning from its last task when the pool reports termination
        }
        assertThat(workers).noneMatch(Thread::isAlive);
    }

    @Test
    void startRefusesAModelOutsideTheLibrary() {
        assertThatThrownBy(() -> RerankServer.start(rankers, "/tmp", ServerConfig.defaults().withPort(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown model");
    }

    @Test
    void bindsToLoopbackByDefault() {
        assertThat(ServerConfig.defaults().host()).isEqualTo("127.0.0.1");
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(server.baseUri().toString()).isEqualTo("http://127.0.0.1:" + server.port());
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static void assertCohereError(JsonNode json) {
        assertThat(json).isNotNull();
        assertThat(UUID.fromString(json.get("id").asText())).isNotNull();
        assertThat(json.get("message").asText()).isNotBlank();
    }

    static ObjectNode body(Object... keysAndValues) {
        ObjectNode node = Http.JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], Http.JSON.valueToTree(keysAndValues[i + 1]));
        }
        return node;
    }

    private static ObjectNode obj(String... keysAndValues) {
        ObjectNode node = Http.JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return node;
    }

    static List<Integer> indices(JsonNode response) {
        List<Integer> list = new ArrayList<>();
        response.get("results").forEach(r -> list.add(r.get("index").asInt()));
        return list;
    }

    static List<Double> scores(JsonNode response) {
        List<Double> list = new ArrayList<>();
        response.get("results").forEach(r -> list.add(r.get("relevance_score").asDouble()));
        return list;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
