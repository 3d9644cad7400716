package io.rerankworkbench.eval.plot;

import java.util.List;
import java.util.Objects;

/** One ranker's scores over the graded queries' documents, for its score histogram. */
public record RankerScores(String ranker, List<GradedScore> scores) {

    public RankerScores {
        Objects.requireNonNull(ranker, "ranker");
        scores = List.copyOf(scores);
    }
}
