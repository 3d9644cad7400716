package io.rerankworkbench.io.imports;

import io.rerankworkbench.core.project.ProjectData;

import java.util.List;

/**
 * What reading import sources produced: the data, every problem found, and how many bad rows were left out.
 * When {@code problems} is not empty and the user did not choose to skip bad rows, nothing may be written.
 *
 * @param skippedRows rows left out because the user chose to skip bad rows (their problems are still listed)
 */
public record ImportResult(ProjectData data, List<ImportProblem> problems, long skippedRows) {
    public ImportResult {
        problems = List.copyOf(problems);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
