package io.rerankworkbench.bench;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.explain.AttentionMaps;
import io.rerankworkbench.explain.AxisUnit;
import io.rerankworkbench.explain.Block;
import io.rerankworkbench.explain.ContributionMaps;
import io.rerankworkbench.explain.ExplanationMap;
import io.rerankworkbench.explain.Granularity;
import io.rerankworkbench.explain.MapImage;
import io.rerankworkbench.explain.Occlusion;
import io.rerankworkbench.explain.OcclusionUnit;
import io.rerankworkbench.explain.Pick;
import io.rerankworkbench.explain.TokenContributions;
import io.rerankworkbench.rerank.AttentionResult;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.TokenizedInput;
import io.rerankworkbench.rerank.local.BiEncoderReranker;
import io.rerankworkbench.rerank.local.EngineCache;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.rerank.local.LocalModel;
import io.rerankworkbench.rerank.local.ModelFiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Measures explanations with the bundled all-MiniLM-L6-v2 (6 layers × 12 heads) in one JVM: the first call (cold
 * JIT), then the median of several runs after a warm-up of at least a second:
 * <ol>
 *   <li>attention of a query and a 256-token document: {@code attention()} (the model with its Softmax outputs
 *       exposed) and {@code AttentionMaps.of} + {@code map(mean)} of the document's self-attention;</li>
 *   <li>cutting maps out of a cross-encoder-shaped pair attention of 256 and 512 tokens (random rows of 6 × 12
 *       heads; no cross-encoder is bundled, and the cost of cutting does not depend on the weights);</li>
 *   <li>token contributions (two token-vector runs, the decomposition, the word map);</li>
 *   <li>occlusion of a 200-word document: units, variants, the baseline and 200 variants scored in one
 *       {@code rerank} call with a cold cache, the map;</li>
 *   <li>a PNG of a 16 × 271 map at scale 2.</li>
 * </ol>
 * Not a test; run it with {@code mvn -q test-compile exec:java -Dexec.mainClass=io.rerankworkbench.bench.ExplainBench
 * -Dexec.classpathScope=test}. Argument: [runs] (default 7).
 */
public final class ExplainBench {

    private static final String[] WORDS = ("search relevance ranking query document index retrieval score model "
            + "vector embedding passage answer question capital france paris river bridge museum history science "
            + "engine token neural network language evaluation metric precision recall judgment label analyst "
            + "the a of and to in is that for on with as by at from").split(" ");

    private ExplainBench() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        EngineSettings settings = EngineSettings.DEFAULT;
        System.out.printf(Locale.ROOT, "%d runs each (median); %d cores; %s %s%n", runs,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("java.version"));
        LocalModel model = LocalModel.load(ModelFiles.allMiniLmL6V2(), settings);
        BiEncoderReranker miniLm = new BiEncoderReranker(model, new EngineCache(settings.cacheBytes()));
        Random random = new Random(7);
        String query = "how do analysts evaluate search relevance rankings";

        // 1. attention at 256 tokens
        String doc256 = words(random, 400); // cut to 256 tokens by the model
        AttentionResult attention = miniLm.attention(query, doc256);
        int tokens = ((AttentionResult.Available) ((AttentionResult.Separate) attention).document()).input().size();
        time("MiniLM attention(), query + " + tokens + "-token document", runs,
                () -> miniLm.attention(query, doc256));
        time("AttentionMaps.of + map(mean of 6 layers × 12 heads), document self-attention " + tokens + "×"
                + tokens, runs, () -> AttentionMaps.of(attention, query, doc256, null)
                .map(Pick.mean(Block.DOCUMENT_SELF), "all-MiniLM-L6-v2", 0.5));
        AttentionMaps maps = AttentionMaps.of(attention, query, doc256, null);
        time("  another pick on the same attention (layer 3, head 5)", runs,
                () -> maps.map(new Pick(2, 4, Block.DOCUMENT_SELF, Granularity.WORDS), "m", 0.5));

        // 2. cutting cross-encoder maps (6 × 12 heads)
        for (int n : new int[]{256, 512}) {
            AttentionResult.Available pair = syntheticPair(n, 12, random);
            time("cross pair " + n + " tokens: AttentionMaps.of + map(query → document, mean)", runs,
                    () -> AttentionMaps.of(pair, pairQuery(), pairDocument(n), null)
                            .map(Pick.mean(Block.QUERY_TO_DOCUMENT), "m", 1));
            AttentionMaps cross = AttentionMaps.of(pair, pairQuery(), pairDocument(n), null);
            time("  map(both directions, mean)", runs, () -> cross.map(Pick.mean(Block.BOTH), "m", 1));
        }

        // 3. contributions
        String doc100 = words(random, 100);
        time("MiniLM contributions, 100-word document (token vectors + decomposition + word map)", runs,
                () -> ContributionMaps.of(TokenContributions.of(miniLm.tokenVectors(query, true),
                        miniLm.tokenVectors(doc100, false)), query, doc100).map(Granularity.WORDS, "m", 0.5));

        // 4. occlusion of 200 words, scored in one rerank call, cold cache each run
        String doc200 = words(random, 200);
        time("MiniLM occlusion, 200-word document (201 texts in one rerank call, cold cache)", runs, () -> {
            List<AxisUnit> units = Occlusion.units(doc200, OcclusionUnit.WORD);
            List<String> variants = Occlusion.variants(doc200, units);
            List<Candidate> candidates = new ArrayList<>(variants.size() + 1);
            candidates.add(new Candidate(1, "full", doc200));
            for (int i = 0; i < variants.size(); i++) {
                candidates.add(new Candidate(i + 2, Integer.toString(i), variants.get(i)));
            }
            BiEncoderReranker cold = new BiEncoderReranker(model, new EngineCache(settings.cacheBytes()));
            Ranking ranking = cold.rerank(new Query("q", query), candidates, ProgressListener.NONE,
                    CancellationToken.NONE);
            Map<String, Double> scores = new HashMap<>();
            for (ScoredCandidate s : ranking.results()) {
                scores.put(s.candidate().docId(), s.score());
            }
            double[] variantScores = new double[units.size()];
            for (int i = 0; i < units.size(); i++) {
                variantScores[i] = scores.get(Integer.toString(i));
            }
            return Occlusion.map("m", units, OcclusionUnit.WORD, scores.get("full"), variantScores, Double.NaN);
        });

        // 5. PNG
        AttentionMaps png = AttentionMaps.of(syntheticPair(290, 12, random), pairQuery(), pairDocument(290), null);
        ExplanationMap wide = png.map(Pick.mean(Block.QUERY_TO_DOCUMENT), "m", 1);
        time("MapImage.render, " + wide.rowCount() + " × " + wide.columnCount() + " map at scale 2", runs,
                () -> MapImage.render(wide, 2));
        model.close();
    }

    /**
     * Times the first call (as a user meets it, the JIT cold), then warms up for at least a second (at least once),
     * then times {@code runs} calls; prints the first, the median, min and max.
     */
    private static void time(String label, int runs, Supplier<?> work) {
        long t0 = System.nanoTime();
        work.get();
        double first = (System.nanoTime() - t0) / 1e6;
        long warm = System.nanoTime();
        do {
            work.get();
        } while (System.nanoTime() - warm < 1_000_000_000L);
        double[] ms = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            work.get();
            ms[r] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-96s first %7.1f ms, median %7.1f ms (min %.1f, max %.1f)%n", label,
                first, ms[runs / 2], ms[0], ms[runs - 1]);
    }

    private static String words(Random random, int n) {
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < n; w++) {
            sb.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            if (w % 15 == 14) {
                sb.append('.');
            }
        }
        return sb.append('.').toString();
    }

    private static final int QUERY_WORDS = 16;

    private static String pairQuery() {
        return "q ".repeat(QUERY_WORDS).strip();
    }

    private static String pairDocument(int n) {
        return "d ".repeat(n - QUERY_WORDS - 3).strip();
    }

    /**
     * {@code [CLS] q×16 [SEP] d×(n−19) [SEP]}, one token per word, 6 layers of {@code heads} heads with random
     * rows summing to 1.
     */
    private static AttentionResult.Available syntheticPair(int n, int heads, Random random) {
        List<String> tokens = new ArrayList<>();
        int[] segments = new int[n];
        int[] words = new int[n];
        List<TextSpan> spans = new ArrayList<>();
        int documentTokens = n - QUERY_WORDS - 3;
        for (int i = 0; i < n; i++) {
            boolean special = i == 0 || i == QUERY_WORDS + 1 || i == n - 1;
            int segment = special ? -1 : i <= QUERY_WORDS ? 0 : 1;
            int word = special ? -1 : segment == 0 ? i - 1 : i - QUERY_WORDS - 2;
            tokens.add(special ? (i == 0 ? "[CLS]" : "[SEP]") : segment == 0 ? "q" : "d");
            segments[i] = segment;
            words[i] = word;
            spans.add(special ? null : new TextSpan(2 * word, 2 * word + 1));
        }
        if (documentTokens <= 0) {
            throw new IllegalArgumentException("too few tokens");
        }
        float[][][][] w = new float[6][heads][n][n];
        for (float[][][] layer : w) {
            for (float[][] head : layer) {
                for (float[] row : head) {
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        row[j] = random.nextFloat();
                        sum += row[j];
                    }
                    for (int j = 0; j < n; j++) {
                        row[j] /= (float) sum;
                    }
                }
            }
        }
        return new AttentionResult.Available(new TokenizedInput(tokens, segments, spans, words), w);
    }
}
