package io.rerankworkbench.bench;

import io.rerankworkbench.cli.Cli;
import io.rerankworkbench.eval.compare.AgreementOverQueries;
import io.rerankworkbench.eval.compare.ListAgreements;
import io.rerankworkbench.eval.compare.QueryAgreement;
import io.rerankworkbench.eval.compare.RankedList;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Times the agreement of two rankers over a query set: per query two random orders of the same documents, scored
 * so that about one document in ten ties with its neighbour, then {@link ListAgreements#compare} for every query
 * (τ-b, ρ, RBO with its bounds, the set measures at 10) and {@link AgreementOverQueries#of}. Prints the first
 * round (cold JIT) and the median, minimum and maximum of the timed rounds after the warm-up, for the measures
 * alone and with building the {@link RankedList}s from ids and scores (as a service does from stored runs).
 * Then writes the same rankings as two TREC run files and times the {@code compare} command over them (reading,
 * ordering, measuring, formatting the per-query CSV), the median of 5 after 2 warm-up runs.
 * Not a test; docs/benchmarks.md ("List agreement") has the command. Arguments: queries, documents per query,
 * timed rounds (default 1000 1000 15).
 */
public final class CompareBench {

    private static final int WARM_UP = 5;

    private CompareBench() {
    }

    /** One query's two rankings, as ids and scores best first. */
    private record Pair(List<String> idsA, double[] scoresA, List<String> idsB, double[] scoresB) {
    }

    public static void main(String[] args) throws IOException {
        int queries = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int documents = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Random random = new Random(2010);
        List<Pair> pairs = new ArrayList<>(queries);
        for (int q = 0; q < queries; q++) {
            List<String> docs = new ArrayList<>(documents);
            for (int d = 0; d < documents; d++) {
                docs.add("q" + q + "-doc" + d);
            }
            Collections.shuffle(docs, random);
            List<String> a = List.copyOf(docs);
            Collections.shuffle(docs, random);
            List<String> b = List.copyOf(docs);
            pairs.add(new Pair(a, scores(documents, random), b, scores(documents, random)));
        }
        List<RankedList[]> lists = new ArrayList<>(queries);
        for (Pair p : pairs) {
            lists.add(new RankedList[]{RankedList.scored(p.idsA(), p.scoresA()),
                    RankedList.scored(p.idsB(), p.scoresB())});
        }
        System.out.printf(Locale.ROOT, "%d queries x %d documents, k = 10, p = 0.9; %s %s, %d cores%n", queries,
                documents, System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        double[] measures = new double[WARM_UP + rounds];
        double[] withLists = new double[WARM_UP + rounds];
        double checksum = 0;
        for (int r = 0; r < WARM_UP + rounds; r++) {
            long start = System.nanoTime();
            AgreementOverQueries result = agreement(lists);
            measures[r] = (System.nanoTime() - start) / 1e6;
            checksum += result.means().kendallTauB();

            start = System.nanoTime();
            List<RankedList[]> built = new ArrayList<>(queries);
            for (Pair p : pairs) {
                built.add(new RankedList[]{RankedList.scored(p.idsA(), p.scoresA()),
                        RankedList.scored(p.idsB(), p.scoresB())});
            }
            result = agreement(built);
            withLists[r] = (System.nanoTime() - start) / 1e6;
            checksum += result.means().rboExt();
        }
        report("measures only", measures);
        report("building the lists + measures", withLists);
        System.out.printf(Locale.ROOT, "(checksum %.6f)%n", checksum);
        commandOverFiles(pairs);
    }

    private static void commandOverFiles(List<Pair> pairs) throws IOException {
        Path dir = Files.createTempDirectory("compare-bench");
        Path a = dir.resolve("a.trec");
        Path b = dir.resolve("b.trec");
        try {
            write(a, pairs, true);
            write(b, pairs, false);
            String[] args = {"compare", a.toString(), b.toString(), "--per-query", "--format", "csv"};
            double[] times = new double[7];
            for (int r = 0; r < times.length; r++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                long start = System.nanoTime();
                int code = Cli.execute(args, (exitAfter, project) -> {
                }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
                times[r] = (System.nanoTime() - start) / 1e6;
                if (code != 0) {
                    throw new IllegalStateException("compare failed: " + err.toString(StandardCharsets.UTF_8));
                }
            }
            double[] timed = Arrays.copyOfRange(times, 2, times.length);
            Arrays.sort(timed);
            System.out.printf(Locale.ROOT, "  %-32s first %7.1f ms   median %7.1f ms (min %.1f, max %.1f); %d + %d MB%n",
                    "'compare' over two run files", times[0], timed[timed.length / 2], timed[0],
                    timed[timed.length - 1], Files.size(a) >> 20, Files.size(b) >> 20);
        } finally {
            Files.deleteIfExists(a);
            Files.deleteIfExists(b);
            Files.deleteIfExists(dir);
        }
    }

    private static void write(Path file, List<Pair> pairs, boolean first) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int q = 0; q < pairs.size(); q++) {
                Pair p = pairs.get(q);
                List<String> ids = first ? p.idsA() : p.idsB();
                double[] scores = first ? p.scoresA() : p.scoresB();
                for (int i = 0; i < ids.size(); i++) {
                    w.write("q" + q + " Q0 " + ids.get(i) + " " + (i + 1) + " " + scores[i] + (first ? " a" : " b")
                            + "\n");
                }
            }
        }
    }

    private static AgreementOverQueries agreement(List<RankedList[]> lists) {
        List<QueryAgreement> out = new ArrayList<>(lists.size());
        for (int q = 0; q < lists.size(); q++) {
            RankedList[] pair = lists.get(q);
            out.add(new QueryAgreement("q" + q, ListAgreements.compare(pair[0], pair[1], 10, 0.9)));
        }
        return AgreementOverQueries.of(out);
    }

    /** Descending scores where about one document in ten repeats the score above it. */
    private static double[] scores(int n, Random random) {
        double[] s = new double[n];
        double score = n;
        for (int i = 0; i < n; i++) {
            if (i == 0 || random.nextInt(10) != 0) {
                score -= 0.5 + random.nextDouble();
            }
            s[i] = score;
        }
        return s;
    }

    private static void report(String what, double[] times) {
        double[] timed = Arrays.copyOfRange(times, WARM_UP, times.length);
        Arrays.sort(timed);
        System.out.printf(Locale.ROOT, "  %-32s first %7.1f ms   median %7.1f ms (min %.1f, max %.1f)%n", what,
                times[0], timed[timed.length / 2], timed[0], timed[timed.length - 1]);
    }
}
