package io.rerankworkbench.rerank.local;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.DocumentScore;
import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.rerank.LongDocuments;
import io.rerankworkbench.rerank.RerankOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * The texts a model scores for a list of documents: one per document when truncating, one per window when
 * chunking; and how window scores fold back into document scores (the best window wins).
 *
 * @param spans per document, the character spans of its windows (one span covering it all when not chunked)
 * @param texts every window's text with the model's document prefix, documents in order, windows in order
 */
record DocumentWindows(List<List<TextSpan>> spans, List<String> texts) {

    /**
     * @param windowTokens content tokens per window (the model's limit less its special tokens, the prefix and, for
     *                     a cross-encoder, the query)
     */
    static DocumentWindows of(LocalModel model, List<Candidate> candidates, RerankOptions options,
                              int windowTokens, String documentPrefix) {
        List<List<TextSpan>> spans = new ArrayList<>(candidates.size());
        List<String> texts = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            List<TextSpan> windows = options.longDocuments() == LongDocuments.CHUNK
                    ? model.windows(c.text(), windowTokens, options.chunkOverlap())
                    : List.of(new TextSpan(0, c.text().length()));
            spans.add(windows);
            for (TextSpan s : windows) {
                texts.add(documentPrefix + s.of(c.text()));
            }
        }
        return new DocumentWindows(spans, texts);
    }

    /**
     * One score per document: the best of its windows' scores; the winning window's span when there were several;
     * the most tokens any of its windows lost to truncation.
     *
     * @param windowScore the score of text {@code i} (an index into {@link #texts()})
     * @param entries     what the model returned per text, for the truncation counts
     * @param probability turns a score into a probability, or null when the model gives none
     */
    List<DocumentScore> best(IntToDoubleFunction windowScore, EngineCache.Entry[] entries,
                             java.util.function.DoubleUnaryOperator probability) {
        List<DocumentScore> scores = new ArrayList<>(spans.size());
        int t = 0;
        for (List<TextSpan> windows : spans) {
            double best = Double.NEGATIVE_INFINITY;
            int bestIndex = 0;
            int dropped = 0;
            for (int w = 0; w < windows.size(); w++, t++) {
                double s = windowScore.applyAsDouble(t);
                dropped = Math.max(dropped, entries[t].tokensDropped());
                if (s > best) {
                    best = s;
                    bestIndex = w;
                }
            }
            scores.add(new DocumentScore(best, probability == null ? Double.NaN : probability.applyAsDouble(best),
                    dropped, windows.size() > 1 ? windows.get(bestIndex) : null));
        }
        return scores;
    }
}
