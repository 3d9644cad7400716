package io.rerankworkbench.rerank.local;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.rerank.AttentionResult;
import io.rerankworkbench.rerank.ModelLoadException;
import io.rerankworkbench.rerank.RerankException;
import io.rerankworkbench.rerank.TokenizedInput;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads attention probabilities out of a model. Hugging Face exports without fused attention compute each layer's
 * attention as the output of a {@code Softmax} node; a second "explain" session is built from the model's bytes with
 * those node outputs appended to the graph's outputs, so the fast scoring session stays untouched and keeps ONNX
 * Runtime's optimisations. Built on first use; thread-safe.
 */
final class AttentionProbe implements AutoCloseable {

    private final LocalModel model;
    private final List<String> softmaxOutputs;
    private OrtSession session;

    AttentionProbe(LocalModel model) {
        this.model = model;
        this.softmaxOutputs = OnnxGraphEditor.softmaxNodes(model.graphBytes()).stream()
                .map(OnnxGraphEditor.SoftmaxNode::output).toList();
    }

    boolean available() {
        return !softmaxOutputs.isEmpty();
    }

    private synchronized OrtSession session() {
        if (session == null) {
            byte[] edited = OnnxGraphEditor.withExtraOutputs(model.graphBytes(), softmaxOutputs);
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(model.settings().intraOpThreads());
                session = model.environment().createSession(edited, options);
            } catch (OrtException e) {
                throw new ModelLoadException(model.name() + ": could not build the attention session: "
                        + e.getMessage(), e);
            }
        }
        return session;
    }

    /** Attention over one encoded input; {@code texts[segment]} are the original strings behind the tokens. */
    AttentionResult attention(Encoding encoding, String[] texts, int[] prefixLengths) {
        if (!available()) {
            return new AttentionResult.Unavailable("Attention is not available for " + model.name()
                    + ": its graph has no Softmax nodes (the attention is fused into a single operator).");
        }
        TokenizedInput input = describe(encoding, texts, prefixLengths);
        TokenizedText text = new TokenizedText(encoding.getIds(), encoding.getTypeIds(), 0);
        Map<String, OnnxTensor> inputs = Map.of();
        try {
            inputs = model.inputs(List.of(text));
            try (OrtSession.Result result = session().run(inputs, new HashSet<>(softmaxOutputs))) {
                int n = text.length();
                List<float[][][]> layers = new ArrayList<>();
                for (String name : softmaxOutputs) {
                    OnnxTensor t = (OnnxTensor) result.get(name).orElseThrow();
                    long[] shape = ((TensorInfo) t.getInfo()).getShape();
                    if (shape.length != 4 || shape[2] != n || shape[3] != n) {
                        continue; // a Softmax that is not token-to-token attention
                    }
                    int heads = (int) shape[1];
                    FloatBuffer values = t.getFloatBuffer();
                    float[][][] layer = new float[heads][n][n];
                    for (int h = 0; h < heads; h++) {
                        for (int i = 0; i < n; i++) {
                            values.get((h * n + i) * n, layer[h][i], 0, n);
                        }
                    }
                    layers.add(layer);
                }
                if (layers.isEmpty()) {
                    return new AttentionResult.Unavailable("Attention is not available for " + model.name()
                            + ": none of its Softmax nodes has the shape of token-to-token attention.");
                }
                return new AttentionResult.Available(input, layers.toArray(new float[0][][][]));
            }
        } catch (OrtException e) {
            throw new RerankException(model.name() + ": attention could not be computed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * Tokens with their segments, character spans into the original texts and word indices. Tokens of a prefix the
     * model adds (an instruction) count as special: they are not part of what the user wrote.
     */
    static TokenizedInput describe(Encoding encoding, String[] texts, int[] prefixLengths) {
        String[] tokens = encoding.getTokens();
        CharSpan[] spans = encoding.getCharTokenSpans();
        long[] special = encoding.getSpecialTokenMask();
        long[] sequenceIds = encoding.getSequenceIds();
        long[] wordIds = encoding.getWordIds();
        int n = tokens.length;
        int[] segments = new int[n];
        int[] words = new int[n];
        List<TextSpan> textSpans = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int segment = sequenceIds != null && i < sequenceIds.length ? (int) sequenceIds[i] : 0;
            boolean isSpecial = special[i] != 0 || spans[i] == null || segment < 0;
            int prefix = isSpecial ? 0 : prefixLengths[Math.min(segment, prefixLengths.length - 1)];
            if (!isSpecial && spans[i].getEnd() <= prefix) {
                isSpecial = true; // inside the model's own prefix
            }
            if (isSpecial) {
                segments[i] = -1;
                words[i] = -1;
                textSpans.add(null);
            } else {
                String text = texts[Math.min(segment, texts.length - 1)];
                int start = Math.max(0, spans[i].getStart() - prefix);
                int end = Math.min(text.length(), Math.max(start, spans[i].getEnd() - prefix));
                segments[i] = segment;
                words[i] = wordIds == null || i >= wordIds.length ? -1 : (int) wordIds[i];
                textSpans.add(new TextSpan(start, end));
            }
        }
        return new TokenizedInput(List.of(tokens), segments, textSpans, words);
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException("closing the attention session of " + model.name() + " failed", e);
            }
            session = null;
        }
    }
}
