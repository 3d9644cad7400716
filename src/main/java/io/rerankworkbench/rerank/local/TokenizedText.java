package io.rerankworkbench.rerank.local;

/**
 * A text (or a query-document pair) as the model sees it.
 *
 * @param ids           token ids, special tokens included, at most the model's maximum length
 * @param typeIds       token type ids (segment A = 0, B = 1)
 * @param tokensDropped tokens cut off by truncation (0 when the text fit)
 */
record TokenizedText(long[] ids, long[] typeIds, int tokensDropped) {

    int length() {
        return ids.length;
    }

    @Override
    public String toString() {
        return "TokenizedText[" + ids.length + " tokens, " + tokensDropped + " dropped]";
    }
}
