package io.rerankworkbench.rerank.remote;

import io.rerankworkbench.core.Candidate;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a run would send and, for Cohere, roughly what it would bill — shown before the user confirms a large run.
 *
 * <p>Tokens are approximated as characters / 4 (rounded up, per document), a rule of thumb for English text with
 * the providers' subword tokenizers; real counts differ by model and language, so the numbers are estimates.
 * Cohere bills one search unit per query per 100 documents in a request. The two dialects differ on long documents:
 * v1 splits a document into chunks of 4,096 tokens that each count ({@code ceil(t / 4096)}); v2 truncates each
 * document to {@code max_tokens_per_doc} (the endpoint's, else 4,096), so a document counts once and only its first
 * {@code max_tokens_per_doc} tokens are sent. Units are counted per request, since each request is billed on its own.
 * The query's own tokens are not counted. Empty documents are not sent and not counted. All of it is an estimate:
 * the provider's tokenizer decides.
 *
 * @param queries      queries the estimate is for
 * @param requests     HTTP requests, without retries
 * @param documents    documents sent, over all queries
 * @param approxTokens document tokens sent, over all queries (chars / 4)
 * @param searchUnits  Cohere search units, or empty for providers that do not bill by them
 */
public record CostEstimate(int queries, long requests, long documents, long approxTokens, OptionalLong searchUnits) {

    /** Cohere's {@code max_tokens_per_doc} default, and its chunk size for v3.x models. */
    public static final int COHERE_DEFAULT_TOKENS_PER_DOC = 4096;
    /** Documents per search unit. */
    public static final int DOCUMENTS_PER_SEARCH_UNIT = 100;

    public CostEstimate {
        Objects.requireNonNull(searchUnits, "searchUnits");
    }

    /** For one query. */
    public static CostEstimate estimate(Endpoint endpoint, List<Candidate> candidates) {
        return estimate(endpoint, candidates, 1);
    }

    /** For {@code queries} queries over the same candidates. */
    public static CostEstimate estimate(Endpoint endpoint, List<Candidate> candidates, int queries) {
        if (queries < 0) {
            throw new IllegalArgumentException("queries must be >= 0");
        }
        candidates = candidates.stream().filter(c -> !c.text().isBlank()).toList(); // never sent
        int n = candidates.size();
        int perRequest = endpoint.maxDocumentsPerRequest();
        long requestsPerQuery = n == 0 ? 0 : (n + perRequest - 1) / perRequest;
        Integer configured = endpoint.options().maxTokensPerDoc();
        boolean truncates = endpoint.dialect() instanceof Dialect.CohereV2;
        int limit = configured != null && truncates ? configured : COHERE_DEFAULT_TOKENS_PER_DOC;
        long tokens = 0;
        long unitsPerQuery = 0;
        for (int from = 0; from < n; from += perRequest) {
            long chunks = 0;
            for (Candidate c : candidates.subList(from, Math.min(n, from + perRequest))) {
                long t = approxTokens(c.text());
                if (truncates) {
                    tokens += Math.min(t, limit);
                    chunks += 1;
                } else {
                    tokens += t;
                    chunks += Math.max(1, (t + limit - 1) / limit);
                }
            }
            unitsPerQuery += (chunks + DOCUMENTS_PER_SEARCH_UNIT - 1) / DOCUMENTS_PER_SEARCH_UNIT;
        }
        OptionalLong units = endpoint.dialect().billsSearchUnits()
                ? OptionalLong.of(unitsPerQuery * queries) : OptionalLong.empty();
        return new CostEstimate(queries, requestsPerQuery * queries, (long) n * queries, tokens * queries, units);
    }

    /** Characters / 4, rounded up. */
    public static long approxTokens(String text) {
        return (text.length() + 3L) / 4;
    }
}
