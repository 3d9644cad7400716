package io.rerankworkbench.store;

import java.util.Objects;

/**
 * Why some of the data cannot go into the project, found before anything is written.
 *
 * @param origin    where the row came from ({@code qrels.txt:12}, from {@code JudgmentRecord.origin()}), or a short
 *                  description of the record ({@code query q1}, {@code run 7 of query q1}); null when there is none
 * @param reason    what is wrong, in words a user can act on
 * @param skippable the row can be left out on its own (a judgment that matches no document, a candidate the query
 *                  already has) when the user chose to skip bad rows; other problems always stop the import
 */
public record WriteProblem(String origin, String reason, boolean skippable) {
    public WriteProblem {
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code origin: reason}, or just the reason. */
    @Override
    public String toString() {
        return origin == null ? reason : origin + ": " + reason;
    }
}
