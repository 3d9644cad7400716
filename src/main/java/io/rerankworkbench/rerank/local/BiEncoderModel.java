package io.rerankworkbench.rerank.local;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ModelLoadException;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankException;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A loaded sentence-embedding model: one ONNX Runtime session and the model's own tokenizer. Turns texts into
 * L2-normalised embeddings (mean pooling over the attention mask).
 *
 * <p>Thread-safe: ONNX Runtime sessions and Rust tokenizers may be used from several threads at once. Close it once
 * when no call is running.
 */
public final class BiEncoderModel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BiEncoderModel.class.getName());

    /** At most this many texts per inference call; larger batches gain little on a CPU. */
    static final int BATCH_SIZE = 32;

    /**
     * A batch is cut before a text whose length would make the padded batch this much bigger than its real tokens
     * (plus a small allowance, so short texts are not split into tiny batches). One long document then no longer
     * pads thirty short ones to its length.
     */
    private static final double MAX_PADDING_RATIO = 1.25;
    private static final int PADDING_ALLOWANCE = 64;

    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String TOKEN_TYPE_IDS = "token_type_ids";

    private final LocalModelSpec spec;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer truncating;
    private final HuggingFaceTokenizer untruncated;
    private final boolean wantsTokenTypeIds;
    private final String outputName;
    private final boolean outputIsPooled;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BiEncoderModel(LocalModelSpec spec, OrtEnvironment env, OrtSession session,
                           HuggingFaceTokenizer truncating, HuggingFaceTokenizer untruncated) throws OrtException {
        this.spec = spec;
        this.env = env;
        this.session = session;
        this.truncating = truncating;
        this.untruncated = untruncated;
        Set<String> inputs = session.getInputNames();
        if (!inputs.contains(INPUT_IDS) || !inputs.contains(ATTENTION_MASK)) {
            throw new ModelLoadException(spec.name() + ": expected inputs input_ids and attention_mask, found "
                    + describe(session.getInputInfo()));
        }
        this.wantsTokenTypeIds = inputs.contains(TOKEN_TYPE_IDS);
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        if (outputs.containsKey("sentence_embedding")) {
            outputName = "sentence_embedding";
            outputIsPooled = true;
        } else if (outputs.containsKey("last_hidden_state")) {
            outputName = "last_hidden_state";
            outputIsPooled = false;
        } else {
            throw new ModelLoadException(spec.name() + ": not a sentence-embedding model; inputs "
                    + describe(session.getInputInfo()) + ", outputs " + describe(outputs));
        }
        LOG.log(Level.INFO, "Loaded {0}: inputs {1}, outputs {2}", spec.name(),
                describe(session.getInputInfo()), describe(outputs));
    }

    /**
     * Loads the model named by {@code spec} from the class path. Blocks for a second or two; call it off the UI
     * thread.
     *
     * @throws ModelLoadException with a message for the user when a file is missing, the graph is not a
     *                            sentence-embedding model or the native runtime cannot be loaded
     */
    public static BiEncoderModel load(LocalModelSpec spec) {
        byte[] onnx = readResource(spec.onnxResource());
        byte[] tokenizerJson = readResource(spec.tokenizerResource());
        OrtEnvironment env;
        try {
            env = OrtEnvironment.getEnvironment();
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new ModelLoadException("The ONNX Runtime native library could not be loaded on this platform ("
                    + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "): " + e.getMessage()
                    + ". Check that the temporary directory is writable and not mounted noexec.", e);
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
            options.setInterOpNumThreads(1);
            OrtSession session = env.createSession(onnx, options);
            opened.add(session);
            HuggingFaceTokenizer truncating = Tokenizers.create(tokenizerJson, spec.maxLength());
            opened.add(truncating);
            HuggingFaceTokenizer untruncated = Tokenizers.create(tokenizerJson, 0);
            opened.add(untruncated);
            BiEncoderModel model = new BiEncoderModel(spec, env, session, truncating, untruncated);
            opened.clear(); // owned by the model from here on
            try {
                model.warmUp();
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
            return model;
        } catch (OrtException e) {
            closeAll(opened, e);
            throw new ModelLoadException(spec.name() + ": ONNX Runtime could not load the graph: " + e.getMessage(), e);
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            closeAll(opened, e);
            if (e instanceof ModelLoadException mle) {
                throw mle;
            }
            throw new ModelLoadException(spec.name() + ": could not load the tokenizer: " + e.getMessage(), e);
        }
    }

    /**
     * Runs one full-length batch so ONNX Runtime allocates its buffers and the JIT compiles the pooling code now,
     * during loading, rather than making the user's first rerank take seconds longer than the next.
     */
    private void warmUp() {
        long started = System.nanoTime();
        embedTokenized(List.of(tokenize("warm up"), tokenize("warm up ".repeat(spec.maxLength()))),
                ProgressListener.NONE, CancellationToken.NONE);
        LOG.log(Level.DEBUG, "Warm-up of {0} took {1} ms", spec.name(), (System.nanoTime() - started) / 1_000_000);
    }

    public LocalModelSpec spec() {
        return spec;
    }

    /** Tokenizes one text the way the model sees it: special tokens added, truncated to the model's limit. */
    TokenizedText tokenize(String text) {
        Encoding full = untruncated.encode(text);
        int dropped = full.getIds().length - spec.maxLength();
        if (dropped <= 0) {
            return new TokenizedText(full.getIds(), full.getTypeIds(), 0);
        }
        Encoding cut = truncating.encode(text);
        return new TokenizedText(cut.getIds(), cut.getTypeIds(), full.getIds().length - cut.getIds().length);
    }

    /** Tokenizes several texts; the tokenizer parallelises the batch internally. */
    List<TokenizedText> tokenizeAll(List<String> texts) {
        Encoding[] full = untruncated.batchEncode(texts);
        List<TokenizedText> out = new ArrayList<>(texts.size());
        for (int i = 0; i < full.length; i++) {
            Encoding e = full[i];
            out.add(e.getIds().length <= spec.maxLength()
                    ? new TokenizedText(e.getIds(), e.getTypeIds(), 0)
                    : tokenize(texts.get(i)));
        }
        return out;
    }

    /** The normalised embedding of one text. */
    public float[] embed(String text) {
        return embedTokenized(List.of(tokenize(text)), ProgressListener.NONE, CancellationToken.NONE)[0];
    }

    /**
     * Normalised embeddings of tokenized texts, in input order. Texts are sorted by length and cut into batches of
     * similar length, so padding stays small. Progress counts texts; cancellation is checked between batches.
     */
    float[][] embedTokenized(List<TokenizedText> texts, ProgressListener progress, CancellationToken cancel) {
        ensureOpen();
        int n = texts.size();
        float[][] embeddings = new float[n][];
        int done = 0;
        for (List<Integer> batch : batches(texts)) {
            cancel.throwIfCancelled();
            List<TokenizedText> items = new ArrayList<>(batch.size());
            for (int i : batch) {
                items.add(texts.get(i));
            }
            float[][] vectors = runBatch(items);
            for (int b = 0; b < batch.size(); b++) {
                embeddings[batch.get(b)] = vectors[b];
            }
            done += batch.size();
            progress.progress(done, n);
        }
        return embeddings;
    }

    /** Indices of {@code texts} grouped into batches: sorted by length, each padded to at most a bounded waste. */
    static List<List<Integer>> batches(List<TokenizedText> texts) {
        List<Integer> order = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> texts.get(i).length()));
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long realTokens = 0;
        for (int i : order) {
            int length = texts.get(i).length();
            long padded = (long) (current.size() + 1) * length;
            boolean full = current.size() == BATCH_SIZE;
            boolean wasteful = padded > MAX_PADDING_RATIO * (realTokens + length) + PADDING_ALLOWANCE;
            if (!current.isEmpty() && (full || wasteful)) {
                batches.add(current);
                current = new ArrayList<>();
                realTokens = 0;
            }
            current.add(i);
            realTokens += length;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private float[][] runBatch(List<TokenizedText> items) {
        int batch = items.size();
        int seqLen = items.stream().mapToInt(TokenizedText::length).max().orElse(0);
        long[] ids = new long[batch * seqLen];
        long[] mask = new long[batch * seqLen];
        long[] types = new long[batch * seqLen];
        for (int b = 0; b < batch; b++) {
            TokenizedText t = items.get(b);
            System.arraycopy(t.ids(), 0, ids, b * seqLen, t.length());
            System.arraycopy(t.typeIds(), 0, types, b * seqLen, t.length());
            for (int i = 0; i < t.length(); i++) {
                mask[b * seqLen + i] = 1;
            }
        }
        long[] shape = {batch, seqLen};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (wantsTokenTypeIds) {
                inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                OnnxTensor out = (OnnxTensor) result.get(outputName)
                        .orElseThrow(() -> new RerankException(spec.name() + ": the model returned no " + outputName));
                long[] outShape = ((TensorInfo) out.getInfo()).getShape();
                FloatBuffer values = out.getFloatBuffer();
                float[][] vectors = new float[batch][];
                for (int b = 0; b < batch; b++) {
                    float[] v = outputIsPooled
                            ? Vectors.row(values, b, (int) outShape[1])
                            : Vectors.meanPool(values, b, seqLen, (int) outShape[2], items.get(b).length());
                    vectors[b] = Vectors.normalize(v);
                }
                return vectors;
            }
        } catch (OrtException e) {
            throw new RerankException(spec.name() + ": inference failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(spec.name() + " is closed");
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        for (AutoCloseable c : List.<AutoCloseable>of(session, truncating, untruncated)) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing " + spec.name() + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static byte[] readResource(String name) {
        try (InputStream in = BiEncoderModel.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new ModelLoadException("resource not found: " + name
                        + " (the bundled model's jar is missing from the class path)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException("could not read " + name + ": " + e.getMessage(), e);
        }
    }

    private static void closeAll(List<AutoCloseable> opened, Throwable primary) {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                primary.addSuppressed(e);
            }
        }
    }

    private static String describe(Map<String, NodeInfo> infos) {
        return infos.values().stream()
                .map(i -> i.getName() + (i.getInfo() instanceof TensorInfo t
                        ? java.util.Arrays.toString(t.getShape()) : ""))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
