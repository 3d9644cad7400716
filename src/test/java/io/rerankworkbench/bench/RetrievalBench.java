package io.rerankworkbench.bench;

import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.retrieve.CorpusDocument;
import io.rerankworkbench.retrieve.Hit;
import io.rerankworkbench.retrieve.index.Bm25Index;
import io.rerankworkbench.retrieve.index.Bm25Settings;
import io.rerankworkbench.retrieve.index.ExactVectorIndex;
import io.rerankworkbench.retrieve.index.HnswVectorIndex;
import io.rerankworkbench.retrieve.index.VectorEntry;
import io.rerankworkbench.retrieve.index.VectorIndex;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * First-stage retrieval at corpus scale. BM25: 100,000 generated documents of 50–200 words drawn from a Zipf-like
 * vocabulary of 50,000 words (the most frequent ones real English stop words), indexed with the default settings;
 * then 1,000 generated queries of 2–6 words at k = 100 (200 more first, to warm the JIT): p50 / p95 / max latency.
 * Dense: 100,000 clustered 384-dimensional vectors shaped like sentence embeddings — one of 2,000 centres, plus a
 * point of a 32-dimensional latent space spread over all 384 dimensions by one fixed random projection, plus a little
 * noise in every dimension (real embeddings fill far fewer directions than they have) — then exact search and HNSW
 * build and search at k = 100 over 1,000 queries drawn the same way, recall@10 and recall@100 of HNSW against exact
 * (also when the search asks for 400 and keeps the first 100), and exact search times at smaller sizes (for
 * {@link VectorIndex#EXACT_LIMIT}). Documents and vectors are generated on the fly from fixed seeds, never held as a
 * whole. Prints peak resident memory (VmHWM) after each part. Not a test; docs/benchmarks.md ("Retrieval") has the
 * command. Arguments: documents, queries, vectors, dimension (defaults 100000 1000 100000 384).
 */
public final class RetrievalBench {

    private static final int VOCABULARY = 50_000;
    private static final String[] STOP = {"the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as",
        "was", "with", "be", "by", "on", "not", "this", "are", "at"};
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pe", "da", "gri",
        "fel", "mon", "ster", "qua", "bin", "dor", "est", "ing", "al", "or", "ent", "ver", "pla", "zu", "hap"};
    private static final int WARM_UP = 200;
    private static final int LATENT = 32;

    private RetrievalBench() {
    }

    public static void main(String[] args) throws IOException {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int vectors = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int dimension = args.length > 3 ? Integer.parseInt(args[3]) : 384;
        System.out.printf(Locale.ROOT, "%d cores, max heap %d MB, load average %.2f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path dir = Files.createTempDirectory("retrieval-bench");
        try {
            bm25(dir.resolve("bm25"), documents, queries);
            dense(dir.resolve("hnsw"), vectors, dimension, queries);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void bm25(Path dir, int documents, int queries) throws IOException {
        Zipf zipf = new Zipf(VOCABULARY, 1.0);
        String[] words = new String[VOCABULARY];
        for (int i = 0; i < VOCABULARY; i++) {
            words[i] = i < STOP.length ? STOP[i] : word(i);
        }
        Iterable<CorpusDocument> corpus = () -> new Iterator<>() {
            private final Random random = new Random(2026);
            private int next;

            @Override
            public boolean hasNext() {
                return next < documents;
            }

            @Override
            public CorpusDocument next() {
                String title = sentence(random, zipf, words, 3 + random.nextInt(6), 0);
                String text = sentence(random, zipf, words, 50 + random.nextInt(151), 0);
                return new CorpusDocument("doc" + next++, title, text);
            }
        };
        long start = System.nanoTime();
        try (Bm25Index index = Bm25Index.build(dir, corpus, documents, "bench", Bm25Settings.DEFAULTS,
                ProgressListener.NONE, CancellationToken.NONE)) {
            double buildS = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "BM25 build, %,d documents: %.1f s (%,.0f docs/s), index %d MB%n",
                    documents, buildS, documents / buildS, folderMb(dir));
            Random random = new Random(99);
            List<String> qs = new ArrayList<>();
            for (int i = 0; i < WARM_UP + queries; i++) {
                // Query words skip the 100 most frequent, as real queries mostly hold content words.
                qs.add(sentence(random, zipf, words, 2 + random.nextInt(5), 100));
            }
            long hits = 0;
            double[] ms = new double[queries];
            for (int i = 0; i < qs.size(); i++) {
                long t = System.nanoTime();
                hits += index.search(qs.get(i), 100).size();
                if (i >= WARM_UP) {
                    ms[i - WARM_UP] = (System.nanoTime() - t) / 1e6;
                }
            }
            System.out.printf(Locale.ROOT, "BM25 search, %d queries, k = 100: %s (%.1f hits per query)%n", queries,
                    percentiles(ms), hits / (double) qs.size());
        }
        rss("after BM25");
    }

    private static void dense(Path dir, int count, int dimension, int queries) throws IOException {
        Random seeds = new Random(7);
        float[][] centres = new float[2000][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = gaussian(seeds, dimension);
        }
        float[][] projection = new float[LATENT][];
        for (int j = 0; j < LATENT; j++) {
            projection[j] = gaussian(seeds, dimension);
            for (int d = 0; d < dimension; d++) {
                projection[j][d] /= (float) Math.sqrt(LATENT);
            }
        }
        Function<Long, Iterable<VectorEntry>> stream = seed -> () -> new Iterator<>() {
            private final Random random = new Random(seed);
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public VectorEntry next() {
                return new VectorEntry("v" + next++, clustered(random, centres, projection, dimension));
            }
        };
        Iterable<VectorEntry> entries = stream.apply(11L);
        List<float[]> qs = new ArrayList<>();
        Random qr = new Random(13);
        for (int i = 0; i < WARM_UP + queries; i++) {
            qs.add(clustered(qr, centres, projection, dimension));
        }

        for (int size : new int[] {10_000, 25_000, 50_000}) {
            if (size < count) {
                int n = size;
                Iterable<VectorEntry> first = () -> {
                    Iterator<VectorEntry> all = entries.iterator();
                    return new Iterator<>() {
                        private int i;

                        @Override
                        public boolean hasNext() {
                            return i < n;
                        }

                        @Override
                        public VectorEntry next() {
                            i++;
                            return all.next();
                        }
                    };
                };
                ExactVectorIndex small = ExactVectorIndex.build(first, n, dimension, ProgressListener.NONE,
                        CancellationToken.NONE);
                System.out.printf(Locale.ROOT, "exact search, %,d vectors, k = 100: %s%n", n,
                        percentiles(time(small, qs, 100, null)));
            }
        }

        long start = System.nanoTime();
        ExactVectorIndex exact = ExactVectorIndex.build(entries, count, dimension, ProgressListener.NONE,
                CancellationToken.NONE);
        System.out.printf(Locale.ROOT, "exact index, %,d × %d: %.1f s to load%n", count, dimension,
                (System.nanoTime() - start) / 1e9);
        List<List<Hit>> truth = new ArrayList<>();
        System.out.printf(Locale.ROOT, "exact search, %,d vectors, k = 100: %s%n", count,
                percentiles(time(exact, qs, 100, truth)));
        rss("after exact");

        start = System.nanoTime();
        try (HnswVectorIndex hnsw = HnswVectorIndex.build(dir, entries, count, dimension, "bench",
                ProgressListener.NONE, CancellationToken.NONE)) {
            double buildS = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "HNSW build, %,d × %d: %.1f s (%,.0f vectors/s), index %d MB%n", count,
                    dimension, buildS, count / buildS, folderMb(dir));
            List<List<Hit>> approx = new ArrayList<>();
            System.out.printf(Locale.ROOT, "HNSW search, k = 100: %s%n",
                    percentiles(time(hnsw, qs, 100, approx)));
            System.out.printf(Locale.ROOT, "HNSW search, k = 10: %s%n", percentiles(time(hnsw, qs, 10, null)));
            System.out.printf(Locale.ROOT, "HNSW recall against exact: @10 %.4f, @100 %.4f%n",
                    recall(truth, approx, 10), recall(truth, approx, 100));
            // Asking for more than 100 makes the graph search collect more candidates (2k): what that buys.
            List<List<Hit>> wider = new ArrayList<>();
            String times = percentiles(time(hnsw, qs, 400, wider));
            System.out.printf(Locale.ROOT, "HNSW asked for 400 (collects 800): %s, recall@10 %.4f, @100 %.4f%n",
                    times, recall(truth, wider, 10), recall(truth, wider, 100));
        }
        rss("after HNSW");
    }

    /** Search times (ms) of the queries after the first WARM_UP; keeps their results in {@code out}. */
    private static double[] time(VectorIndex index, List<float[]> qs, int k, List<List<Hit>> out) {
        int skip = WARM_UP;
        double[] ms = new double[qs.size() - skip];
        for (int i = 0; i < qs.size(); i++) {
            long t = System.nanoTime();
            List<Hit> hits = index.search(qs.get(i), k);
            if (i >= skip) {
                ms[i - skip] = (System.nanoTime() - t) / 1e6;
                if (out != null) {
                    out.add(hits);
                }
            }
        }
        return ms;
    }

    private static double recall(List<List<Hit>> truth, List<List<Hit>> approx, int k) {
        long found = 0;
        long wanted = 0;
        for (int q = 0; q < truth.size(); q++) {
            Set<String> want = new HashSet<>();
            truth.get(q).stream().limit(k).forEach(h -> want.add(h.docId()));
            wanted += want.size();
            found += approx.get(q).stream().limit(k).filter(h -> want.contains(h.docId())).count();
        }
        return found / (double) wanted;
    }

    private static float[] clustered(Random random, float[][] centres, float[][] projection, int dimension) {
        float[] centre = centres[random.nextInt(centres.length)];
        float[] v = gaussian(random, dimension);
        for (int d = 0; d < dimension; d++) {
            v[d] = 0.6f * centre[d] + 0.2f * v[d];
        }
        for (float[] direction : projection) {
            float g = (float) random.nextGaussian();
            for (int d = 0; d < dimension; d++) {
                v[d] += g * direction[d];
            }
        }
        return v;
    }

    private static float[] gaussian(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }

    private static String sentence(Random random, Zipf zipf, String[] words, int length, int skipTop) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int w;
            do {
                w = zipf.sample(random);
            } while (w < skipTop);
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(words[w]);
        }
        return sb.toString();
    }

    /** A pronounceable, distinct word for each rank (two to four syllables from the rank's digits). */
    private static String word(int rank) {
        StringBuilder sb = new StringBuilder();
        int n = rank;
        do {
            sb.append(SYLLABLES[n % SYLLABLES.length]);
            n /= SYLLABLES.length;
        } while (n > 0);
        return sb.length() < 4 ? sb + "ro" : sb.toString();
    }

    private static String percentiles(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "p50 %.2f ms, p95 %.2f ms, max %.2f ms", s[s.length / 2],
                s[(int) Math.ceil(s.length * 0.95) - 1], s[s.length - 1]);
    }

    private static long folderMb(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() >> 20;
        }
    }

    private static void rss(String when) throws IOException {
        String peak = "?";
        String now = "?";
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                peak = line.substring(6).trim();
            } else if (line.startsWith("VmRSS:")) {
                now = line.substring(6).trim();
            }
        }
        System.out.printf(Locale.ROOT, "memory %s: peak resident %s, resident now %s%n", when, peak, now);
    }

    /** Ranks 0..n−1 with probability ∝ 1 / (rank + 1)^s, sampled by binary search over the cumulative sums. */
    private static final class Zipf {
        private final double[] cumulative;

        Zipf(int n, double s) {
            cumulative = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1 / Math.pow(i + 1, s);
                cumulative[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                cumulative[i] /= sum;
            }
        }

        int sample(Random random) {
            int i = Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(i >= 0 ? i : -i - 1, cumulative.length - 1);
        }
    }
}
