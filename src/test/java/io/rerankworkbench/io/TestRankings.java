package io.rerankworkbench.io;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds rankings for writer tests: results are given in rank order. */
final class TestRankings {

    private TestRankings() {
    }

    /** A result at {@code rank} for a candidate that was at {@code originalRank}. */
    static ScoredCandidate result(int rank, int originalRank, String docId, double score, int tokensDropped,
                                  String text) {
        return new ScoredCandidate(new Candidate(originalRank, docId, text), score, rank, tokensDropped);
    }

    static Ranking ranking(String queryId, String queryText, ScoredCandidate... results) {
        return new Ranking(new Query(queryId, queryText), new ArrayList<>(List.of(results)), "fake", "fake-model",
                Duration.ofMillis(5));
    }
}
