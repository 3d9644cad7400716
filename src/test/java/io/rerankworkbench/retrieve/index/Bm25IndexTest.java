package io.rerankworkbench.retrieve.index;

import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.retrieve.CorpusDocument;
import io.rerankworkbench.retrieve.Hit;
import io.rerankworkbench.retrieve.index.Bm25Settings.Analysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class Bm25IndexTest {

    private static final Bm25Settings STANDARD = new Bm25Settings(0.9f, 0.4f, Analysis.STANDARD);

    @TempDir
    Path tmp;

    private static final List<CorpusDocument> TINY = List.of(
            new CorpusDocument("d1", "", "the quick brown fox"),
            new CorpusDocument("d2", "", "the lazy dog"),
            new CorpusDocument("d3", "", "quick quick fox jumps over the dog"));

    private Bm25Index build(Path dir, List<CorpusDocument> docs, String fingerprint, Bm25Settings settings)
            throws IOException {
        return Bm25Index.build(dir, docs, docs.size(), fingerprint, settings, ProgressListener.NONE,
                CancellationToken.NONE);
    }

    @Test
    void scoresAreLuceneBm25WorkedByHand() throws IOException {
        // N = 3 documents of 4, 3 and 7 terms: avgdl = 14/3. "quick" is in n = 2 of them:
        // idf = ln(1 + (3 - 2 + 0.5) / (2 + 0.5)) = ln 1.6 = 0.470004.
        // d3 (tf 2, dl 7): 0.470004 · 2 / (2 + 0.9 · (0.6 + 0.4 · 7 / (14/3))) = 0.305197
        // d1 (tf 1, dl 4): 0.470004 · 1 / (1 + 0.9 · (0.6 + 0.4 · 4 / (14/3))) = 0.254252
        // (Lucene 9 leaves out the textbook (k1 + 1) factor; lengths this short survive its one-byte norms exactly.)
        try (Bm25Index index = build(tmp.resolve("bm25"), TINY, "v1", STANDARD)) {
            List<Hit> hits = index.search("quick", 10);
            assertThat(hits).extracting(Hit::docId).containsExactly("d3", "d1");
            assertThat(hits.get(0).score()).isCloseTo(0.305197, within(1e-6));
            assertThat(hits.get(1).score()).isCloseTo(0.254252, within(1e-6));
            // "jumps": n = 1, idf = ln(1 + 2.5 / 1.5) = 0.980829; d3: 0.980829 / (1 + 0.9 · 0.84) = 0.471553
            assertThat(index.search("jumps", 10)).singleElement()
                    .satisfies(h -> assertThat(h.score()).isCloseTo(0.471553, within(1e-6)));
            // Terms add up: "quick jumps" on d3 is the sum of both.
            assertThat(index.search("quick jumps", 1).get(0).score()).isCloseTo(0.305197 + 0.471553,
                    within(1e-6));
        }
    }

    @Test
    void k1AndBReachTheScores() throws IOException {
        // k1 = 0: the term frequency no longer counts, each matching document scores idf = ln 1.6 — a tie, in id order.
        try (Bm25Index index = build(tmp.resolve("k0"), TINY, "v1", new Bm25Settings(0f, 0.4f, Analysis.STANDARD))) {
            assertThat(index.search("quick", 10)).extracting(Hit::docId).containsExactly("d1", "d3");
            assertThat(index.search("quick", 10)).extracting(Hit::score)
                    .allSatisfy(s -> assertThat(s).isCloseTo(Math.log(1.6), within(1e-6)));
        }
        // b = 0: no length normalisation. "the" (n = 3, idf = ln(1 + 0.5 / 3.5) = 0.133531) is once in every
        // document, so all three score 0.133531 / (1 + 0.9) = 0.070279; with b = 0.4 the shortest (d2) leads.
        try (Bm25Index index = build(tmp.resolve("b0"), TINY, "v1", new Bm25Settings(0.9f, 0f, Analysis.STANDARD))) {
            assertThat(index.search("the", 10)).extracting(Hit::docId).containsExactly("d1", "d2", "d3");
            assertThat(index.search("the", 10).get(2).score()).isCloseTo(0.070279, within(1e-6));
        }
        try (Bm25Index index = build(tmp.resolve("b4"), TINY, "v1", STANDARD)) {
            assertThat(index.search("the", 10)).extracting(Hit::docId).containsExactly("d2", "d1", "d3");
        }
    }

    @Test
    void everyScoreEqualsLucenesOwnExplanation() throws IOException {
        List<CorpusDocument> docs = List.of(
                new CorpusDocument("a", "Solar power", "Solar panels convert sunlight into electricity."),
                new CorpusDocument("b", "", "Wind turbines convert the wind's energy into electricity."),
                new CorpusDocument("c", "Batteries", "Batteries store electricity from solar panels and wind."),
                new CorpusDocument("d", "", "A history of the steam engine."));
        try (Bm25Index index = build(tmp.resolve("bm25"), docs, "v1", Bm25Settings.DEFAULTS)) {
            for (String q : List.of("solar electricity", "wind energy storage", "convert convert sunlight",
                    "steam engines history")) {
                List<Hit> hits = index.search(q, 10);
                assertThat(hits).as(q).isNotEmpty();
                for (Hit h : hits) {
                    ScoreExplanation e = index.explain(q, h.docId()).orElseThrow();
                    assertThat(e.value()).as(q + " " + h.docId()).isCloseTo(h.score(), within(1e-6));
                    assertThat(e.text()).contains("idf").contains("tf");
                }
            }
            assertThat(index.explain("steam", "a").orElseThrow().value()).isZero();
            assertThat(index.explain("steam", "no-such-doc")).isEmpty();
            assertThat(index.explain("the of", "d").orElseThrow().value()).isZero();
        }
    }

    @Test
    void englishAnalysisStemsDropsStopWordsAndPossessives() throws IOException {
        assertThat(Bm25Index.analyze(Analysis.ENGLISH, "The runner's shoes were running"))
                .containsExactly("runner", "shoe", "were", "run");
        assertThat(Bm25Index.analyze(Analysis.STANDARD, "The runner's shoes"))
                .containsExactly("the", "runner's", "shoes");
        List<CorpusDocument> docs = List.of(
                new CorpusDocument("run", "", "She was running every morning."),
                new CorpusDocument("owner", "", "John's car is red."),
                new CorpusDocument("other", "The", "of and the"));
        try (Bm25Index index = build(tmp.resolve("en"), docs, "v1", Bm25Settings.DEFAULTS)) {
            assertThat(index.search("runs", 10)).extracting(Hit::docId).containsExactly("run");
            assertThat(index.search("john", 10)).extracting(Hit::docId).containsExactly("owner");
            assertThat(index.search("the of and", 10)).isEmpty();
            assertThat(index.search("", 10)).isEmpty();
            assertThat(index.search("  ?! ", 10)).isEmpty();
            // Query syntax is just text: no parse errors.
            assertThat(index.search("run AND (car OR \"red", 10)).extracting(Hit::docId)
                    .containsExactlyInAnyOrder("run", "owner");
        }
        try (Bm25Index index = build(tmp.resolve("std"), docs, "v1", STANDARD)) {
            assertThat(index.search("runs", 10)).isEmpty();
            assertThat(index.search("the", 10)).extracting(Hit::docId).containsExactly("other");
        }
    }

    @Test
    void titleAndTextAreOneField() throws IOException {
        List<CorpusDocument> docs = List.of(
                new CorpusDocument("t", "Alpha", "beta"),
                new CorpusDocument("x", "", "gamma"));
        try (Bm25Index index = build(tmp.resolve("bm25"), docs, "v1", STANDARD)) {
            assertThat(index.search("alpha", 5)).extracting(Hit::docId).containsExactly("t");
            assertThat(index.search("beta", 5)).extracting(Hit::docId).containsExactly("t");
            assertThat(index.search("alpha", 5).get(0).score())
                    .isCloseTo(index.search("beta", 5).get(0).score(), within(1e-9));
        }
    }

    @Test
    void equalScoresAreOrderedByIdEvenAtTheCutOff() throws IOException {
        List<CorpusDocument> docs = Stream.of("m", "c", "z", "a", "k")
                .map(id -> new CorpusDocument(id, "", "same words here")).toList();
        try (Bm25Index index = build(tmp.resolve("bm25"), docs, "v1", STANDARD)) {
            assertThat(index.search("words", 10)).extracting(Hit::docId).containsExactly("a", "c", "k", "m", "z");
            assertThat(index.search("words", 2)).extracting(Hit::docId).containsExactly("a", "c");
            assertThatThrownBy(() -> index.search("words", 0)).hasMessageContaining("k must be at least 1");
        }
    }

    @Test
    void aQueryLongerThanLucenesClauseLimitStillSearches() throws IOException {
        // 1,500 distinct terms, past BooleanQuery's 1,024 clauses: the first 1,024 count, no exception.
        String pasted = IntStream.range(0, 1500).mapToObj(i -> "w" + i).reduce((a, b) -> a + " " + b).orElseThrow();
        try (Bm25Index index = build(tmp.resolve("bm25"), List.of(new CorpusDocument("early", "", "w3"),
                new CorpusDocument("late", "", "w1400")), "v1", STANDARD)) {
            assertThat(index.search(pasted, 10)).extracting(Hit::docId).containsExactly("early");
        }
    }

    @Test
    void opensOnlyAnIndexBuiltFromTheSameCorpusAndSettings() throws IOException {
        Path dir = tmp.resolve("bm25");
        assertThat(Bm25Index.openIfCurrent(dir, "v1", STANDARD)).isEmpty();
        build(dir, TINY, "v1", STANDARD).close();
        try (Bm25Index again = Bm25Index.openIfCurrent(dir, "v1", STANDARD).orElseThrow()) {
            assertThat(again.size()).isEqualTo(3);
            assertThat(again.search("quick", 5)).hasSize(2);
        }
        assertThat(Bm25Index.openIfCurrent(dir, "v2", STANDARD)).isEmpty();
        assertThat(Bm25Index.openIfCurrent(dir, "v1", Bm25Settings.DEFAULTS)).isEmpty();
        assertThat(Bm25Index.openIfCurrent(dir, "v1", new Bm25Settings(1.2f, 0.4f, Analysis.STANDARD))).isEmpty();
        assertThat(Bm25Index.openIfCurrent(dir, "v1", new Bm25Settings(0.9f, 0.75f, Analysis.STANDARD))).isEmpty();

        Path meta = dir.resolve(IndexFolder.META_FILE);
        String good = Files.readString(meta);
        Files.writeString(meta, "{ not json");
        assertThat(Bm25Index.openIfCurrent(dir, "v1", STANDARD)).isEmpty();
        Files.writeString(meta, good.replace("\"documents\" : 3", "\"documents\" : 4"));
        assertThat(Bm25Index.openIfCurrent(dir, "v1", STANDARD)).isEmpty();
        Files.delete(meta);
        assertThat(Bm25Index.openIfCurrent(dir, "v1", STANDARD)).isEmpty();
        Files.writeString(meta, good);
        assertThat(Bm25Index.openIfCurrent(dir, "v1", STANDARD)).isPresent().get().satisfies(this::close);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("segments")).toList()) {
                Files.delete(p);
            }
        }
        assertThat(Bm25Index.openIfCurrent(dir, "v1", STANDARD)).isEmpty();
    }

    @Test
    void aChangedCorpusIsRebuiltInPlace() throws IOException {
        Path dir = tmp.resolve("bm25");
        build(dir, TINY, "v1", STANDARD).close();
        List<CorpusDocument> changed = List.of(new CorpusDocument("d9", "", "a quick new document"));
        assertThat(Bm25Index.openIfCurrent(dir, "v2", STANDARD)).isEmpty();
        try (Bm25Index index = build(dir, changed, "v2", STANDARD)) {
            assertThat(index.search("quick", 5)).extracting(Hit::docId).containsExactly("d9");
            assertThat(index.fingerprint()).isEqualTo("v2");
        }
        assertThat(Bm25Index.openIfCurrent(dir, "v1", STANDARD)).isEmpty();
        assertThat(siblings()).containsExactly("bm25");
    }

    @Test
    void aCancelledBuildLeavesNoIndexAndKeepsTheOldOne() throws IOException {
        List<CorpusDocument> docs = IntStream.range(0, 2000)
                .mapToObj(i -> new CorpusDocument("doc" + i, "", "word" + (i % 50) + " common text")).toList();
        AtomicInteger read = new AtomicInteger();
        Iterable<CorpusDocument> counted = () -> docs.stream().peek(d -> read.incrementAndGet()).iterator();
        CancellationToken afterAThousand = () -> read.get() >= 1000;
        Path fresh = tmp.resolve("fresh");
        assertThatThrownBy(() -> Bm25Index.build(fresh, counted, docs.size(), "v1", STANDARD,
                ProgressListener.NONE, afterAThousand)).isInstanceOf(CancelledException.class);
        assertThat(read.get()).isBetween(1000, 1000 + Bm25Index.CHECK_EVERY);
        assertThat(fresh).doesNotExist();
        assertThat(Bm25Index.openIfCurrent(fresh, "v1", STANDARD)).isEmpty();

        Path kept = tmp.resolve("kept");
        build(kept, TINY, "v1", STANDARD).close();
        read.set(0);
        assertThatThrownBy(() -> Bm25Index.build(kept, counted, docs.size(), "v2", STANDARD,
                ProgressListener.NONE, afterAThousand)).isInstanceOf(CancelledException.class);
        assertThat(Bm25Index.openIfCurrent(kept, "v2", STANDARD)).isEmpty();
        try (Bm25Index old = Bm25Index.openIfCurrent(kept, "v1", STANDARD).orElseThrow()) {
            assertThat(old.size()).isEqualTo(3);
        }
        assertThat(siblings()).containsExactly("kept");
    }

    @Test
    void neverReplacesAFolderThatIsNotAnIndex() throws IOException {
        Path notes = tmp.resolve("notes");
        Files.createDirectories(notes);
        Files.writeString(notes.resolve("todo.txt"), "keep me");
        assertThatThrownBy(() -> build(notes, TINY, "v1", STANDARD))
                .hasMessage("won't replace " + notes + " with an index: it holds files that are not an index's");
        assertThat(notes.resolve("todo.txt")).hasContent("keep me");
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> build(file, TINY, "v1", STANDARD)).hasMessageContaining("it is a file");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        build(empty, TINY, "v1", STANDARD).close();
        assertThat(Bm25Index.openIfCurrent(empty, "v1", STANDARD)).isPresent().get().satisfies(this::close);
    }

    @Test
    void duplicateIdsFailTheBuildWithTheirPositions() {
        List<CorpusDocument> docs = List.of(new CorpusDocument("a", "", "x"), new CorpusDocument("b", "", "y"),
                new CorpusDocument("a", "", "z"));
        Path dir = tmp.resolve("bm25");
        assertThatThrownBy(() -> build(dir, docs, "v1", STANDARD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("document 3: id 'a' is already used by document 1");
        assertThat(dir).doesNotExist();
    }

    @Test
    void reportsProgressUpToTheTotal() throws IOException {
        List<CorpusDocument> docs = IntStream.range(0, 1000)
                .mapToObj(i -> new CorpusDocument("doc" + i, "", "text " + i)).toList();
        List<long[]> calls = new ArrayList<>();
        try (Bm25Index index = Bm25Index.build(tmp.resolve("bm25"), docs, docs.size(), "v1", STANDARD,
                (done, total) -> calls.add(new long[] {done, total}), CancellationToken.NONE)) {
            assertThat(index.size()).isEqualTo(1000);
        }
        assertThat(calls).hasSizeGreaterThan(2);
        assertThat(calls.get(calls.size() - 1)).containsExactly(1000, 1000);
        assertThat(calls).allSatisfy(c -> assertThat(c[0]).isLessThanOrEqualTo(c[1]));
    }

    @Test
    void searchesFromManyThreadsAgree() throws Exception {
        List<CorpusDocument> docs = IntStream.range(0, 3000).mapToObj(i -> new CorpusDocument("doc" + i, "",
                "term" + (i % 7) + " term" + (i % 13) + " term" + (i % 29) + " filler")).toList();
        try (Bm25Index index = build(tmp.resolve("bm25"), docs, "v1", STANDARD)) {
            List<String> queries = IntStream.range(0, 40).mapToObj(i -> "term" + (i % 7) + " term" + (i % 29))
                    .toList();
            List<List<Hit>> expected = queries.stream().map(q -> index.search(q, 50)).toList();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Boolean>> tasks = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    tasks.add(() -> {
                        for (int i = 0; i < queries.size(); i++) {
                            if (!index.search(queries.get(i), 50).equals(expected.get(i))) {
                                return false;
                            }
                        }
                        return true;
                    });
                }
                for (Future<Boolean> f : pool.invokeAll(tasks)) {
                    assertThat(f.get()).isTrue();
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void settingsAreValidated() {
        assertThat(Bm25Settings.DEFAULTS).isEqualTo(new Bm25Settings(0.9f, 0.4f, Analysis.ENGLISH));
        assertThatThrownBy(() -> new Bm25Settings(-0.1f, 0.4f, Analysis.ENGLISH))
                .hasMessage("BM25 k1 must be a number ≥ 0, got -0.1");
        assertThatThrownBy(() -> new Bm25Settings(0.9f, 1.5f, Analysis.ENGLISH))
                .hasMessage("BM25 b must be between 0 and 1, got 1.5");
        assertThatThrownBy(() -> new Bm25Settings(Float.NaN, 0.4f, Analysis.ENGLISH))
                .hasMessageContaining("k1");
        assertThat(new Bm25Settings(0f, 0f, Analysis.STANDARD).k1()).isZero();
        assertThat(new Bm25Settings(0.9f, 1f, Analysis.STANDARD).b()).isEqualTo(1f);
    }

    private void close(Bm25Index index) {
        try {
            index.close();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
