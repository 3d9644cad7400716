package io.rerankworkbench.rerank.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rerankworkbench.rerank.ModelKind;
import io.rerankworkbench.rerank.ModelLoadException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a local model's graph and tokenizer are, and its configuration: a model bundled on the class path, or a
 * folder in the Hugging Face export layout ({@code model.onnx} or {@code onnx/model.onnx} or a quantized variant,
 * {@code tokenizer.json}, optional {@code config.json}, {@code tokenizer_config.json},
 * {@code 1_Pooling/config.json}, {@code config_sentence_transformers.json}).
 */
public final class ModelFiles {

    public static final String BUNDLED = "bundled";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> GRAPH_CANDIDATES = List.of("model.onnx", "onnx/model.onnx",
            "model_quantized.onnx", "onnx/model_quantized.onnx");

    private final String name;
    private final String location;
    private final String onnxSource;
    private final String tokenizerSource;
    private final boolean classpath;
    private final ModelConfig config;
    private final long sizeBytes;
    private final ModelKind declaredKind;

    private ModelFiles(String name, String location, String onnxSource, String tokenizerSource, boolean classpath,
                       ModelConfig config, long sizeBytes, ModelKind declaredKind) {
        this.name = Objects.requireNonNull(name);
        this.location = location;
        this.onnxSource = onnxSource;
        this.tokenizerSource = tokenizerSource;
        this.classpath = classpath;
        this.config = config;
        this.sizeBytes = sizeBytes;
        this.declaredKind = declaredKind;
    }

    /** sentence-transformers/all-MiniLM-L6-v2: 6 layers, 384 dimensions, mean pooling, trained with 256 tokens. */
    public static ModelFiles allMiniLmL6V2() {
        return bundled("all-MiniLM-L6-v2", "/all-minilm-l6-v2.onnx", "/all-minilm-l6-v2-tokenizer.json",
                new ModelConfig(256, Pooling.MEAN, "", "", 6), 90_387_606L + 711_661L, ModelKind.BI_ENCODER);
    }

    /**
     * BAAI/bge-small-en-v1.5, int8-quantized: 12 layers, 384 dimensions, CLS pooling, 512 tokens; its authors prefix
     * retrieval queries with an instruction, documents with nothing.
     */
    public static ModelFiles bgeSmallEnV15Quantized() {
        return bundled("bge-small-en-v1.5-q", "/bge-small-en-v1.5-q.onnx", "/bge-small-en-v1.5-q-tokenizer.json",
                new ModelConfig(512, Pooling.CLS, "Represent this sentence for searching relevant passages: ", "",
                        12), 34_014_426L + 711_396L, ModelKind.BI_ENCODER);
    }

    /**
     * all-MiniLM-L6-v2 with its weights quantized to int8: the same 6 layers, tokenizer and pooling as the fp32 model,
     * about 1.8× faster on a CPU, with rankings that agree closely with fp32's (docs/benchmarks.md). The fast choice
     * for retrieval over a corpus and for big candidate sets.
     */
    public static ModelFiles allMiniLmL6V2Quantized() {
        return bundled("all-MiniLM-L6-v2-q", "/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json",
                new ModelConfig(256, Pooling.MEAN, "", "", 6), 22_972_370L + 711_661L, ModelKind.BI_ENCODER);
    }

    /** The models shipped with the app, the default first. */
    public static List<ModelFiles> bundledModels() {
        return List.of(allMiniLmL6V2(), bgeSmallEnV15Quantized(), allMiniLmL6V2Quantized());
    }

    /** A model from class-path resources, of a kind not known until it is loaded. */
    public static ModelFiles bundled(String name, String onnxResource, String tokenizerResource, ModelConfig config,
                                     long sizeBytes) {
        return bundled(name, onnxResource, tokenizerResource, config, sizeBytes, null);
    }

    /**
     * A model from class-path resources whose kind is known from what it is (the graph still decides once loaded).
     *
     * @param kind null when not known
     */
    public static ModelFiles bundled(String name, String onnxResource, String tokenizerResource, ModelConfig config,
                                     long sizeBytes, ModelKind kind) {
        return new ModelFiles(name, BUNDLED, onnxResource, tokenizerResource, true, config, sizeBytes, kind);
    }

    /**
     * Reads a model folder's layout and configuration (not the graph itself: that happens when it is loaded).
     *
     * @throws ModelLoadException naming the folder and what is missing or malformed
     */
    public static ModelFiles folder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException(dir + ": not a folder");
        }
        Path graph = GRAPH_CANDIDATES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new ModelLoadException(dir + ": no ONNX graph found; expected one of "
                        + String.join(", ", GRAPH_CANDIDATES)));
        Path tokenizer = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) {
            throw new ModelLoadException(dir + ": no tokenizer.json (the Hugging Face fast-tokenizer file) found");
        }
        JsonNode config = readJson(dir.resolve("config.json"));
        JsonNode tokenizerConfig = readJson(dir.resolve("tokenizer_config.json"));
        JsonNode pooling = readJson(dir.resolve("1_Pooling").resolve("config.json"));
        JsonNode stConfig = readJson(dir.resolve("config_sentence_transformers.json"));
        JsonNode sentenceBert = readJson(dir.resolve("sentence_bert_config.json"));

        int maxLength = maxLength(dir, config, tokenizerConfig, sentenceBert, tokenizer);
        Pooling mode = pooling(dir, pooling);
        String queryPrefix = prompt(stConfig, "query");
        String documentPrefix = prompt(stConfig, "document", "passage", "corpus");
        int layers = config == null ? 0 : config.path("num_hidden_layers").asInt(0);
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        return new ModelFiles(name, dir.toAbsolutePath().normalize().toString(), graph.toString(),
                tokenizer.toString(), false, new ModelConfig(maxLength, mode, queryPrefix, documentPrefix, layers),
                folderSize(dir), null);
    }

    private static int maxLength(Path dir, JsonNode config, JsonNode tokenizerConfig, JsonNode sentenceBert,
                                 Path tokenizer) {
        // sentence-transformers' max_seq_length is what the model was trained with; then the tokenizer's own limit
        // (transformers writes a huge sentinel when there is none), then the position embeddings.
        if (sentenceBert != null && sentenceBert.path("max_seq_length").asInt(0) >= 4) {
            return sentenceBert.get("max_seq_length").asInt();
        }
        if (tokenizerConfig != null) {
            long m = tokenizerConfig.path("model_max_length").asLong(0);
            if (m >= 4 && m <= 1_000_000) {
                return (int) m;
            }
        }
        if (config != null && config.path("max_position_embeddings").asInt(0) >= 4) {
            int positions = config.get("max_position_embeddings").asInt();
            // RoBERTa-style models reserve two positions for the padding offset.
            String type = config.path("model_type").asText("");
            return type.contains("roberta") || type.contains("xlm") ? positions - 2 : positions;
        }
        // Last, the truncation the tokenizer itself was saved with (a folder holding only model.onnx and
        // tokenizer.json, as exported by many conversion scripts).
        JsonNode tokenizerJson = readJson(tokenizer);
        JsonNode truncation = tokenizerJson == null ? null : tokenizerJson.path("truncation");
        if (truncation != null && truncation.path("max_length").asInt(0) >= 4) {
            return truncation.get("max_length").asInt();
        }
        throw new ModelLoadException(dir + ": cannot tell the model's maximum length; add model_max_length to "
                + "tokenizer_config.json or max_position_embeddings to config.json, or save tokenizer.json with "
                + "truncation switched on");
    }

    private static Pooling pooling(Path dir, JsonNode pooling) {
        if (pooling == null) {
            return Pooling.MEAN;
        }
        if (pooling.path("pooling_mode_cls_token").asBoolean(false)) {
            return Pooling.CLS;
        }
        if (pooling.path("pooling_mode_mean_tokens").asBoolean(false)) {
            return Pooling.MEAN;
        }
        if (pooling.path("pooling_mode_max_tokens").asBoolean(false)) {
            return Pooling.MAX;
        }
        List<String> modes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = pooling.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("pooling_mode") && e.getValue().asBoolean(false)) {
                modes.add(e.getKey());
            }
        }
        throw new ModelLoadException(dir.resolve("1_Pooling").resolve("config.json") + ": unsupported pooling "
                + (modes.isEmpty() ? "(no mode is switched on)" : String.join(", ", modes))
                + "; supported: pooling_mode_cls_token, pooling_mode_mean_tokens, pooling_mode_max_tokens");
    }

    private static String prompt(JsonNode stConfig, String... names) {
        if (stConfig == null) {
            return "";
        }
        JsonNode prompts = stConfig.path("prompts");
        for (String n : names) {
            if (prompts.path(n).isTextual()) {
                return prompts.get(n).asText();
            }
        }
        return "";
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new ModelLoadException(file + ": expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ModelLoadException(file + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelLoadException(file + ": could not be read: " + e.getMessage(), e);
        }
    }

    private static long folderSize(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    public String name() {
        return name;
    }

    /** The same files under another display name (two added folders may share a folder name). */
    public ModelFiles renamed(String newName) {
        return new ModelFiles(newName, location, onnxSource, tokenizerSource, classpath, config, sizeBytes,
                declaredKind);
    }

    /**
     * The kind known without loading: declared for the bundled models (what they are is fixed when the app is built,
     * and a test checks it against their graphs); empty for folders, whose kind is learned when they are loaded.
     */
    public Optional<ModelKind> declaredKind() {
        return Optional.ofNullable(declaredKind);
    }

    /** The folder, or {@link #BUNDLED}. */
    public String location() {
        return location;
    }

    public boolean isBundled() {
        return classpath;
    }

    public ModelConfig config() {
        return config;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    byte[] readGraph() {
        return read(onnxSource, "ONNX graph");
    }

    byte[] readTokenizer() {
        return read(tokenizerSource, "tokenizer.json");
    }

    private byte[] read(String source, String what) {
        if (classpath) {
            try (InputStream in = ModelFiles.class.getResourceAsStream(source)) {
                if (in == null) {
                    throw new ModelLoadException(name + ": resource not found: " + source
                            + " (the bundled model's jar is missing from the class path)");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new ModelLoadException(name + ": could not read " + source + ": " + e.getMessage(), e);
            }
        }
        try {
            return Files.readAllBytes(Path.of(source));
        } catch (IOException | OutOfMemoryError e) {
            throw new ModelLoadException(source + ": could not read the " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + location + ")";
    }
}
