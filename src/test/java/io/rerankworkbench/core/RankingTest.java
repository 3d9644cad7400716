package io.rerankworkbench.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class RankingTest {

    private static final Query QUERY = new Query("q1", "what is reranking");

    private static List<Candidate> candidates(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n)
                .mapToObj(i -> new Candidate(i, "d" + i, "text " + i))
                .toList();
    }

    private static Ranking ranking(List<ScoredCandidate> results, Duration elapsed) {
        return new Ranking(QUERY, results, "fake", "fake-model", elapsed);
    }

    @Test
    void ranksByDescendingScore() {
        List<ScoredCandidate> ranked = Ranking.rank(candidates(4),
                new double[]{0.1, 0.9, -0.5, 0.4}, new int[4]);

        assertThat(ranked)
                .extracting(c -> c.candidate().docId(), ScoredCandidate::score, ScoredCandidate::rank)
                .containsExactly(
                        tuple("d2", 0.9, 1),
                        tuple("d4", 0.4, 2),
                        tuple("d1", 0.1, 3),
                        tuple("d3", -0.5, 4));
    }

    @Test
    void tiesKeepTheOriginalOrder() {
        List<ScoredCandidate> ranked = Ranking.rank(candidates(6),
                new double[]{0.5, 0.7, 0.5, 0.5, 0.7, 0.1}, new int[6]);

        assertThat(ranked).extracting(c -> c.candidate().docId())
                .containsExactly("d2", "d5", "d1", "d3", "d4", "d6");
        assertThat(ranked).extracting(ScoredCandidate::rank).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void allEqualScoresLeaveTheOrderUnchanged() {
        List<ScoredCandidate> ranked = Ranking.rank(candidates(5), new double[]{0.3, 0.3, 0.3, 0.3, 0.3}, new int[5]);

        assertThat(ranked).extracting(c -> c.candidate().originalRank()).containsExactly(1, 2, 3, 4, 5);
        assertThat(ranked).extracting(ScoredCandidate::rankChange).containsOnly(0);
    }

    @Test
    void ranksAreOneToN() {
        int n = 50;
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = Math.sin(i * 7.0);
        }
        List<ScoredCandidate> ranked = Ranking.rank(candidates(n), scores, new int[n]);

        assertThat(ranked).extracting(ScoredCandidate::rank)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, n).boxed().toList());
        for (int i = 1; i < n; i++) {
            assertThat(ranked.get(i - 1).score()).isGreaterThanOrEqualTo(ranked.get(i).score());
        }
        assertThat(ranked).extracting(c -> c.candidate().docId()).doesNotHaveDuplicates().hasSize(n);
    }

    @Test
    void tokensDroppedFollowTheirCandidate() {
        List<ScoredCandidate> ranked = Ranking.rank(candidates(3),
                new double[]{0.1, 0.3, 0.2}, new int[]{0, 17, 4});

        assertThat(ranked)
                .extracting(c -> c.candidate().docId(), ScoredCandidate::tokensDropped, ScoredCandidate::truncated)
                .containsExactly(
                        tuple("d2", 17, true),
                        tuple("d3", 4, true),
                        tuple("d1", 0, false));
    }

    @Test
    void keepsTheCandidateObjects() {
        List<Candidate> input = candidates(2);
        List<ScoredCandidate> ranked = Ranking.rank(input, new double[]{0.2, 0.8}, new int[2]);

        assertThat(ranked.get(0).candidate()).isSameAs(input.get(1));
        assertThat(ranked.get(1).candidate()).isSameAs(input.get(0));
    }

    @Test
    void emptyInputGivesEmptyRanking() {
        assertThat(Ranking.rank(List.of(), new double[0], new int[0])).isEmpty();
    }

    @Test
    void scoreCountMismatchThrows() {
        assertThatThrownBy(() -> Ranking.rank(candidates(3), new double[]{0.1, 0.2}, new int[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3");
        assertThatThrownBy(() -> Ranking.rank(candidates(2), new double[]{0.1, 0.2, 0.3}, new int[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokensDroppedCountMismatchThrows() {
        assertThatThrownBy(() -> Ranking.rank(candidates(3), new double[3], new int[2]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ranking.rank(candidates(3), new double[3], new int[4]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topKKeepsTheFirstK() {
        Ranking full = ranking(Ranking.rank(candidates(5), new double[]{0.5, 0.4, 0.3, 0.2, 0.1}, new int[5]),
                Duration.ofMillis(40));

        Ranking top2 = full.topK(2);

        assertThat(top2.results()).extracting(c -> c.candidate().docId()).containsExactly("d1", "d2");
        assertThat(top2.results()).containsExactlyElementsOf(full.results().subList(0, 2));
        assertThat(top2.query()).isEqualTo(QUERY);
        assertThat(top2.ranker()).isEqualTo("fake");
        assertThat(top2.model()).isEqualTo("fake-model");
        assertThat(top2.elapsed()).isEqualTo(Duration.ofMillis(40));
        assertThat(full.results()).hasSize(5);
    }

    @Test
    void topKAtOrAboveSizeReturnsEverything() {
        Ranking full = ranking(Ranking.rank(candidates(3), new double[]{0.1, 0.2, 0.3}, new int[3]),
                Duration.ofMillis(1));

        assertThat(full.topK(3)).isEqualTo(full);
        assertThat(full.topK(3).results()).hasSize(3);
        assertThat(full.topK(100).results()).hasSize(3);
    }

    @Test
    void topKZeroIsEmptyAndNegativeThrows() {
        Ranking full = ranking(Ranking.rank(candidates(3), new double[]{0.1, 0.2, 0.3}, new int[3]),
                Duration.ofMillis(1));

        assertThat(full.topK(0).results()).isEmpty();
        assertThatThrownBy(() -> full.topK(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultsAreAnImmutableCopy() {
        java.util.ArrayList<ScoredCandidate> source = new java.util.ArrayList<>(
                Ranking.rank(candidates(2), new double[]{0.1, 0.2}, new int[2]));
        Ranking r = ranking(source, Duration.ZERO);
        source.clear();

        assertThat(r.results()).hasSize(2);
        assertThatThrownBy(() -> r.results().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void documentsPerSecond() {
        List<ScoredCandidate> ten = Ranking.rank(candidates(10), new double[10], new int[10]);

        assertThat(ranking(ten, Duration.ofSeconds(2)).documentsPerSecond()).isEqualTo(5.0);
        assertThat(ranking(ten, Duration.ofMillis(250)).documentsPerSecond()).isEqualTo(40.0);
        assertThat(ranking(ten, Duration.ofNanos(1)).documentsPerSecond()).isEqualTo(1e10);
    }

    @Test
    void documentsPerSecondIsZeroWithoutTiming() {
        List<ScoredCandidate> ten = Ranking.rank(candidates(10), new double[10], new int[10]);

        assertThat(ranking(ten, Duration.ZERO).documentsPerSecond()).isZero();
        assertThat(ranking(ten, Duration.ofMillis(-5)).documentsPerSecond()).isZero();
        assertThat(ranking(List.of(), Duration.ofSeconds(1)).documentsPerSecond()).isZero();
    }
}
