package io.rerankworkbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.server.Http.Reply;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** End to end with the real bundled model: the server's scores are the local engine's. */
class BundledModelServerTest {

    private static final String MODEL = "all-MiniLM-L6-v2";
    private static final String QUERY = "What is the capital of France?";
    private static final List<String> DOCS = List.of(
            "Bananas are a yellow fruit rich in potassium.",
            "Paris is the capital and largest city of France.",
            "The stock market fell sharply on Monday.",
            "France's government sits in its capital, Paris, on the Seine.");

    @Test
    void v2ScoresEqualTheLocalEnginesInTheSameOrder() throws IOException {
        try (RankerService rankers = new RankerService(ModelLibraryStore.inMemory(), EngineSettings.DEFAULT);
             RerankServer server = RerankServer.start(rankers, MODEL, ServerConfig.defaults().withPort(0))) {
            List<Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < DOCS.size(); i++) {
                candidates.add(new Candidate(i + 1, Integer.toString(i), DOCS.get(i)));
            }
            Ranking local = rankers.open(MODEL).rerank(new Query("1", QUERY), candidates, ProgressListener.NONE,
                    CancellationToken.NONE);

            Reply reply = new Http(server.baseUri()).post("/v2/rerank",
                    RerankServerTest.body("model", MODEL, "query", QUERY, "documents", DOCS));

            assertThat(reply.status()).isEqualTo(200);
            JsonNode results = reply.json().get("results");
            assertThat(results).hasSize(DOCS.size());
            for (int rank = 0; rank < DOCS.size(); rank++) {
                ScoredCandidate expected = local.results().get(rank);
                JsonNode actual = results.get(rank);
                assertThat(actual.get("index").asInt()).isEqualTo(expected.candidate().originalRank() - 1);
                assertThat(actual.get("relevance_score").asDouble()).isCloseTo(expected.score(), within(1e-6));
            }
            // The model does rank: the two documents about Paris come first.
            assertThat(RerankServerTest.indices(reply.json()).subList(0, 2)).containsExactlyInAnyOrder(1, 3);
        }
    }
}
