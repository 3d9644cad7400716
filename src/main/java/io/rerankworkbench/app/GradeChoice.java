package io.rerankworkbench.app;

import io.rerankworkbench.core.project.JudgmentRecord;
import io.rerankworkbench.io.exports.GradeRule;
import io.rerankworkbench.store.Judgment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which grade of a (query, document) pair an evaluation reads: a {@link GradeRule} over everyone's grades, or one
 * annotator's newest grade (pairs that annotator did not grade are unjudged).
 *
 * @param rule      the rule over all annotators; ignored when {@code annotator} is set
 * @param annotator an annotator's name ("" for grades given without a name), or null for {@code rule}
 */
public record GradeChoice(GradeRule rule, String annotator) {

    /** The newest grade, whoever gave it: what the results table's Label column shows. */
    public static final GradeChoice NEWEST = new GradeChoice(GradeRule.NEWEST, null);

    public GradeChoice {
        Objects.requireNonNull(rule, "rule");
    }

    /** One annotator's newest grades. */
    public static GradeChoice annotator(String name) {
        return new GradeChoice(GradeRule.NEWEST, Objects.requireNonNull(name, "name"));
    }

    /**
     * Reads the command line's {@code --grades}: {@code newest}, {@code mean}, {@code max} (any case), anything else
     * an annotator's name.
     *
     * @throws IllegalArgumentException when {@code text} is blank
     */
    public static GradeChoice parse(String text) {
        String t = Objects.requireNonNull(text, "text").strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("--grades is empty: give newest, mean, max or an annotator's name");
        }
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "newest" -> NEWEST;
            case "mean" -> new GradeChoice(GradeRule.MEAN, null);
            case "max" -> new GradeChoice(GradeRule.MAX, null);
            default -> annotator(t);
        };
    }

    /** "newest grade", "mean of the annotators' grades", "highest grade", "Ana's grades". */
    public String label() {
        if (annotator != null) {
            return (annotator.isEmpty() ? "unnamed annotator" : annotator) + "'s grades";
        }
        return switch (rule) {
            case NEWEST -> "newest grade";
            case MEAN -> "mean of the annotators' grades";
            case MAX -> "highest grade";
        };
    }

    /**
     * The grade of each judged document under this choice.
     *
     * @param judgments a query's judgments, oldest first
     * @param docIds    document row id → document id, for the query's candidates (judgments of other rows are
     *                  skipped)
     * @return document id → grade, in the order of first judgment
     */
    public Map<String, Integer> grades(List<Judgment> judgments, Map<Long, String> docIds) {
        Map<String, List<Judgment>> byDoc = new LinkedHashMap<>();
        for (Judgment j : judgments) {
            String doc = docIds.get(j.documentId());
            if (doc != null && (annotator == null || annotator.equals(name(j)))) {
                byDoc.computeIfAbsent(doc, d -> new ArrayList<>()).add(j);
            }
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        byDoc.forEach((doc, history) -> out.put(doc, grade(history)));
        return out;
    }

    private int grade(List<Judgment> history) {
        if (annotator != null) {
            return history.get(history.size() - 1).grade();
        }
        List<JudgmentRecord> records = new ArrayList<>(history.size());
        for (Judgment j : history) {
            records.add(new JudgmentRecord(Long.toString(j.queryId()), Long.toString(j.documentId()), j.grade(),
                    j.annotator(), null, j.createdAt(), j.note(), null));
        }
        return rule.grade(records);
    }

    /** The annotator of a judgment as the choices name it: "" for grades given without a name. */
    static String name(Judgment j) {
        return Objects.requireNonNullElse(j.annotator(), "");
    }
}
