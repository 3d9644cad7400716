package io.rerankworkbench.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.local.BiEncoderReranker;
import io.rerankworkbench.rerank.local.EngineCache;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.rerank.local.LocalModel;
import io.rerankworkbench.rerank.local.ModelFiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures the bundled local engine on 1,000 texts of mixed length (10–300 words), in one JVM:
 * <ol>
 *   <li>documents per second reranking them cold (no cache), against langchain4j's AllMiniLmL6V2EmbeddingModel
 *       embedding the same texts;</li>
 *   <li>re-query latency: a new query over the same candidates with the embedding cache warm;</li>
 *   <li>padding waste: padded tokens / real tokens − 1.</li>
 * </ol>
 * Not a test; run it with {@code mvn -q test-compile exec:java -Dexec.mainClass=io.rerankworkbench.bench.LocalEngineBench
 * -Dexec.classpathScope=test}. Arguments: [documents] [rounds] [batch size] [intra-op threads] [batch tokens] [parallel batches].
 */
public final class LocalEngineBench {

    private static final String[] WORDS = ("search relevance ranking query document index retrieval score model "
            + "vector embedding passage answer question capital france paris river bridge museum history science "
            + "engine token neural network language evaluation metric precision recall judgment label analyst "
            + "the a of and to in is that for on with as by at from").split(" ");

    private LocalEngineBench() {
    }

    public static void main(String[] args) {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        EngineSettings defaults = EngineSettings.DEFAULT; // what the app and the command line use
        EngineSettings settings = new EngineSettings(
                args.length > 2 ? Integer.parseInt(args[2]) : defaults.batchSize(),
                args.length > 4 ? Integer.parseInt(args[4]) : defaults.batchTokens(),
                args.length > 3 ? Integer.parseInt(args[3]) : defaults.intraOpThreads(),
                args.length > 5 ? Integer.parseInt(args[5]) : defaults.parallelBatches(),
                defaults.cacheBytes());
        List<Candidate> candidates = mixedLengthCandidates(documents, new Random(42));
        System.out.printf(Locale.ROOT, "%d texts of 10-300 words; %d cores; batch %d / %d tokens, intra-op threads %d, parallel batches %d; %s %s%n",
                documents, Runtime.getRuntime().availableProcessors(), settings.batchSize(), settings.batchTokens(),
                settings.intraOpThreads(), settings.parallelBatches(), System.getProperty("os.name"), System.getProperty("java.version"));

        long loadStart = System.nanoTime();
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, settings.parallelBatches() - 1), r -> {
                    Thread t = new Thread(r, "bench-worker");
                    t.setDaemon(true);
                    return t;
                });
        LocalModel model = LocalModel.load(ModelFiles.allMiniLmL6V2(), settings, workers);
        System.out.printf(Locale.ROOT, "model load: %.2f s%n", (System.nanoTime() - loadStart) / 1e9);
        Query query = new Query("1", "how do analysts evaluate search relevance rankings");
        double ours = 0;
        double waste = 0;
        for (int r = 0; r < rounds; r++) {
            EngineCache cold = new EngineCache(settings.cacheBytes());
            BiEncoderReranker reranker = new BiEncoderReranker(model, cold);
            model.resetPaddingStats();
            Ranking ranking = reranker.rerank(query, candidates, ProgressListener.NONE, CancellationToken.NONE);
            waste = model.paddingWaste();
            double seconds = ranking.elapsed().toNanos() / 1e9;
            double dps = documents / seconds;
            ours = Math.max(ours, dps);
            System.out.printf(Locale.ROOT, "engine, cold cache, round %d: %.2f s = %.1f docs/s, %.0f tokens/s, "
                    + "padding waste %.1f %%%n", r + 1, seconds, dps, model.realTokens() / seconds, waste * 100);
        }

        // Re-query with a warm cache: the candidates are embedded; only the new query is encoded.
        EngineCache warm = new EngineCache(settings.cacheBytes());
        BiEncoderReranker cached = new BiEncoderReranker(model, warm);
        cached.rerank(query, candidates, ProgressListener.NONE, CancellationToken.NONE);
        String[] queries = {"capital of france", "neural ranking models", "precision and recall of a search engine",
            "museum history", "what is a judgment label", "river bridge paris", "vector embedding index",
            "language model evaluation", "document retrieval score", "answer the question"};
        double[] latencies = new double[queries.length * 3];
        for (int i = 0; i < latencies.length; i++) {
            long t = System.nanoTime();
            cached.rerank(new Query("q", queries[i % queries.length] + " " + i), candidates, ProgressListener.NONE,
                    CancellationToken.NONE);
            latencies[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "re-query over %d cached candidates: median %.1f ms, p90 %.1f ms, max %.1f ms%n",
                documents, latencies[latencies.length / 2], latencies[(int) (latencies.length * 0.9)],
                latencies[latencies.length - 1]);

        // The reference: langchain4j's in-process model embedding the same texts, as shipped. Its tokenizer.json keeps a
        // 128-token truncation, so it reads at most 128 tokens of each text where the engine reads 256.
        List<TextSegment> segments = new ArrayList<>();
        long tokens128 = 0;
        for (Candidate c : candidates) {
            segments.add(TextSegment.from(c.text()));
            tokens128 += Math.min(128, model.embedTokenCount(c.text()));
        }
        double theirs = timeReference("langchain4j AllMiniLmL6V2EmbeddingModel (reads <= 128 tokens)",
                new AllMiniLmL6V2EmbeddingModel(), segments, rounds, tokens128);
        // The same work as the engine: langchain4j's encoder over the same files with the 128-token limit lifted, so
        // it reads up to 256 tokens too (langchain4j itself splits texts only past 510 tokens).
        long tokens256 = 0;
        for (Candidate c : candidates) {
            tokens256 += Math.min(256, model.embedTokenCount(c.text()));
        }
        double sameWork = timeReference("langchain4j encoder reading <= 256 tokens (same work as the engine)",
                untruncatedReference(), segments, rounds, tokens256);
        System.out.printf(Locale.ROOT, "best: engine %.1f docs/s; langchain4j as shipped %.1f docs/s (engine %.2fx); "
                + "langchain4j at 256 tokens %.1f docs/s (engine %.2fx); padding waste %.1f %%%n", ours, theirs,
                ours / theirs, sameWork, ours / sameWork, waste * 100);
        model.close();
    }

    /** langchain4j's OnnxEmbeddingModel over the bundled files, with the tokenizer's 128-token settings removed. */
    private static EmbeddingModel untruncatedReference() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rwb-bench");
            dir.toFile().deleteOnExit();
            java.nio.file.Path onnx = dir.resolve("model.onnx");
            java.nio.file.Path tokenizer = dir.resolve("tokenizer.json");
            try (var in = LocalEngineBench.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
                java.nio.file.Files.copy(in, onnx);
            }
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            try (var in = LocalEngineBench.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
                var config = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(in);
                config.putNull("truncation");
                config.putNull("padding");
                json.writeValue(tokenizer.toFile(), config);
            }
            onnx.toFile().deleteOnExit();
            tokenizer.toFile().deleteOnExit();
            return new dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel(onnx, tokenizer,
                    dev.langchain4j.model.embedding.onnx.PoolingMode.MEAN);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double timeReference(String label, EmbeddingModel reference, List<TextSegment> segments,
                                        int rounds, long tokens) {
        reference.embedAll(segments.subList(0, 32));
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            reference.embedAll(segments);
            double seconds = (System.nanoTime() - t) / 1e9;
            double dps = segments.size() / seconds;
            best = Math.max(best, dps);
            System.out.printf(Locale.ROOT, "%s, round %d: %.2f s = %.1f docs/s, %.0f tokens/s%n", label, r + 1,
                    seconds, dps, tokens / seconds);
        }
        return best;
    }

    /** Uniformly 10–300 words each, from a fixed vocabulary; some pass the 256-token limit. */
    static List<Candidate> mixedLengthCandidates(int n, Random random) {
        List<Candidate> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int words = 10 + random.nextInt(291);
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words; w++) {
                sb.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            out.add(new Candidate(i + 1, Integer.toString(i + 1), sb.append('.').toString()));
        }
        return out;
    }
}
