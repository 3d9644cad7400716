package io.rerankworkbench.bench;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.local.EngineCache;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.rerank.local.LocalModel;
import io.rerankworkbench.rerank.local.BiEncoderReranker;
import io.rerankworkbench.rerank.local.ModelFiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures the bundled local engine's throughput: documents per second reranking 1,000 candidates of mixed length
 * (from a few words to past the 256-token limit). Not a test; run it with
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=io.rerankworkbench.bench.LocalEngineBench
 * -Dexec.classpathScope=test}. Arguments: [documents] [rounds].
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
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Candidate> candidates = mixedLengthCandidates(documents, new Random(42));
        long loadStart = System.nanoTime();
        try (BiEncoderReranker reranker = new BiEncoderReranker(
                LocalModel.load(ModelFiles.allMiniLmL6V2(), EngineSettings.DEFAULT), new EngineCache(0))) {
            System.out.printf(Locale.ROOT, "model load: %.2f s%n", (System.nanoTime() - loadStart) / 1e9);
            Query query = new Query("1", "how do analysts evaluate search relevance rankings");
            reranker.rerank(query, candidates.subList(0, Math.min(64, documents)), ProgressListener.NONE,
                    CancellationToken.NONE); // warm-up
            double best = 0;
            double sum = 0;
            for (int r = 0; r < rounds; r++) {
                Ranking ranking = reranker.rerank(query, candidates, ProgressListener.NONE, CancellationToken.NONE);
                double dps = ranking.documentsPerSecond();
                long truncated = ranking.results().stream().filter(c -> c.truncated()).count();
                System.out.printf(Locale.ROOT, "round %d: %d docs in %.2f s = %.1f docs/s (%d truncated)%n",
                        r + 1, documents, ranking.elapsed().toNanos() / 1e9, dps, truncated);
                best = Math.max(best, dps);
                sum += dps;
            }
            System.out.printf(Locale.ROOT, "mean %.1f docs/s, best %.1f docs/s, %d cores%n", sum / rounds, best,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** Lengths spread like a real candidate list: many short passages, some long, a few past the limit. */
    static List<Candidate> mixedLengthCandidates(int n, Random random) {
        List<Candidate> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int words = u < 0.4 ? 5 + random.nextInt(20)
                    : u < 0.8 ? 25 + random.nextInt(75)
                    : u < 0.95 ? 100 + random.nextInt(120)
                    : 260 + random.nextInt(200);
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words; w++) {
                sb.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            out.add(new Candidate(i + 1, Integer.toString(i + 1), sb.append('.').toString()));
        }
        return out;
    }
}
