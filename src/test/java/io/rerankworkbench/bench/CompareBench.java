package io.rerankworkbench.bench;

import io.rerankworkbench.eval.compare.AgreementOverQueries;
import io.rerankworkbench.eval.compare.ListAgreements;
import io.rerankworkbench.eval.compare.QueryAgreement;
import io.rerankworkbench.eval.compare.RankedList;

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

    public static void main(String[] args) {
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
