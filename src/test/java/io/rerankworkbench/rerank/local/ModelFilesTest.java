package io.rerankworkbench.rerank.local;

import io.rerankworkbench.rerank.ModelKind;
import io.rerankworkbench.rerank.ModelLoadException;
import io.rerankworkbench.testing.Fixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Model-folder detection: good layouts and each kind of broken folder. */
class ModelFilesTest {

    private static final EngineSettings SETTINGS = new EngineSettings(8, 2048, 1, 1, 0);

    @TempDir
    Path tmp;

    /** A copy of a fixture folder that the test may break. */
    private Path copy(String fixture) throws IOException {
        Path source = Fixtures.model(fixture);
        Path target = tmp.resolve(fixture);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    @Test
    void readsTheHuggingFaceLayout() {
        ModelFiles f = ModelFiles.folder(Fixtures.model("tiny-bi-encoder"));
        assertThat(f.name()).isEqualTo("tiny-bi-encoder");
        assertThat(f.config().maxLength()).isEqualTo(64);
        assertThat(f.config().pooling()).isEqualTo(Pooling.MEAN);
        assertThat(f.config().layers()).isEqualTo(2);
        assertThat(f.sizeBytes()).isGreaterThan(100_000);
        assertThat(f.isBundled()).isFalse();
    }

    @Test
    void findsTheGraphUnderOnnxAndQuantizedNames() throws IOException {
        Path dir = copy("tiny-cross-encoder");
        Files.createDirectories(dir.resolve("onnx"));
        Files.move(dir.resolve("model.onnx"), dir.resolve("onnx").resolve("model_quantized.onnx"));
        try (LocalModel m = LocalModel.load(ModelFiles.folder(dir), SETTINGS)) {
            assertThat(m.kind()).isEqualTo(ModelKind.CROSS_ENCODER);
        }
        Files.move(dir.resolve("onnx").resolve("model_quantized.onnx"), dir.resolve("onnx").resolve("model.onnx"));
        assertThat(ModelFiles.folder(dir).name()).isEqualTo("tiny-cross-encoder");
        Files.delete(dir.resolve("onnx").resolve("model.onnx"));
        assertThatThrownBy(() -> ModelFiles.folder(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("no ONNX graph found; expected one of model.onnx, onnx/model.onnx");
    }

    @Test
    void poolingAndPromptsComeFromSentenceTransformersFiles() throws IOException {
        Path dir = copy("tiny-bi-encoder");
        Files.writeString(dir.resolve("1_Pooling").resolve("config.json"),
                "{\"pooling_mode_cls_token\": true, \"pooling_mode_mean_tokens\": false}");
        Files.writeString(dir.resolve("config_sentence_transformers.json"),
                "{\"prompts\": {\"query\": \"query: \", \"document\": \"passage: \"}}");
        Files.delete(dir.resolve("sentence_bert_config.json"));
        ModelFiles f = ModelFiles.folder(dir);
        assertThat(f.config().pooling()).isEqualTo(Pooling.CLS);
        assertThat(f.config().queryPrefix()).isEqualTo("query: ");
        assertThat(f.config().documentPrefix()).isEqualTo("passage: ");
    }

    @Test
    void maxLengthFallsBackToPositionEmbeddings() throws IOException {
        Path dir = copy("tiny-bi-encoder");
        Files.delete(dir.resolve("tokenizer_config.json"));
        Files.delete(dir.resolve("sentence_bert_config.json"));
        assertThat(ModelFiles.folder(dir).config().maxLength()).isEqualTo(64);
        Files.delete(dir.resolve("config.json"));
        assertThatThrownBy(() -> ModelFiles.folder(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("cannot tell the model's maximum length");
    }

    @Test
    void aFolderWithOnlyTheGraphAndTokenizerTakesTheMaxLengthFromTheTokenizersTruncation() throws IOException {
        Path dir = copy("tiny-bi-encoder");
        for (String f : List.of("tokenizer_config.json", "sentence_bert_config.json", "config.json",
                "special_tokens_map.json")) {
            Files.delete(dir.resolve(f));
        }
        // Saved without truncation: nothing says how long the model reads.
        assertThatThrownBy(() -> ModelFiles.folder(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("save tokenizer.json with truncation switched on");

        ObjectNode tokenizer = (ObjectNode) new ObjectMapper().readTree(dir.resolve("tokenizer.json").toFile());
        tokenizer.putObject("truncation").put("direction", "Right").put("max_length", 48)
                .put("strategy", "LongestFirst").put("stride", 0);
        new ObjectMapper().writeValue(dir.resolve("tokenizer.json").toFile(), tokenizer);
        ModelFiles files = ModelFiles.folder(dir);
        assertThat(files.config().maxLength()).isEqualTo(48);
        try (LocalModel m = LocalModel.load(files, EngineSettings.DEFAULT)) {
            assertThat(m.maxLength()).isEqualTo(48);
            assertThat(m.tokenize("word ".repeat(100)).tokensDropped()).isEqualTo(102 - 48);
        }
    }

    @Test
    void brokenFoldersGetMessagesThatSayWhatAndWhere() throws IOException {
        assertThatThrownBy(() -> ModelFiles.folder(tmp.resolve("nope"))).hasMessageEndingWith("not a folder");

        Path noTokenizer = copy("tiny-bi-encoder");
        Files.delete(noTokenizer.resolve("tokenizer.json"));
        assertThatThrownBy(() -> ModelFiles.folder(noTokenizer)).hasMessageContaining("no tokenizer.json");

        Path badJson = copy("tiny-cross-encoder");
        Files.writeString(badJson.resolve("config.json"), "{\n  \"num_hidden_layers\": 2,\n  oops\n}");
        assertThatThrownBy(() -> ModelFiles.folder(badJson)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("config.json:3: not valid JSON");

        Path badPooling = copy("tiny-bi-encoder");
        Files.writeString(badPooling.resolve("1_Pooling").resolve("config.json"),
                "{\"pooling_mode_weightedmean_tokens\": true}");
        assertThatThrownBy(() -> ModelFiles.folder(badPooling))
                .hasMessageContaining("unsupported pooling pooling_mode_weightedmean_tokens");

        Path badGraph = copy("tiny-bi-encoder");
        Files.write(badGraph.resolve("model.onnx"), new byte[]{1, 2, 3, 4, 5});
        assertThatThrownBy(() -> LocalModel.load(ModelFiles.folder(badGraph), SETTINGS))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("ONNX Runtime could not load the graph");

        Path badTokenizer = copy("tiny-bi-encoder");
        Files.writeString(badTokenizer.resolve("tokenizer.json"), "{\"not\": \"a tokenizer\"}");
        assertThatThrownBy(() -> LocalModel.load(ModelFiles.folder(badTokenizer), SETTINGS))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("could not load the tokenizer");
    }

    @Test
    void aGraphThatIsNeitherKindNamesItsInputsAndOutputs() {
        assertThatThrownBy(() -> LocalModel.load(ModelFiles.folder(Fixtures.model("tiny-unknown-kind")), SETTINGS))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("cannot tell what kind of model this is")
                .hasMessageContaining("input_ids[-1, -1]")
                .hasMessageContaining("outputs [token_scores[-1, -1]]");
    }
}
