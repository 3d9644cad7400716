package io.rerankworkbench.retrieve.index;

import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.retrieve.Hit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VectorIndexTest {

    @TempDir
    Path tmp;

    private static ExactVectorIndex exact(List<VectorEntry> entries, int dimension) {
        return ExactVectorIndex.build(entries, entries.size(), dimension, ProgressListener.NONE,
                CancellationToken.NONE);
    }

    @Test
    void exactSearchRanksByCosineWorkedByHand() {
        // Lengths differ on purpose: vectors are normalised, so only the angle counts.
        List<VectorEntry> entries = List.of(
                new VectorEntry("east", new float[] {2, 0}),
                new VectorEntry("north", new float[] {0, 5}),
                new VectorEntry("north-east", new float[] {3, 3}),
                new VectorEntry("west", new float[] {-1, 0}));
        ExactVectorIndex index = exact(entries, 2);
        // query (1, 0): east 1, north-east cos 45° = 0.707107, north 0, west −1
        List<Hit> hits = index.search(new float[] {10, 0}, 10);
        assertThat(hits).extracting(Hit::docId).containsExactly("east", "north-east", "north", "west");
        assertThat(hits).extracting(Hit::score).satisfiesExactly(
                s -> assertThat(s).isCloseTo(1.0, within(1e-6)),
                s -> assertThat(s).isCloseTo(Math.sqrt(0.5), within(1e-6)),
                s -> assertThat(s).isCloseTo(0.0, within(1e-6)),
                s -> assertThat(s).isCloseTo(-1.0, within(1e-6)));
        assertThat(index.search(new float[] {1, 1}, 1)).extracting(Hit::docId).containsExactly("north-east");
        assertThat(index.search(new float[] {0, 0}, 4)).extracting(Hit::docId)
                .containsExactly("east", "north", "north-east", "west");
        assertThat(entries.get(0).vector()).containsExactly(2, 0);
    }

    @Test
    void exactSearchMatchesASortOfAllScores() {
        Random random = new Random(7);
        List<VectorEntry> entries = randomVectors(random, 2000, 37, 0);
        ExactVectorIndex index = exact(entries, 37);
        for (int q = 0; q < 20; q++) {
            float[] query = randomVector(random, 37);
            for (int k : new int[] {1, 10, 100, 5000}) {
                List<Hit> expected = entries.stream()
                        .map(e -> new Hit(e.id(), cosine(query, e.vector())))
                        .sorted(Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::docId))
                        .limit(k).toList();
                List<Hit> hits = index.search(query, k);
                assertThat(hits).extracting(Hit::docId).containsExactlyElementsOf(
                        expected.stream().map(Hit::docId).toList());
                for (int i = 0; i < hits.size(); i++) {
                    assertThat(hits.get(i).score()).isCloseTo(expected.get(i).score(), within(1e-5));
                }
            }
        }
    }

    @Test
    void equalScoresAreOrderedById() {
        List<VectorEntry> entries = Stream.of("m", "c", "z", "a", "k")
                .map(id -> new VectorEntry(id, new float[] {1, 1, 0})).toList();
        ExactVectorIndex index = exact(entries, 3);
        assertThat(index.search(new float[] {1, 0, 0}, 3)).extracting(Hit::docId).containsExactly("a", "c", "k");
        assertThat(index.search(new float[] {1, 0, 0}, 9)).extracting(Hit::docId)
                .containsExactly("a", "c", "k", "m", "z");
    }

    @Test
    void badVectorsAreRefusedWithTheirPosition() {
        List<VectorEntry> ok = List.of(new VectorEntry("a", new float[] {1, 0}));
        assertThatThrownBy(() -> exact(List.of(new VectorEntry("a", new float[] {1, 0}),
                new VectorEntry("b", new float[] {1, 0, 0})), 2))
                .hasMessage("vector 2 (b) has 3 dimensions, the index has 2");
        assertThatThrownBy(() -> exact(List.of(new VectorEntry("a", new float[] {Float.NaN, 0})), 2))
                .hasMessageContaining("vector 1 (a) has a component that is not a finite number");
        assertThatThrownBy(() -> exact(List.of(new VectorEntry("a", new float[] {1, 0}),
                new VectorEntry("a", new float[] {0, 1})), 2))
                .hasMessage("vector 2 (a): id already used by vector 1");
        assertThatThrownBy(() -> ExactVectorIndex.build(ok, 2, 2, ProgressListener.NONE, CancellationToken.NONE))
                .hasMessage("1 vectors given, 2 announced");
        ExactVectorIndex index = exact(ok, 2);
        assertThatThrownBy(() -> index.search(new float[] {1, 0, 0}, 1))
                .hasMessage("the query has 3 dimensions, the index has 2");
        assertThatThrownBy(() -> index.search(new float[] {1, 0}, 0)).hasMessageContaining("k must be at least 1");
    }

    @Test
    void hnswFindsAtLeast95PercentOfTheExactTop10() throws IOException {
        Random random = new Random(42);
        int dimension = 48;
        List<VectorEntry> entries = randomVectors(random, 4000, dimension, 20);
        ExactVectorIndex exact = exact(entries, dimension);
        try (HnswVectorIndex hnsw = HnswVectorIndex.build(tmp.resolve("hnsw"), entries, entries.size(), dimension,
                "v1", ProgressListener.NONE, CancellationToken.NONE)) {
            assertThat(hnsw.size()).isEqualTo(4000);
            int found = 0;
            int queries = 100;
            for (int q = 0; q < queries; q++) {
                float[] query = randomVector(random, dimension);
                List<Hit> truth = exact.search(query, 10);
                List<Hit> approx = hnsw.search(query, 10);
                assertThat(approx).hasSize(10);
                Set<String> want = new HashSet<>(truth.stream().map(Hit::docId).toList());
                for (Hit h : approx) {
                    if (want.contains(h.docId())) {
                        found++;
                    }
                }
                // HNSW scores are the same cosines exact search gives, best first.
                assertThat(approx.get(0).score()).isCloseTo(exact.search(query, 4000).stream()
                        .filter(h -> h.docId().equals(approx.get(0).docId())).findFirst().orElseThrow().score(),
                        within(1e-5));
                assertThat(approx).isSortedAccordingTo(Comparator.comparingDouble(Hit::score).reversed());
            }
            assertThat(found / (10.0 * queries)).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void hnswIsOpenedOnlyWhenCurrentAndNeverHalfBuilt() throws IOException {
        Random random = new Random(3);
        List<VectorEntry> entries = randomVectors(random, 1500, 8, 0);
        Path dir = tmp.resolve("hnsw");
        assertThat(HnswVectorIndex.openIfCurrent(dir, "v1", 8)).isEmpty();
        HnswVectorIndex.build(dir, entries, entries.size(), 8, "v1", ProgressListener.NONE, CancellationToken.NONE)
                .close();
        try (HnswVectorIndex index = HnswVectorIndex.openIfCurrent(dir, "v1", 8).orElseThrow()) {
            assertThat(index.search(entries.get(5).vector(), 1)).extracting(Hit::docId)
                    .containsExactly(entries.get(5).id());
        }
        assertThat(HnswVectorIndex.openIfCurrent(dir, "v2", 8)).isEmpty();
        assertThat(HnswVectorIndex.openIfCurrent(dir, "v1", 9)).isEmpty();
        Files.writeString(dir.resolve(IndexFolder.META_FILE), "[]");
        assertThat(HnswVectorIndex.openIfCurrent(dir, "v1", 8)).isEmpty();

        AtomicInteger read = new AtomicInteger();
        Iterable<VectorEntry> counted = () -> entries.stream().peek(e -> read.incrementAndGet()).iterator();
        Path fresh = tmp.resolve("fresh");
        assertThatThrownBy(() -> HnswVectorIndex.build(fresh, counted, entries.size(), 8, "v1",
                ProgressListener.NONE, () -> read.get() > 600)).isInstanceOf(CancelledException.class);
        assertThat(fresh).doesNotExist();
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("hnsw");
        }
        assertThatThrownBy(() -> HnswVectorIndex.build(fresh, entries, entries.size(), 2000, "v1",
                ProgressListener.NONE, CancellationToken.NONE)).hasMessageContaining("at most 1024 dimensions");
    }

    @Test
    void chooseSearchesSmallCorporaExactlyAndLargeOnesWithTheGraph() throws IOException {
        Random random = new Random(5);
        Path dir = tmp.resolve("vectors");
        List<VectorEntry> small = randomVectors(random, 50, 4, 0);
        try (VectorIndex index = VectorIndex.choose(dir, small, small.size(), 4, "v1", ProgressListener.NONE,
                CancellationToken.NONE)) {
            assertThat(index).isInstanceOf(ExactVectorIndex.class);
            assertThat(index.size()).isEqualTo(50);
        }
        assertThat(dir).doesNotExist();

        assertThat(VectorIndex.exactLimit(384)).isEqualTo(VectorIndex.EXACT_LIMIT);
        assertThat(VectorIndex.exactLimit(768)).isEqualTo(VectorIndex.EXACT_LIMIT / 2);

        // Crossing the real limit takes a large corpus; the same rule with a limit of 1,000.
        int count = 1001;
        List<VectorEntry> large = randomVectors(random, count, 4, 0);
        try (VectorIndex index = VectorIndexChoice.choose(1000, dir, large, count, 4, "v1", ProgressListener.NONE,
                CancellationToken.NONE)) {
            assertThat(index).isInstanceOf(HnswVectorIndex.class);
            assertThat(index.search(large.get(0).vector(), 1).get(0).score()).isCloseTo(1.0, within(1e-5));
        }
        List<long[]> progress = new ArrayList<>();
        Iterable<VectorEntry> untouchable = () -> {
            throw new AssertionError("a current index must not read the vectors again");
        };
        try (VectorIndex index = VectorIndexChoice.choose(1000, dir, untouchable, count, 4, "v1",
                (done, total) -> progress.add(new long[] {done, total}), CancellationToken.NONE)) {
            assertThat(index).isInstanceOf(HnswVectorIndex.class);
            assertThat(index.size()).isEqualTo(count);
        }
        assertThat(progress).singleElement().satisfies(p -> assertThat(p).containsExactly(count, count));
    }

    /** Unit-length-agnostic random vectors; with {@code clusters > 0} they gather around that many centres. */
    static List<VectorEntry> randomVectors(Random random, int count, int dimension, int clusters) {
        List<float[]> centres = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            centres.add(randomVector(random, dimension));
        }
        List<VectorEntry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] v = randomVector(random, dimension);
            if (clusters > 0) {
                float[] centre = centres.get(random.nextInt(clusters));
                for (int d = 0; d < dimension; d++) {
                    v[d] = 2 * centre[d] + v[d];
                }
            }
            out.add(new VectorEntry("v" + i, v));
        }
        return out;
    }

    static float[] randomVector(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
