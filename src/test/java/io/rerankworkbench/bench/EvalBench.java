package io.rerankworkbench.bench;

import io.rerankworkbench.eval.metrics.Conventions;
import io.rerankworkbench.eval.metrics.Evaluator;
import io.rerankworkbench.eval.metrics.MeasureSpec;
import io.rerankworkbench.eval.metrics.Scored;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Times {@link Evaluator#evaluate} over 1,000 queries × 1,000 documents with ten measures (map, recip_rank, P_10,
 * recall_10, ndcg_cut_10, ndcg_cut_20, map_cut_10, success_10, judged_10, num_rel_ret): per query 200 judged
 * documents with grades 0–3 and scores rounded to 3 decimals, so that many tie. Prints the first round (cold JIT) and
 * the median, minimum and maximum of the timed rounds after the warm-up. Then writes the run and qrels as TREC files
 * and times the whole {@code eval} process ({@code java … Main eval}) and trec_eval (the binary of the jtreceval
 * artifact, when the platform has one) on them, the median of 3 after 1. Not a test; docs/benchmarks.md
 * ("Evaluation") has the command. Arguments: queries, documents per query, timed rounds (default 1000 1000 15).
 */
public final class EvalBench {

    private static final int WARM_UP = 5;

    private EvalBench() {
    }

    public static void main(String[] args) throws Exception {
        int queries = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int documents = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Random random = new Random(2026);
        Map<String, List<Scored>> run = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        for (int q = 0; q < queries; q++) {
            String qid = "q" + q;
            List<Scored> docs = new ArrayList<>(documents);
            Map<String, Integer> grades = new HashMap<>();
            for (int d = 0; d < documents; d++) {
                String docno = "doc" + d;
                docs.add(new Scored(docno, Math.round(random.nextDouble() * 1000) / 1000.0));
                if (random.nextInt(5) == 0) {
                    grades.put(docno, random.nextInt(4));
                }
            }
            run.put(qid, docs);
            qrels.put(qid, grades);
        }
        List<String> names = List.of("map", "recip_rank", "P_10", "recall_10", "ndcg_cut_10", "ndcg_cut_20",
                "map_cut_10", "success_10", "judged_10", "num_rel_ret");
        List<MeasureSpec> specs = names.stream().flatMap(n -> MeasureSpec.parse(n).stream()).toList();

        double[] times = new double[rounds];
        double first = 0;
        double sink = 0;
        for (int r = -WARM_UP; r < rounds; r++) {
            long start = System.nanoTime();
            sink += Evaluator.evaluate(run, qrels, specs, Conventions.TREC_EVAL).all()[0];
            double ms = (System.nanoTime() - start) / 1e6;
            if (r == -WARM_UP) {
                first = ms;
            }
            if (r >= 0) {
                times[r] = ms;
            }
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "Evaluator, %d queries x %d documents, %d measures: first %.0f ms, "
                + "median %.0f ms (min %.0f, max %.0f) [%s]%n", queries, documents, specs.size(), first,
                times[rounds / 2], times[0], times[rounds - 1], sink > 0 ? "ok" : "?");

        Path dir = Files.createTempDirectory("eval-bench");
        Path runFile = dir.resolve("run.trec");
        Path qrelsFile = dir.resolve("qrels.txt");
        try (BufferedWriter w = Files.newBufferedWriter(runFile)) {
            for (var e : run.entrySet()) {
                int rank = 1;
                for (Scored s : e.getValue()) {
                    w.write(e.getKey() + " Q0 " + s.docId() + " " + rank++ + " " + s.score() + " bench\n");
                }
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(qrelsFile)) {
            for (var e : qrels.entrySet()) {
                for (var g : e.getValue().entrySet()) {
                    w.write(e.getKey() + " 0 " + g.getKey() + " " + g.getValue() + "\n");
                }
            }
        }
        List<String> eval = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "io.rerankworkbench.Main", "eval",
                "--qrels", qrelsFile.toString(), "-o", dir.resolve("eval.txt").toString()));
        List<String> trec = new ArrayList<>();
        for (String n : names) {
            eval.add("-m");
            eval.add(n);
            trec.add("-m");
            trec.add(n.startsWith("judged") ? "num_ret" : n.replaceFirst("_(\\d+)$", ".$1"));
        }
        eval.add(runFile.toString());
        // Both processes compete with whatever else runs on the machine: say how busy it was.
        System.out.printf(Locale.ROOT, "load average before the processes: %.2f (%d cores)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "eval process (%d MB run): median %.0f ms%n", Files.size(runFile) >> 20,
                processMedian(eval));
        Path binary = trecEvalBinary(dir);
        if (binary != null) {
            List<String> te = new ArrayList<>(List.of(binary.toString()));
            te.addAll(trec);
            te.add(qrelsFile.toString());
            te.add(runFile.toString());
            System.out.printf(Locale.ROOT, "trec_eval 9.0.4 process: median %.0f ms%n", processMedian(te));
            System.out.printf(Locale.ROOT, "load average after: %.2f%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static double processMedian(List<String> command) throws IOException, InterruptedException {
        double[] t = new double[3];
        for (int r = -1; r < t.length; r++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int code = p.waitFor();
            if (code != 0) {
                throw new IllegalStateException(command.get(0) + " exited " + code);
            }
            if (r >= 0) {
                t[r] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(t);
        return t[1];
    }

    private static Path trecEvalBinary(Path dir) throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return null;
        }
        try (InputStream in = EvalBench.class.getResourceAsStream("/trec_eval-linux-amd64")) {
            if (in == null) {
                return null;
            }
            Path binary = dir.resolve("trec_eval");
            Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
            binary.toFile().setExecutable(true);
            return binary;
        }
    }
}
