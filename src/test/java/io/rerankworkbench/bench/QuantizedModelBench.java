package io.rerankworkbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.local.BiEncoderReranker;
import io.rerankworkbench.rerank.local.EngineCache;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.rerank.local.LocalRerankers;
import io.rerankworkbench.rerank.local.ModelFiles;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The int8 all-MiniLM-L6-v2 against the fp32 one on the same 1,000 texts in one JVM: embedding speed (documents and
 * tokens per second, the median of three alternating rounds after a warm-up) and agreement — Kendall's τ-b between
 * the two models' scores of all 1,000 texts for each of the sample queries, and how many of fp32's top 10 the int8
 * model also puts in its top 10.
 *
 * <p>The texts are the sample projects' documents (cooking, developer docs, European cities) and, to reach 1,000 and
 * to mix lengths, their sentences; the queries are the sample queries. Not a test; see docs/benchmarks.md.
 */
public final class QuantizedModelBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QuantizedModelBench() {
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        List<String> queries = new ArrayList<>();
        List<String> texts = sampleTexts(queries, count);
        EngineCache cache = new EngineCache(1 << 20);
        try (BiEncoderReranker fp32 = (BiEncoderReranker) LocalRerankers.open(ModelFiles.allMiniLmL6V2(),
                EngineSettings.DEFAULT, cache);
             BiEncoderReranker int8 = (BiEncoderReranker) LocalRerankers.open(ModelFiles.allMiniLmL6V2Quantized(),
                     EngineSettings.DEFAULT, cache)) {
            long tokens = texts.stream().mapToLong(t -> Math.min(256, fp32.localModel().embedTokenCount(t))).sum();
            System.out.printf(Locale.ROOT, "%d texts (%d tokens as the models read them, 256 at most each), %d "
                    + "queries, %d cores%n", texts.size(), tokens, queries.size(),
                    Runtime.getRuntime().availableProcessors());
            // Warm-up: each graph runs once on a slice before timing.
            fp32.embedDocuments(texts.subList(0, 64), ProgressListener.NONE, CancellationToken.NONE);
            int8.embedDocuments(texts.subList(0, 64), ProgressListener.NONE, CancellationToken.NONE);
            double[] fpSeconds = new double[3];
            double[] q8Seconds = new double[3];
            float[][] fpVectors = null;
            float[][] q8Vectors = null;
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                fpVectors = fp32.embedDocuments(texts, ProgressListener.NONE, CancellationToken.NONE);
                fpSeconds[round] = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                q8Vectors = int8.embedDocuments(texts, ProgressListener.NONE, CancellationToken.NONE);
                q8Seconds[round] = (System.nanoTime() - t0) / 1e9;
            }
            double fp = median(fpSeconds);
            double q8 = median(q8Seconds);
            System.out.printf(Locale.ROOT, "fp32: %.2f s  %.0f docs/s  %.0f tokens/s   (rounds %s)%n", fp,
                    texts.size() / fp, tokens / fp, Arrays.toString(fpSeconds));
            System.out.printf(Locale.ROOT, "int8: %.2f s  %.0f docs/s  %.0f tokens/s   (rounds %s)%n", q8,
                    texts.size() / q8, tokens / q8, Arrays.toString(q8Seconds));
            System.out.printf(Locale.ROOT, "int8 speed-up: %.2fx%n", fp / q8);

            KendallsCorrelation kendall = new KendallsCorrelation();
            double tauSum = 0;
            double tauMin = 1;
            double overlapSum = 0;
            for (String q : queries) {
                double[] a = scores(fp32.embedQuery(q, CancellationToken.NONE), fpVectors);
                double[] b = scores(int8.embedQuery(q, CancellationToken.NONE), q8Vectors);
                double tau = kendall.correlation(a, b);
                tauSum += tau;
                tauMin = Math.min(tauMin, tau);
                overlapSum += topOverlap(a, b, 10);
            }
            System.out.printf(Locale.ROOT, "Kendall tau-b over %d texts: mean %.3f, lowest %.3f over %d queries; "
                    + "top-10 overlap with fp32: mean %.1f of 10%n", texts.size(), tauSum / queries.size(), tauMin,
                    queries.size(), overlapSum / queries.size());
        }
    }

    private static double[] scores(float[] query, float[][] docs) {
        double[] out = new double[docs.length];
        for (int i = 0; i < docs.length; i++) {
            double s = 0;
            for (int j = 0; j < query.length; j++) {
                s += query[j] * docs[i][j];
            }
            out[i] = s;
        }
        return out;
    }

    private static int topOverlap(double[] a, double[] b, int k) {
        List<Integer> ta = top(a, k);
        List<Integer> tb = top(b, k);
        int n = 0;
        for (Integer i : ta) {
            if (tb.contains(i)) {
                n++;
            }
        }
        return n;
    }

    private static List<Integer> top(double[] s, int k) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            idx.add(i);
        }
        idx.sort((x, y) -> Double.compare(s[y], s[x]));
        return idx.subList(0, k);
    }

    private static double median(double[] xs) {
        double[] c = xs.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    /** The sample projects' documents, then their sentences, shuffled with a fixed seed, {@code count} of them. */
    static List<String> sampleTexts(List<String> queriesOut, int count) throws IOException {
        List<String> docs = new ArrayList<>();
        for (String bundle : List.of("sample-projects/home-cooking/home-cooking.rwb.json",
                "sample-projects/developer-docs/developer-docs.rwb.json")) {
            JsonNode root = JSON.readTree(Path.of(bundle).toFile());
            root.path("documents").forEach(d -> docs.add(d.path("text").asText()));
            root.path("queries").forEach(q -> queriesOut.add(q.path("text").asText()));
        }
        for (String line : Files.readAllLines(Path.of("sample-projects/european-capitals/corpus.jsonl"))) {
            if (!line.isBlank()) {
                docs.add(JSON.readTree(line).path("text").asText());
            }
        }
        for (String line : Files.readAllLines(Path.of("sample-projects/european-capitals/queries.jsonl"))) {
            if (!line.isBlank()) {
                queriesOut.add(JSON.readTree(line).path("text").asText());
            }
        }
        List<String> sentences = new ArrayList<>();
        for (String d : docs) {
            for (String s : d.split("(?<=[.!?])\\s+")) {
                if (s.split("\\s+").length >= 4 && !docs.contains(s)) {
                    sentences.add(s);
                }
            }
        }
        Collections.shuffle(sentences, new Random(7));
        List<String> all = new ArrayList<>(docs);
        all.addAll(sentences.subList(0, Math.max(0, Math.min(sentences.size(), count - docs.size()))));
        Collections.shuffle(all, new Random(42));
        return all.subList(0, Math.min(count, all.size()));
    }
}
