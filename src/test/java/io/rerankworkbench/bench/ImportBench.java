package io.rerankworkbench.bench;

import io.rerankworkbench.io.imports.ImportOptions;
import io.rerankworkbench.io.imports.ImportResult;
import io.rerankworkbench.io.imports.ProjectImports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Measures import speed in rows per second for a generated CSV file, TREC run (+ documents) and JSONL file of the
 * same size, each read three times in one JVM (the first read warms the JIT; the best of the last two is printed).
 * Not a test; run it with {@code mvn -q test-compile exec:java -Dexec.mainClass=io.rerankworkbench.bench.ImportBench
 * -Dexec.classpathScope=test}. Argument: [rows] (default 100000).
 */
public final class ImportBench {

    private ImportBench() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("import-bench");
        try {
            Path csv = dir.resolve("bench.csv");
            Path run = dir.resolve("bench.trec");
            Path docs = dir.resolve("docs.jsonl");
            Path jsonl = dir.resolve("pairs.jsonl");
            try (BufferedWriter c = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                 BufferedWriter r = Files.newBufferedWriter(run, StandardCharsets.UTF_8);
                 BufferedWriter d = Files.newBufferedWriter(docs, StandardCharsets.UTF_8);
                 BufferedWriter j = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
                c.write("qid,query,docid,text,rank,score,label\n");
                for (int i = 0; i < rows; i++) {
                    int q = i / 100;
                    int rank = i % 100 + 1;
                    String text = "document " + i + " about search, ranking and relevance of passages";
                    c.write("q" + q + ",query " + q + ",d" + i + ",\"" + text + "\"," + rank + "," + (200 - rank)
                            + ".25," + (rank <= 3 ? "1" : "") + "\n");
                    r.write("q" + q + " Q0 d" + i + " " + rank + " " + (200 - rank) + ".25 bench\n");
                    d.write("{\"_id\": \"d" + i + "\", \"text\": \"" + text + "\"}\n");
                    j.write("{\"query_id\": \"q" + q + "\", \"query\": \"query " + q + "\", \"doc_id\": \"d" + i
                            + "\", \"text\": \"" + text + "\", \"rank\": " + rank + "}\n");
                }
            }
            measure("CSV", List.of(csv), rows);
            measure("TREC run + JSONL documents", List.of(run, docs), rows);
            measure("JSONL pairs", List.of(jsonl), rows);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void measure(String name, List<Path> sources, int rows) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            ImportResult result = ProjectImports.read(sources, ImportOptions.defaults());
            double seconds = (System.nanoTime() - start) / 1e9;
            if (result.hasProblems() || result.data().candidateCount() != rows) {
                throw new IllegalStateException(name + ": unexpected result " + result.problems());
            }
            if (round > 0) {
                best = Math.min(best, seconds);
            }
        }
        System.out.printf(Locale.ROOT, "%-28s %,10d rows in %6.3f s = %,12.0f rows/s%n", name, rows, best,
                rows / best);
    }
}
