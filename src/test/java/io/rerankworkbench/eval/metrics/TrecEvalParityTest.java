package io.rerankworkbench.eval.metrics;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.gla.terrier.jtreceval.trec_eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every measure shared with trec_eval equals the reference C program's value (run from the jtreceval artifact) to
 * 1e-4, per query and for {@code all}, on seeded random runs and graded qrels built to have ties, unjudged documents,
 * queries only in the run or only in the qrels, queries with no relevant document, and under {@code -c}, {@code -M},
 * {@code -J} and {@code -l}.
 */
public class TrecEvalParityTest {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void platform() {
        Assumptions.assumeTrue(trec_eval.isPlatformSupported(), "no trec_eval binary for this platform");
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        List<String[]> options = List.of(new String[]{}, new String[]{"-c"}, new String[]{"-M", "7"},
                new String[]{"-J"}, new String[]{"-c", "-J", "-M", "12"}, new String[]{"-l", "2"}, new String[]{"-c", "-l", "2"});
        for (long seed = 1; seed <= 4; seed++) {
            for (String[] o : options) {
                out.add(Arguments.of(seed, o));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "seed {0} options {1}")
    @MethodSource("cases")
    void everySharedMeasureEqualsTrecEval(long seed, String[] options) throws IOException {
        Generated g = generate(new Random(seed));
        Path qrels = tmp.resolve("qrels-" + seed + ".txt");
        Path run = tmp.resolve("run-" + seed + ".trec");
        Files.writeString(qrels, g.qrelsText());
        Files.writeString(run, g.runText());

        Conventions conventions = Conventions.TREC_EVAL;
        for (int i = 0; i < options.length; i++) {
            switch (options[i]) {
                case "-c" -> conventions = conventions.withCompleteQueries(true);
                case "-J" -> conventions = conventions.withJudgedOnly(true);
                case "-M" -> conventions = conventions.withDepth(Integer.parseInt(options[++i]));
                case "-l" -> conventions = conventions.withRelevanceLevel(Integer.parseInt(options[++i]));
                default -> throw new IllegalStateException(options[i]);
            }
        }
        List<MeasureSpec> specs = MeasureSpec.all().stream().filter(s -> s.measure() != Measure.JUDGED).toList();
        Evaluation mine = Evaluator.evaluate(g.run(), g.qrels(), specs, conventions);

        Map<String, Map<String, String>> theirs = runTrecEval(options, qrels, run);
        assertThat(theirs.get("num_q").get("all")).isEqualTo(Integer.toString(mine.numQueries()));
        for (MeasureSpec spec : specs) {
            Map<String, String> byQuery = theirs.get(spec.trecName());
            assertThat(byQuery).as(spec.trecName()).isNotNull();
            Map<String, String> expectedQueries = new TreeMap<>(byQuery);
            expectedQueries.remove("all");
            assertThat(mine.perQuery().keySet()).as(spec.trecName()).containsExactlyInAnyOrderElementsOf(
                    expectedQueries.keySet());
            for (var e : expectedQueries.entrySet()) {
                assertThat(mine.value(e.getKey(), spec)).as(spec.trecName() + " " + e.getKey())
                        .isCloseTo(Double.parseDouble(e.getValue()), within(1e-4));
            }
            assertThat(mine.all(spec)).as(spec.trecName() + " all")
                    .isCloseTo(Double.parseDouble(byQuery.get("all")), within(1e-4));
        }
    }

    static Map<String, Map<String, String>> runTrecEval(String[] options, Path qrels, Path run) {
        List<String> args = new ArrayList<>(List.of("-q", "-m", "all_trec"));
        args.addAll(List.of(options));
        args.add(qrels.toString());
        args.add(run.toString());
        trec_eval te = new trec_eval();
        String[][] out = te.runAndGetOutput(args.toArray(new String[0]));
        assertThat(te.getLastExitCode()).as("trec_eval exit code").isZero();
        Map<String, Map<String, String>> byMeasure = new HashMap<>();
        for (String[] row : out) {
            if (row.length >= 3) {
                byMeasure.computeIfAbsent(row[0].strip(), k -> new HashMap<>()).put(row[1], row[2]);
            }
        }
        return byMeasure;
    }

    public record Generated(Map<String, List<Scored>> run, Map<String, Map<String, Integer>> qrels, String runText,
                     String qrelsText) {
    }

    /**
     * 25 queries over a pool of 60 documents: qrels with grades 0–3 for a random part of the pool (some queries
     * only 0s), runs with scores from a few values (many ties, also 0 and negative) over another random part, some
     * queries only in one of the two files.
     */
    public static Generated generate(Random rnd) {
        Map<String, List<Scored>> run = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        StringBuilder runText = new StringBuilder();
        StringBuilder qrelsText = new StringBuilder();
        double[] scoreValues = {-1.5, -0.25, 0, 0.5, 1, 2.75, 3};
        for (int q = 1; q <= 25; q++) {
            String qid = "q" + q;
            int kind = rnd.nextInt(10); // 0: run only; 1: qrels only; else both
            if (kind != 0) {
                boolean onlyZeros = rnd.nextInt(8) == 0;
                Map<String, Integer> grades = new LinkedHashMap<>();
                for (int d = 0; d < 60; d++) {
                    if (rnd.nextInt(3) == 0) {
                        int grade = onlyZeros ? 0 : rnd.nextInt(4);
                        grades.put("doc" + d, grade);
                        qrelsText.append(qid).append(" 0 doc").append(d).append(' ').append(grade).append('\n');
                    }
                }
                if (grades.isEmpty()) {
                    grades.put("doc0", 0);
                    qrelsText.append(qid).append(" 0 doc0 0\n");
                }
                qrels.put(qid, grades);
            }
            if (kind != 1) {
                List<Scored> docs = new ArrayList<>();
                int size = 1 + rnd.nextInt(40);
                List<Integer> pool = new ArrayList<>();
                for (int d = 0; d < 60; d++) {
                    pool.add(d);
                }
                java.util.Collections.shuffle(pool, rnd);
                for (int i = 0; i < size; i++) {
                    double score = rnd.nextBoolean() ? scoreValues[rnd.nextInt(scoreValues.length)]
                            : Math.round(rnd.nextDouble() * 1000) / 100.0;
                    String docno = "doc" + pool.get(i);
                    docs.add(new Scored(docno, score));
                    runText.append(qid).append(" Q0 ").append(docno).append(' ').append(i + 1).append(' ')
                            .append(score).append(" seeded\n");
                }
                run.put(qid, docs);
            }
        }
        return new Generated(run, qrels, runText.toString(), qrelsText.toString());
    }
}
