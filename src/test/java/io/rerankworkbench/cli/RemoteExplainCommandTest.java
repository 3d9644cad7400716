package io.rerankworkbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.EndpointDraft;
import io.rerankworkbench.app.EndpointEntry.KeySource;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.cli.CliRun.Result;
import io.rerankworkbench.explain.AxisUnit;
import io.rerankworkbench.explain.ExplainMethod;
import io.rerankworkbench.explain.ExplanationJson;
import io.rerankworkbench.explain.ExplanationMap;
import io.rerankworkbench.explain.OcclusionUnit;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.testing.CohereScoringDispatcher;
import io.rerankworkbench.testing.WordOverlapReranker;
import mockwebserver3.Dispatcher;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code explain} with a hosted ranker: occlusion against a scripted Cohere v2 server on 127.0.0.1 that scores a
 * document by the words it contains, so every word's drop is known exactly.
 */
class RemoteExplainCommandTest {

    private static final String SECRET = "fake-key-7e4a-EXPLAIN-SECRET";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT = "Paris is the capital and largest city of France.";

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();
    private final CohereScoringDispatcher scoring = new CohereScoringDispatcher(CohereScoringDispatcher::parisScore);
    private final AtomicInteger requests = scoring.requests;
    private final List<Integer> documentsPerRequest = scoring.documentsPerRequest;
    private AppContext context;

    @BeforeEach
    void setUp() throws IOException {
        server.setDispatcher(scoring);
        server.start();
    }

    @AfterEach
    void tearDown() {
        if (context != null) {
            context.close();
        }
        server.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private Result run(Map<String, String> env, String... args) {
        RankerService local = new RankerService(List.of(ModelFiles.allMiniLmL6V2()), ModelLibraryStore.inMemory(),
                files -> new WordOverlapReranker(5));
        if (context != null) {
            context.close();
        }
        context = new AppContext(local, dir.resolve("config"), env);
        return CliRun.run(ContextSource.borrowing(context), args);
    }

    private String[] cohere(String... more) {
        List<String> args = new ArrayList<>(List.of("explain", "--provider", "cohere-v2", "--base-url",
                server.url("/").toString(), "--model", "rerank-v3.5", "--query", "capital of France",
                "--document", DOCUMENT, "--docs-per-request", "4", "--concurrency", "1"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void occlusionPrintsThePlanThenSendsTheVariantsInAsFewRequestsAsAllowed() throws Exception {
        Path out = dir.resolve("occlusion.json");
        Result r = run(Map.of("COHERE_API_KEY", SECRET), cohere("-o", out.toString()));

        assertThat(r.code()).as(r.err()).isZero();
        // 9 words: 9 variants and the full document, 4 per request.
        assertThat(r.errLines()).singleElement().asString()
                .isEqualTo("rerank-workbench: Occlusion sends 3 requests · 10 documents · ≈3 search units");
        assertThat(requests).hasValue(3);
        assertThat(documentsPerRequest).containsExactly(4, 4, 2);

        String json = Files.readString(out);
        assertThat(JSON.readTree(json).path("method").asText()).isEqualTo("occlusion");
        ExplanationMap map = ExplanationJson.read(json);
        assertThat(map.method()).isEqualTo(ExplainMethod.OCCLUSION);
        assertThat(map.unit()).isEqualTo(OcclusionUnit.WORD);
        assertThat(map.ranker()).contains("rerank-v3.5");
        assertThat(map.baseline()).isCloseTo(0.65, within(1e-9));
        assertThat(map.columns()).extracting(AxisUnit::label)
                .containsExactly("Paris", "is", "the", "capital", "and", "largest", "city", "of", "France");
        double[] drops = map.values()[0];
        assertThat(drops[0]).isCloseTo(0.3, within(1e-9));
        assertThat(drops[3]).isCloseTo(0.2, within(1e-9));
        assertThat(drops[8]).isCloseTo(0.05, within(1e-9));
        assertThat(drops[1]).isCloseTo(0.0, within(1e-9));
        assertThat(map.columns().get(3).span().of(DOCUMENT)).isEqualTo("capital");
        assertThat(r.out() + r.err() + json).doesNotContain(SECRET);
    }

    @Test
    void aSavedEndpointIsNamedByItsLabelAndOcclusionIsItsDefault() throws Exception {
        RankerService local = new RankerService(List.of(ModelFiles.allMiniLmL6V2()), ModelLibraryStore.inMemory(),
                files -> new WordOverlapReranker(5));
        String label;
        try (AppContext setup = new AppContext(local, dir.resolve("config"), Map.of())) {
            label = setup.endpoints().save(new EndpointDraft("mock", "cohere-v2", server.url("/").toString(), "m1",
                    0, 1, 30, KeySource.STORED, "", SECRET, false), null).label();
        }
        Result r = run(Map.of(), "explain", "--endpoint", "mock", "--query", "capital of France", "--document",
                DOCUMENT);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("Occlusion sends 1 request · 10 documents");
        assertThat(requests).hasValue(1);
        ExplanationMap map = ExplanationJson.read(r.out());
        assertThat(map.method()).isEqualTo(ExplainMethod.OCCLUSION);
        assertThat(map.ranker()).isEqualTo(label);
        assertThat(map.values()[0][0]).isCloseTo(0.3, within(1e-9));
    }

    @Test
    void aPartlyFailedOcclusionWritesNothing() {
        scoring.failRequest = 2;
        Path out = dir.resolve("occlusion.json");
        Result r = run(Map.of("COHERE_API_KEY", SECRET), cohere("-o", out.toString()));

        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.errLines()).last().asString().startsWith("rerank-workbench: error: ")
                .contains("nothing was written");
        assertThat(out).doesNotExist();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aHostedRankerCanOnlyBeExplainedByOcclusion() {
        Result r = run(Map.of("COHERE_API_KEY", SECRET), cohere("--method", "attention"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--method attention")
                .contains("occlusion only");
        assertThat(requests).hasValue(0);
    }

    @Test
    void aMissingKeyIsNamedBeforeAnythingIsSent() {
        Result r = run(Map.of(), cohere());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("$COHERE_API_KEY");
        assertThat(requests).hasValue(0);
    }

    @Test
    void aRejectedKeyIsExitTwo() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.incrementAndGet();
                return json(401, "{\"id\":\"e\",\"message\":\"invalid api token\"}");
            }
        });
        Result r = run(Map.of("COHERE_API_KEY", SECRET), cohere());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).last().asString().contains("API key rejected by Cohere");
        assertThat(r.out()).isEmpty();
        assertThat(r.out() + r.err()).doesNotContain(SECRET);
    }
}
