package io.rerankworkbench.cli;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.cli.CliRun.Result;
import io.rerankworkbench.rerank.LongDocuments;
import io.rerankworkbench.rerank.ModelLoadException;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.testing.WordOverlapReranker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rerank --model NAME|PATH}, {@code --long-documents} and {@code --chunk-overlap}, with scripted rankers. */
class RerankModelOptionsTest {

    @TempDir
    Path tmp;

    /** Every ranker the loader made, by the model's name (a folder's name for a folder). */
    private final Map<String, WordOverlapReranker> made = new LinkedHashMap<>();
    private AppContext context;
    private Path docs;

    @BeforeEach
    void setUp() throws IOException {
        RankerService rankers = new RankerService(ModelFiles.bundledModels(), ModelLibraryStore.inMemory(), files -> {
            if (files.name().startsWith("broken")) {
                throw new ModelLoadException(files.location() + ": ONNX Runtime could not load the graph: "
                        + "protobuf parsing failed");
            }
            WordOverlapReranker r = new WordOverlapReranker(4);
            made.put(files.name(), r);
            return r;
        });
        context = new AppContext(rankers);
        docs = Files.writeString(tmp.resolve("docs.txt"),
                "Bananas are yellow.\nParis is the capital of France and its largest city.\n");
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    private Result run(String... args) {
        return CliRun.run(ContextSource.borrowing(context), args);
    }

    private Path modelFolder(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.write(dir.resolve("model.onnx"), new byte[16]);
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 128}");
        return dir;
    }

    @Test
    void aModelNameIsMatchedIgnoringCase() {
        Result r = run("rerank", "--query", "capital", "--candidates", docs.toString(), "--model", "BGE-small-en-v1.5-q");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(made).containsOnlyKeys("bge-small-en-v1.5-q");
    }

    @Test
    void aModelFolderPathIsOpenedAsIsAndNamesTheTrecRun() throws IOException {
        Path folder = modelFolder("my-reranker");
        Result r = run("rerank", "--query", "capital", "--candidates", docs.toString(), "--model", folder.toString(),
                "--format", "trec");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(made).containsOnlyKeys("my-reranker");
        assertThat(r.out().lines()).hasSize(2).allMatch(l -> l.endsWith(" rerank-workbench-my-reranker"));
        assertThat(context.rankers().modelNames()).as("not added to the library")
                .containsExactly("all-MiniLM-L6-v2", "bge-small-en-v1.5-q", "all-MiniLM-L6-v2-q");
    }

    @Test
    void anUnknownNameThatIsNoFolderKeepsTheOldError() {
        Result r = run("rerank", "--query", "x", "--candidates", docs.toString(), "--model",
                tmp.resolve("nowhere").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("rerank-workbench: error: unknown model \"" + tmp.resolve("nowhere")
                + "\"; available: all-MiniLM-L6-v2, bge-small-en-v1.5-q, all-MiniLM-L6-v2-q");
        assertThat(made).isEmpty();
    }

    @Test
    void aFolderThatIsNotAModelIsBadInput() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Result r = run("rerank", "--query", "x", "--candidates", docs.toString(), "--model", empty.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("rerank-workbench: error: could not load the model: " + empty + ": no ONNX graph found");

        Path broken = modelFolder("broken-model");
        r = run("rerank", "--query", "x", "--candidates", docs.toString(), "--model", broken.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().isEqualTo("rerank-workbench: error: could not load "
                + "the model: " + broken + ": ONNX Runtime could not load the graph: protobuf parsing failed");
    }

    @Test
    void longDocumentsAreTruncatedByDefaultAndChunkedOnRequest() {
        Result truncated = run("rerank", "--query", "capital", "--candidates", docs.toString());
        assertThat(truncated.code()).isZero();
        assertThat(made.get("all-MiniLM-L6-v2").lastOptions()).isEqualTo(RerankOptions.DEFAULT);
        assertThat(truncated.out()).contains(",true,Paris is the capital");

        Result chunked = run("rerank", "--query", "capital", "--candidates", docs.toString(),
                "--long-documents", "CHUNK");
        assertThat(chunked.err()).isEmpty();
        assertThat(chunked.code()).isZero();
        assertThat(made.get("all-MiniLM-L6-v2").lastOptions())
                .isEqualTo(new RerankOptions(LongDocuments.CHUNK, RerankOptions.DEFAULT_CHUNK_OVERLAP));
        assertThat(chunked.out()).as("a chunked document is not truncated").contains(",false,Paris is the capital");

        run("rerank", "--query", "capital", "--candidates", docs.toString(), "--long-documents", "chunk",
                "--chunk-overlap", "0");
        assertThat(made.get("all-MiniLM-L6-v2").lastOptions()).isEqualTo(RerankOptions.chunked(0));
    }

    @Test
    void devZeroAsCandidatesIsBadInputNamedWithItsLine() {
        org.assertj.core.api.Assumptions.assumeThat(Files.exists(Path.of("/dev/zero"))).isTrue();
        Result r = run("rerank", "--query", "capital", "--candidates", "/dev/zero");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("/dev/zero:1: contains a NUL character");
    }

    @Test
    void utf16QueriesWithoutAMarkAreReadAsTheImportersReadThem() throws IOException {
        Path queries = Files.write(tmp.resolve("queries.tsv"),
                "q1\tcapital of france\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        Path candidates = Files.write(tmp.resolve("utf16-docs.txt"),
                "Paris is the capital\nLyon\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        Result r = run("rerank", "--queries", queries.toString(), "--candidates", candidates.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Paris is the capital").doesNotContain("\0");
    }

    @Test
    void anOverlapLargerThanHalfAWindowIsReportedNotSilentlyClamped() {
        Result r = run("rerank", "--query", "capital", "--candidates", docs.toString(), "--long-documents", "chunk",
                "--chunk-overlap", "100000");
        assertThat(r.code()).isZero();
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("rerank-workbench: warning: --chunk-overlap 100000 is more than half of a window");
        Result fine = run("rerank", "--query", "capital", "--candidates", docs.toString(), "--long-documents",
                "chunk", "--chunk-overlap", "2");
        assertThat(fine.err()).isEmpty();
    }

    @Test
    void badLongDocumentOptionsAreUsageErrors() {
        String[] base = {"rerank", "--query", "x", "--candidates", docs.toString()};
        assertUsageError(run(concat(base, "--long-documents", "summarize")), "--long-documents");
        assertUsageError(run(concat(base, "--chunk-overlap", "16")),
                "--chunk-overlap applies only with --long-documents chunk");
        assertUsageError(run(concat(base, "--long-documents", "chunk", "--chunk-overlap", "-1")),
                "--chunk-overlap must be at least 0, was -1");
        assertThat(made).as("nothing is loaded for a usage error").isEmpty();
    }

    @Test
    void helpNamesTheNewOptions() {
        Result r = run("rerank", "--help");
        assertThat(r.out()).contains("--model=NAME|PATH", "--long-documents=truncate|chunk", "--chunk-overlap=N");
    }

    private static void assertUsageError(Result r, String mentioned) {
        assertThat(r.code()).as("stderr: %s", r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).singleElement().asString().startsWith("rerank-workbench: error: ")
                .contains(mentioned);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
