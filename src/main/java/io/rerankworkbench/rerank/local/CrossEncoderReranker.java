package io.rerankworkbench.rerank.local;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.DocumentScore;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.rerank.AttentionResult;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.Explainable;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.TokenVectors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Ranks candidates by a cross-encoder's relevance logit for each (query, document) pair. The score is the raw logit
 * (for a two-label model, positive minus negative logit: the log-odds, which orders documents as the probability
 * does); the probability is shown beside it (sigmoid, or softmax of the positive label).
 */
public final class CrossEncoderReranker implements Reranker, Explainable {

    private final LocalModel model;
    private final EngineCache cache;
    private final String cacheId;

    public CrossEncoderReranker(LocalModel model, EngineCache cache) {
        this.model = model;
        this.cache = cache;
        this.cacheId = model.files().location() + "|" + model.name() + "|" + model.maxLength();
    }

    public LocalModel localModel() {
        return model;
    }

    @Override
    public String kind() {
        return "local cross-encoder";
    }

    @Override
    public String model() {
        return model.name();
    }

    @Override
    public OptionalInt maxTokens() {
        return OptionalInt.of(model.maxLength());
    }

    @Override
    public Ranking rerank(Query query, List<Candidate> candidates, RerankOptions options, ProgressListener progress,
                          CancellationToken cancel) {
        long started = System.nanoTime();
        String q = model.files().config().queryPrefix() + query.text();
        String docPrefix = model.files().config().documentPrefix();
        int window = Math.max(16, model.maxLength() - model.pairSpecialTokens() - model.contentTokens(q)
                - (docPrefix.isEmpty() ? 0 : model.contentTokens(docPrefix)));
        DocumentWindows windows = DocumentWindows.of(model, candidates, options, window, docPrefix);
        List<String> texts = windows.texts();

        EngineCache.Entry[] logits = new EngineCache.Entry[texts.size()];
        EngineCache.Key[] keys = new EngineCache.Key[texts.size()];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            keys[i] = EngineCache.key(cacheId, q, texts.get(i));
            logits[i] = cache.get(keys[i]);
            if (logits[i] == null) {
                missing.add(i);
            }
        }
        int total = texts.size();
        int cached = total - missing.size();
        int documents = candidates.size();
        progress.progress(total == 0 ? 0 : (long) cached * documents / total, documents);
        if (!missing.isEmpty()) {
            List<TokenizedText> pairs = new ArrayList<>(missing.size());
            for (int i : missing) {
                pairs.add(model.tokenizePair(q, texts.get(i)));
            }
            float[][] out = model.run(pairs, (done, all) ->
                    progress.progress((cached + done) * documents / total, documents), cancel);
            for (int m = 0; m < missing.size(); m++) {
                int i = missing.get(m);
                logits[i] = new EngineCache.Entry(out[m], pairs.get(m).tokensDropped());
                cache.put(keys[i], logits[i]);
            }
        }

        List<DocumentScore> scores = windows.best(t -> score(logits[t].values()), logits,
                CrossEncoderReranker::sigmoid);
        return new Ranking(query, Ranking.rank(candidates, scores), kind(), model(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The ranking score from a row of logits: the logit, or the positive label's log-odds. */
    static double score(float[] logits) {
        return logits.length == 1 ? logits[0] : (double) logits[1] - logits[0];
    }

    /** sigmoid(x); for two labels, sigmoid(l1 − l0) equals softmax(l)[1]. */
    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Attention over the pair as the model reads it. */
    @Override
    public AttentionResult attention(String query, String document) {
        ModelConfig c = model.files().config();
        return model.attentionPair(c.queryPrefix(), query, c.documentPrefix(), document);
    }

    /** Cross-encoders have no per-text vectors. */
    @Override
    public TokenVectors tokenVectors(String text, boolean isQuery) {
        throw new UnsupportedOperationException(model.name() + " is a cross-encoder: it has no per-text vectors");
    }

    @Override
    public void close() {
        model.close();
    }
}
