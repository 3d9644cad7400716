package io.rerankworkbench.io.exports;

import io.rerankworkbench.core.project.JudgmentRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one grade is made of all the grades a (query, document) pair received, for the CSV {@code label} column and
 * for qrels. Grades are appended, never overwritten, so the history of a pair is its judgments oldest first; an
 * annotator's <em>current</em> grade is their newest (annotators without a name count as one annotator).
 */
public enum GradeRule {
    /**
     * The newest grade, whoever gave it (the default). It is what the labeling view shows after the last regrade,
     * it is always a grade of the scale (a mean of 1 and 2 is not), and one annotator correcting another wins.
     */
    NEWEST,
    /** The mean of the annotators' current grades, rounded half up (1 and 2 → 2; 0, 1 and 1 → 1). */
    MEAN,
    /** The highest of the annotators' current grades: a document anyone found relevant counts as relevant. */
    MAX;

    /**
     * The grade of one pair under this rule.
     *
     * @param history the pair's judgments, oldest first; not empty
     */
    public int grade(List<JudgmentRecord> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("no judgments");
        }
        if (this == NEWEST) {
            return history.get(history.size() - 1).grade();
        }
        Map<String, Integer> current = new LinkedHashMap<>();
        for (JudgmentRecord j : history) {
            current.put(Objects.requireNonNullElse(j.annotator(), ""), j.grade());
        }
        if (this == MAX) {
            return current.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        }
        double mean = current.values().stream().mapToInt(Integer::intValue).average().orElseThrow();
        return (int) Math.floor(mean + 0.5);
    }

    /**
     * Every judged pair's grade: query id → document key → grade, queries and documents in the order of their first
     * judgment.
     */
    public Map<String, Map<String, Integer>> grades(List<JudgmentRecord> judgments) {
        Map<String, Map<String, List<JudgmentRecord>>> byPair = new LinkedHashMap<>();
        for (JudgmentRecord j : judgments) {
            byPair.computeIfAbsent(j.queryId(), q -> new LinkedHashMap<>())
                    .computeIfAbsent(j.documentKey(), d -> new java.util.ArrayList<>()).add(j);
        }
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        byPair.forEach((query, docs) -> {
            Map<String, Integer> grades = new LinkedHashMap<>();
            docs.forEach((doc, history) -> grades.put(doc, grade(history)));
            out.put(query, grades);
        });
        return out;
    }
}
