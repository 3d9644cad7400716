package io.rerankworkbench.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.cli.CliRun.FakeGui;
import io.rerankworkbench.cli.CliRun.Result;
import io.rerankworkbench.io.exports.RankedListCsvWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rerank-workbench rerank} end to end with the bundled model. One context is lent to all invocations so the
 * model loads once; {@link #publicEntryPointLoadsItsOwnModelQuietly} covers the real per-invocation context.
 */
class RerankCommandTest {

    private static final List<String> CSV_HEADER =
            List.of("query_id", "query", "run", "ranker", "model", "rank", "doc_id", "score", "original_rank", "label",
                    "truncated", "text", "variant", "variant_text");
    private static final String PARIS = "Paris is the capital of France.";
    private static final String BANANAS = "Bananas are yellow.";
    private static final String MARKETS = "The stock market fell sharply on Monday.";

    private static AppContext shared;
    private static ContextSource borrowed;

    @TempDir
    Path dir;

    private Path docs;

    @BeforeAll
    static void shareOneContext() {
        shared = new AppContext();
        borrowed = ContextSource.borrowing(shared);
    }

    @AfterAll
    static void closeContext() {
        shared.close();
    }

    @BeforeEach
    void writeCandidates() throws IOException {
        docs = write("docs.txt", BANANAS + "\n" + PARIS + "\n\n" + MARKETS + "\n");
    }

    // --- success ---------------------------------------------------------------------------------------------

    @Test
    void plainTextCandidatesGiveCsvOnStdout() throws IOException {
        Result r = run("rerank", "--query", "capital of France", "--candidates", docs.toString());
        assertSucceeded(r);

        List<List<String>> rows = csv(r.out());
        assertThat(rows.get(0)).isEqualTo(CSV_HEADER)
                .as("the window's and project export's columns").isEqualTo(RankedListCsvWriter.COLUMNS);
        assertThat(rows).hasSize(4);
        // The app's ranked-list format: nothing is kept or graded here, so run, label and the variant are empty.
        assertThat(rows.get(1)).containsExactly("1", "capital of France", "", rows.get(1).get(3), "all-MiniLM-L6-v2",
                "1", "2", rows.get(1).get(7), "2", "", "false", PARIS, "", "");
        assertThat(rows.get(1).get(3)).contains("bi-encoder");
        assertThat(column(rows, "rank")).containsExactly("1", "2", "3");
        assertThat(column(rows, "score")).allMatch(s -> s.matches("-?\\d+\\.\\d{6,}"), "plain decimal");
        assertCrlfRows(r.out(), 4);
    }

    @Test
    void jsonlCandidatesJoinTitleAndTextAndUseTheirIds() throws IOException {
        Path corpus = write("corpus.jsonl", String.join("\n",
                "{\"_id\": \"doc-paris\", \"title\": \"Paris\", \"text\": \"" + PARIS + "\", \"url\": \"http://x\"}",
                "{\"_id\": \"doc-banana\", \"text\": \"" + BANANAS + "\", \"metadata\": {\"n\": 1}}",
                "{\"_id\": 42, \"title\": \"Markets\", \"text\": \"" + MARKETS + "\", \"score\": 3.5}"));
        Result r = run("rerank", "--query", "capital of France", "--candidates", corpus.toString());
        assertSucceeded(r);

        Map<String, List<String>> byDoc = csv(r.out()).stream().skip(1)
                .collect(Collectors.toMap(row -> row.get(6), Function.identity()));
        assertThat(byDoc.keySet()).containsExactlyInAnyOrder("doc-paris", "doc-banana", "42");
        assertThat(byDoc.get("doc-paris").get(11)).isEqualTo("Paris " + PARIS);
        assertThat(byDoc.get("doc-paris").get(5)).isEqualTo("1");
        assertThat(byDoc.get("doc-banana").get(11)).isEqualTo(BANANAS);
        assertThat(byDoc.get("42").get(11)).isEqualTo("Markets " + MARKETS);
        assertThat(byDoc.get("42").get(8)).as("original rank is the input order").isEqualTo("3");
    }

    @Test
    void tsvQueriesAreEachRankedIndependently() throws IOException {
        Path queries = write("queries.tsv", "q1\tcapital of France\nq2\tyellow fruit\n");
        Result r = run("rerank", "--queries", queries.toString(), "--candidates", docs.toString());
        assertSucceeded(r);

        List<List<String>> rows = csv(r.out()).subList(1, 7);
        assertThat(rows).extracting(row -> row.get(0)).containsExactly("q1", "q1", "q1", "q2", "q2", "q2");
        assertThat(rows).extracting(row -> row.get(5)).containsExactly("1", "2", "3", "1", "2", "3");
        assertThat(rows.get(0)).contains("capital of France", PARIS);
        assertThat(rows.get(3)).contains("yellow fruit", BANANAS);
    }

    @Test
    void jsonlQueriesGiveATrecRun() throws IOException {
        Path queries = write("queries.jsonl",
                "{\"_id\": \"q1\", \"text\": \"capital of France\"}\n{\"_id\": \"q2\", \"text\": \"yellow fruit\"}\n");
        Result r = run("rerank", "--queries", queries.toString(), "--candidates", docs.toString(),
                "--format", "trec");
        assertSucceeded(r);

        List<String[]> lines = trec(r.out());
        assertThat(lines).hasSize(6);
        assertRanksPerQuery(lines, Map.of("q1", List.of(1, 2, 3), "q2", List.of(1, 2, 3)));
        assertThat(lines.get(0)).startsWith("q1", "Q0", "2", "1");      // Paris is line 2
        assertThat(lines.get(3)).startsWith("q2", "Q0", "1", "1");      // Bananas is line 1
        assertThat(lines).allSatisfy(l -> assertThat(l[5]).isEqualTo("rerank-workbench-all-MiniLM-L6-v2"));
    }

    @Test
    void topKKeepsTheBestPerQuery() throws IOException {
        Path queries = write("queries.tsv", "q1\tcapital of France\nq2\tyellow fruit\n");
        Result trec = run("rerank", "--queries", queries.toString(), "--candidates", docs.toString(),
                "--format", "TREC", "--top-k", "2", "--run-tag", "my-run");
        assertSucceeded(trec);
        List<String[]> lines = trec(trec.out());
        assertRanksPerQuery(lines, Map.of("q1", List.of(1, 2), "q2", List.of(1, 2)));
        assertThat(lines).allSatisfy(l -> assertThat(l[5]).isEqualTo("my-run"));

        Result csv = run("rerank", "--queries", queries.toString(), "--candidates", docs.toString(),
                "--top-k", "2");
        assertThat(csv(csv.out())).hasSize(1 + 4);
    }

    @Test
    void outputFileHoldsWhatStdoutWouldAndNothingElse() throws IOException {
        for (String format : List.of("csv", "trec")) {
            String[] args = {"rerank", "--query", "capital of France", "--candidates", docs.toString(),
                    "--format", format};
            Result toStdout = run(args);
            Path target = dir.resolve("results." + format);
            Result toFile = run(concat(args, "--output", target.toString()));
            assertSucceeded(toFile);
            assertThat(toFile.out()).isEmpty();
            assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo(toStdout.out());
        }
        assertThat(partFiles(dir)).isEmpty();
    }

    @Test
    void publicEntryPointLoadsItsOwnModelQuietly() {
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        List<LogRecord> belowWarning = new ArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() < Level.WARNING.intValue()) {
                    belowWarning.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        root.addHandler(recorder);
        Result r;
        try {
            // A fresh context loads the model, which logs its inputs and outputs at INFO.
            r = CliRun.run(new FakeGui(), "rerank", "--query", "capital of France", "--candidates", docs.toString());
        } finally {
            root.removeHandler(recorder);
        }
        assertSucceeded(r);
        assertThat(csv(r.out()).get(1)).contains(PARIS);
        assertThat(belowWarning).extracting(LogRecord::getMessage).isEmpty();
        assertThat(root.getLevel()).as("logging level restored").isEqualTo(before);
    }

    @Test
    void aModelFolderGivenByPathScoresLikeTheBundledModel() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("minilm-folder"));
        for (String[] copy : new String[][]{{"/all-minilm-l6-v2.onnx", "model.onnx"},
                {"/all-minilm-l6-v2-tokenizer.json", "tokenizer.json"}}) {
            try (var in = RerankCommandTest.class.getResourceAsStream(copy[0])) {
                Files.copy(in, folder.resolve(copy[1]));
            }
        }
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"model_max_length\": 256}");

        Result bundled = run("rerank", "--query", "capital of France", "--candidates", docs.toString());
        Result byPath = run("rerank", "--query", "capital of France", "--candidates", docs.toString(),
                "--model", folder.toString());
        assertSucceeded(byPath);
        // The same rows; only the model column names what was used: the folder instead of the library name.
        assertThat(byPath.out()).isNotEqualTo(bundled.out()).contains(",minilm-folder,")
                .isEqualTo(bundled.out().replace(",all-MiniLM-L6-v2,", ",minilm-folder,"));
    }

    // --- failure ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"missing file", "empty file", "malformed jsonl", "unknown option", "top-k 0"})
    void badInputExitsWith2OnOneLineAndWritesNoFile(String scenario) throws IOException {
        Path outDir = Files.createDirectory(dir.resolve("out"));
        Path target = outDir.resolve("results.csv");
        List<String> args = new ArrayList<>(List.of("rerank", "--query", "capital of France",
                "--output", target.toString()));
        String mentioned;
        switch (scenario) {
            case "missing file" -> {
                args.addAll(List.of("--candidates", dir.resolve("nope.txt").toString()));
                mentioned = "nope.txt: file not found";
            }
            case "empty file" -> {
                args.addAll(List.of("--candidates", write("empty.txt", "\n  \n").toString()));
                mentioned = "empty.txt: the file is empty";
            }
            case "malformed jsonl" -> {
                Path bad = write("bad.jsonl", "{\"_id\": \"a\", \"text\": \"x\"}\n{\"_id\": \"b\", \"text\": \"y\"}\n"
                        + "{\"_id\": \"c\", \"text\": \n");
                args.addAll(List.of("--candidates", bad.toString()));
                mentioned = "bad.jsonl:3: not valid JSON";
            }
            case "unknown option" -> {
                args.addAll(List.of("--candidates", docs.toString(), "--bogus"));
                mentioned = "--bogus";
            }
            case "top-k 0" -> {
                args.addAll(List.of("--candidates", docs.toString(), "--top-k", "0"));
                mentioned = "--top-k";
            }
            default -> throw new IllegalArgumentException(scenario);
        }
        Result r = run(args.toArray(String[]::new));
        assertFailed(r, 2, mentioned);
        assertThat(target).doesNotExist();
        try (Stream<Path> left = Files.list(outDir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void malformedQueriesFileNamesFileAndLine() throws IOException {
        Path queries = write("queries.tsv", "q1\tcapital of France\nno tab here\n");
        Result r = run("rerank", "--queries", queries.toString(), "--candidates", docs.toString());
        assertFailed(r, 2, "queries.tsv:2: expected id<TAB>text");
    }

    @Test
    void queryAndQueriesAreMutuallyExclusiveAndOneIsRequired() throws IOException {
        Path queries = write("queries.tsv", "q1\tcapital of France\n");
        assertFailed(run("rerank", "--candidates", docs.toString()), 2, "--query");
        assertFailed(run("rerank", "--query", "x", "--queries", queries.toString(), "--candidates", docs.toString()),
                2, "mutually exclusive");
        assertFailed(run("rerank", "--query", "x"), 2, "--candidates");
    }

    @Test
    void unknownModelListsTheAvailableOnes() {
        Result r = run("rerank", "--query", "x", "--candidates", docs.toString(), "--model", "bert-huge");
        assertFailed(r, 2, "");
        assertThat(r.err().strip())
                .isEqualTo("rerank-workbench: error: unknown model \"bert-huge\"; available: all-MiniLM-L6-v2, "
                        + "bge-small-en-v1.5-q, all-MiniLM-L6-v2-q");
    }

    @Test
    void whitespaceInAnIdIsRejectedForTrecBeforeAnythingIsWritten() throws IOException {
        Path corpus = write("corpus.jsonl", "{\"_id\": \"d1\", \"text\": \"" + PARIS + "\"}\n"
                + "{\"_id\": \"doc two\", \"text\": \"" + BANANAS + "\"}\n");
        Path target = dir.resolve("run.trec");
        Result r = run("rerank", "--query", "capital of France", "--candidates", corpus.toString(),
                "--format", "trec", "--output", target.toString());
        assertFailed(r, 2, "\"doc two\"");
        assertThat(target).doesNotExist();

        Path queries = write("queries.tsv", "q1\tcapital of France\nquery 2\tyellow fruit\n");
        assertFailed(run("rerank", "--queries", queries.toString(), "--candidates", docs.toString(),
                "--format", "trec"), 2, "\"query 2\"");
        assertFailed(run("rerank", "--query", "x", "--candidates", docs.toString(), "--format", "trec",
                "--run-tag", "my run"), 2, "--run-tag");
        assertThat(partFiles(dir)).isEmpty();
    }

    @Test
    void missingOutputFolderOrAFolderAsOutputIsRejected() {
        Path target = dir.resolve("no-such-folder").resolve("results.csv");
        assertFailed(run("rerank", "--query", "x", "--candidates", docs.toString(), "--output", target.toString()),
                2, "no-such-folder");
        assertThat(target.getParent()).doesNotExist();
        assertFailed(run("rerank", "--query", "x", "--candidates", docs.toString(), "--output", dir.toString()),
                2, "is a folder");
        assertThat(dir).isDirectory();
    }

    @Test
    void aFailedRunLeavesAnExistingOutputFileAlone() throws IOException {
        Path target = write("results.csv", "previous results\n");
        Result r = run("rerank", "--query", "x", "--candidates", dir.resolve("nope.txt").toString(),
                "--output", target.toString());
        assertFailed(r, 2, "nope.txt");
        assertThat(target).hasContent("previous results");
    }

    @Test
    void aStdoutThatCannotBeWrittenIsAFailure() {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.execute(new String[]{"rerank", "--query", "capital of France", "--candidates", docs.toString()},
                new FakeGui(), new PrintStream(full, false, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), borrowed);
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .startsWith("rerank-workbench: error: stdout: could not write")
                .doesNotContain("\n");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static Result run(String... args) {
        return CliRun.run(borrowed, args);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static void assertSucceeded(Result r) {
        assertThat(r.err()).as("stderr").isEmpty();
        assertThat(r.code()).as("exit code").isZero();
    }

    private static void assertFailed(Result r, int code, String mentioned) {
        assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(code);
        assertThat(r.out()).as("stdout").isEmpty();
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("rerank-workbench: error: ")
                .contains(mentioned)
                .doesNotContain("Exception", "\tat ");
    }

    private static List<List<String>> csv(String text) {
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(text)) {
            return rows.readAll();
        } catch (IOException e) {
            throw new AssertionError("not CSV: " + text, e);
        }
    }

    private static List<String> column(List<List<String>> rows, String name) {
        int index = rows.get(0).indexOf(name);
        return rows.stream().skip(1).map(row -> row.get(index)).toList();
    }

    private static void assertCrlfRows(String text, int rows) {
        assertThat(text).endsWith("\r\n");
        assertThat(text.split("\r\n")).hasSize(rows);
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    private static List<String[]> trec(String text) {
        assertThat(text).endsWith("\n");
        List<String> lines = text.lines().toList();
        assertThat(lines).allSatisfy(l -> assertThat(l).matches("^\\S+ Q0 \\S+ \\d+ -?\\d+\\.\\d{6,} \\S+$"));
        return lines.stream().map(l -> l.split(" ")).toList();
    }

    private static void assertRanksPerQuery(List<String[]> lines, Map<String, List<Integer>> expected) {
        Map<String, List<Integer>> ranks = lines.stream().collect(Collectors.groupingBy(l -> l[0],
                Collectors.mapping(l -> Integer.parseInt(l[3]), Collectors.toList())));
        assertThat(ranks).isEqualTo(expected);
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static List<Path> partFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }
}
