package io.rerankworkbench.store;

import java.util.List;

/**
 * What {@link ProjectWriter} did: either the problems that stopped it (nothing written) or what it added.
 *
 * @param problems        every problem found; when {@code written} is true these are only the skipped rows'
 * @param written         whether the data went into the project
 * @param queriesAdded    new query rows
 * @param queriesMerged   queries that were already in the project with the same text and received candidates,
 *                        runs or judgments
 * @param documentsAdded  new document rows
 * @param documentsShared documents of the data that matched a row already in the project (same id, title and text)
 * @param candidates      candidate rows added
 * @param runs            runs added
 * @param runScores       run score rows added
 * @param sessions        labeling sessions added
 * @param judgments       judgment rows added
 * @param skippedRows     candidates and judgments left out because they had a skippable problem
 * @param corpusAdded     documents added to the project's corpus
 * @param corpusUnchanged corpus documents of the data that the project's corpus already held with the same text
 */
public record WriteReport(List<WriteProblem> problems, boolean written, int queriesAdded, int queriesMerged,
                          int documentsAdded, int documentsShared, long candidates, int runs, long runScores,
                          int sessions, long judgments, long skippedRows, int corpusAdded, int corpusUnchanged) {
    public WriteReport {
        problems = List.copyOf(problems);
    }

    static WriteReport refused(List<WriteProblem> problems) {
        return new WriteReport(problems, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
