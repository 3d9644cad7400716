package io.rerankworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.cli.CliRun.Result;
import io.rerankworkbench.explain.AxisUnit;
import io.rerankworkbench.explain.Block;
import io.rerankworkbench.explain.ExplainMethod;
import io.rerankworkbench.explain.ExplanationJson;
import io.rerankworkbench.explain.ExplanationMap;
import io.rerankworkbench.explain.Granularity;
import io.rerankworkbench.explain.MapImage;
import io.rerankworkbench.explain.OcclusionUnit;
import io.rerankworkbench.explain.Pick;
import io.rerankworkbench.explain.Segment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code rerank-workbench explain} end to end with the bundled model and the tiny cross-encoder fixture (whose
 * attention probabilities {@code reference.json} holds, computed by numpy). One context is lent to all invocations so
 * each model loads once.
 */
class ExplainCommandTest {

    private static final String QUERY = "capital of France";
    private static final String PARIS = "Paris is the capital of France.";
    /** The fixture's first reference pair. */
    private static final String PIZZA_QUERY = "best pizza in naples";
    private static final String PIZZA = "Naples is famous for its pizza, pasta and fresh bread.";

    private static AppContext shared;
    private static ContextSource borrowed;

    @TempDir
    Path dir;

    @BeforeAll
    static void shareOneContext() {
        shared = new AppContext();
        borrowed = ContextSource.borrowing(shared);
    }

    @AfterAll
    static void closeContext() {
        shared.close();
    }

    // --- the bundled bi-encoder --------------------------------------------------------------------------------

    @Test
    void miniLmIsExplainedByContributionsThatAddUpToTheScoreRerankGives() throws IOException {
        Result r = run("explain", "--query", QUERY, "--document", PARIS);
        assertSucceeded(r);

        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("method").asText()).isEqualTo("contributions");
        ExplanationMap map = ExplanationJson.read(r.out());
        assertThat(map.method()).isEqualTo(ExplainMethod.CONTRIBUTIONS);
        assertThat(map.ranker()).isEqualTo("all-MiniLM-L6-v2");

        double score = rerankScore(QUERY, PARIS);
        assertThat(map.total()).isCloseTo(score, within(1e-5));
        assertThat(Arrays.stream(map.values()).flatMapToDouble(Arrays::stream).sum()).isCloseTo(score, within(1e-5));
        assertThat(map.score()).as("the pair's score is part of the explanation").isCloseTo(score, within(1e-9));
        assertThat(map.columns()).extracting(AxisUnit::label).contains("Paris", "capital", "France");
    }

    @Test
    void csvHasTheHeaderAndOneRowPerCell() throws IOException {
        ExplanationMap map = ExplanationJson.read(assertSucceeded(run("explain", "--query", QUERY, "--document",
                PARIS)).out());

        Result r = run("explain", "--query", QUERY, "--document", PARIS, "--format", "csv");
        assertSucceeded(r);
        List<List<String>> rows = csv(r.out());
        assertThat(rows.get(0)).containsExactly("method", "ranker", "layer", "head", "block", "row_index",
                "row_text", "row_segment", "row_start", "row_end", "column_index", "column_text", "column_segment",
                "column_start", "column_end", "value");
        assertThat(rows).hasSize(1 + map.rowCount() * map.columnCount());
        assertThat(rows.subList(1, rows.size())).allSatisfy(row -> assertThat(row.get(0)).isEqualTo("contributions"));
        double sum = rows.stream().skip(1).mapToDouble(row -> Double.parseDouble(row.get(15))).sum();
        assertThat(sum).as("the cells add up to the score").isCloseTo(map.total(), within(1e-5));
    }

    @Test
    void pngIsAnImageOfTheMapAtTwiceItsSizeOnStdoutOrInAFile() throws IOException {
        ExplanationMap map = ExplanationJson.read(assertSucceeded(run("explain", "--query", QUERY, "--document",
                PARIS)).out());
        var size = MapImage.size(map, 2.0);

        Path file = dir.resolve("map.png");
        assertSucceeded(run("explain", "--query", QUERY, "--document", PARIS, "--format", "png", "-o",
                file.toString()));
        assertPng(Files.readAllBytes(file), size);

        // Standard output here is not a terminal (a pipe in real use), so the image goes there.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(bytes, true); PrintStream e = new PrintStream(err, true)) {
            code = Cli.execute(new String[] {"explain", "--query", QUERY, "--document", PARIS, "--format", "png"},
                    new CliRun.FakeGui(), o, e, borrowed);
        }
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertPng(bytes.toByteArray(), size);
    }

    @Test
    void aDocumentFileIsReadWholeAndGivesTheSameMapAsTheText() throws IOException {
        Path file = Files.writeString(dir.resolve("paris.txt"), "\uFEFF" + PARIS + "\n", StandardCharsets.UTF_8);
        ExplanationMap fromFile = ExplanationJson.read(assertSucceeded(run("explain", "--query", QUERY,
                "--document-file", file.toString())).out());
        ExplanationMap fromText = ExplanationJson.read(assertSucceeded(run("explain", "--query", QUERY,
                "--document", PARIS)).out());
        assertThat(fromFile.values()).isDeepEqualTo(fromText.values());
        assertThat(fromFile.columns()).isEqualTo(fromText.columns());
    }

    @Test
    void miniLmSelfAttentionDefaultsToTheQuery() throws IOException {
        ExplanationMap map = ExplanationJson.read(assertSucceeded(run("explain", "--query", QUERY, "--document",
                PARIS, "--method", "attention")).out());
        assertThat(map.method()).isEqualTo(ExplainMethod.ATTENTION);
        assertThat(map.block()).isEqualTo(Block.QUERY_SELF);
        assertThat(map.layer()).isEqualTo(Pick.MEAN);
        assertThat(map.head()).isEqualTo(Pick.MEAN);
    }

    @Test
    void localOcclusionScoresEveryWordOut() throws IOException {
        ExplanationMap map = ExplanationJson.read(assertSucceeded(run("explain", "--query", QUERY, "--document",
                PARIS, "--method", "occlusion")).out());
        assertThat(map.method()).isEqualTo(ExplainMethod.OCCLUSION);
        assertThat(map.unit()).isEqualTo(OcclusionUnit.WORD);
        assertThat(map.columns()).extracting(AxisUnit::label)
                .containsExactly("Paris", "is", "the", "capital", "of", "France");
        assertThat(map.baseline()).isCloseTo(rerankScore(QUERY, PARIS), within(1e-5));
        assertThat(map.values()[0]).doesNotContain(Double.NaN);
    }

    // --- the tiny cross-encoder fixture ------------------------------------------------------------------------

    @Test
    void theFixtureCrossEncoderIsExplainedByAttention() throws Exception {
        Result r = run("explain", "--model", fixture().toString(), "--query", PIZZA_QUERY, "--document", PIZZA);
        assertSucceeded(r);
        ExplanationMap map = ExplanationJson.read(r.out());
        assertThat(map.method()).isEqualTo(ExplainMethod.ATTENTION);
        assertThat(map.block()).isEqualTo(Block.QUERY_TO_DOCUMENT);
        assertThat(map.layer()).isEqualTo(Pick.MEAN);
        assertThat(map.layers()).isEqualTo(2);
        assertThat(map.heads()).isEqualTo(2);
        assertThat(map.granularity()).isEqualTo(Granularity.WORDS);
        assertThat(map.score()).isCloseTo(reference().path("logit").asDouble(), within(1e-4));
    }

    @Test
    void layerAndHeadCountFromOneAndPickTheReferenceAttention() throws Exception {
        Result r = run("explain", "--model", fixture().toString(), "--query", PIZZA_QUERY, "--document", PIZZA,
                "--layer", "2", "--head", "1", "--block", "document-to-query", "--word-pieces");
        assertSucceeded(r);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("layer").asInt()).as("1-based in the JSON too").isEqualTo(2);
        assertThat(json.path("head").asInt()).isEqualTo(1);
        ExplanationMap map = ExplanationJson.read(r.out());
        assertThat(map.layer()).as("layer 2 is index 1").isEqualTo(1);
        assertThat(map.head()).as("head 1 is index 0").isEqualTo(0);
        assertThat(map.block()).isEqualTo(Block.DOCUMENT_TO_QUERY);
        assertThat(map.granularity()).isEqualTo(Granularity.WORD_PIECES);

        // [CLS] best pizza in naples [SEP] naples is famous ... . [SEP]: query pieces 1-4, document pieces 6-17.
        JsonNode attention = reference().path("attentions").get(1).get(0);
        List<Integer> rows = indexes(map.rows(), Segment.QUERY);
        List<Integer> columns = indexes(map.columns(), Segment.DOCUMENT);
        assertThat(rows).hasSize(4);
        assertThat(columns).hasSize(12);
        assertThat(map.columns().get(columns.get(0)).label()).isEqualTo("naples");
        for (int q = 0; q < rows.size(); q++) {
            for (int d = 0; d < columns.size(); d++) {
                // Document → query is drawn transposed: the cell (query q, document d) is what d pays to q.
                assertThat(map.value(rows.get(q), columns.get(d))).as("query %d, document %d", q, d)
                        .isCloseTo(attention.get(6 + d).get(1 + q).asDouble(), within(1e-4));
            }
        }
    }

    @Test
    void aLayerOutOfRangeNamesTheRange() throws Exception {
        Path out = dir.resolve("out.json");
        Result r = run("explain", "--model", fixture().toString(), "--query", PIZZA_QUERY, "--document", PIZZA,
                "--layer", "9", "-o", out.toString());
        assertFailed(r, 2, "--layer 9");
        assertThat(r.err()).contains("2 layers").contains("1-2");
        assertThat(out).doesNotExist();

        Result head = run("explain", "--model", fixture().toString(), "--query", PIZZA_QUERY, "--document", PIZZA,
                "--head", "3");
        assertFailed(head, 2, "--head 3");
        assertThat(head.err()).contains("1-2");
    }

    @Test
    void aBlockTheModelHasNotAndAMethodItCannotDoAreRefusedWithTheReason() throws Exception {
        Result block = run("explain", "--model", fixture().toString(), "--query", PIZZA_QUERY, "--document", PIZZA,
                "--block", "query-self");
        assertFailed(block, 2, "--block query-self");
        assertThat(block.err()).contains("query-to-document, document-to-query, both");
        Result contributions = run("explain", "--model", fixture().toString(), "--query", PIZZA_QUERY,
                "--document", PIZZA, "--method", "contributions");
        assertFailed(contributions, 2, "--method contributions");
        assertThat(contributions.err()).contains("attention, occlusion");
        assertFailed(run("explain", "--query", QUERY, "--document", PARIS, "--method", "similarity"), 2,
                "mean-pools");
    }

    // --- errors ------------------------------------------------------------------------------------------------

    @Test
    void documentAndDocumentFileAreExclusiveAndOneIsRequired() throws IOException {
        Path file = Files.writeString(dir.resolve("doc.txt"), PARIS);
        Path out = dir.resolve("out.json");
        assertFailed(run("explain", "--query", QUERY, "--document", PARIS, "--document-file", file.toString(),
                "-o", out.toString()), 2, "mutually exclusive");
        assertFailed(run("explain", "--query", QUERY, "-o", out.toString()), 2, "--document");
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingOrEmptyDocumentFileIsNamed() throws IOException {
        Path out = dir.resolve("out.json");
        Path missing = dir.resolve("nope.txt");
        assertFailed(run("explain", "--query", QUERY, "--document-file", missing.toString(), "-o", out.toString()),
                2, missing + ": file not found");
        Path blank = Files.writeString(dir.resolve("blank.txt"), " \n\n");
        assertFailed(run("explain", "--query", QUERY, "--document-file", blank.toString()), 2,
                blank + ": the file is empty");
        Path latin1 = Files.write(dir.resolve("latin1.txt"), "Caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertFailed(run("explain", "--query", QUERY, "--document-file", latin1.toString()), 2,
                latin1 + ":1: not valid UTF-8 text");
        assertThat(out).doesNotExist();
    }

    @Test
    void anUnknownMethodOrBlockListsTheKnownOnes() {
        assertFailed(run("explain", "--query", QUERY, "--document", PARIS, "--method", "saliency"), 2,
                "unknown method 'saliency'; use attention, contributions, similarity or occlusion");
        assertFailed(run("explain", "--query", QUERY, "--document", PARIS, "--block", "diagonal"), 2,
                "unknown block 'diagonal'");
    }

    @Test
    void occlusionOfAOneWordDocumentIsRefused() {
        Path out = dir.resolve("out.json");
        Result r = run("explain", "--query", QUERY, "--document", "Paris.", "--method", "occlusion", "-o",
                out.toString());
        assertFailed(r, 2, "at least two words");
        assertThat(out).doesNotExist();
    }

    @Test
    void optionsThatDoNotApplyToTheMethodAreRefused() {
        assertFailed(run("explain", "--query", QUERY, "--document", PARIS, "--layer", "1"), 2,
                "--layer applies to attention maps");
        assertThat(run("explain", "--query", QUERY, "--document", PARIS, "--layer", "1").err())
                .contains("all-MiniLM-L6-v2 is explained by contributions by default");
        assertFailed(run("explain", "--query", QUERY, "--document", PARIS, "--method", "attention", "--unit",
                "word"), 2, "--unit applies to occlusion");
        assertFailed(run("explain", "--query", QUERY, "--document", PARIS, "--method", "occlusion",
                "--word-pieces"), 2, "--word-pieces does not apply");
        assertFailed(run("explain", "--query", QUERY, "--document", PARIS, "--layer", "0"), 2,
                "--layer takes a number from 1, or mean; was '0'");
        assertFailed(run("explain", "--query", " ", "--document", PARIS), 2, "--query must not be empty");
    }

    @Test
    void anUnknownModelOrAMissingOutputFolderFailsBeforeLoading() {
        assertFailed(run("explain", "--model", "nope", "--query", QUERY, "--document", PARIS), 2,
                "unknown model \"nope\"; available: ");
        assertFailed(run("explain", "--query", QUERY, "--document", PARIS, "-o",
                dir.resolve("no/such/out.json").toString()), 2, "does not exist");
    }

    @Test
    void helpDescribesTheCommandAndItsExitCodes() {
        Result r = run("explain", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--method", "--layer", "--document-file", "occlusion", "bills", "Exit codes:",
                "docs/explain.md", "--output");
        assertThat(run("--help").out()).contains("explain");
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static Result run(String... args) {
        return CliRun.run(borrowed, args);
    }

    private Path docs(String document) throws IOException {
        return Files.writeString(dir.resolve("docs-" + Math.abs(document.hashCode()) + ".txt"), document + "\n");
    }

    /** The score {@code rerank} gives the pair. */
    private double rerankScore(String query, String document) throws IOException {
        Result r = run("rerank", "--query", query, "--candidates", docs(document).toString());
        assertSucceeded(r);
        List<List<String>> rows = csv(r.out());
        return Double.parseDouble(rows.get(1).get(rows.get(0).indexOf("score")));
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(ExplainCommandTest.class.getResource("/models/tiny-cross-encoder"))
                .toURI());
    }

    private static JsonNode reference() throws IOException {
        try (InputStream in = ExplainCommandTest.class.getResourceAsStream(
                "/models/tiny-cross-encoder/reference.json")) {
            return new ObjectMapper().readTree(in).path("pairs").get(0);
        }
    }

    private static List<Integer> indexes(List<AxisUnit> units, Segment segment) {
        return java.util.stream.IntStream.range(0, units.size()).filter(i -> units.get(i).segment() == segment)
                .boxed().toList();
    }

    private static void assertPng(byte[] bytes, java.awt.Dimension size) throws IOException {
        assertThat(Arrays.copyOf(bytes, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image.getWidth()).isEqualTo(size.width);
        assertThat(image.getHeight()).isEqualTo(size.height);
    }

    private static Result assertSucceeded(Result r) {
        assertThat(r.err()).as("stderr").isEmpty();
        assertThat(r.code()).as("exit code").isZero();
        return r;
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
}
