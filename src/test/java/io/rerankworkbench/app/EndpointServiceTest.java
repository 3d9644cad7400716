package io.rerankworkbench.app;

import io.rerankworkbench.app.EndpointEntry.KeySource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Saved endpoints and their keys, through the app service the Rankers view and the CLI use. */
class EndpointServiceTest {

    private static final String SECRET = "fake-key-77aa-ENDPOINT-SECRET";

    @TempDir
    Path dir;

    private final RemoteHttp http = RemoteHttp.create();
    private final MockWebServer server = new MockWebServer();
    private EndpointService service;

    @BeforeEach
    void setUp() throws Exception {
        server.start();
        service = new EndpointService(dir, Map.of("COHERE_API_KEY", "env-key-1"), http);
    }

    @AfterEach
    void tearDown() {
        server.close();
        http.close();
    }

    private static EndpointDraft draft(String name, String provider, String baseUrl, KeySource key, String entered) {
        return new EndpointDraft(name, provider, baseUrl, "", 0, 2, 120, key,
                key == KeySource.ENV ? "COHERE_API_KEY" : "", entered, false);
    }

    @Test
    void anEnteredKeyIsStoredApartFromTheEndpoints() throws Exception {
        EndpointEntry saved = service.save(draft("Cohere prod", "cohere-v2", "", KeySource.STORED, SECRET), null);

        assertThat(saved.keyStatus()).isEqualTo("stored");
        assertThat(saved.label()).isEqualTo("Cohere prod (cohere-v2 · rerank-v3.5)");
        assertThat(saved.paid()).isTrue();
        assertThat(Files.readString(dir.resolve("endpoints.json"))).doesNotContain(SECRET);
        assertThat(Files.readString(dir.resolve("secrets.json"))).contains(SECRET);

        service.save(draft("Cohere renamed", "cohere-v2", "", KeySource.STORED, null), "Cohere prod");
        assertThat(service.list()).extracting(EndpointEntry::name).containsExactly("Cohere renamed");
        assertThat(service.find("cohere renamed").orElseThrow().keyStatus()).isEqualTo("stored");

        service.remove("Cohere renamed");
        assertThat(service.list()).isEmpty();
        assertThat(Files.readString(dir.resolve("secrets.json"))).doesNotContain(SECRET);
    }

    @Test
    void keyStatusSaysWhereTheKeyComesFrom() throws Exception {
        assertThat(service.save(draft("a", "cohere-v2", "", KeySource.ENV, null), null).keyStatus())
                .isEqualTo("from $COHERE_API_KEY");
        EndpointEntry jina = service.save(new EndpointDraft("j", "jina", "", "", 0, 2, 60, KeySource.ENV,
                "JINA_API_KEY", null, false), null);
        assertThat(jina.keyStatus()).isEqualTo("missing ($JINA_API_KEY is not set)");
        assertThat(jina.keyMissing()).isTrue();
    }

    @Test
    void badDraftsAreExplainedAndNothingIsSaved() throws Exception {
        assertThatThrownBy(() -> service.save(draft("x", "tei", "http://10.1.2.3:8080", KeySource.NONE, null), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Refusing plain http");
        assertThatThrownBy(() -> service.save(draft("x", "cohere-v2", "", KeySource.STORED, ""), null))
                .hasMessageContaining("Enter the API key");
        assertThatThrownBy(() -> service.save(draft(" ", "cohere-v2", "", KeySource.ENV, null), null))
                .hasMessageContaining("name");
        service.save(draft("x", "tei", "http://10.1.2.3:8080", KeySource.NONE, null).withInsecure(), null);
        assertThatThrownBy(() -> service.save(draft("X", "tei", "http://localhost:1", KeySource.NONE, null), null))
                .hasMessageContaining("exists already");
        assertThat(service.list()).hasSize(1);
    }

    @Test
    void theCatalogListsEndpointsAfterLocalModelsAndTestsTheConnection() throws Exception {
        service.save(draft("Local TEI", "tei", server.url("/").toString(), KeySource.NONE, null), null);
        RankerService local = new RankerService(List.of(io.rerankworkbench.rerank.local.ModelFiles.allMiniLmL6V2()),
                ModelLibraryStore.inMemory(), files -> new FakeReranker("m"));
        RankerCatalog catalog = new RankerCatalog(local, service);
        String label = "Local TEI (tei)";
        assertThat(catalog.names()).containsExactly("all-MiniLM-L6-v2", label);
        assertThat(catalog.isRemote(label)).isTrue();
        assertThat(catalog.lane("local tei")).isEqualTo(Lane.IO);
        assertThat(catalog.estimate(label, List.of(new Candidate(1, "1", "x")))).isEmpty();

        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("[{\"index\":0,\"score\":0.75}]").build());
        assertThat(service.test("Local TEI")).contains("TEI answered").contains("score 0.7500");
    }

    @Test
    void testingAnEndpointWhereNothingListensFailsAtTheFirstTry() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RemoteHttp logged = RemoteHttp.builder().logSink(log::add).build()) {
            EndpointService withLog = new EndpointService(dir, Map.of(), logged);
            withLog.save(draft("Local TEI", "tei", "http://127.0.0.1:" + closed, KeySource.NONE, null), null);

            assertThatThrownBy(() -> withLog.test("Local TEI"))
                    .isInstanceOf(io.rerankworkbench.rerank.remote.RemoteApiException.class)
                    .hasMessage("could not connect to http://127.0.0.1:" + closed + "/rerank: connection refused: "
                            + "nothing listens at 127.0.0.1:" + closed
                            + "; check that the server is running and the base URL");
        }
        // The app's retry policy (4 retries with back-off) is not spent on an address where nothing listens.
        assertThat(log.stream().filter(line -> line.startsWith("--> POST"))).as("requests sent").hasSize(1);
    }

    @Test
    void customJsonIsAProviderWhoseFieldsRoundTripAndDriveTheWire() throws Exception {
        assertThat(EndpointService.providers()).extracting(ProviderInfo::id).contains("custom-json");
        assertThat(EndpointService.provider("custom-json").orElseThrow().displayName()).isEqualTo("Custom JSON");

        CustomJsonSettings custom = new CustomJsonSettings("/v2/score", "question", "passages", "k", "/hits",
                "/doc/id", "/relevance");
        EndpointDraft d = new EndpointDraft("Mine", "custom-json", server.url("/").toString(), "", 0, 2, 30,
                KeySource.NONE, "", null, false, custom);
        EndpointEntry saved = service.save(d, null);
        assertThat(saved.provider().id()).isEqualTo("custom-json");
        assertThat(saved.custom()).isEqualTo(custom);

        EndpointService reopened = new EndpointService(dir, Map.of(), http);
        EndpointEntry found = reopened.find("mine").orElseThrow();
        assertThat(found.custom()).isEqualTo(custom);
        assertThat(Files.readString(dir.resolve("endpoints.json"))).contains("\"question\"", "/relevance");

        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"hits\":[{\"doc\":{\"id\":1},\"relevance\":0.9},{\"doc\":{\"id\":0},\"relevance\":0.2}]}")
                .build());
        RankerRun run = EndpointService.run(reopened.open("Mine"), new Query("q1", "what is x"),
                List.of(new Candidate(1, "a", "alpha"), new Candidate(2, "b", "beta")), ProgressListener.NONE,
                CancellationToken.NONE);
        assertThat(run.failure()).isNull();
        assertThat(run.ranking().results()).extracting(sc -> sc.candidate().docId()).containsExactly("b", "a");
        assertThat(run.ranking().results().get(0).score()).isEqualTo(0.9);

        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/score");
        JsonNode body = new ObjectMapper().readTree(request.getBody().utf8());
        assertThat(body.get("question").asText()).isEqualTo("what is x");
        assertThat(body.get("passages")).hasSize(2);
        assertThat(body.get("passages").get(1).asText()).isEqualTo("beta");

        // Editing keeps the fields; defaults fill a draft that gives none.
        EndpointEntry renamed = service.save(new EndpointDraft("Mine 2", "custom-json", server.url("/").toString(), "",
                0, 2, 30, KeySource.NONE, "", null, false, found.custom()), "Mine");
        assertThat(renamed.custom()).isEqualTo(custom);
        EndpointEntry plain = service.save(new EndpointDraft("Plain", "custom-json", server.url("/").toString(), "",
                0, 2, 30, KeySource.NONE, "", null, false, null), null);
        assertThat(plain.custom()).isEqualTo(new CustomJsonSettings("/rerank", "query", "candidates", "top_k",
                "/results", "/index", "/score"));
    }

    @Test
    void badCustomJsonSettingsAreExplainedInWords() throws Exception {
        String url = server.url("/").toString();
        CustomJsonSettings d = CustomJsonSettings.defaults();
        assertThatThrownBy(() -> service.save(customDraft(url, new CustomJsonSettings(d.path(), d.queryField(),
                d.documentsField(), d.topKField(), d.resultsPointer(), d.indexPointer(), "score")), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("The score pointer must start with /");
        assertThatThrownBy(() -> service.save(customDraft(url, new CustomJsonSettings(d.path(), d.queryField(),
                d.documentsField(), d.topKField(), d.resultsPointer(), "idx", d.scorePointer())), null))
                .hasMessageContaining("The index pointer must start with /");
        assertThatThrownBy(() -> service.save(customDraft(url, new CustomJsonSettings(d.path(), d.queryField(),
                d.documentsField(), d.topKField(), "results", d.indexPointer(), d.scorePointer())), null))
                .hasMessageContaining("The results pointer must start with /");
        assertThatThrownBy(() -> service.save(customDraft(url, new CustomJsonSettings(d.path(), " ",
                d.documentsField(), d.topKField(), d.resultsPointer(), d.indexPointer(), d.scorePointer())), null))
                .hasMessageContaining("Give the name of the query field");
        assertThatThrownBy(() -> service.save(customDraft("", d), null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(service.list()).isEmpty();
    }

    private static EndpointDraft customDraft(String url, CustomJsonSettings custom) {
        return new EndpointDraft("c", "custom-json", url, "", 0, 2, 30, KeySource.NONE, "", null, false, custom);
    }

    @Test
    void providerOptionsAreCheckedSavedAndShownAgain() throws Exception {
        EndpointEntry saved = service.save(new EndpointDraft("P", "pinecone", "", "", 0, 2, 60, KeySource.NONE, "", null,
                false, null, "truncate = NONE"), null);
        assertThat(saved.providerOptions()).isEqualTo("truncate=NONE");
        EndpointService reopened = new EndpointService(dir, Map.of(), http);
        assertThat(reopened.list().stream().filter(e -> e.name().equals("P")).findFirst().orElseThrow()
                .providerOptions()).isEqualTo("truncate=NONE");
        EndpointEntry cohere = service.save(new EndpointDraft("C", "cohere-v2", "", "", 0, 2, 60, KeySource.NONE, "",
                null, false, null, "max_tokens_per_doc=8192, priority=5"), null);
        assertThat(cohere.providerOptions()).isEqualTo("max_tokens_per_doc=8192, priority=5");
        assertThatThrownBy(() -> service.save(new EndpointDraft("J", "jina", "", "", 0, 2, 60, KeySource.NONE, "",
                null, false, null, "truncate=END"), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Provider options: unknown option truncate for Jina (it takes none here).");
        assertThatThrownBy(() -> service.save(new EndpointDraft("J", "pinecone", "", "", 0, 2, 60, KeySource.NONE,
                "", null, false, null, "truncate"), null)).hasMessage("Provider options: \"truncate\" is not "
                + "name=value.");
        assertThat(EndpointService.providerOptionsHelp("cohere-v2", "")).isEqualTo("max_tokens_per_doc=N, "
                + "priority=0…999");
        assertThat(EndpointService.providerOptionsHelp("cohere-v2", "http://localhost:8000"))
                .isEqualTo("max_tokens_per_doc=N, use_activation=true|false, max_tokens_per_query=1…1000000");
        assertThat(EndpointService.providerOptionsHelp("jina", "")).isEqualTo("none");
    }
}
