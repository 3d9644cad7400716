package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.EndpointDraft;
import io.rerankworkbench.app.EndpointService;
import io.rerankworkbench.app.EndpointEntry.KeySource;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.testing.WordOverlapReranker;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The main window's view model running a rerank through a saved remote endpoint (a scripted HTTP server). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkbenchRemoteRunTest {

    private static final String KEY = "fake-key-remote-run-91c2";

    @TempDir
    Path config;

    private final MockWebServer server = new MockWebServer();
    private final RemoteHttp http = RemoteHttp.create();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private WorkbenchViewModel vm;
    private String label;

    @BeforeEach
    void setUp() throws Exception {
        server.start();
        RankerService rankers = new RankerService(List.of(ModelFiles.allMiniLmL6V2()), ModelLibraryStore.inMemory(),
                spec -> new WordOverlapReranker(50));
        EndpointService endpoints = new EndpointService(config, Map.of("COHERE_API_KEY", KEY), http);
        label = endpoints.save(new EndpointDraft("Mock Cohere", "cohere-v2",
                server.url("/").toString().replaceAll("/$", ""), "rerank-v3.5", 2, 1, 30, KeySource.ENV,
                "COHERE_API_KEY", null, false), null).label();
        vm = new WorkbenchViewModel(new CurrentThreadTaskRunner(), new RankerCatalog(rankers, endpoints),
                dialogs);
        vm.selectModel(label);
        vm.queryProperty().set("capital of France");
        vm.candidatesTextProperty().set("Bananas are yellow.\nParis is the capital of France.\nLyon is in France.");
    }

    @AfterEach
    void tearDown() {
        server.close();
        http.close();
    }

    private static MockResponse cohere(String results, int units) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"id\":\"x\",\"results\":[" + results + "],\"meta\":{\"api_version\":{\"version\":\"2\"},"
                        + "\"billed_units\":{\"search_units\":" + units + "}}}")
                .build();
    }

    @Test
    void aRemoteRunFillsTheTableInTheServersOrderAndShowsUsage() {
        assertThat(vm.modelStatusProperty().get()).isEqualTo(ModelStatus.READY);
        // Two documents per request: [Bananas, Paris] then [Lyon].
        server.enqueue(cohere("{\"index\":1,\"relevance_score\":0.93},{\"index\":0,\"relevance_score\":0.02}", 1));
        server.enqueue(cohere("{\"index\":0,\"relevance_score\":0.41}", 1));

        vm.rerank();

        assertThat(vm.results().rows()).extracting(ResultRow::text).containsExactly(
                "Paris is the capital of France.", "Lyon is in France.", "Bananas are yellow.");
        assertThat(vm.results().rows()).extracting(ResultRow::score).containsExactly(0.93, 0.41, 0.02);
        assertThat(vm.statusTextProperty().get()).contains("3 documents").contains("search unit");
        assertThat(dialogs.errors).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRunWhoseSecondRequestFailsKeepsTheFirstAndSaysWhatFailed() {
        server.enqueue(cohere("{\"index\":1,\"relevance_score\":0.93},{\"index\":0,\"relevance_score\":0.02}", 1));
        server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
                .body("{\"message\":\"invalid request: too many tokens\"}").build());

        vm.rerank();

        assertThat(vm.results().rows()).extracting(ResultRow::text)
                .contains("Paris is the capital of France.", "Bananas are yellow.");
        assertThat(dialogs.errors).singleElement().asString().contains("too many tokens");
        assertThat(String.join(" ", dialogs.errors) + vm.statusTextProperty().get()).doesNotContain(KEY);
    }
}
