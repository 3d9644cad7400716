package io.rerankworkbench.server;

import com.cohere.api.Cohere;
import com.cohere.api.core.CohereApiException;
import com.cohere.api.core.RequestOptions;
import com.cohere.api.errors.BadRequestError;
import com.cohere.api.errors.NotFoundError;
import com.cohere.api.errors.UnauthorizedError;
import com.cohere.api.requests.RerankRequest;
import com.cohere.api.resources.v2.requests.V2RerankRequest;
import com.cohere.api.resources.v2.types.V2RerankResponse;
import com.cohere.api.resources.v2.types.V2RerankResponseResultsItem;
import com.cohere.api.types.RerankRequestDocumentsItem;
import com.cohere.api.types.RerankResponse;
import com.cohere.api.types.RerankResponseResultsItem;
import io.rerankworkbench.app.RankerService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static io.rerankworkbench.server.FakeModels.OVERLAP;
import static io.rerankworkbench.server.FakeModels.REVERSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official Cohere Java SDK (com.cohere:cohere-java 1.7.0) against the server, with a custom base URL: the
 * server's responses must satisfy its deserializer (REMOTE_APIS.md §2.5) and its errors map to its typed exceptions.
 */
class CohereSdkCompatibilityTest {

    private static final String KEY = "test-key-for-the-sdk";
    private static final String QUERY = "capital of France";
    private static final List<String> DOCS = List.of(
            "Bananas are yellow.", "Paris is the capital of France.", "France is in Europe.");
    // The SDK's own default is 10 s; a short explicit one keeps a broken server from stalling the build.
    private static final RequestOptions TIMEOUT = RequestOptions.builder().timeout(30).build();

    private static RankerService rankers;
    private static RerankServer server;
    private static Cohere cohere;

    @BeforeAll
    static void start() throws IOException {
        rankers = FakeModels.library();
        server = RerankServer.start(rankers, OVERLAP, ServerConfig.defaults().withPort(0).withApiKey(KEY));
        cohere = Cohere.builder().token(KEY).clientName("rerank-workbench-test")
                .url(server.baseUri().toString()).build();
    }

    @AfterAll
    static void stop() {
        server.close();
        rankers.close();
    }

    @Test
    void v2RerankReadsResultsIdAndMeta() {
        V2RerankResponse response = cohere.v2().rerank(V2RerankRequest.builder().model(OVERLAP).query(QUERY)
                .documents(DOCS).topN(2).maxTokensPerDoc(512).build(), TIMEOUT);

        assertThat(response.getResults()).extracting(V2RerankResponseResultsItem::getIndex).containsExactly(1, 2);
        assertThat(response.getResults()).extracting(V2RerankResponseResultsItem::getRelevanceScore)
                .containsExactly(3.0f, 1.0f);
        assertThat(response.getResults().get(0).getDocument()).isEmpty();
        assertThat(response.getId()).isPresent();
        assertThat(response.getMeta().orElseThrow().getApiVersion().orElseThrow().getVersion()).isEqualTo("2");
        assertThat(response.getMeta().orElseThrow().getBilledUnits().orElseThrow().getSearchUnits()).contains(1.0);
    }

    @Test
    void v2PicksTheModelByName() {
        V2RerankResponse response = cohere.v2().rerank(V2RerankRequest.builder().model(REVERSED).query(QUERY)
                .documents(DOCS).build(), TIMEOUT);

        assertThat(response.getResults()).extracting(V2RerankResponseResultsItem::getIndex).containsExactly(0, 2, 1);
    }

    @Test
    void v1RerankWithStringAndMapDocumentsEchoesThem() {
        RerankResponse response = cohere.rerank(RerankRequest.builder().query(QUERY)
                .documents(List.of(RerankRequestDocumentsItem.of(DOCS.get(0)),
                        RerankRequestDocumentsItem.of(Map.of("title", "Paris", "text", DOCS.get(1))),
                        RerankRequestDocumentsItem.of(DOCS.get(2))))
                .returnDocuments(true).build(), TIMEOUT);

        assertThat(response.getResults()).extracting(RerankResponseResultsItem::getIndex).containsExactly(1, 2, 0);
        assertThat(response.getResults().get(0).getDocument().orElseThrow().getText()).isEqualTo(DOCS.get(1));
        assertThat(response.getResults().get(0).getDocument().orElseThrow().getAdditionalProperties())
                .containsEntry("title", "Paris");
        assertThat(response.getResults().get(2).getDocument().orElseThrow().getText()).isEqualTo(DOCS.get(0));
        assertThat(response.getMeta().orElseThrow().getApiVersion().orElseThrow().getVersion()).isEqualTo("1");
    }

    @Test
    void errorsBecomeTheSdksTypedExceptions() {
        Cohere wrongKey = Cohere.builder().token("not-the-key").url(server.baseUri() + "/").build();

        assertThatThrownBy(() -> wrongKey.v2().rerank(V2RerankRequest.builder().model(OVERLAP).query(QUERY)
                .documents(DOCS).build(), TIMEOUT))
                .isInstanceOf(UnauthorizedError.class)
                .satisfies(e -> assertThat(((CohereApiException) e).statusCode()).isEqualTo(401));
        assertThatThrownBy(() -> cohere.v2().rerank(V2RerankRequest.builder().model("rerank-v3.5").query(QUERY)
                .documents(DOCS).build(), TIMEOUT))
                .isInstanceOf(NotFoundError.class)
                .satisfies(e -> assertThat(((CohereApiException) e).body().toString()).contains("rerank-v3.5"));
        // The SDK's builder sends "documents": [] when none were added.
        assertThatThrownBy(() -> cohere.v2().rerank(V2RerankRequest.builder().model(OVERLAP).query(QUERY).build(),
                TIMEOUT))
                .isInstanceOf(BadRequestError.class);
    }
}
