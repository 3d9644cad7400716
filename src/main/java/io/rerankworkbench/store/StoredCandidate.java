package io.rerankworkbench.store;

import io.rerankworkbench.core.Candidate;

/** A candidate of a query as stored: its document's key, the core candidate, title and first-stage score (or NaN). */
public record StoredCandidate(long documentId, Candidate candidate, String title, double firstStageScore) {
}
