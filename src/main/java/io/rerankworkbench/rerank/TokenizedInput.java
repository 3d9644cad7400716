package io.rerankworkbench.rerank;

import io.rerankworkbench.core.TextSpan;

import java.util.List;

/**
 * The tokens a model saw for one input (a text, or a query-document pair), with where each came from.
 *
 * @param tokens   token strings, special tokens included (e.g. {@code [CLS]}, {@code ##ing}, {@code ▁the})
 * @param segments per token: 0 = the query (or the only text), 1 = the document, -1 = a special token
 * @param spans    per token: its characters in the original text of its segment; {@code null} for special tokens
 * @param wordIds  per token: the index of the word it belongs to within its segment, -1 for special tokens
 */
public record TokenizedInput(List<String> tokens, int[] segments, List<TextSpan> spans, int[] wordIds) {

    public TokenizedInput {
        tokens = List.copyOf(tokens);
        spans = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(spans));
        if (segments.length != tokens.size() || spans.size() != tokens.size() || wordIds.length != tokens.size()) {
            throw new IllegalArgumentException("per-token arrays differ in length");
        }
    }

    public int size() {
        return tokens.size();
    }
}
