package io.rerankworkbench.rerank.local;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ModelInfo;
import io.rerankworkbench.rerank.ModelKind;
import io.rerankworkbench.rerank.ModelLoadException;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loaded local model: one ONNX Runtime session, the model's own tokenizer, and what its graph says it is
 * (bi-encoder or cross-encoder). Runs batches of tokenized texts and returns embeddings or relevance logits.
 *
 * <p>Thread-safe: ONNX Runtime sessions and Rust tokenizers may be used from several threads at once. Close it once
 * when no call is running.
 */
public final class LocalModel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalModel.class.getName());

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";

    /**
     * A batch is cut before a text whose length would make the padded batch this much bigger than its real tokens
     * (plus a small allowance, so short texts are not split into tiny batches). One long document then no longer
     * pads thirty short ones to its length.
     */
    private static final double MAX_PADDING_RATIO = 1.08;
    private static final int PADDING_ALLOWANCE = 32;

    private final ModelFiles files;
    private final EngineSettings settings;
    private final Executor workers;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer truncating;
    private final HuggingFaceTokenizer untruncated;
    private final HuggingFaceTokenizer pairTruncating;
    private final HuggingFaceTokenizer pairLongestFirst;
    private final boolean wantsTokenTypeIds;
    private final ModelKind kind;
    private final String outputName;
    private final boolean outputIsPooled;
    private final int numLabels;
    private final int singleSpecialTokens;
    private final int pairSpecialTokens;
    private final List<String> inputDescriptions;
    private final List<String> outputDescriptions;
    private final byte[] graphForExplain;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong realTokens = new AtomicLong();
    private final AtomicLong paddedTokens = new AtomicLong();
    private final AtomicLong textsRun = new AtomicLong();
    private volatile AttentionProbe probe;

    private LocalModel(ModelFiles files, EngineSettings settings, Executor workers, OrtEnvironment env,
                       OrtSession session, List<HuggingFaceTokenizer> tokenizers, byte[] graph) throws OrtException {
        this.files = files;
        this.settings = settings;
        this.workers = workers;
        this.env = env;
        this.session = session;
        this.truncating = tokenizers.get(0);
        this.untruncated = tokenizers.get(1);
        this.pairTruncating = tokenizers.get(2);
        this.pairLongestFirst = tokenizers.get(3);
        this.graphForExplain = graph;
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        this.inputDescriptions = describe(inputs);
        this.outputDescriptions = describe(outputs);
        if (!inputs.containsKey(INPUT_IDS) || !inputs.containsKey(ATTENTION_MASK)) {
            throw new ModelLoadException(files.name() + ": expected the inputs input_ids and attention_mask; found "
                    + "inputs " + inputDescriptions + ", outputs " + outputDescriptions);
        }
        this.wantsTokenTypeIds = inputs.containsKey(TOKEN_TYPE_IDS);
        String logits = null;
        int labels = 0;
        for (NodeInfo info : outputs.values()) {
            if (info.getInfo() instanceof TensorInfo t && t.getShape().length == 2
                    && (t.getShape()[1] == 1 || t.getShape()[1] == 2)
                    && (logits == null || info.getName().equals("logits"))) {
                logits = info.getName();
                labels = (int) t.getShape()[1];
            }
        }
        if (outputs.containsKey("sentence_embedding")) {
            kind = ModelKind.BI_ENCODER;
            outputName = "sentence_embedding";
            outputIsPooled = true;
            numLabels = 0;
        } else if (outputs.containsKey("last_hidden_state") || outputs.containsKey("token_embeddings")) {
            kind = ModelKind.BI_ENCODER;
            outputName = outputs.containsKey("last_hidden_state") ? "last_hidden_state" : "token_embeddings";
            outputIsPooled = false;
            numLabels = 0;
        } else if (logits != null) {
            kind = ModelKind.CROSS_ENCODER;
            outputName = logits;
            outputIsPooled = true;
            numLabels = labels;
        } else {
            throw new ModelLoadException(files.name() + ": cannot tell what kind of model this is. A bi-encoder has "
                    + "an output named last_hidden_state or sentence_embedding; a cross-encoder an output shaped "
                    + "[batch, 1] or [batch, 2] such as logits. Found inputs " + inputDescriptions + ", outputs "
                    + outputDescriptions);
        }
        this.singleSpecialTokens = untruncated.encode("").getIds().length;
        this.pairSpecialTokens = untruncated.encode("", "").getIds().length;
        LOG.log(Level.INFO, "Loaded {0} ({1}): inputs {2}, outputs {3}", files.name(), kind.label(),
                inputDescriptions, outputDescriptions);
    }

    /**
     * Loads a model. Blocks for a second or more; call it off the UI thread.
     *
     * @throws ModelLoadException with a message for the user when a file is missing or malformed, the graph is
     *                            neither a bi-encoder nor a cross-encoder, or the native runtime cannot be loaded
     */
    public static LocalModel load(ModelFiles files, EngineSettings settings) {
        return load(files, settings, null);
    }

    /**
     * As {@link #load(ModelFiles, EngineSettings)}, running up to {@code settings.parallelBatches()} batches at once
     * with the help of {@code workers} (an executor the caller owns; null = one batch at a time).
     */
    public static LocalModel load(ModelFiles files, EngineSettings settings, Executor workers) {
        byte[] graph = files.readGraph();
        byte[] tokenizerJson = files.readTokenizer();
        OrtEnvironment env;
        try {
            env = OrtEnvironment.getEnvironment();
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new ModelLoadException("The ONNX Runtime native library could not be loaded on this platform ("
                    + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "): " + e.getMessage()
                    + ". Check that the temporary folder (java.io.tmpdir) is writable and not mounted noexec.", e);
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(settings.intraOpThreads());
            options.setInterOpNumThreads(1);
            OrtSession session = env.createSession(graph, options);
            opened.add(session);
            int max = files.config().maxLength();
            List<HuggingFaceTokenizer> tokenizers = new ArrayList<>();
            for (String truncation : new String[]{"true", "false", "only_second", "longest_first"}) {
                HuggingFaceTokenizer t = Tokenizers.create(tokenizerJson, "false".equals(truncation) ? 0 : max,
                        truncation);
                opened.add(t);
                tokenizers.add(t);
            }
            LocalModel model = new LocalModel(files, settings, workers, env, session, tokenizers, graph);
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
            throw new ModelLoadException(files.name() + ": ONNX Runtime could not load the graph: "
                    + e.getMessage(), e);
        } catch (ModelLoadException e) {
            closeAll(opened, e);
            throw e;
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            closeAll(opened, e);
            throw new ModelLoadException("The tokenizer's native library could not be loaded on this platform ("
                    + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "): " + e.getMessage()
                    + ". It is unpacked into ~/.djl.ai (or DJL_CACHE_DIR): check that this folder is writable.", e);
        } catch (IOException | RuntimeException e) {
            closeAll(opened, e);
            throw new ModelLoadException(files.name() + ": could not load the tokenizer: " + e.getMessage(), e);
        }
    }

    /** One full-length batch, so ONNX Runtime allocates its buffers now rather than in the user's first run. */
    private void warmUp() {
        long started = System.nanoTime();
        String longText = "warm up ".repeat(files.config().maxLength());
        List<TokenizedText> texts = kind == ModelKind.BI_ENCODER
                ? List.of(tokenize("warm up"), tokenize(longText))
                : List.of(tokenizePair("warm up", "warm up"), tokenizePair("warm up", longText));
        run(texts, ProgressListener.NONE, CancellationToken.NONE);
        realTokens.set(0);
        paddedTokens.set(0);
        textsRun.set(0);
        LOG.log(Level.DEBUG, "Warm-up of {0} took {1} ms", files.name(), (System.nanoTime() - started) / 1_000_000);
    }

    public ModelFiles files() {
        return files;
    }

    public String name() {
        return files.name();
    }

    public ModelKind kind() {
        return kind;
    }

    public int maxLength() {
        return files.config().maxLength();
    }

    /** 1 or 2 for a cross-encoder (one logit, or negative/positive), 0 for a bi-encoder. */
    public int numLabels() {
        return numLabels;
    }

    EngineSettings settings() {
        return settings;
    }

    byte[] graphBytes() {
        return graphForExplain;
    }

    OrtEnvironment environment() {
        return env;
    }

    boolean wantsTokenTypeIds() {
        return wantsTokenTypeIds;
    }

    /** What the Models view and {@code models check} show. */
    public ModelInfo info() {
        List<String> details = new ArrayList<>();
        if (kind == ModelKind.BI_ENCODER) {
            details.add(outputIsPooled ? "pooled by the graph (sentence_embedding)"
                    : files.config().pooling().name().toLowerCase(java.util.Locale.ROOT) + " pooling");
        } else {
            details.add(numLabels == 1 ? "1 label: score = logit, probability = sigmoid"
                    : "2 labels: score = positive − negative logit, probability = softmax");
        }
        if (!files.config().queryPrefix().isEmpty()) {
            details.add("query prefix \"" + files.config().queryPrefix() + "\"");
        }
        if (!files.config().documentPrefix().isEmpty()) {
            details.add("document prefix \"" + files.config().documentPrefix() + "\"");
        }
        return new ModelInfo(files.name(), kind, maxLength(), files.config().layers(), files.sizeBytes(),
                files.location(), inputDescriptions, outputDescriptions, details);
    }

    // ---- tokenization ----------------------------------------------------------------------------------------

    /** One text as the model sees it: special tokens added, truncated to the model's limit. */
    TokenizedText tokenize(String text) {
        Encoding full = untruncated.encode(text);
        if (full.getIds().length <= maxLength()) {
            return new TokenizedText(full.getIds(), full.getTypeIds(), 0);
        }
        Encoding cut = truncating.encode(text);
        return new TokenizedText(cut.getIds(), cut.getTypeIds(), full.getIds().length - cut.getIds().length);
    }

    /** Several texts; the tokenizer parallelises the batch internally. */
    List<TokenizedText> tokenizeAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        Encoding[] full = untruncated.batchEncode(texts);
        List<TokenizedText> out = new ArrayList<>(texts.size());
        for (int i = 0; i < full.length; i++) {
            Encoding e = full[i];
            out.add(e.getIds().length <= maxLength()
                    ? new TokenizedText(e.getIds(), e.getTypeIds(), 0)
                    : tokenize(texts.get(i)));
        }
        return out;
    }

    /**
     * A query-document pair, {@code [CLS] query [SEP] document [SEP]} for BERT-style tokenizers, truncated on the
     * document side first; only a query that alone exceeds the limit is cut too.
     */
    TokenizedText tokenizePair(String query, String document) {
        Encoding full = untruncated.encode(query, document);
        if (full.getIds().length <= maxLength()) {
            return new TokenizedText(full.getIds(), full.getTypeIds(), 0);
        }
        Encoding cut;
        try {
            cut = pairTruncating.encode(query, document);
        } catch (RuntimeException e) {
            // The query alone is longer than the model's limit: only-second truncation cannot help.
            cut = pairLongestFirst.encode(query, document);
        }
        return new TokenizedText(cut.getIds(), cut.getTypeIds(), full.getIds().length - cut.getIds().length);
    }

    /** Token count of a text as the model would see it untruncated, special tokens included. */
    public int embedTokenCount(String text) {
        return untruncated.encode(text).getIds().length;
    }

    /** Token count of a text without special tokens. */
    int contentTokens(String text) {
        return untruncated.encode(text, false, false).getIds().length;
    }

    /** How many tokens the model adds around one text (e.g. [CLS] and [SEP]). */
    int singleSpecialTokens() {
        return singleSpecialTokens;
    }

    /** How many tokens the model adds around a pair. */
    int pairSpecialTokens() {
        return pairSpecialTokens;
    }

    /**
     * Character spans of the windows a long text is cut into: windows of {@code windowTokens} content tokens,
     * neighbours sharing {@code overlap} tokens. A text that fits gives one window covering all of it.
     */
    List<TextSpan> windows(String text, int windowTokens, int overlap) {
        Encoding e = untruncated.encode(text, false, false);
        CharSpan[] spans = e.getCharTokenSpans();
        int n = spans.length;
        if (n <= windowTokens) {
            return List.of(new TextSpan(0, text.length()));
        }
        int stride = Math.max(1, windowTokens - Math.min(overlap, windowTokens / 2));
        List<TextSpan> windows = new ArrayList<>();
        for (int start = 0; ; start += stride) {
            int end = Math.min(n, start + windowTokens);
            windows.add(new TextSpan(spans[start].getStart(), spans[end - 1].getEnd()));
            if (end == n) {
                break;
            }
        }
        return windows;
    }

    // ---- inference -------------------------------------------------------------------------------------------

    /**
     * Runs tokenized texts through the model in length-sorted batches. For a bi-encoder each result is the
     * normalised embedding; for a cross-encoder, the logits. Results are in input order. Progress counts texts;
     * cancellation is checked between batches. With {@link EngineSettings#parallelBatches()} above 1 and a worker
     * executor, that many batches run at once, each on one core (ONNX Runtime sessions are safe to run
     * concurrently); the calling thread takes part, so this never waits on a busy executor alone.
     */
    float[][] run(List<TokenizedText> texts, ProgressListener progress, CancellationToken cancel) {
        ensureOpen();
        int n = texts.size();
        float[][] results = new float[n][];
        List<List<Integer>> batches = batches(texts, settings.batchSize(), settings.batchTokens());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable lane = () -> {
            for (int b = next.getAndIncrement(); b < batches.size() && !cancel.isCancelled();
                 b = next.getAndIncrement()) {
                List<Integer> batch = batches.get(b);
                List<TokenizedText> items = new ArrayList<>(batch.size());
                for (int i : batch) {
                    items.add(texts.get(i));
                }
                float[][] vectors = runBatch(items);
                for (int k = 0; k < batch.size(); k++) {
                    results[batch.get(k)] = vectors[k];
                }
                // Count and report under one lock, so parallel batches never report a smaller count after a larger.
                synchronized (progress) {
                    progress.progress(done.addAndGet(batch.size()), n);
                }
            }
        };
        int lanes = workers == null ? 1 : Math.min(settings.parallelBatches(), batches.size());
        List<CompletableFuture<Void>> helpers = new ArrayList<>();
        for (int k = 1; k < lanes; k++) {
            helpers.add(CompletableFuture.runAsync(lane, workers));
        }
        RuntimeException failure = null;
        try {
            lane.run();
        } catch (RuntimeException e) {
            failure = e;
            next.set(batches.size()); // stop the helpers at their next batch
        }
        for (CompletableFuture<Void> helper : helpers) {
            try {
                helper.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                        : new RerankException(files.name() + ": inference failed: " + e.getCause(), e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        cancel.throwIfCancelled();
        return results;
    }

    /** Normalised embedding of one text (bi-encoders). */
    public float[] embed(String text) {
        return run(List.of(tokenize(text)), ProgressListener.NONE, CancellationToken.NONE)[0];
    }

    /**
     * Indices of {@code texts} grouped into batches: sorted by length, each padded with bounded waste, at most
     * {@code maxBatch} texts and (unless a single text is longer) {@code maxTokens} padded tokens. Long inputs go in
     * small batches: their activations (attention grows with the square of the length) then stay in the CPU's caches.
     */
    static List<List<Integer>> batches(List<TokenizedText> texts, int maxBatch, int maxTokens) {
        List<Integer> order = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> texts.get(i).length()));
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long real = 0;
        for (int i : order) {
            int length = texts.get(i).length();
            long padded = (long) (current.size() + 1) * length;
            boolean full = current.size() == maxBatch || padded > maxTokens;
            boolean wasteful = padded > MAX_PADDING_RATIO * (real + length) + PADDING_ALLOWANCE;
            if (!current.isEmpty() && (full || wasteful)) {
                batches.add(current);
                current = new ArrayList<>();
                real = 0;
            }
            current.add(i);
            real += length;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** Padded tokens over real tokens since the last reset, minus one: 0.05 means 5 % of the work was padding. */
    public double paddingWaste() {
        long real = realTokens.get();
        return real == 0 ? 0 : (double) paddedTokens.get() / real - 1;
    }

    /** Real (unpadded) tokens run through the model since the last reset. */
    public long realTokens() {
        return realTokens.get();
    }

    /** Texts (or pairs) run through the model since it was loaded, warm-up excluded; caches keep this low. */
    public long textsRun() {
        return textsRun.get();
    }

    public void resetPaddingStats() {
        realTokens.set(0);
        paddedTokens.set(0);
    }

    /** Input tensors for a padded batch; the caller closes them. */
    Map<String, OnnxTensor> inputs(List<TokenizedText> items) throws OrtException {
        int batch = items.size();
        int seqLen = items.stream().mapToInt(TokenizedText::length).max().orElse(0);
        long[] ids = new long[batch * seqLen];
        long[] mask = new long[batch * seqLen];
        long[] types = new long[batch * seqLen];
        for (int b = 0; b < batch; b++) {
            TokenizedText t = items.get(b);
            System.arraycopy(t.ids(), 0, ids, b * seqLen, t.length());
            System.arraycopy(t.typeIds(), 0, types, b * seqLen, t.length());
            Arrays.fill(mask, b * seqLen, b * seqLen + t.length(), 1L);
        }
        long[] shape = {batch, seqLen};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (wantsTokenTypeIds) {
                inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
            }
            return inputs;
        } catch (OrtException | RuntimeException e) {
            inputs.values().forEach(OnnxTensor::close);
            throw e;
        }
    }

    private float[][] runBatch(List<TokenizedText> items) {
        int batch = items.size();
        int seqLen = items.stream().mapToInt(TokenizedText::length).max().orElse(0);
        textsRun.addAndGet(batch);
        realTokens.addAndGet(items.stream().mapToLong(TokenizedText::length).sum());
        paddedTokens.addAndGet((long) batch * seqLen);
        Map<String, OnnxTensor> inputs = Map.of();
        try {
            inputs = inputs(items);
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                OnnxTensor out = (OnnxTensor) result.get(outputName).orElseThrow(
                        () -> new RerankException(files.name() + ": the model returned no " + outputName));
                long[] shape = ((TensorInfo) out.getInfo()).getShape();
                FloatBuffer values = out.getFloatBuffer();
                float[][] rows = new float[batch][];
                for (int b = 0; b < batch; b++) {
                    if (kind == ModelKind.CROSS_ENCODER) {
                        rows[b] = Vectors.row(values, b, (int) shape[1]);
                    } else if (outputIsPooled) {
                        rows[b] = Vectors.normalize(Vectors.row(values, b, (int) shape[1]));
                    } else {
                        rows[b] = Vectors.normalize(pool(values, b, seqLen, (int) shape[2], items.get(b).length()));
                    }
                }
                return rows;
            }
        } catch (OrtException e) {
            throw new RerankException(files.name() + ": inference failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[] pool(FloatBuffer hidden, int row, int seqLen, int dim, int length) {
        return switch (files.config().pooling()) {
            case MEAN -> Vectors.meanPool(hidden, row, seqLen, dim, length);
            case CLS -> Vectors.tokenVector(hidden, row, seqLen, dim, 0);
            case MAX -> Vectors.maxPool(hidden, row, seqLen, dim, length);
        };
    }

    /** Token vectors of one text ([length, dim]), unpooled; for explanations. Bi-encoders with token outputs only. */
    float[][] tokenVectors(TokenizedText text) {
        if (kind != ModelKind.BI_ENCODER || outputIsPooled) {
            throw new IllegalStateException(files.name() + " has no token-level output");
        }
        Map<String, OnnxTensor> inputs = Map.of();
        try {
            inputs = inputs(List.of(text));
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                OnnxTensor out = (OnnxTensor) result.get(outputName).orElseThrow();
                long[] shape = ((TensorInfo) out.getInfo()).getShape();
                FloatBuffer values = out.getFloatBuffer();
                int dim = (int) shape[2];
                float[][] vectors = new float[text.length()][];
                for (int t = 0; t < text.length(); t++) {
                    vectors[t] = Vectors.tokenVector(values, 0, text.length(), dim, t);
                }
                return vectors;
            }
        } catch (OrtException e) {
            throw new RerankException(files.name() + ": inference failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Whether embeddings come from the graph already pooled (token vectors are then not available). */
    boolean outputIsPooled() {
        return outputIsPooled;
    }

    Encoding encodeWithOffsets(String text) {
        return truncating.encode(text);
    }

    Encoding encodePairWithOffsets(String query, String document) {
        Encoding full = untruncated.encode(query, document);
        if (full.getIds().length <= maxLength()) {
            return full;
        }
        try {
            return pairTruncating.encode(query, document);
        } catch (RuntimeException e) {
            return pairLongestFirst.encode(query, document);
        }
    }

    // ---- explanations ----------------------------------------------------------------------------------------

    private AttentionProbe probe() {
        AttentionProbe p = probe;
        if (p == null) {
            synchronized (this) {
                if (probe == null) {
                    probe = new AttentionProbe(this);
                }
                p = probe;
            }
        }
        return p;
    }

    /** Attention over one text (bi-encoder), as the model sees it: with the given prefix, truncated. */
    io.rerankworkbench.rerank.AttentionResult attentionSingle(String prefix, String text) {
        ensureOpen();
        return probe().attention(truncating.encode(prefix + text), new String[]{text},
                new int[]{prefix.length()});
    }

    /** Attention over a query-document pair (cross-encoder), truncated on the document side as when scoring. */
    io.rerankworkbench.rerank.AttentionResult attentionPair(String queryPrefix, String query, String docPrefix,
                                                            String document) {
        ensureOpen();
        return probe().attention(encodePairWithOffsets(queryPrefix + query, docPrefix + document),
                new String[]{query, document}, new int[]{queryPrefix.length(), docPrefix.length()});
    }

    /** Per-token output vectors of one text with their tokens (bi-encoders with a token-level output). */
    io.rerankworkbench.rerank.TokenVectors tokenVectors(String prefix, String text) {
        ensureOpen();
        Encoding e = truncating.encode(prefix + text);
        TokenizedText t = new TokenizedText(e.getIds(), e.getTypeIds(), 0);
        return new io.rerankworkbench.rerank.TokenVectors(
                AttentionProbe.describe(e, new String[]{text}, new int[]{prefix.length()}), tokenVectors(t),
                files.config().pooling() == Pooling.MEAN);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(files.name() + " is closed");
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        List<AutoCloseable> owned = new ArrayList<>(List.of(session, truncating, untruncated, pairTruncating,
                pairLongestFirst));
        if (probe != null) {
            owned.add(0, probe);
        }
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing " + files.name() + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
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

    private static List<String> describe(Map<String, NodeInfo> infos) {
        return infos.values().stream()
                .map(i -> i.getName() + (i.getInfo() instanceof TensorInfo t ? Arrays.toString(t.getShape()) : ""))
                .toList();
    }
}
