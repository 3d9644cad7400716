package io.rerankworkbench.rerank.remote;

import io.rerankworkbench.core.Candidate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests, documents and Cohere search units a run would take. */
class CostEstimateTest {

    private static List<Candidate> docs(int n, int chars) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Candidate(i + 1, "d" + i, "x".repeat(chars)));
        }
        return out;
    }

    private static final Endpoint COHERE = Endpoint.of("c", Dialect.COHERE_V2, null, null);

    @Test
    void oneUnitPerHundredDocumentsPerRequest() {
        CostEstimate e = CostEstimate.estimate(COHERE, docs(250, 400));
        assertThat(e.requests()).isEqualTo(1);
        assertThat(e.documents()).isEqualTo(250);
        assertThat(e.approxTokens()).isEqualTo(250 * 100);
        assertThat(e.searchUnits()).hasValue(3);
    }

    @Test
    void unitsAreCountedPerRequest() {
        CostEstimate e = CostEstimate.estimate(COHERE, docs(2500, 40), 2);
        assertThat(e.requests()).isEqualTo(6);
        assertThat(e.documents()).isEqualTo(5000);
        assertThat(e.searchUnits()).hasValue(2 * (10 + 10 + 5));
    }

    @Test
    void longDocumentsCountOncePerChunk() {
        List<Candidate> set = new ArrayList<>(docs(99, 40));
        set.add(new Candidate(100, "long", "y".repeat(20_000))); // 5,000 tokens: 2 chunks of 4,096
        assertThat(CostEstimate.estimate(COHERE, set).searchUnits()).hasValue(2); // 101 chunks
        Endpoint small = COHERE.withOptions(COHERE.options().withMaxTokensPerDoc(512)); // 10 chunks
        assertThat(CostEstimate.estimate(small, set).searchUnits()).hasValue(2);
        Endpoint tiny = COHERE.withOptions(COHERE.options().withMaxTokensPerDoc(10)); // 500 chunks
        assertThat(CostEstimate.estimate(tiny, set).searchUnits()).hasValue(6);
    }

    @Test
    void otherProvidersHaveNoSearchUnitsButTheSameRequestCount() {
        CostEstimate tei = CostEstimate.estimate(Endpoint.of("t", Dialect.TEI, "http://localhost:8080", null),
                docs(100, 8));
        assertThat(tei.requests()).isEqualTo(4);
        assertThat(tei.approxTokens()).isEqualTo(200);
        assertThat(tei.searchUnits()).isEmpty();
        assertThat(CostEstimate.estimate(COHERE, List.of()).requests()).isZero();
        assertThat(CostEstimate.approxTokens("abcde")).isEqualTo(2);
    }
}
