package io.rerankworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rerankworkbench.cli.CliRun.FakeGui;
import io.rerankworkbench.cli.CliRun.Result;
import io.rerankworkbench.eval.metrics.TrecEvalParityTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.gla.terrier.jtreceval.trec_eval;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvalCommandTest {

    @TempDir
    Path dir;

    private static Result run(String... args) {
        return CliRun.run(new FakeGui(), args);
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** The same files, the same options: every line eval prints is trec_eval's line (to 1e-4 for values). */
    @Test
    void printsTheLinesTrecEvalPrints() throws Exception {
        Assumptions.assumeTrue(trec_eval.isPlatformSupported(), "no trec_eval binary for this platform");
        List<List<String>> variants = List.of(List.of(), List.of("-c"), List.of("-M", "9", "-J"),
                List.of("-c", "-l", "2"));
        for (long seed = 11; seed <= 13; seed++) {
            TrecEvalParityTest.Generated g = TrecEvalParityTest.generate(new Random(seed));
            Path qrels = file("qrels" + seed, g.qrelsText());
            Path runFile = file("run" + seed, g.runText());
            for (List<String> options : variants) {
                List<String> args = new ArrayList<>(List.of("-q", "-m", "all_trec"));
                args.addAll(options);
                args.add(qrels.toString());
                args.add(runFile.toString());
                trec_eval te = new trec_eval();
                String[][] theirs = te.runAndGetOutput(args.toArray(new String[0]));
                assertThat(te.getLastExitCode()).isZero();
                Map<String, String> expected = new HashMap<>();
                for (String[] row : theirs) {
                    if (row.length == 3) {
                        expected.put(row[0].strip() + "\t" + row[1], row[2]); // jtreceval splits on white space
                    }
                }
                List<String> mine = new ArrayList<>(List.of("eval", "--qrels", qrels.toString(), "-q", "-m",
                        "all_trec"));
                mine.addAll(options);
                mine.add(runFile.toString());
                Result result = run(mine.toArray(new String[0]));
                assertThat(result.code()).as(result.err()).isZero();
                int compared = 0;
                for (String line : result.out().lines().toList()) {
                    String[] f = line.split("\t");
                    assertThat(f).as(line).hasSize(3);
                    if (f[0].strip().equals("runid") || f[0].startsWith("judged_")) {
                        continue;
                    }
                    String value = expected.get(f[0].strip() + "\t" + f[1]);
                    assertThat(f[0]).isEqualTo(String.format("%-22s", f[0].strip()));
                    assertThat(value).as("trec_eval prints " + f[0] + " " + f[1] + " " + options).isNotNull();
                    if (f[0].startsWith("num_")) {
                        assertThat(f[2]).as(line + " " + options).isEqualTo(value);
                    } else {
                        assertThat(Double.parseDouble(f[2])).as(line + " " + options)
                                .isCloseTo(Double.parseDouble(value), within(1e-4));
                    }
                    compared++;
                    expected.remove(f[0].strip() + "\t" + f[1]);
                }
                assertThat(expected.keySet().stream().filter(k -> k.matches("(num_q|num_ret|num_rel|num_rel_ret|"
                        + "map|recip_rank|P_\\d+|recall_\\d+|ndcg_cut_\\d+|map_cut_\\d+|success_\\d+)\t.*")))
                        .as("shared lines trec_eval prints that eval does not " + options).isEmpty();
                assertThat(compared).as(options.toString()).isGreaterThan(500);
            }
        }
    }

    private Path qrels() throws Exception {
        return file("qrels.txt", """
                q1 0 a 2
                q1 0 b 0
                q1 0 c 1
                q2 0 x 1
                """);
    }

    private Path runA() throws Exception {
        return file("a.trec", """
                q1 Q0 a 1 1.0 bm25
                q1 Q0 b 2 1.0 bm25
                q1 Q0 u 3 0.5 bm25
                q1 Q0 c 4 0.2 bm25
                q9 Q0 a 1 1 bm25
                """);
    }

    @Test
    void defaultMeasuresOneBlockPerRunAndANoteOnMissingQueries() throws Exception {
        Path q = qrels();
        Path a = runA();
        Path b = file("b.trec", "q1 Q0 c 1 3 ce\nq2 Q0 x 1 1 ce\n");
        Result result = run("eval", "--qrels", q.toString(), a.toString(), b.toString());
        assertThat(result.code()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2 * 13);
        assertThat(lines.get(0)).isEqualTo(String.format("%-22s\tall\t%s", "runid", a));
        assertThat(lines).contains("num_q                 \tall\t1", "map                   \tall\t0.5000",
                "P_10                  \tall\t0.2000", "judged_10             \tall\t0.3000",
                "num_ret               \tall\t4");
        assertThat(lines.get(13)).isEqualTo(String.format("%-22s\tall\t%s", "runid", b));
        assertThat(result.errLines()).containsExactly("note: 1 query of the qrels is not in " + a
                + "; left out of 'all' (-c counts them as 0)");
        Result complete = run("eval", "--qrels", q.toString(), "-c", "-m", "map", a.toString());
        assertThat(complete.out()).contains("map                   \tall\t0.2500");
        assertThat(complete.errLines()).containsExactly("note: 1 query of the qrels is not in " + a
                + "; counted as 0 in 'all' (-c)");
    }

    @Test
    void csvAndJson() throws Exception {
        Path q = qrels();
        Path a = runA();
        Result csv = run("eval", "--qrels", q.toString(), "-q", "-m", "map", "-m", "ndcg_cut.1,5",
                "--gain", "exp", "--format", "csv", a.toString());
        assertThat(csv.code()).as(csv.err()).isZero();
        double ndcg5 = (3 / log2(3) + 1 / log2(5)) / (3 + 1 / log2(3));
        assertThat(csv.out().lines().toList()).containsExactly("run,measure,query,value",
                a + ",map,q1,0.5", a + ",ndcg_cut_1,q1,0.0", a + ",ndcg_cut_5,q1," + ndcg5,
                a + ",num_q,all,1", a + ",map,all,0.5", a + ",ndcg_cut_1,all,0.0", a + ",ndcg_cut_5,all," + ndcg5);
        Path written = dir.resolve("out.csv");
        Result toFile = run("eval", "--qrels", q.toString(), "-q", "-m", "map", "-m", "ndcg_cut.1,5",
                "--gain", "exp", "--format", "csv", "-o", written.toString(), a.toString());
        assertThat(toFile.code()).isZero();
        assertThat(toFile.out()).isEmpty();
        assertThat(Files.readString(written)).isEqualTo(csv.out());
        Result json = run("eval", "--qrels", q.toString(), "-q", "-m", "num_rel", "-c", "--format", "json",
                a.toString());
        JsonNode root = new ObjectMapper().readTree(json.out());
        JsonNode r = root.get("runs").get(0);
        assertThat(r.get("run").asText()).isEqualTo(a.toString());
        assertThat(r.get("conventions").get("completeQueries").asBoolean()).isTrue();
        assertThat(r.get("conventions").get("gain").asText()).isEqualTo("linear");
        assertThat(r.get("num_q").asInt()).isEqualTo(2);
        assertThat(r.get("missingQueries").get(0).asText()).isEqualTo("q2");
        assertThat(r.get("queries").get("q1").get("num_rel").asInt()).isEqualTo(2);
        assertThat(r.get("all").get("num_rel").asInt()).isEqualTo(3);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void badInputExitsTwoWithFileAndLine() throws Exception {
        Path a = runA();
        Path badQrels = file("bad.qrels", "q1 0 a 2\nq1 0 b high\n");
        assertUsage(run("eval", "--qrels", badQrels.toString(), a.toString()),
                badQrels + ":2: grade \"high\" is not an integer");
        Path twice = file("twice.qrels", "q1 0 a 2\nq1 0 a 1\n");
        assertUsage(run("eval", "--qrels", twice.toString(), a.toString()),
                twice + ":2: docno \"a\" is judged twice for query \"q1\" (first on line 1)");
        Path q = qrels();
        Path badRun = file("bad.trec", "q1 Q0 a 1 1 t\nq1 Q0 b 2 x t\n");
        assertUsage(run("eval", "--qrels", q.toString(), badRun.toString()), badRun + ":2: score \"x\" is not a number");
        assertUsage(run("eval", "--qrels", q.toString(), "-m", "bpref", a.toString()), "-m: unknown measure \"bpref\"");
        assertUsage(run("eval", "--qrels", q.toString(), "-M", "0", a.toString()), "-M must be 1 or more");
        assertUsage(run("eval", "--qrels", q.toString(), dir.resolve("none.trec").toString()), "none.trec: no such file");
        assertUsage(run("eval", a.toString()), "--qrels");
        Path other = file("other.trec", "q7 Q0 a 1 1 t\n");
        assertUsage(run("eval", "--qrels", q.toString(), other.toString()), "no query of " + other + " is in " + q);
        Path empty = file("empty.qrels", "\n");
        assertThat(run("eval", "--qrels", empty.toString(), a.toString()).code()).isEqualTo(2);
    }

    private static void assertUsage(Result result, String message) {
        assertThat(result.code()).as(result.err()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.errLines().get(0)).startsWith("rerank-workbench: error: ").contains(message);
    }
}
