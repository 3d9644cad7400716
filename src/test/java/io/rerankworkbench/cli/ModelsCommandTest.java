package io.rerankworkbench.cli;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.cli.CliRun.FakeGui;
import io.rerankworkbench.cli.CliRun.Result;
import io.rerankworkbench.rerank.ModelLoadException;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.testing.WordOverlapReranker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rerank-workbench models list|check}. Most tests lend a context whose library has the real bundled entries
 * but a scripted loader; {@link #checkLoadsARealModelFolder} loads a real one.
 */
class ModelsCommandTest {

    @TempDir
    Path tmp;

    private final List<String> loads = new ArrayList<>();
    private final Function<ModelFiles, Reranker> loader = files -> {
        loads.add(files.name());
        if (files.name().startsWith("broken")) {
            throw new ModelLoadException(files.location() + ": cannot tell what kind of model this is. Found "
                    + "inputs [input_ids[-1, -1]],\noutputs [pooled[-1, 7]]");
        }
        WordOverlapReranker r = new WordOverlapReranker(50);
        return files.name().startsWith("cross") ? r.withProbabilities() : r;
    };
    private AppContext context;

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    private RankerService library() {
        return new RankerService(ModelFiles.bundledModels(), new ModelLibraryStore(tmp.resolve("config")), loader);
    }

    private Result run(String... args) {
        if (context == null) {
            context = new AppContext(library());
        }
        return CliRun.run(ContextSource.borrowing(context), args);
    }

    private Path modelFolder(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("models").resolve(name));
        Files.write(dir.resolve("model.onnx"), new byte[2048]);
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("config.json"), "{\"max_position_embeddings\": 514, "
                + "\"model_type\": \"xlm-roberta\", \"num_hidden_layers\": 12}");
        return dir;
    }

    @Test
    void listShowsTheBundledModelsWithoutLoadingThem() {
        Result r = run("models", "list");

        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().toList()).containsExactly(
                "  NAME                 KIND        MAX LENGTH  LAYERS     SIZE  LOCATION",
                "* all-MiniLM-L6-v2     bi-encoder         256       6  86.9 MB  bundled",
                "  bge-small-en-v1.5-q  bi-encoder         512      12  33.1 MB  bundled",
                "  all-MiniLM-L6-v2-q   bi-encoder         256       6  22.6 MB  bundled");
        assertThat(loads).isEmpty();
    }

    @Test
    void listShowsAddedFoldersTheDefaultAndKindsLearnedEarlier() throws IOException {
        Path cross = modelFolder("cross-reranker");
        RankerService earlier = library(); // the app, in an earlier session
        earlier.addFolder(cross);
        earlier.setDefault("cross-reranker");
        earlier.load("bge-small-en-v1.5-q");
        earlier.close();
        loads.clear();

        Result r = run("models", "list");

        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).matches("  all-MiniLM-L6-v2 +bi-encoder +256 +6 +86\\.9 MB  bundled");
        assertThat(lines.get(2)).matches("  bge-small-en-v1\\.5-q +bi-encoder +512 +12 +33\\.1 MB  bundled");
        assertThat(lines.get(3)).matches("  all-MiniLM-L6-v2-q +bi-encoder +256 +6 +22\\.6 MB  bundled");
        assertThat(lines.get(4)).matches("\\* cross-reranker +cross-encoder +512 +12 +2\\.1 KB  "
                + java.util.regex.Pattern.quote(cross.toString()));
        assertThat(loads).as("list loads nothing").isEmpty();
    }

    @Test
    void listThroughThePublicEntryPointUsesTheUsersLibrary() {
        Result r = CliRun.run(new FakeGui(), "models", "list");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("all-MiniLM-L6-v2", "bge-small-en-v1.5-q", "bundled");
    }

    @Test
    void checkDescribesAFolderAndScoresTheSamplePair() throws IOException {
        Path cross = modelFolder("cross-reranker");

        Result r = run("models", "check", cross.toString());

        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().toList()).containsExactly(
                "Model:      cross-reranker",
                "Folder:     " + cross,
                "Kind:       cross-encoder",
                "Max length: 512 tokens",
                "Layers:     12",
                "Size:       2.1 KB",
                "Inputs:     -",
                "Outputs:    -",
                "Details:    -",
                "Sample:     \"what is the capital of france\" vs \"Paris is the capital of France.\"",
                // is/the/capital/of/france: 5 words in common; probability 5 / 6
                "Score:      5.000000 (probability 0.8333)");
        assertThat(loads).containsExactly("cross-reranker");
        assertThat(context.rankers().modelNames()).as("check adds nothing")
                .containsExactly("all-MiniLM-L6-v2", "bge-small-en-v1.5-q", "all-MiniLM-L6-v2-q");
        assertThat(tmp.resolve("config").resolve("models.json")).doesNotExist();
    }

    @Test
    void checkOfAFolderThatIsNotAModelExitsWith2OnOneLine() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertFailed(run("models", "check", empty.toString()), 2,
                empty + ": no ONNX graph found; expected one of model.onnx, onnx/model.onnx");
        assertFailed(run("models", "check", tmp.resolve("missing").toString()), 2,
                tmp.resolve("missing") + ": not a folder");
        Path broken = modelFolder("broken-graph");
        assertFailed(run("models", "check", broken.toString()), 2,
                broken + ": cannot tell what kind of model this is. Found inputs [input_ids[-1, -1]], "
                        + "outputs [pooled[-1, 7]]");
    }

    @Test
    void checkNeedsAPathAndModelsNeedsACommand() {
        assertFailed(run("models", "check"), 2, "Missing required parameter: 'PATH'");
        assertFailed(run("models"), 2, "Missing required subcommand");
        assertFailed(run("models", "lst"), 2, "lst");
    }

    @Test
    void helpListsTheSubcommands() {
        Result r = run("models", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("list", "check");
        Result top = run("--help");
        assertThat(top.out().lines()).anyMatch(l -> l.matches("\\s+models\\s+\\S.*"));
    }

    @Test
    void checkLoadsARealModelFolder() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("minilm"));
        copyResource("/all-minilm-l6-v2.onnx", dir.resolve("model.onnx"));
        copyResource("/all-minilm-l6-v2-tokenizer.json", dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 256}");

        Result r = CliRun.run(new FakeGui(), "models", "check", dir.toString());

        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Model:      minilm\n", "Kind:       bi-encoder\n",
                "Max length: 256 tokens\n", "Layers:     unknown\n", "Size:       86.9 MB\n",
                "Outputs:    last_hidden_state[-1, -1, 384]\n", "Details:    mean pooling\n");
        assertThat(r.out()).contains("input_ids[-1, -1]", "attention_mask[-1, -1]");
        String score = r.out().lines().filter(l -> l.startsWith("Score:")).findFirst().orElseThrow();
        // Cosine similarity of a query and its answer; no probability from a bi-encoder.
        assertThat(Double.parseDouble(score.substring("Score:".length()).strip())).isBetween(0.8, 0.95);
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = ModelsCommandTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            Files.copy(in, target);
        }
    }

    private static void assertFailed(Result r, int code, String mentioned) {
        assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(code);
        assertThat(r.out()).as("stdout").isEmpty();
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("rerank-workbench: error: ")
                .contains(mentioned)
                .doesNotContain("Exception", "\tat ");
    }
}
