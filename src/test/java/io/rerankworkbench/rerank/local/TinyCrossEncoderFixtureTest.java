package io.rerankworkbench.rerank.local;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The tiny fixtures under {@code src/test/resources/models/} (written by {@code src/test/python/
 * make_tiny_cross_encoder.py}) must agree with their {@code reference.json}, which the script computed with its own
 * WordPiece and a numpy forward pass: the DJL tokenizer must produce the same ids from {@code tokenizer.json}, and
 * ONNX Runtime the same logits, attention probabilities and embeddings from {@code model.onnx}. This pins the
 * fixtures themselves, so tests of the cross-encoder and attention code can trust them.
 */
class TinyCrossEncoderFixtureTest {

    private static final double TOLERANCE = 1e-4;
    private static final int MAX_LENGTH = 64;
    private static final String CROSS = "/models/tiny-cross-encoder/";
    private static final String CROSS_2 = "/models/tiny-cross-encoder-2label/";
    private static final String BI = "/models/tiny-bi-encoder/";
    private static final String FUSED = "/models/tiny-fused-attention/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static OrtEnvironment env;
    private static OrtSession.SessionOptions options;

    @BeforeAll
    static void setUp() throws OrtException {
        assertThat(Tokenizers.trackingDisabled()).isTrue(); // runs Tokenizers' static set-up: DJL stays offline
        env = OrtEnvironment.getEnvironment();
        options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
    }

    @AfterAll
    static void tearDown() {
        options.close();
    }

    // ---- (a) tokenization ---------------------------------------------------------------------------------------

    @Test
    void tokenizerJsonLoadsInDjlWithoutTruncationOrPadding() throws Exception {
        for (String fixture : List.of(CROSS, CROSS_2, BI, FUSED)) {
            try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(
                    path(fixture + "tokenizer.json"), Map.of("padding", "false", "truncation", "false"))) {
                Encoding e = tokenizer.encode("Searching restaurants in Zyzzyva");
                assertThat(e.getTokens()).containsExactly(
                        "[CLS]", "searching", "restaurant", "##s", "in", "[UNK]", "[SEP]");
            }
        }
    }

    @Test
    void pairEncodingMatchesReferenceAndTruncatesOnlyTheDocument() throws Exception {
        JsonNode pairs = reference(CROSS).get("pairs");
        try (HuggingFaceTokenizer pairTokenizer = tokenizer(CROSS, "only_second");
             HuggingFaceTokenizer untruncated = tokenizer(CROSS, "false")) {
            boolean sawTruncation = false;
            for (JsonNode pair : pairs) {
                String query = pair.get("query").asText();
                String document = pair.get("document").asText();
                Encoding e = pairTokenizer.encode(query, document);
                assertThat(e.getIds()).as(query).containsExactly(longs(pair.get("input_ids")));
                assertThat(e.getTypeIds()).as(query).containsExactly(longs(pair.get("token_type_ids")));
                assertThat(e.getTokens()).as(query).containsExactly(strings(pair.get("tokens")));

                // [CLS] query [SEP] document [SEP]: the query whole, the document a prefix of itself.
                List<String> q = withoutSpecials(untruncated.encode(query).getTokens());
                List<String> d = withoutSpecials(untruncated.encode(document).getTokens());
                List<String> tokens = List.of(e.getTokens());
                int sep = q.size() + 1;
                assertThat(tokens.get(0)).isEqualTo("[CLS]");
                assertThat(tokens.subList(1, sep)).isEqualTo(q);
                assertThat(tokens.get(sep)).isEqualTo("[SEP]");
                assertThat(tokens.get(tokens.size() - 1)).isEqualTo("[SEP]");
                List<String> kept = tokens.subList(sep + 1, tokens.size() - 1);
                assertThat(d.subList(0, kept.size())).isEqualTo(kept);
                int dropped = d.size() - kept.size();
                assertThat(dropped).isEqualTo(pair.get("tokens_dropped").asInt());
                assertThat(tokens).hasSizeLessThanOrEqualTo(MAX_LENGTH);
                if (dropped > 0) {
                    sawTruncation = true;
                    assertThat(tokens).hasSize(MAX_LENGTH);
                }
            }
            assertThat(sawTruncation).as("one reference pair is long enough to be truncated").isTrue();
        }
    }

    /** With a short query, longest_first (DJL's "true") cuts the same tokens from the document as only_second. */
    @Test
    void longestFirstAgreesWithOnlySecondForShortQueries() throws Exception {
        try (HuggingFaceTokenizer longestFirst = tokenizer(CROSS, "true")) {
            for (JsonNode pair : reference(CROSS).get("pairs")) {
                Encoding e = longestFirst.encode(pair.get("query").asText(), pair.get("document").asText());
                assertThat(e.getIds()).containsExactly(longs(pair.get("input_ids")));
            }
        }
    }

    @Test
    void referenceTextsCoverUnknownWordsSubWordsAndAccents() throws Exception {
        List<String> tokens = new ArrayList<>();
        reference(CROSS).get("pairs").forEach(p -> tokens.addAll(List.of(strings(p.get("tokens")))));
        assertThat(tokens).contains("[UNK]", "##s", "##ing", "##ed", "##er", "cafe");
    }

    // ---- (b) plain model ----------------------------------------------------------------------------------------

    @Test
    void logitsMatchReferenceOnePairAtATime() throws Exception {
        try (OrtSession session = session(CROSS)) {
            for (JsonNode pair : reference(CROSS).get("pairs")) {
                float[] logits = run(session, List.of(pair), List.of("logits")).get("logits").values;
                assertThat(logits).hasSize(1);
                assertThat(logits[0]).isCloseTo((float) pair.get("logit").asDouble(), within((float) TOLERANCE));
                double probability = 1 / (1 + Math.exp(-logits[0]));
                assertThat(probability).isCloseTo(pair.get("probability").asDouble(), within(TOLERANCE));
            }
        }
    }

    /** Padded together in one batch, every pair still gets its own logit: the attention mask reaches the graph. */
    @Test
    void logitsMatchReferenceInOnePaddedBatch() throws Exception {
        List<JsonNode> pairs = list(reference(CROSS).get("pairs"));
        try (OrtSession session = session(CROSS)) {
            Output logits = run(session, pairs, List.of("logits")).get("logits");
            assertThat(logits.shape).containsExactly(pairs.size(), 1);
            for (int i = 0; i < pairs.size(); i++) {
                assertThat(logits.values[i]).isCloseTo((float) pairs.get(i).get("logit").asDouble(),
                        within((float) TOLERANCE));
            }
        }
    }

    @Test
    void modelDeclaresHuggingFaceInputsAndOutput() throws Exception {
        try (OrtSession session = session(CROSS)) {
            assertThat(session.getInputNames()).containsExactlyInAnyOrder(
                    "input_ids", "attention_mask", "token_type_ids");
            TensorInfo logits = (TensorInfo) session.getOutputInfo().get("logits").getInfo();
            assertThat(logits.getShape()).containsExactly(-1, 1);
        }
    }

    // ---- (c) attention through the graph editor -----------------------------------------------------------------

    @Test
    void editedModelExposesReferenceAttentionAndKeepsLogits() throws Exception {
        byte[] model = bytes(CROSS + "model.onnx");
        List<OnnxGraphEditor.SoftmaxNode> softmax = OnnxGraphEditor.softmaxNodes(model);
        assertThat(softmax).extracting(OnnxGraphEditor.SoftmaxNode::nodeName).containsExactly(
                "/bert/encoder/layer.0/attention/self/Softmax", "/bert/encoder/layer.1/attention/self/Softmax");
        List<String> attentionNames = softmax.stream().map(OnnxGraphEditor.SoftmaxNode::output).toList();
        byte[] edited = OnnxGraphEditor.withExtraOutputs(model, attentionNames);

        List<String> wanted = new ArrayList<>(List.of("logits"));
        wanted.addAll(attentionNames);
        try (OrtSession session = env.createSession(edited, options)) {
            assertThat(session.getOutputNames()).containsExactlyElementsOf(wanted);
            for (JsonNode pair : reference(CROSS).get("pairs")) {
                int seq = pair.get("input_ids").size();
                Map<String, Output> out = run(session, List.of(pair), wanted);
                assertThat(out.get("logits").values[0]).isCloseTo((float) pair.get("logit").asDouble(),
                        within((float) TOLERANCE));
                for (int layer = 0; layer < attentionNames.size(); layer++) {
                    Output attention = out.get(attentionNames.get(layer));
                    assertThat(attention.shape).containsExactly(1, 2, seq, seq);
                    JsonNode expected = pair.get("attentions").get(layer);
                    for (int head = 0; head < 2; head++) {
                        for (int row = 0; row < seq; row++) {
                            double sum = 0;
                            for (int col = 0; col < seq; col++) {
                                float p = attention.values[(head * seq + row) * seq + col];
                                sum += p;
                                assertThat(p).as("layer %d head %d [%d, %d]", layer, head, row, col)
                                        .isCloseTo((float) expected.get(head).get(row).get(col).asDouble(),
                                                within((float) TOLERANCE));
                            }
                            assertThat(sum).isCloseTo(1.0, within(TOLERANCE));
                        }
                    }
                }
            }
        }
    }

    // ---- (d) the other variants ---------------------------------------------------------------------------------

    @Test
    void twoLabelLogitsAndProbabilityMatchReference() throws Exception {
        List<JsonNode> pairs = list(reference(CROSS_2).get("pairs"));
        try (HuggingFaceTokenizer tokenizer = tokenizer(CROSS_2, "only_second");
             OrtSession session = session(CROSS_2)) {
            Output logits = run(session, pairs, List.of("logits")).get("logits");
            assertThat(logits.shape).containsExactly(pairs.size(), 2);
            for (int i = 0; i < pairs.size(); i++) {
                JsonNode pair = pairs.get(i);
                Encoding e = tokenizer.encode(pair.get("query").asText(), pair.get("document").asText());
                assertThat(e.getIds()).containsExactly(longs(pair.get("input_ids")));
                float l0 = logits.values[2 * i];
                float l1 = logits.values[2 * i + 1];
                assertThat(l0).isCloseTo((float) pair.get("logits").get(0).asDouble(), within((float) TOLERANCE));
                assertThat(l1).isCloseTo((float) pair.get("logits").get(1).asDouble(), within((float) TOLERANCE));
                double relevant = 1 / (1 + Math.exp(l0 - l1)); // softmax probability of label 1
                assertThat(relevant).isCloseTo(pair.get("probability").asDouble(), within(TOLERANCE));
            }
        }
    }

    @Test
    void biEncoderHiddenStatesAndPooledEmbeddingsMatchReference() throws Exception {
        assertBiEncoderMatches(BI, reference(BI));
        assertThat(OnnxGraphEditor.softmaxNodes(bytes(BI + "model.onnx"))).extracting(
                OnnxGraphEditor.SoftmaxNode::nodeName).containsExactly(
                "/encoder/layer.0/attention/self/Softmax", "/encoder/layer.1/attention/self/Softmax");
        JsonNode pooling = JSON.readTree(bytes(BI + "1_Pooling/config.json"));
        assertThat(pooling.get("word_embedding_dimension").asInt()).isEqualTo(32);
        assertThat(pooling.get("pooling_mode_mean_tokens").asBoolean()).isTrue();
        assertThat(pooling.get("pooling_mode_cls_token").asBoolean()).isFalse();
    }

    // ---- (e) fused attention ------------------------------------------------------------------------------------

    /** Built from the bi-encoder's weights with com.microsoft Attention: no Softmax to tap, same embeddings. */
    @Test
    void fusedAttentionModelHasNoSoftmaxAndStillRuns() throws Exception {
        assertThat(OnnxGraphEditor.softmaxNodes(bytes(FUSED + "model.onnx"))).isEmpty();
        assertThat(OnnxGraphEditor.withExtraOutputs(bytes(FUSED + "model.onnx"), List.of()))
                .isEqualTo(bytes(FUSED + "model.onnx"));
        assertBiEncoderMatches(FUSED, reference(BI));
    }

    private static void assertBiEncoderMatches(String fixture, JsonNode reference) throws Exception {
        List<JsonNode> texts = list(reference.get("texts"));
        try (HuggingFaceTokenizer tokenizer = tokenizer(fixture, "true");
             OrtSession session = session(fixture)) {
            for (JsonNode text : texts) {
                Encoding e = tokenizer.encode(text.get("text").asText());
                assertThat(e.getIds()).containsExactly(longs(text.get("input_ids")));
                assertThat(e.getTokens()).containsExactly(strings(text.get("tokens")));
                int seq = e.getIds().length;
                Output hidden = run(session, List.of(text), List.of("last_hidden_state")).get("last_hidden_state");
                assertThat(hidden.shape).containsExactly(1, seq, 32);
                JsonNode expected = text.get("last_hidden_state");
                for (int t = 0; t < seq; t++) {
                    for (int d = 0; d < 32; d++) {
                        assertThat(hidden.values[t * 32 + d]).isCloseTo(
                                (float) expected.get(t).get(d).asDouble(), within((float) TOLERANCE));
                    }
                }
                float[] embedding = Vectors.normalize(Vectors.meanPool(FloatBuffer.wrap(hidden.values), 0, seq, 32,
                        seq));
                for (int d = 0; d < 32; d++) {
                    assertThat(embedding[d]).isCloseTo((float) text.get("embedding").get(d).asDouble(),
                            within((float) TOLERANCE));
                }
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** One output tensor copied out of its {@link OrtSession.Result}. */
    private record Output(long[] shape, float[] values) {
    }

    /**
     * Runs a batch of reference cases (each with input_ids and token_type_ids), right-padded to the longest, and
     * copies out the named outputs.
     */
    private static Map<String, Output> run(OrtSession session, List<JsonNode> cases, List<String> outputs)
            throws OrtException {
        int batch = cases.size();
        int seq = cases.stream().mapToInt(c -> c.get("input_ids").size()).max().orElseThrow();
        long[] ids = new long[batch * seq];
        long[] mask = new long[batch * seq];
        long[] types = new long[batch * seq];
        for (int b = 0; b < batch; b++) {
            long[] caseIds = longs(cases.get(b).get("input_ids"));
            long[] caseTypes = longs(cases.get(b).get("token_type_ids"));
            System.arraycopy(caseIds, 0, ids, b * seq, caseIds.length);
            System.arraycopy(caseTypes, 0, types, b * seq, caseTypes.length);
            Arrays.fill(mask, b * seq, b * seq + caseIds.length, 1L);
        }
        long[] shape = {batch, seq};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor typeTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
             OrtSession.Result result = session.run(Map.of("input_ids", idTensor, "attention_mask", maskTensor,
                     "token_type_ids", typeTensor), new java.util.LinkedHashSet<>(outputs))) {
            Map<String, Output> copied = new HashMap<>();
            for (String name : outputs) {
                OnnxTensor tensor = (OnnxTensor) result.get(name).orElseThrow();
                FloatBuffer buffer = tensor.getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                copied.put(name, new Output(tensor.getInfo().getShape(), values));
            }
            return copied;
        }
    }

    private static OrtSession session(String fixture) throws IOException, OrtException {
        return env.createSession(bytes(fixture + "model.onnx"), options);
    }

    /** The fixture's tokenizer: special tokens, no padding, the given DJL truncation setting at 64 tokens. */
    private static HuggingFaceTokenizer tokenizer(String fixture, String truncation) throws IOException {
        return HuggingFaceTokenizer.newInstance(path(fixture + "tokenizer.json"), Map.of(
                "padding", "false", "truncation", truncation, "maxLength", Integer.toString(MAX_LENGTH),
                "addSpecialTokens", "true"));
    }

    private static JsonNode reference(String fixture) throws IOException {
        return JSON.readTree(bytes(fixture + "reference.json"));
    }

    private static byte[] bytes(String resource) throws IOException {
        try (InputStream in = TinyCrossEncoderFixtureTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("resource %s", resource).isNotNull();
            return in.readAllBytes();
        }
    }

    private static Path path(String resource) {
        URL url = TinyCrossEncoderFixtureTest.class.getResource(resource);
        assertThat(url).as("resource %s", resource).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url.toString(), e);
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).collect(Collectors.toList());
    }

    private static long[] longs(JsonNode array) {
        return list(array).stream().mapToLong(JsonNode::asLong).toArray();
    }

    private static String[] strings(JsonNode array) {
        return list(array).stream().map(JsonNode::asText).toArray(String[]::new);
    }

    private static List<String> withoutSpecials(String[] tokens) {
        return List.of(tokens).subList(1, tokens.length - 1);
    }
}
