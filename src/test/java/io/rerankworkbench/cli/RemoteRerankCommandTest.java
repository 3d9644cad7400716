package io.rerankworkbench.cli;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.EndpointDraft;
import io.rerankworkbench.app.EndpointEntry.KeySource;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.cli.CliRun.Result;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.testing.WordOverlapReranker;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rerank --provider/--endpoint} against a mock provider: same inputs and outputs as local runs. */
class RemoteRerankCommandTest {

    private static final String SECRET = "fake-key-1b2c3d-CLI-SECRET";

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();
    private AppContext context;
    private Path docs;

    @BeforeEach
    void setUp() throws IOException {
        server.start();
        docs = dir.resolve("docs.txt");
        Files.writeString(docs, "Bananas are yellow.\nParis is the capital of France.\nThe market fell.\n");
    }

    @AfterEach
    void tearDown() {
        if (context != null) {
            context.close();
        }
        server.close();
    }

    private Result run(Map<String, String> env, String... args) {
        RankerService local = new RankerService(List.of(ModelFiles.allMiniLmL6V2()), ModelLibraryStore.inMemory(),
                files -> new WordOverlapReranker(5));
        context = new AppContext(local, dir.resolve("config"), env);
        return CliRun.run(ContextSource.borrowing(context), args);
    }

    private String[] cohere(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("rerank", "--provider", "cohere-v2", "--base-url",
                server.url("/").toString(), "--model", "rerank-v3.5", "--query", "capital of France",
                "--candidates", docs.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static final String RANKED = """
            {"id":"r1","results":[{"index":1,"relevance_score":0.93},{"index":2,"relevance_score":0.21},
            {"index":0,"relevance_score":0.05}],"meta":{"billed_units":{"search_units":1}}}""";

    @Test
    void aCohereRunWritesTheProvidersOrderAndNeverTheKey() throws Exception {
        server.enqueue(json(200, RANKED));
        Path out = dir.resolve("out.csv");
        Result r = run(Map.of("COHERE_API_KEY", SECRET), cohere("-o", out.toString()));

        assertThat(r.code()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(out);
        // rank, doc_id, score, original_rank
        assertThat(rows.get(1)).contains(",rerank-v3.5,1,2,0.93").contains(",2,,false,Paris");
        assertThat(rows.get(2)).contains(",rerank-v3.5,2,3,").contains(",3,,false,").contains("market");
        assertThat(rows.get(3)).contains(",rerank-v3.5,3,1,").contains(",1,,false,").contains("Bananas");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/rerank");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET);
        assertThat(r.err()).contains("1 search unit");
        assertThat(r.out() + r.err() + Files.readString(out)).doesNotContain(SECRET);
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(SECRET);
            }
        }
    }

    @Test
    void providerOptionsAndTheTokenLimitGoIntoTheRequest() throws Exception {
        server.enqueue(json(200, RANKED));
        Result r = run(Map.of("COHERE_API_KEY", SECRET), cohere("--max-tokens-per-doc", "8192",
                "--provider-option", "use_activation=false", "--provider-option", "max_tokens_per_query=32"));
        assertThat(r.code()).as(r.err()).isZero();
        String body = server.takeRequest().getBody().utf8();
        // a Cohere dialect at another address (as vLLM): vLLM's fields are taken
        assertThat(body).contains("\"max_tokens_per_doc\":8192").contains("\"use_activation\":false")
                .contains("\"max_tokens_per_query\":32");
    }

    @Test
    void anOptionTheProviderDoesNotTakeIsExitTwoAndSendsNothing() {
        Result unknown = run(Map.of("COHERE_API_KEY", SECRET), cohere("--provider-option", "truncate=END"));
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--provider-option: unknown option truncate for Cohere v2 (it takes "
                + "use_activation=true|false, max_tokens_per_query=1…1000000)");
        Result bad = run(Map.of("COHERE_API_KEY", SECRET), cohere("--provider-option", "use_activation=maybe"));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("use_activation must be true or false, not \"maybe\"");
        Result tokens = run(Map.of("VOYAGE_API_KEY", SECRET), "rerank", "--provider", "voyage", "--base-url",
                server.url("/").toString(), "--query", "q", "--candidates", docs.toString(), "--max-tokens-per-doc",
                "10");
        assertThat(tokens.code()).isEqualTo(2);
        assertThat(tokens.err()).contains("Voyage has no per-document token limit to send");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aKeyTypedAfterAnUnknownOptionIsNeverPrinted() {
        Result r = run(Map.of(), cohere("--api-key", "s3cretValue", "--token=t0kenValue"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown options: --api-key, --token=…").doesNotContain("s3cretValue")
                .doesNotContain("t0kenValue");
        Result url = run(Map.of("COHERE_API_KEY", SECRET), "rerank", "--provider", "cohere-v2", "--base-url",
                "https://me:hunter2@rerank.example.com", "--query", "q", "--candidates", docs.toString());
        assertThat(url.code()).isEqualTo(2);
        assertThat(url.err()).contains("holds a user name or password").doesNotContain("hunter2");
    }

    @Test
    void aMissingKeyVariableIsNamedWithExitTwo() {
        Result r = run(Map.of(), cohere());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("$COHERE_API_KEY");
        assertThat(server.getRequestCount()).isZero();

        Result other = run(Map.of(), cohere("--api-key-env", "MY_COHERE"));
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("$MY_COHERE is not set");
    }

    @Test
    void aKeyWithASpaceIsASetupErrorWithExitTwoAndNoKey() {
        Result r = run(Map.of("COHERE_API_KEY", "abc def-secret"), cohere());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .contains("the API key contains a character other than visible ASCII").doesNotContain("unexpected");
        assertThat(r.out() + r.err()).doesNotContain("def-secret");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aRejectedKeyIsOneLineWithExitTwoAndNoKey() {
        server.enqueue(json(401, "{\"id\":\"e\",\"message\":\"invalid api token\"}"));
        Result r = run(Map.of("COHERE_API_KEY", SECRET), cohere());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).last().asString().contains("API key rejected by Cohere");
        assertThat(r.out()).isEmpty();
        assertThat(r.out() + r.err()).doesNotContain(SECRET);
    }

    @Test
    void aPartlyFailedRunWritesNothingAndNamesTheBatches() {
        server.enqueue(json(200, "{\"results\":[{\"index\":0,\"relevance_score\":0.5}]}"));
        server.enqueue(json(400, "{\"message\":\"query is too long\"}"));
        Path out = dir.resolve("out.csv");
        Result r = run(Map.of("COHERE_API_KEY", SECRET), cohere("--docs-per-request", "1", "--concurrency", "1",
                "-o", out.toString()));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).last().asString().contains("scored 1 of 3").contains("2-2")
                .contains("no results were written");
        assertThat(out).doesNotExist();
    }

    @Test
    void aSavedEndpointRunsByName() throws Exception {
        RankerService local = new RankerService(List.of(ModelFiles.allMiniLmL6V2()), ModelLibraryStore.inMemory(),
                files -> new WordOverlapReranker(5));
        try (AppContext setup = new AppContext(local, dir.resolve("config"), Map.of())) {
            setup.endpoints().save(new EndpointDraft("mock", "cohere-v2", server.url("/").toString(), "m1", 0, 2,
                    30, KeySource.STORED, "", SECRET, false), null);
        }
        server.enqueue(json(200, RANKED));
        Result r = run(Map.of(), "rerank", "--endpoint", "mock", "--query", "capital", "--candidates",
                docs.toString(), "--format", "trec");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("1 Q0 2 1 ");
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET);
        assertThat(r.out() + r.err()).doesNotContain(SECRET);

        Result unknown = run(Map.of(), "rerank", "--endpoint", "nope", "--query", "q", "--candidates",
                docs.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no saved endpoint named \"nope\"").contains("mock");
    }

    @Test
    void aCustomJsonServerIsSpokenWithTheGivenFieldsAndPointers() throws Exception {
        server.enqueue(json(200, """
                {"data":{"hits":[{"doc":1,"relevance":0.8},{"doc":0,"relevance":0.3},{"doc":2,"relevance":0.1}]}}"""));
        Result r = run(Map.of(), "rerank", "--provider", "custom-json", "--base-url", server.url("/").toString(),
                "--custom-path", "/v1/score", "--custom-query-field", "question", "--custom-documents-field",
                "passages", "--custom-top-k-field", "k", "--custom-results-pointer", "/data/hits",
                "--custom-index-pointer", "/doc", "--custom-score-pointer", "/relevance",
                "--query", "capital of France", "--candidates", docs.toString(), "--format", "trec");

        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("1 Q0 2 1 ").contains("0.8");
        assertThat(lines.get(1)).startsWith("1 Q0 1 2 ");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/score");
        String body = request.getBody().utf8();
        assertThat(body).contains("\"question\":\"capital of France\"").contains("\"passages\":[")
                .contains("Paris is the capital of France.");

        Result misplaced = run(Map.of(), "rerank", "--provider", "tei", "--base-url", server.url("/").toString(),
                "--custom-query-field", "q", "--query", "q", "--candidates", docs.toString());
        assertThat(misplaced.code()).isEqualTo(2);
        assertThat(misplaced.err()).contains("--provider custom-json");

        Result badPointer = run(Map.of(), "rerank", "--provider", "custom-json", "--base-url",
                server.url("/").toString(), "--custom-score-pointer", "score", "--query", "q", "--candidates",
                docs.toString());
        assertThat(badPointer.code()).isEqualTo(2);
        assertThat(badPointer.err()).contains("--custom-score-pointer must be a JSON pointer starting with /");
    }
}
