package io.rerankworkbench.rerank.local;

/**
 * A text as the model sees it.
 *
 * @param ids           token ids, special tokens included, at most the model's maximum length
 * @param tokensDropped tokens cut off by truncation (0 when the text fit)
 */
record TokenizedText(long[] ids, long[] typeIds, int tokensDropped) {

    int length() {
        return ids.length;
    }
}
