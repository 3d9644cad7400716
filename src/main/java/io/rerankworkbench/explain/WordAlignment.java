package io.rerankworkbench.explain;

import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.rerank.TokenizedInput;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups sub-word tokens into the words of the original text: WordPiece continuations ({@code ##ing}) join the
 * word before them, SentencePiece word starts ({@code ▁the}) open a new one. Uses the tokenizer's own word indices
 * when it reports them, the token markers otherwise.
 */
public final class WordAlignment {

    private WordAlignment() {
    }

    /** The words of one segment (0 = query or single text, 1 = document) in order; special tokens are left out. */
    public static List<Word> words(TokenizedInput input, int segment, String text) {
        List<List<Integer>> groups = new ArrayList<>();
        boolean haveWordIds = false;
        for (int i = 0; i < input.size(); i++) {
            if (input.segments()[i] == segment && input.wordIds()[i] >= 0) {
                haveWordIds = true;
                break;
            }
        }
        int lastWordId = Integer.MIN_VALUE;
        TextSpan lastSpan = null;
        for (int i = 0; i < input.size(); i++) {
            if (input.segments()[i] != segment) {
                continue;
            }
            String token = input.tokens().get(i);
            TextSpan span = input.spans().get(i);
            boolean startsWord;
            if (haveWordIds) {
                startsWord = input.wordIds()[i] != lastWordId;
                lastWordId = input.wordIds()[i];
            } else if (token.startsWith("##")) {
                startsWord = false;
            } else if (token.startsWith("▁") || token.startsWith("Ġ")) {
                startsWord = true;
            } else {
                // No marker: a new word unless it touches the previous token (SentencePiece pieces inside a word).
                startsWord = lastSpan == null || span == null || span.start() != lastSpan.end()
                        || input.tokens().stream().anyMatch(t -> t.startsWith("##"));
            }
            if (startsWord || groups.isEmpty()) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(i);
            lastSpan = span;
        }
        List<Word> words = new ArrayList<>(groups.size());
        for (List<Integer> g : groups) {
            int start = Integer.MAX_VALUE;
            int end = 0;
            for (int i : g) {
                TextSpan s = input.spans().get(i);
                if (s != null) {
                    start = Math.min(start, s.start());
                    end = Math.max(end, s.end());
                }
            }
            if (start == Integer.MAX_VALUE) {
                continue;
            }
            TextSpan span = new TextSpan(start, Math.min(end, text.length()));
            words.add(new Word(span.of(text), span, g));
        }
        return words;
    }

    /**
     * Sums a token-by-token matrix into a word-by-word one (contributions add; the total of the word cells equals
     * the total of the word tokens' cells).
     */
    public static double[][] sumToWords(double[][] tokenMatrix, List<Word> rows, List<Word> columns) {
        double[][] out = new double[rows.size()][columns.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                double sum = 0;
                for (int i : rows.get(r).tokens()) {
                    for (int j : columns.get(c).tokens()) {
                        sum += tokenMatrix[i][j];
                    }
                }
                out[r][c] = sum;
            }
        }
        return out;
    }

    /**
     * Attention from words to words: the attention mass a word's tokens give to another word's tokens (summed over
     * the target's tokens), averaged over the source word's tokens, so each row still reads as a distribution.
     */
    public static double[][] attentionToWords(float[][] tokenMatrix, List<Word> rows, List<Word> columns) {
        double[][] out = new double[rows.size()][columns.size()];
        for (int r = 0; r < rows.size(); r++) {
            List<Integer> from = rows.get(r).tokens();
            for (int c = 0; c < columns.size(); c++) {
                double sum = 0;
                for (int i : from) {
                    for (int j : columns.get(c).tokens()) {
                        sum += tokenMatrix[i][j];
                    }
                }
                out[r][c] = sum / from.size();
            }
        }
        return out;
    }
}
