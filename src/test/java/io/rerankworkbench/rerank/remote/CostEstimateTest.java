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
    void cohereV1CountsALongDocumentOncePerChunk() {
        List<Candidate> set = new ArrayList<>(docs(99, 40));
        set.add(new Candidate(100, "long", "y".repeat(20_000))); // 5,000 tokens: 2 chunks of 4,096
        Endpoint v1 = Endpoint.of("v1", Dialect.COHERE_V1, null, null);
        assertThat(CostEstimate.estimate(v1, set).searchUnits()).hasValue(2); // 101 chunks
        assertThat(CostEstimate.estimate(v1, set).approxTokens()).isEqualTo(99 * 10 + 5_000);
    }

    /** v2 truncates each document to max_tokens_per_doc: a small value cuts tokens, never adds units. */
    @Test
    void cohereV2TruncatesInsteadOfChunking() {
        List<Candidate> set = new ArrayList<>(docs(99, 40));
        set.add(new Candidate(100, "long", "y".repeat(20_000))); // 5,000 tokens, cut to 4,096
        assertThat(CostEstimate.estimate(COHERE, set).searchUnits()).hasValue(1); // 100 documents
        assertThat(CostEstimate.estimate(COHERE, set).approxTokens()).isEqualTo(99 * 10 + 4_096);
        Endpoint tiny = COHERE.withOptions(COHERE.options().withMaxTokensPerDoc(10));
        assertThat(CostEstimate.estimate(tiny, set).searchUnits()).hasValue(1);
        assertThat(CostEstimate.estimate(tiny, set).approxTokens()).isEqualTo(100 * 10);
    }

    @Test
    void emptyDocumentsAreNotCounted() {
        List<Candidate> set = new ArrayList<>(docs(100, 40));
        set.add(new Candidate(101, "blank", "   "));
        assertThat(CostEstimate.estimate(COHERE, set).documents()).isEqualTo(100);
        assertThat(CostEstimate.estimate(COHERE, set).searchUnits()).hasValue(1);
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
