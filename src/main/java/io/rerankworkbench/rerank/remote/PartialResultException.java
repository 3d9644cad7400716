package io.rerankworkbench.rerank.remote;

import io.rerankworkbench.core.Ranking;

import java.util.List;
import java.util.Objects;

/**
 * Some batches of a run were scored and some were not. Carries the ranking of the documents that were scored (ranks
 * 1..m among themselves; scores from the same model and query, so they can be shown or saved) and the candidate
 * ranges that have no score. Its status, kind and retryability are those of the first failure.
 */
public class PartialResultException extends RemoteApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Candidates {@code [from, to)} (0-based positions in the candidate list) that have no score.
     *
     * @param sent   whether a request was sent for them; {@code false} when the run stopped before their turn
     * @param reason the failure's message, or why they were not sent
     */
    public record FailedBatch(int from, int to, boolean sent, String reason) {
        public FailedBatch {
            Objects.requireNonNull(reason, "reason");
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("bad range [" + from + ", " + to + ")");
            }
        }

        public int size() {
            return to - from;
        }
    }

    private final transient Ranking partial;
    private final transient List<FailedBatch> failed;
    private final transient RunUsage usage;

    PartialResultException(RemoteApiException first, Ranking partial, List<FailedBatch> failed, int total,
                           RunUsage usage) {
        super(first.kind(), first.provider(), first.status(), first.retryable(),
                message(first, partial, failed, total), first.providerMessage(), first);
        this.partial = Objects.requireNonNull(partial, "partial");
        this.failed = List.copyOf(failed);
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    private static String message(RemoteApiException first, Ranking partial, List<FailedBatch> failed, int total) {
        StringBuilder sb = new StringBuilder();
        sb.append("scored ").append(partial.results().size()).append(" of ").append(total).append(" documents; ");
        int unscored = failed.stream().mapToInt(FailedBatch::size).sum();
        sb.append(unscored).append(" have no score (");
        for (int i = 0; i < failed.size() && i < 3; i++) {
            FailedBatch f = failed.get(i);
            sb.append(i == 0 ? "" : ", ").append(f.from() + 1).append('-').append(f.to());
        }
        if (failed.size() > 3) {
            sb.append(", ...");
        }
        sb.append("): ").append(first.getMessage());
        return sb.toString();
    }

    /** The documents that were scored, ranked among themselves. */
    public Ranking partial() {
        return partial;
    }

    /** The ranges without scores, in candidate order. */
    public List<FailedBatch> failed() {
        return failed;
    }

    /** What the successful requests cost. */
    public RunUsage usage() {
        return usage;
    }
}
