package io.rerankworkbench.server;

import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.rerank.remote.Dialect;
import io.rerankworkbench.rerank.remote.Endpoint;
import io.rerankworkbench.rerank.remote.EndpointOptions;
import io.rerankworkbench.rerank.remote.KeyRef;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import io.rerankworkbench.rerank.remote.RemoteReranker;
import io.rerankworkbench.rerank.remote.Secrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * End to end on loopback: the remote client's Cohere v2, Cohere v1 and TEI dialects against our own server with the
 * bundled model give the local engine's order and scores.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RemoteAgainstServeTest {

    private static final String KEY = "loopback-test-key";
    private static final String MODEL = "all-MiniLM-L6-v2";

    @TempDir
    static Path config;

    private static RankerService rankers;
    private static RerankServer server;
    private static RemoteHttp http;
    private static Secrets secrets;

    @BeforeAll
    static void start() throws Exception {
        rankers = new RankerService(ModelLibraryStore.inMemory(), EngineSettings.DEFAULT);
        rankers.open(MODEL);
        server = RerankServer.start(rankers, MODEL, ServerConfig.defaults().withPort(0).withApiKey(KEY));
        http = RemoteHttp.create();
        secrets = new Secrets(config, Map.of("COHERE_API_KEY", KEY, "TEI_API_KEY", KEY));
    }

    @AfterAll
    static void stop() {
        server.close();
        http.close();
        rankers.close();
    }

    private static Endpoint endpoint(Dialect dialect, String model, int maxDocs) {
        EndpointOptions o = EndpointOptions.DEFAULT;
        EndpointOptions options = new EndpointOptions(o.connectTimeout(), o.readTimeout(), o.callTimeout(), maxDocs,
                2, null, null, false);
        String var = dialect instanceof Dialect.Tei ? "TEI_API_KEY" : "COHERE_API_KEY";
        return new Endpoint("loopback", dialect, server.baseUri().toString(), model, KeyRef.env(var), options);
    }

    private static List<Candidate> candidates(int n) {
        String[] topics = {"Paris is the capital of France.", "Bananas are yellow.", "Berlin is in Germany.",
            "The stock market fell.", "France borders Spain.", "Rome has ancient ruins."};
        List<Candidate> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Candidate(i + 1, "d" + i, topics[i % topics.length] + " Note " + i + "."));
        }
        return out;
    }

    private static void assertSameAsLocal(Ranking remote, Ranking local) {
        assertThat(remote.results()).hasSameSizeAs(local.results());
        Map<String, Double> localScores = new HashMap<>();
        for (ScoredCandidate c : local.results()) {
            localScores.put(c.candidate().docId(), c.score());
        }
        for (ScoredCandidate c : remote.results()) {
            assertThat(c.score()).as(c.candidate().docId())
                    .isCloseTo(localScores.get(c.candidate().docId()), within(1e-6));
        }
        assertThat(remote.results()).extracting(c -> c.candidate().docId())
                .containsExactlyElementsOf(local.results().stream().map(c -> c.candidate().docId()).toList());
    }

    @Test
    void cohereV2V1AndTeiDialectsMatchTheLocalEngine() {
        Query query = new Query("1", "capital of France");
        List<Candidate> docs = candidates(12);
        Ranking local = rankers.open(MODEL).rerank(query, docs, ProgressListener.NONE, CancellationToken.NONE);
        for (Dialect dialect : List.of(new Dialect.CohereV2(), new Dialect.CohereV1(), new Dialect.Tei())) {
            try (Reranker remote = RemoteReranker.open(endpoint(dialect, dialect instanceof Dialect.Tei ? null
                    : MODEL, 0), secrets, http)) {
                Ranking r = remote.rerank(query, docs, ProgressListener.NONE, CancellationToken.NONE);
                assertSameAsLocal(r, local);
            }
        }
    }

    @Test
    void twentyFiveHundredCandidatesGoInThreeBatchesAndMergeCorrectly() {
        Query query = new Query("1", "capital of France");
        List<Candidate> docs = candidates(2500);
        Ranking local = rankers.open(MODEL).rerank(query, docs, ProgressListener.NONE, CancellationToken.NONE);
        List<long[]> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Reranker remote = RemoteReranker.open(endpoint(new Dialect.CohereV2(), MODEL, 1000), secrets, http)) {
            Ranking r = remote.rerank(query, docs, (done, total) -> progress.add(new long[]{done, total}),
                    CancellationToken.NONE);
            assertSameAsLocal(r, local);
        }
        assertThat(progress).last().satisfies(p -> assertThat(p).containsExactly(2500, 2500));
        assertThat(progress).extracting(p -> p[0]).contains(1000L);
    }
}
