package io.rerankworkbench.rerank.local;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.rerankworkbench.rerank.ModelLoadException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The protobuf-level ONNX edit that exposes attention probabilities, on the bundled all-MiniLM-L6-v2 (90 MB: read,
 * edited and loaded once for the class), the tiny fixture and hand-encoded messages.
 */
class OnnxGraphEditorTest {

    private static final String MINILM = "/all-minilm-l6-v2.onnx";
    private static final String TINY = "/models/tiny-cross-encoder/model.onnx";

    private static OrtEnvironment env;
    private static OrtSession.SessionOptions options;
    private static byte[] miniLm;
    private static List<OnnxGraphEditor.SoftmaxNode> miniLmSoftmax;
    private static OrtSession plain;
    private static OrtSession edited;
    private static long[] ids;
    private static long[] typeIds;

    @BeforeAll
    static void load() throws Exception {
        env = OrtEnvironment.getEnvironment();
        options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        miniLm = resource(MINILM);
        miniLmSoftmax = OnnxGraphEditor.softmaxNodes(miniLm);
        plain = env.createSession(miniLm, options);
        edited = env.createSession(OnnxGraphEditor.withExtraOutputs(miniLm,
                miniLmSoftmax.stream().map(OnnxGraphEditor.SoftmaxNode::output).toList()), options);
        try (HuggingFaceTokenizer tokenizer =
                Tokenizers.create(resource("/all-minilm-l6-v2-tokenizer.json"), 0, "false")) {
            Encoding e = tokenizer.encode("Which city is the capital of France?");
            ids = e.getIds();
            typeIds = e.getTypeIds();
        }
    }

    @AfterAll
    static void close() throws OrtException {
        miniLm = null;
        try {
            edited.close();
        } finally {
            try {
                plain.close();
            } finally {
                options.close();
            }
        }
    }

    @Test
    void miniLmHasOneSoftmaxPerLayerProducingAttentionProbabilities() {
        assertThat(miniLmSoftmax).hasSize(6);
        for (int layer = 0; layer < 6; layer++) {
            OnnxGraphEditor.SoftmaxNode node = miniLmSoftmax.get(layer);
            assertThat(node.nodeName()).isEqualTo("/encoder/layer." + layer + "/attention/self/Softmax");
            assertThat(node.output()).isEqualTo("/encoder/layer." + layer + "/attention/self/Softmax_output_0");
        }
    }

    @Test
    void editedMiniLmReturnsRowStochasticAttentionAndUnchangedHiddenStates() throws OrtException {
        int seq = ids.length;
        List<String> attention = miniLmSoftmax.stream().map(OnnxGraphEditor.SoftmaxNode::output).toList();
        assertThat(edited.getOutputNames()).hasSize(7).first().isEqualTo("last_hidden_state");
        assertThat(edited.getOutputNames()).containsSubsequence(attention);

        Map<String, float[]> reference = run(plain, List.of("last_hidden_state"));
        List<String> wanted = new ArrayList<>(List.of("last_hidden_state"));
        wanted.addAll(attention);
        Map<String, float[]> out = run(edited, wanted);

        float[] before = reference.get("last_hidden_state");
        float[] after = out.get("last_hidden_state");
        assertThat(after).hasSize(seq * 384);
        double maxDiff = 0;
        for (int i = 0; i < before.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(before[i] - after[i]));
        }
        assertThat(maxDiff).isLessThanOrEqualTo(1e-5);

        for (String name : attention) {
            float[] probs = out.get(name);
            assertThat(probs).as(name).hasSize(12 * seq * seq);
            for (int row = 0; row < 12 * seq; row++) {
                double sum = 0;
                for (int col = 0; col < seq; col++) {
                    sum += probs[row * seq + col];
                }
                assertThat(sum).as("%s row %d", name, row).isCloseTo(1.0, within(1e-4));
            }
        }
    }

    @Test
    void attentionOutputsHaveShapeBatchHeadsSeqSeq() throws OrtException {
        String layer0 = miniLmSoftmax.get(0).output();
        try (Inputs in = new Inputs(); OrtSession.Result result = edited.run(in.map(), Set.of(layer0))) {
            assertThat(((OnnxTensor) result.get(0)).getInfo().getShape())
                    .containsExactly(1, 12, ids.length, ids.length);
        }
    }

    @Test
    void emptyEditReturnsTheSameBytes() {
        byte[] copy = OnnxGraphEditor.withExtraOutputs(miniLm, List.of());
        assertThat(copy).isNotSameAs(miniLm);
        assertThat(Arrays.equals(copy, miniLm)).isTrue();
    }

    @Test
    void editKeepsEverythingButTheGraphLengthAndAppendsOnlyOutputs() {
        String name = miniLmSoftmax.get(2).output();
        byte[] once = OnnxGraphEditor.withExtraOutputs(miniLm, List.of(name, name));
        byte[] appended = valueInfoField(name);
        int[] before = graphSpan(miniLm);
        int[] after = graphSpan(once);
        assertThat(after[0]).isEqualTo(before[0]);
        assertThat(Arrays.equals(once, 0, after[0], miniLm, 0, before[0])).as("before the graph").isTrue();
        assertThat(after[2] - after[1]).isEqualTo(before[2] - before[1] + appended.length);
        assertThat(Arrays.equals(once, after[1], after[2] - appended.length, miniLm, before[1], before[2]))
                .as("the graph's own fields").isTrue();
        assertThat(Arrays.equals(once, after[2] - appended.length, after[2], appended, 0, appended.length))
                .as("one new output, at the end of the graph").isTrue();
        assertThat(Arrays.equals(once, after[2], once.length, miniLm, before[2], miniLm.length))
                .as("after the graph").isTrue();
        assertThat(OnnxGraphEditor.softmaxNodes(once)).isEqualTo(miniLmSoftmax);
        // Already an output: a second edit adds nothing.
        assertThat(OnnxGraphEditor.withExtraOutputs(once, List.of(name))).isEqualTo(once);
    }

    @Test
    void unknownValueNamesAreRejected() {
        assertThatThrownBy(() -> OnnxGraphEditor.withExtraOutputs(miniLm, List.of("no/such/value")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no/such/value");
        assertThatThrownBy(() -> OnnxGraphEditor.withExtraOutputs(miniLm, List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void truncatedMiniLmIsAModelLoadException() {
        byte[] half = Arrays.copyOf(miniLm, miniLm.length / 2);
        assertThatThrownBy(() -> OnnxGraphEditor.softmaxNodes(half))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("past the end");
        assertThatThrownBy(() -> OnnxGraphEditor.withExtraOutputs(half, List.of()))
                .isInstanceOf(ModelLoadException.class);
    }

    @Test
    void malformedBytesAreModelLoadExceptions() throws IOException {
        byte[] tiny = resource(TINY);
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[0]);
        for (int cut : new int[] {1, 2, 5, 20, tiny.length / 3, tiny.length / 2, tiny.length - 1}) {
            bad.add(Arrays.copyOf(tiny, cut));
        }
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            byte[] noise = new byte[1 + random.nextInt(4096)];
            random.nextBytes(noise);
            bad.add(noise);
        }
        bad.add(new byte[] {(byte) 0x80, (byte) 0x80});                 // truncated varint
        bad.add(new byte[] {0x08, 0x08});                                // ir_version only: no graph
        bad.add(new byte[] {0x08, 0x08, 0x3A, 0x05, 0x0A});              // graph length past the end
        bad.add(new byte[] {0x08, 0x08, 0x38, 0x01});                    // graph as a varint
        bad.add("{\"version\": \"1.0\"}".getBytes(StandardCharsets.UTF_8)); // a tokenizer.json, say
        for (byte[] b : bad) {
            assertThatThrownBy(() -> OnnxGraphEditor.softmaxNodes(b)).as("%d bytes", b.length)
                    .isInstanceOf(ModelLoadException.class).hasMessageStartingWith("not ");
            assertThatThrownBy(() -> OnnxGraphEditor.withExtraOutputs(b, List.of("x"))).as("%d bytes", b.length)
                    .isInstanceOf(ModelLoadException.class);
        }
    }

    /** Fields the editor does not know, at every level it reads, come out byte for byte where they were. */
    @Test
    void unknownFieldsAreCopiedThrough() {
        byte[] node = concat(
                string(1, "logits_raw"), string(2, "probs"), string(3, "sm"), string(4, "Softmax"),
                field(50, 5, new byte[] {1, 2, 3, 4}));                  // unknown fixed32 in the node
        byte[] existingOutput = concat(string(1, "probs_prev"), field(9, 0, new byte[] {0x2A}));
        byte[] graphBody = concat(
                lengthDelimited(1, node), field(40, 0, new byte[] {(byte) 0x96, 0x01}),
                lengthDelimited(12, existingOutput), string(99, "graph extra"));
        byte[] prefix = concat(field(1, 0, new byte[] {0x08}), string(2, "hand"),
                field(3000, 1, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));   // unknown fixed64, two-byte tag
        byte[] suffix = concat(string(8, "opset"), string(20, "model extra"));
        byte[] model = concat(prefix, lengthDelimited(7, graphBody), suffix);

        assertThat(OnnxGraphEditor.softmaxNodes(model))
                .containsExactly(new OnnxGraphEditor.SoftmaxNode("sm", "probs"));
        byte[] expected = concat(prefix, lengthDelimited(7, concat(graphBody, valueInfoField("probs"))), suffix);
        assertThat(OnnxGraphEditor.withExtraOutputs(model, List.of("probs"))).isEqualTo(expected);
        assertThat(OnnxGraphEditor.withExtraOutputs(model, List.of())).isEqualTo(model);
    }

    @Test
    void softmaxInAnotherDomainIsNotAttention() {
        byte[] node = concat(string(2, "p"), string(4, "Softmax"), string(7, "com.example"));
        byte[] model = concat(field(1, 0, new byte[] {0x08}), lengthDelimited(7, lengthDelimited(1, node)));
        assertThat(OnnxGraphEditor.softmaxNodes(model)).isEmpty();
    }

    /** The tiny fixture with an empty edit and with an unknown top-level field still runs, with the same logits. */
    @Test
    void editedTinyModelWithUnknownTrailingFieldRunsInOnnxRuntime() throws Exception {
        byte[] tiny = resource(TINY);
        byte[] unknown = string(1000, "kept by the editor");
        byte[] withUnknown = concat(tiny, unknown);
        List<String> softmax = OnnxGraphEditor.softmaxNodes(withUnknown).stream()
                .map(OnnxGraphEditor.SoftmaxNode::output).toList();
        byte[] empty = OnnxGraphEditor.withExtraOutputs(tiny, List.of());
        byte[] both = OnnxGraphEditor.withExtraOutputs(withUnknown, softmax);
        assertThat(Arrays.equals(both, both.length - unknown.length, both.length, unknown, 0, unknown.length))
                .isTrue();

        long[] tinyIds = {2, 39, 120, 3, 120, 5, 3};
        long[] tinyTypes = {0, 0, 0, 0, 1, 1, 1};
        float[] logits;
        try (OrtSession session = env.createSession(tiny, options)) {
            logits = run(session, tinyIds, tinyTypes, List.of("logits")).get("logits");
        }
        for (byte[] model : List.of(empty, both)) {
            try (OrtSession session = env.createSession(model, options)) {
                List<String> names = new ArrayList<>(session.getOutputNames());
                Map<String, float[]> out = run(session, tinyIds, tinyTypes, names);
                assertThat(out.get("logits")).containsExactly(logits);
                assertThat(names).hasSize(model == both ? 3 : 1);
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** The short MiniLM input as tensors, closed together. */
    private static final class Inputs implements AutoCloseable {
        private final OnnxTensor ids;
        private final OnnxTensor mask;
        private final OnnxTensor types;

        Inputs() throws OrtException {
            this(OnnxGraphEditorTest.ids, OnnxGraphEditorTest.typeIds);
        }

        Inputs(long[] idValues, long[] typeValues) throws OrtException {
            long[] shape = {1, idValues.length};
            long[] ones = new long[idValues.length];
            Arrays.fill(ones, 1L);
            OnnxTensor i = OnnxTensor.createTensor(env, LongBuffer.wrap(idValues), shape);
            OnnxTensor m = null;
            try {
                m = OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape);
                types = OnnxTensor.createTensor(env, LongBuffer.wrap(typeValues), shape);
            } catch (OrtException | RuntimeException e) {
                i.close();
                if (m != null) {
                    m.close();
                }
                throw e;
            }
            ids = i;
            mask = m;
        }

        Map<String, OnnxTensor> map() {
            return Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types);
        }

        @Override
        public void close() {
            ids.close();
            mask.close();
            types.close();
        }
    }

    private static Map<String, float[]> run(OrtSession session, List<String> outputs) throws OrtException {
        return run(session, ids, typeIds, outputs);
    }

    private static Map<String, float[]> run(OrtSession session, long[] idValues, long[] typeValues,
                                            List<String> outputs) throws OrtException {
        try (Inputs in = new Inputs(idValues, typeValues);
             OrtSession.Result result = session.run(in.map(), new java.util.LinkedHashSet<>(outputs))) {
            Map<String, float[]> copied = new LinkedHashMap<>();
            for (String name : outputs) {
                FloatBuffer buffer = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                copied.put(name, values);
            }
            return copied;
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OnnxGraphEditorTest.class.getResourceAsStream(name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** {tag start, payload start, payload end} of ModelProto.graph, found by a minimal top-level scan. */
    private static int[] graphSpan(byte[] model) {
        int pos = 0;
        while (pos < model.length) {
            int tagStart = pos;
            long[] tag = readVarint(model, pos);
            pos = (int) tag[1];
            int wire = (int) (tag[0] & 7);
            if (wire == 0) {
                pos = (int) readVarint(model, pos)[1];
            } else if (wire == 1 || wire == 5) {
                pos += wire == 1 ? 8 : 4;
            } else {
                long[] length = readVarint(model, pos);
                int start = (int) length[1];
                int end = start + (int) length[0];
                if (tag[0] >>> 3 == 7) {
                    return new int[] {tagStart, start, end};
                }
                pos = end;
            }
        }
        throw new AssertionError("no graph");
    }

    /** {value, position after it}. */
    private static long[] readVarint(byte[] b, int pos) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte next = b[pos++];
            value |= (long) (next & 0x7F) << shift;
            if (next >= 0) {
                return new long[] {value, pos};
            }
        }
    }

    /** GraphProto.output entry (field 12) holding a ValueInfoProto with only a name: what the editor appends. */
    private static byte[] valueInfoField(String name) {
        return lengthDelimited(12, string(1, name));
    }

    private static byte[] string(int field, String value) {
        return lengthDelimited(field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] lengthDelimited(int field, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (field << 3) | 2);
        varint(out, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** A field with an already-encoded value (varint bytes or fixed-width bytes). */
    private static byte[] field(int field, int wireType, byte[] encodedValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (field << 3) | wireType);
        out.writeBytes(encodedValue);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
