package io.rerankworkbench.app;

import io.rerankworkbench.app.EndpointEntry.KeySource;
import io.rerankworkbench.explain.ExplanationMap;
import io.rerankworkbench.explain.OcclusionUnit;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.testing.CohereScoringDispatcher;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Occlusion through a hosted ranker (a scripted Cohere v2 server on 127.0.0.1 that scores a document by the words
 * it contains): the variants go out in as few requests as the endpoint's per-request limit allows, the drops come
 * from the answers, a cancelled run keeps what finished, and the result is kept in the project so a second look
 * sends nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExplainServiceOcclusionTest {

    private static final String KEY = "fake-key-occlusion-5d1e";
    private static final String DOCUMENT = "Paris is the capital and largest city of France.";
    private static final int PER_REQUEST = 4;

    @TempDir
    Path config;

    private final MockWebServer server = new MockWebServer();
    private final RemoteHttp http = RemoteHttp.create();
    private final CohereScoringDispatcher scoring = new CohereScoringDispatcher(CohereScoringDispatcher::parisScore);
    private final AtomicInteger requests = scoring.requests;
    private ProjectService projects;
    private Reranker ranker;
    private String label;
    private long queryId;

    @BeforeEach
    void setUp() throws Exception {
        server.setDispatcher(scoring);
        server.start();
        EndpointService endpoints = new EndpointService(config, Map.of("COHERE_API_KEY", KEY), http);
        EndpointEntry entry = endpoints.save(new EndpointDraft("Mock Cohere", "cohere-v2",
                server.url("/").toString().replaceAll("/$", ""), "rerank-v3.5", PER_REQUEST, 1, 30, KeySource.ENV,
                "COHERE_API_KEY", null, false), null);
        label = entry.label();
        ranker = endpoints.open(entry.name());
        projects = new ProjectService(config, config.resolve("projects"));
        ProjectStore store = projects.newUntitled();
        StoredQuery q = store.addQuery("q1", "capital of France");
        queryId = q.id();
        store.addCandidates(queryId, List.of(new NewCandidate(1, "d1", "Bananas are yellow."),
                new NewCandidate(2, "d2", DOCUMENT)), (done, total) -> { });
    }

    @AfterEach
    void tearDown() throws Exception {
        projects.close();
        server.close();
        http.close();
    }

    private ExplainService.Subject subject() {
        return new ExplainService.Subject(queryId, "capital of France", "d2", DOCUMENT, 0.65, null,
                io.rerankworkbench.rerank.RerankOptions.DEFAULT);
    }

    @Test
    void theVariantsGoOutInAsFewRequestsAsTheEndpointAllowsAndTheDropsComeFromTheAnswers() {
        ExplainService service = new ExplainService(projects);
        ExplainService.OcclusionPlan plan = service.planOcclusion(ranker, label, true, subject(), OcclusionUnit.WORD);
        // 9 words: 9 variants and the full document, 4 per request.
        assertThat(plan.units()).hasSize(9);
        assertThat(plan.toScore()).isEqualTo(10);
        assertThat(plan.requests()).isEqualTo(3);
        assertThat(plan.summary()).contains("3 requests").contains("10 documents");
        assertThat(requests).hasValue(0);

        ExplanationMap map = service.occlude(ranker, plan, ProgressListener.NONE, () -> false);

        assertThat(requests).hasValue((10 + PER_REQUEST - 1) / PER_REQUEST);
        assertThat(scoring.documentsSent()).isEqualTo(10);
        assertThat(map.baseline()).isCloseTo(0.65, within(1e-9));
        double[] drops = map.values()[0];
        List<String> words = map.columns().stream().map(u -> u.label()).toList();
        assertThat(words).containsExactly("Paris", "is", "the", "capital", "and", "largest", "city", "of", "France");
        assertThat(drops[0]).isCloseTo(0.3, within(1e-9));
        assertThat(drops[3]).isCloseTo(0.2, within(1e-9));
        assertThat(drops[8]).isCloseTo(0.05, within(1e-9));
        assertThat(drops[1]).isCloseTo(0.0, within(1e-9));
        assertThat(map.columns().get(3).span().of(DOCUMENT)).isEqualTo("capital");
    }

    @Test
    void aSecondLookSendsNothingEvenAfterTheProjectIsReopenedByAnotherService() {
        ExplainService first = new ExplainService(projects);
        first.occlude(ranker, first.planOcclusion(ranker, label, true, subject(), OcclusionUnit.WORD),
                ProgressListener.NONE, () -> false);
        int sent = requests.get();

        ExplainService second = new ExplainService(projects);
        ExplainService.OcclusionPlan plan = second.planOcclusion(ranker, label, true, subject(), OcclusionUnit.WORD);

        assertThat(plan.complete()).isTrue();
        assertThat(plan.existing()).isNotNull();
        assertThat(plan.existing().values()[0][0]).isCloseTo(0.3, within(1e-9));
        assertThat(second.occlude(ranker, plan, ProgressListener.NONE, () -> false).values()[0][3])
                .isCloseTo(0.2, within(1e-9));
        assertThat(requests).hasValue(sent);
    }

    @Test
    void anEditedQueryIsNotAnsweredFromTheKeptResult() {
        ExplainService service = new ExplainService(projects);
        service.occlude(ranker, service.planOcclusion(ranker, label, true, subject(), OcclusionUnit.WORD),
                ProgressListener.NONE, () -> false);

        ExplainService.Subject edited = new ExplainService.Subject(queryId, "largest city of France", "d2", DOCUMENT,
                Double.NaN, null, io.rerankworkbench.rerank.RerankOptions.DEFAULT);
        assertThat(new ExplainService(projects).planOcclusion(ranker, label, true, edited, OcclusionUnit.WORD)
                .existing()).isNull();
    }

    @Test
    void cancellingKeepsWhatFinishedAndTheNextRunSendsOnlyTheRest() {
        ExplainService service = new ExplainService(projects);
        ExplainService.OcclusionPlan plan = service.planOcclusion(ranker, label, true, subject(), OcclusionUnit.WORD);

        // Cancelled once the first request has been answered.
        assertThatThrownBy(() -> service.occlude(ranker, plan, ProgressListener.NONE, () -> requests.get() >= 1))
                .isInstanceOf(CancelledException.class);
        assertThat(requests).hasValue(1);
        ExplanationMap partial = service.cachedOcclusion(label, subject(), OcclusionUnit.WORD).orElseThrow();
        // The first request held the full document and the first three variants.
        assertThat(partial.baseline()).isCloseTo(0.65, within(1e-9));
        assertThat(partial.values()[0][0]).isCloseTo(0.3, within(1e-9));
        assertThat(partial.values()[0][3]).isNaN();
        assertThat(partial.notes().get(0)).contains("3 of 9");

        ExplainService.OcclusionPlan rest = new ExplainService(projects)
                .planOcclusion(ranker, label, true, subject(), OcclusionUnit.WORD);
        assertThat(rest.toScore()).isEqualTo(6);
        assertThat(rest.requests()).isEqualTo(2);
        ExplanationMap done = service.occlude(ranker, rest, ProgressListener.NONE, () -> false);
        assertThat(requests).hasValue(3);
        assertThat(scoring.documentsSent()).isEqualTo(10);
        assertThat(done.values()[0][3]).isCloseTo(0.2, within(1e-9));
        assertThat(done.notes()).noneMatch(n -> n.contains(" of 9 "));
    }

    @Test
    void aOneWordDocumentIsRefusedWithAReason() {
        ExplainService service = new ExplainService(projects);
        ExplainService.Subject tiny = new ExplainService.Subject(queryId, "capital", "d3", "Paris", Double.NaN,
                null, io.rerankworkbench.rerank.RerankOptions.DEFAULT);
        assertThatThrownBy(() -> service.planOcclusion(ranker, label, true, tiny, OcclusionUnit.WORD))
                .isInstanceOf(ExplainException.class).hasMessageContaining("at least two words");
        assertThat(requests).hasValue(0);
    }
}
