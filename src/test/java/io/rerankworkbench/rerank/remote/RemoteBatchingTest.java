package io.rerankworkbench.rerank.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.rerank.CancellationToken;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.rerankworkbench.rerank.remote.RemoteFixtures.QUERY;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.candidates;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.documentTexts;
import static org.assertj.core.api.Assertions.assertThat;

/** Splitting large candidate sets into requests, sending them concurrently, and merging the answers. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RemoteBatchingTest {

    private MockWebServer server;
    private RemoteHttp http;
    private ScoringDispatcher dispatcher;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        dispatcher = new ScoringDispatcher();
        server.setDispatcher(dispatcher);
        server.start();
        http = RemoteFixtures.http(line -> { });
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private Endpoint cohere(Integer topK) {
        Endpoint e = RemoteFixtures.endpoint(Dialect.COHERE_V2, server);
        return e.withOptions(e.options().withTopK(topK)); // 1,000 per request and concurrency 2: the defaults
    }

    @Test
    void twentyFiveHundredCandidatesGoOutAsThreeRequestsTwoAtATimeAndMergeByPosition() {
        dispatcher.holdUntilTogether(2);
        List<Candidate> docs = candidates(2500);
        List<long[]> progress = new CopyOnWriteArrayList<>();

        RemoteRun run = RemoteFixtures.reranker(cohere(null), http)
                .run(QUERY, docs, (done, total) -> progress.add(new long[] {done, total}), CancellationToken.NONE);

        assertThat(dispatcher.bodies).hasSize(3);
        assertThat(dispatcher.bodies).extracting(b -> b.get("documents").size())
                .containsExactlyInAnyOrder(1000, 1000, 500);
        assertThat(dispatcher.bodies).allSatisfy(b -> assertThat(b.has("top_n")).isFalse());
        assertThat(dispatcher.cameTogether()).as("two requests were in flight at once").isTrue();
        assertThat(dispatcher.maxActive()).isEqualTo(2);

        Ranking ranking = run.ranking();
        assertThat(ranking.results()).hasSize(2500);
        assertThat(ranking.results()).extracting(ScoredCandidate::rank)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 2500).boxed().toList());
        for (ScoredCandidate sc : ranking.results()) {
            int i = sc.candidate().originalRank() - 1;
            assertThat(sc.score()).as(sc.candidate().docId()).isEqualTo(ScoringDispatcher.score(i));
        }
        assertThat(ranking.results()).isSortedAccordingTo(Comparator.comparingDouble(ScoredCandidate::score)
                .reversed());
        assertThat(run.usage().requests()).isEqualTo(3);
        assertThat(run.usage().searchUnits()).isEqualTo(10 + 10 + 5);

        assertThat(progress.get(0)).containsExactly(0, 2500);
        assertThat(progress).extracting(p -> p[1]).containsOnly(2500L);
        assertThat(progress).extracting(p -> p[0]).isSorted().endsWith(2500L);
    }

    @Test
    void topKIsAppliedAfterTheMergeNotPerBatch() {
        List<Candidate> docs = candidates(2500);
        RemoteRun run = RemoteFixtures.reranker(cohere(10), http).run(QUERY, docs, (d, t) -> { },
                CancellationToken.NONE);

        assertThat(dispatcher.bodies).allSatisfy(b -> assertThat(b.has("top_n")).isFalse());
        List<String> expected = IntStream.range(0, 2500).boxed()
                .sorted(Comparator.comparingDouble(ScoringDispatcher::score).reversed())
                .limit(10).map(i -> "d" + (i + 1)).toList();
        assertThat(run.ranking().results()).extracting(sc -> sc.candidate().docId())
                .containsExactlyElementsOf(expected);
        // The best ten come from more than one batch, so a per-batch cut-off would have been wrong.
        assertThat(expected.stream().map(id -> (Integer.parseInt(id.substring(1)) - 1) / 1000).distinct().count())
                .isGreaterThan(1);
    }

    @Test
    void topNIsSentWhenTheWholeSetFitsOneRequest() {
        RemoteRun run = RemoteFixtures.reranker(cohere(5), http).run(QUERY, candidates(300), (d, t) -> { },
                CancellationToken.NONE);
        assertThat(dispatcher.bodies).singleElement().satisfies(b -> assertThat(b.get("top_n").asInt()).isEqualTo(5));
        assertThat(run.ranking().results()).hasSize(5).extracting(ScoredCandidate::rank)
                .containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void concurrencyOneSendsOneAtATimeInOrder() {
        Endpoint e = cohere(null);
        e = e.withOptions(e.options().withMaxDocumentsPerRequest(32).withConcurrency(1));
        RemoteFixtures.reranker(e, http).run(QUERY, candidates(100), (d, t) -> { }, CancellationToken.NONE);
        assertThat(dispatcher.maxActive()).isEqualTo(1);
        assertThat(dispatcher.bodies).extracting(b -> documentTexts(b).get(0))
                .containsExactly("doc-0", "doc-32", "doc-64", "doc-96");
        assertThat(dispatcher.bodies).extracting(JsonNode::toString).hasSize(4);
    }

    @Test
    void noCandidatesNoRequests() {
        RemoteRun run = RemoteFixtures.reranker(cohere(null), http).run(QUERY, List.of(), (d, t) -> { },
                CancellationToken.NONE);
        assertThat(run.ranking().results()).isEmpty();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void rerankAllScoresEveryQuery() {
        RemoteReranker ranker = RemoteFixtures.reranker(cohere(null), http);
        List<Ranking> rankings = ranker.rerankAll(List.of(QUERY, new io.rerankworkbench.core.Query("q2", "x")),
                candidates(3), (d, t) -> { }, CancellationToken.NONE);
        assertThat(rankings).hasSize(2).allSatisfy(r -> assertThat(r.results()).hasSize(3));
        assertThat(rankings.get(1).query().id()).isEqualTo("q2");
        assertThat(ranker.totalUsage().requests()).isEqualTo(2);
        assertThat(ranker.lastUsage()).get().extracting(RunUsage::requests).isEqualTo(1);
        assertThat(ranker.kind()).isEqualTo("remote Cohere v2");
        // a Cohere dialect away from Cohere's host sends no default model: the run names the server instead
        assertThat(ranker.model()).startsWith("Cohere v2 at localhost:");
    }
}
