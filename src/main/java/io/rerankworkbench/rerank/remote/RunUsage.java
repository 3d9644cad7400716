package io.rerankworkbench.rerank.remote;

/**
 * What one run cost, as the provider reported it: summed over every successful response. Fields a provider does not
 * report stay 0.
 *
 * @param requests     HTTP requests sent, retries included
 * @param retries      of those, how many were retries after a 429, a 5xx or a network failure
 * @param searchUnits  Cohere's billed search units ({@code meta.billed_units.search_units})
 * @param tokens       tokens the provider counted ({@code usage.total_tokens}, {@code meta.billed_units.input_tokens},
 *                     TEI's {@code x-compute-tokens} header, ...)
 * @param rerankUnits  Pinecone's {@code usage.rerank_units}
 */
public record RunUsage(int requests, int retries, double searchUnits, long tokens, long rerankUnits) {

    public static final RunUsage NONE = new RunUsage(0, 0, 0, 0, 0);

    public RunUsage plus(RunUsage other) {
        return new RunUsage(requests + other.requests, retries + other.retries, searchUnits + other.searchUnits,
                tokens + other.tokens, rerankUnits + other.rerankUnits);
    }

    /** One response's billing, before it is counted as a request. */
    static RunUsage billed(double searchUnits, long tokens, long rerankUnits) {
        return new RunUsage(0, 0, searchUnits, tokens, rerankUnits);
    }
}
