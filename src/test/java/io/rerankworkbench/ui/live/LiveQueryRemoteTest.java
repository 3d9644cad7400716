package io.rerankworkbench.ui.live;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.EndpointDraft;
import io.rerankworkbench.app.EndpointEntry.KeySource;
import io.rerankworkbench.app.EndpointService;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.app.VariantService;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.testing.WordOverlapReranker;
import io.rerankworkbench.ui.common.Debounce;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
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

/** Live mode with a hosted ranker (a scripted Cohere-compatible server on loopback): nothing is sent until Enter. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveQueryRemoteTest {

    @TempDir
    Path tmp;

    private final MockWebServer server = new MockWebServer();
    private final RemoteHttp http = RemoteHttp.create();
    private ProjectStore store;

    @BeforeEach
    void setUp() throws Exception {
        server.start();
        store = ProjectStore.create(tmp.resolve("p.rwb"));
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
        server.close();
        http.close();
    }

    @Test
    void aHostedRankerIsCalledOnlyOnEnterAndTheLiveRankingSaysWhatItBilled() throws Exception {
        long q = store.addQuery("q1", "capital of france").id();
        store.addCandidates(q, List.of(new NewCandidate(1, "bananas", "Bananas are yellow."),
                new NewCandidate(2, "paris", "Paris is the capital of France.")), ImportProgress.NONE);
        List<Candidate> candidates = store.candidates(q).stream().map(c -> c.candidate()).toList();
        RankerService library = new RankerService(List.of(ModelFiles.allMiniLmL6V2()), ModelLibraryStore.inMemory(),
                files -> new WordOverlapReranker(10));
        EndpointService endpoints = new EndpointService(tmp.resolve("config"),
                Map.of("COHERE_API_KEY", "fake-key-live-7d1e"), http);
        String label = endpoints.save(new EndpointDraft("Mock Cohere", "cohere-v2",
                server.url("/").toString().replaceAll("/$", ""), "rerank-v3.5", 10, 1, 30, KeySource.ENV,
                "COHERE_API_KEY", null, false), null).label();
        RankerCatalog catalog = new RankerCatalog(library, endpoints);
        Reranker hosted = catalog.open(label);
        StringProperty text = new SimpleStringProperty("capital of france");
        int[] debounced = {0};
        Debounce debounce = new Debounce() {
            @Override
            public void restart(Runnable action) {
                debounced[0]++;
            }

            @Override
            public void stop() {
            }
        };
        LiveQueryViewModel live = new LiveQueryViewModel(new CurrentThreadTaskRunner(),
                new VariantService(() -> store, catalog), debounce, text, () -> RerankOptions.DEFAULT);
        live.setRanker(label, hosted);
        assertThat(live.liveProperty().get()).isFalse(); // billed per call: off until the analyst turns it on
        live.liveProperty().set(true);
        live.setBase(new LiveQueryViewModel.Base(q, "q1", "capital of france", "capital of france", candidates, true,
                true, null));

        text.set("largest city in france");
        text.set("french capital city");
        assertThat(debounced[0]).isZero();
        assertThat(server.getRequestCount()).isZero(); // typing sends nothing
        assertThat(live.statusProperty().get()).startsWith("Press Enter to re-score with " + label);

        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"id\":\"x\",\"results\":[{\"index\":1,\"relevance_score\":0.91},"
                        + "{\"index\":0,\"relevance_score\":0.03}],\"meta\":{\"billed_units\":{\"search_units\":1}}}")
                .build());
        live.scoreNow();

        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(server.takeRequest().getBody().utf8()).contains("\"query\":\"french capital city\"");
        LiveQueryViewModel.Shown shown = live.shownProperty().get();
        assertThat(shown.text()).isEqualTo("french capital city");
        assertThat(shown.run().ranking().results().get(0).candidate().docId()).isEqualTo("paris");
        assertThat(live.statusProperty().get()).contains("not kept").contains("search unit");
    }
}
