package io.rerankworkbench.rerank.remote;

import io.rerankworkbench.core.Ranking;

import java.util.List;
import java.util.Objects;

/**
 * What one remote run produced.
 *
 * @param ranking  the merged ranking (cut to the endpoint's top-k when it has one)
 * @param usage    requests sent and what the provider billed
 * @param warnings things the user should know about the scores, e.g. that a listwise model's scores from
 *                 different requests are not comparable
 */
public record RemoteRun(Ranking ranking, RunUsage usage, List<String> warnings) {
    public RemoteRun {
        Objects.requireNonNull(ranking, "ranking");
        Objects.requireNonNull(usage, "usage");
        warnings = List.copyOf(warnings);
    }
}
