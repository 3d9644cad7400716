package io.rerankworkbench.app;

import io.rerankworkbench.core.Ranking;

import java.util.List;
import java.util.Objects;

/**
 * What one rerank produced, local or remote.
 *
 * @param ranking  the ranking; for a partly failed remote run, the documents that were scored
 * @param usage    what a remote provider reported ("2 requests · 3 search units"); empty for local models
 * @param warnings things to know about the scores (e.g. a listwise model's split run)
 * @param failure  for a partly failed remote run, which batches have no score and why; {@code null} when complete
 */
public record RankerRun(Ranking ranking, String usage, List<String> warnings, String failure) {

    public RankerRun {
        Objects.requireNonNull(ranking, "ranking");
        Objects.requireNonNull(usage, "usage");
        warnings = List.copyOf(warnings);
    }

    public static RankerRun local(Ranking ranking) {
        return new RankerRun(ranking, "", List.of(), null);
    }

    public boolean partial() {
        return failure != null;
    }
}
