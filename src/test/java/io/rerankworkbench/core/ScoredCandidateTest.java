package io.rerankworkbench.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoredCandidateTest {

    private static ScoredCandidate scored(int originalRank, int rank, int tokensDropped) {
        return new ScoredCandidate(new Candidate(originalRank, "d" + originalRank, "t"), 0.5, rank, tokensDropped);
    }

    @Test
    void rankChangeIsPlacesGained() {
        assertThat(scored(5, 2, 0).rankChange()).isEqualTo(3);
        assertThat(scored(2, 5, 0).rankChange()).isEqualTo(-3);
        assertThat(scored(4, 4, 0).rankChange()).isZero();
        assertThat(scored(1, 100, 0).rankChange()).isEqualTo(-99);
    }

    @Test
    void truncatedWhenTokensWereDropped() {
        assertThat(scored(1, 1, 0).truncated()).isFalse();
        assertThat(scored(1, 1, 1).truncated()).isTrue();
        assertThat(scored(1, 1, 512).truncated()).isTrue();
    }

    @Test
    void negativeTokensDroppedIsRejected() {
        assertThatThrownBy(() -> scored(1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullCandidateIsRejected() {
        assertThatThrownBy(() -> new ScoredCandidate(null, 0.1, 1, 0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void candidateValidatesItsFields() {
        assertThatThrownBy(() -> new Candidate(0, "d", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Candidate(1, null, "t")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Candidate(1, "d", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Query(null, "t")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Query("q", null)).isInstanceOf(NullPointerException.class);
    }
}
