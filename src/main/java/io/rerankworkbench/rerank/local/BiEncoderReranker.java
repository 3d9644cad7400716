package io.rerankworkbench.rerank.local;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.Reranker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Ranks candidates by the cosine similarity of their embeddings to the query's embedding. The query is encoded once;
 * documents are encoded in length-sorted batches.
 */
public final class BiEncoderReranker implements Reranker {

    private final BiEncoderModel model;

    public BiEncoderReranker(BiEncoderModel model) {
        this.model = model;
    }

    @Override
    public String kind() {
        return "local bi-encoder";
    }

    @Override
    public String model() {
        return model.spec().name();
    }

    @Override
    public OptionalInt maxTokens() {
        return OptionalInt.of(model.spec().maxLength());
    }

    @Override
    public Ranking rerank(Query query, List<Candidate> candidates, ProgressListener progress,
                          CancellationToken cancel) {
        return rerankAll(List.of(query), candidates, progress, cancel).get(0);
    }

    /** Encodes every candidate once and reuses the embeddings for all queries. Progress counts documents encoded. */
    @Override
    public List<Ranking> rerankAll(List<Query> queries, List<Candidate> candidates, ProgressListener progress,
                                   CancellationToken cancel) {
        long started = System.nanoTime();
        List<String> queryTexts = queries.stream().map(Query::text).toList();
        float[][] queryVectors = model.embedTokenized(model.tokenizeAll(queryTexts),
                ProgressListener.NONE, cancel);
        List<TokenizedText> docs = model.tokenizeAll(candidates.stream().map(Candidate::text).toList());
        int[] dropped = docs.stream().mapToInt(TokenizedText::tokensDropped).toArray();
        progress.progress(0, candidates.size());
        float[][] docVectors = model.embedTokenized(docs, progress, cancel);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        List<Ranking> rankings = new ArrayList<>(queries.size());
        for (int q = 0; q < queries.size(); q++) {
            double[] scores = new double[candidates.size()];
            for (int d = 0; d < scores.length; d++) {
                scores[d] = Vectors.dot(queryVectors[q], docVectors[d]);
            }
            rankings.add(new Ranking(queries.get(q), Ranking.rank(candidates, scores, dropped), kind(), model(),
                    elapsed));
        }
        return rankings;
    }

    @Override
    public void close() {
        model.close();
    }
}
