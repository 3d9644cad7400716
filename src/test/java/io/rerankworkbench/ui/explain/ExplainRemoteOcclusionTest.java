package io.rerankworkbench.ui.explain;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.EndpointDraft;
import io.rerankworkbench.app.EndpointEntry;
import io.rerankworkbench.app.EndpointEntry.KeySource;
import io.rerankworkbench.app.EndpointService;
import io.rerankworkbench.app.ExplainService;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.explain.ExplainMethod;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import io.rerankworkbench.testing.CohereScoringDispatcher;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.testing.WordOverlapReranker;
import io.rerankworkbench.ui.common.ResultSelection;
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

/**
 * A hosted ranker's result explained in the view model: only occlusion is offered, nothing is sent before the user
 * has read the cost and said Send, and saying Cancel sends nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExplainRemoteOcclusionTest {


    @TempDir
    Path config;

    private final MockWebServer server = new MockWebServer();
    private final RemoteHttp http = RemoteHttp.create();
    private final CohereScoringDispatcher scoring = new CohereScoringDispatcher(
            text -> text.contains("Paris") ? 0.9 : 0.2);
    private final AtomicInteger requests = scoring.requests;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private RankerCatalog catalog;
    private String label;

    @BeforeEach
    void setUp() throws Exception {
        server.setDispatcher(scoring);
        server.start();
        EndpointService endpoints = new EndpointService(config, Map.of("COHERE_API_KEY", "fake-key-explain-77ab"),
                http);
        EndpointEntry entry = endpoints.save(new EndpointDraft("Mock Cohere", "cohere-v2",
                server.url("/").toString().replaceAll("/$", ""), "rerank-v3.5", 100, 1, 30, KeySource.ENV,
                "COHERE_API_KEY", null, false), null);
        label = entry.label();
        RankerService rankers = new RankerService(List.of(ModelFiles.allMiniLmL6V2()), ModelLibraryStore.inMemory(),
                spec -> new WordOverlapReranker(50));
        catalog = new RankerCatalog(rankers, endpoints);
    }

    @AfterEach
    void tearDown() {
        server.close();
        http.close();
    }

    private ExplainViewModel selectRemoteResult() throws Exception {
        Ranking ranking = catalog.open(label).rerank(new Query("q1", "capital of France"),
                List.of(new Candidate(1, "d1", "Paris is the capital of France.")), ProgressListener.NONE,
                CancellationToken.NONE);
        requests.set(0);
        ExplainViewModel vm = new ExplainViewModel(new CurrentThreadTaskRunner(), new ExplainService(null), catalog,
                dialogs, () -> "all-MiniLM-L6-v2");
        vm.activeProperty().set(true);
        vm.selectionProperty().set(ResultSelection.of(1, 1, ranking, ranking.results().get(0)));
        return vm;
    }

    @Test
    void occlusionIsSentOnlyAfterTheUserConfirmsTheCost() throws Exception {
        ExplainViewModel vm = selectRemoteResult();

        assertThat(vm.methods()).containsExactly(ExplainMethod.OCCLUSION);
        assertThat(vm.headingProperty().get()).contains(label);
        assertThat(vm.pendingPlanProperty().get()).isNotNull();
        assertThat(vm.messageProperty().get()).contains("1 request").contains("7 documents");
        assertThat(requests).hasValue(0);

        dialogs.choiceAnswers.add(0); // Send
        vm.occlude();

        assertThat(dialogs.choices).singleElement().asString().contains("1 request").contains("7 documents");
        assertThat(requests).hasValue(1);
        assertThat(vm.mapProperty().get().method()).isEqualTo(ExplainMethod.OCCLUSION);
        assertThat(vm.mapProperty().get().values()[0][0]).isEqualTo(0.9 - 0.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(vm.pendingPlanProperty().get()).isNull();
    }

    @Test
    void cancellingTheQuestionSendsNothing() throws Exception {
        ExplainViewModel vm = selectRemoteResult();

        dialogs.choiceAnswers.add(1); // Cancel
        vm.occlude();

        assertThat(requests).hasValue(0);
        assertThat(vm.mapProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).contains("not sent");
    }
}
