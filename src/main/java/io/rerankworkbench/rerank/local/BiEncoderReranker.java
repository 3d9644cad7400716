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
 * Ranks candidates by the cosine similarity of their embeddings to the query's embedding. Document embeddings come
 * from the cache when the same text was encoded before; the rest are encoded in length-sorted batches. In chunk
 * mode a long document is split into overlapping windows and scores as its best window.
 */
public final class BiEncoderReranker implements Reranker, Explainable {

    private final LocalModel model;
    private final EngineCache cache;
    private final String cacheId;

    public BiEncoderReranker(LocalModel model, EngineCache cache) {
        this.model = model;
        this.cache = cache;
        this.cacheId = model.files().location() + "|" + model.name() + "|" + model.maxLength() + "|"
                + model.files().config().pooling() + "|" + model.files().config().documentPrefix();
    }

    public LocalModel localModel() {
        return model;
    }

    @Override
    public String kind() {
        return "local bi-encoder";
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
        return rerankAll(List.of(query), candidates, options, progress, cancel).get(0);
    }

    /** Encodes every candidate once (or takes it from the cache) and reuses it for all queries. */
    @Override
    public List<Ranking> rerankAll(List<Query> queries, List<Candidate> candidates, RerankOptions options,
                                   ProgressListener progress, CancellationToken cancel) {
        long started = System.nanoTime();
        String queryPrefix = model.files().config().queryPrefix();
        float[][] queryVectors = model.run(model.tokenizeAll(queries.stream().map(q -> queryPrefix + q.text())
                .toList()), ProgressListener.NONE, cancel);

        // Every text to embed: one per document, or one per window when chunking.
        String docPrefix = model.files().config().documentPrefix();
        int window = model.maxLength() - model.singleSpecialTokens()
                - (docPrefix.isEmpty() ? 0 : model.contentTokens(docPrefix));
        DocumentWindows windows = DocumentWindows.of(model, candidates, options, window, docPrefix);
        EngineCache.Entry[] embedded = embed(windows.texts(), candidates.size(), progress, cancel);

        List<Ranking> rankings = new ArrayList<>(queries.size());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        for (float[] queryVector : queryVectors) {
            List<DocumentScore> scores = windows.best(t -> Vectors.dot(queryVector, embedded[t].values()), embedded,
                    null);
            rankings.add(new Ranking(queries.get(rankings.size()), Ranking.rank(candidates, scores), kind(), model(),
                    elapsed));
        }
        return rankings;
    }

    /**
     * What identifies this model's embeddings: the model, its length and pooling, and its document prefix. Kept
     * embeddings made under another key are not this model's.
     */
    public String embeddingKey() {
        return cacheId;
    }

    /**
     * Unit-length document embeddings, as this model embeds a candidate (its document prefix, truncated to its
     * length), without going through the cache: for a corpus, kept by the caller. Blocks.
     */
    public float[][] embedDocuments(List<String> texts, ProgressListener progress, CancellationToken cancel) {
        String docPrefix = model.files().config().documentPrefix();
        return model.run(model.tokenizeAll(texts.stream().map(t -> docPrefix + t).toList()), progress, cancel);
    }

    /** The unit-length embedding of a query, with the model's query prefix. Blocks. */
    public float[] embedQuery(String text, CancellationToken cancel) {
        String queryPrefix = model.files().config().queryPrefix();
        return model.run(model.tokenizeAll(List.of(queryPrefix + text)), ProgressListener.NONE, cancel)[0];
    }

    /** Embeddings of {@code texts}, from the cache where possible. Progress is scaled to {@code documents}. */
    private EngineCache.Entry[] embed(List<String> texts, int documents, ProgressListener progress,
                                      CancellationToken cancel) {
        EngineCache.Entry[] out = new EngineCache.Entry[texts.size()];
        EngineCache.Key[] keys = new EngineCache.Key[texts.size()];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            keys[i] = EngineCache.key(cacheId, texts.get(i));
            out[i] = cache.get(keys[i]);
            if (out[i] == null) {
                missing.add(i);
            }
        }
        int cached = texts.size() - missing.size();
        int total = texts.size();
        progress.progress(scale(cached, total, documents), documents);
        if (!missing.isEmpty()) {
            List<TokenizedText> tokenized = model.tokenizeAll(missing.stream().map(texts::get).toList());
            float[][] vectors = model.run(tokenized,
                    (done, all) -> progress.progress(scale(cached + done, total, documents), documents), cancel);
            for (int m = 0; m < missing.size(); m++) {
                int i = missing.get(m);
                out[i] = new EngineCache.Entry(vectors[m], tokenized.get(m).tokensDropped());
                cache.put(keys[i], out[i]);
            }
        }
        return out;
    }

    private static long scale(long done, long total, long documents) {
        return total == 0 ? documents : done * documents / total;
    }

    /** Each text's self-attention, computed separately, as the model encodes them. */
    @Override
    public AttentionResult attention(String query, String document) {
        ModelConfig c = model.files().config();
        AttentionResult q = model.attentionSingle(c.queryPrefix(), query);
        if (q instanceof AttentionResult.Unavailable) {
            return q;
        }
        return new AttentionResult.Separate(q, model.attentionSingle(c.documentPrefix(), document));
    }

    @Override
    public TokenVectors tokenVectors(String text, boolean isQuery) {
        if (model.outputIsPooled()) {
            throw new UnsupportedOperationException(model.name() + " pools inside its graph; per-token vectors "
                    + "are not available");
        }
        ModelConfig c = model.files().config();
        return model.tokenVectors(isQuery ? c.queryPrefix() : c.documentPrefix(), text);
    }

    @Override
    public boolean hasTokenVectors() {
        return !model.outputIsPooled();
    }

    @Override
    public boolean meanPooled() {
        return hasTokenVectors() && model.files().config().pooling() == Pooling.MEAN;
    }

    @Override
    public void close() {
        model.close();
    }
}
