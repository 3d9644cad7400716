package io.rerankworkbench.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Inter-annotator agreement of relevance grades: κ, weighted κ and α per query and overall, and the conflicts. */
public final class Agreement {

    private record Unit(long queryId, long documentId) {
    }

    private Agreement() {
    }

    /**
     * Analyses annotators' current grades.
     *
     * @param ratings  one current grade per (query, document, annotator); should one appear twice, the later wins
     * @param queryIds the queries to report on, in display order (queries without ratings get an empty summary)
     * @param scale    the scale graded on: selects weighted κ and the α metric (ordinal or nominal)
     */
    public static AgreementReport analyze(List<Rating> ratings, List<Long> queryIds, GradeScale scale) {
        Map<Unit, Map<String, Integer>> units = new LinkedHashMap<>();
        TreeSet<Integer> categories = new TreeSet<>(scale.grades());
        for (Rating r : ratings) {
            units.computeIfAbsent(new Unit(r.queryId(), r.documentId()), u -> new TreeMap<>())
                    .put(r.annotator(), r.grade());
            categories.add(r.grade());
        }
        List<Integer> scaleGrades = List.copyOf(categories);
        Map<Long, AgreementSummary> perQuery = new LinkedHashMap<>();
        for (long queryId : queryIds) {
            Map<Unit, Map<String, Integer>> ofQuery = new LinkedHashMap<>();
            units.forEach((unit, grades) -> {
                if (unit.queryId() == queryId) {
                    ofQuery.put(unit, grades);
                }
            });
            perQuery.put(queryId, summarize(ofQuery, scaleGrades, scale.ordinal()));
        }
        Map<Unit, Map<String, Integer>> covered = new LinkedHashMap<>();
        Set<Long> wanted = new HashSet<>(queryIds);
        units.forEach((unit, grades) -> {
            if (wanted.contains(unit.queryId())) {
                covered.put(unit, grades);
            }
        });
        AgreementSummary overall = summarize(covered, scaleGrades, scale.ordinal());
        return new AgreementReport(overall, perQuery, conflicts(covered, scale.ordinal()));
    }

    private static AgreementSummary summarize(Map<Unit, Map<String, Integer>> units, List<Integer> categories,
                                              boolean ordinal) {
        Set<String> annotators = new TreeSet<>();
        List<int[]> values = new ArrayList<>();
        for (Map<String, Integer> grades : units.values()) {
            annotators.addAll(grades.keySet());
            values.add(grades.values().stream().mapToInt(Integer::intValue).toArray());
        }
        int items = (int) values.stream().filter(v -> v.length >= 2).count();
        KrippendorffAlpha.Metric metric = ordinal ? KrippendorffAlpha.Metric.ORDINAL : KrippendorffAlpha.Metric.NOMINAL;
        Coefficient alpha = annotators.size() < 2
                ? Coefficient.undefined(annotators.isEmpty() ? "nothing graded yet"
                        : "only one annotator (" + annotators.iterator().next() + ") graded these items", 0)
                : KrippendorffAlpha.alpha(values, metric);
        Coefficient kappa;
        Coefficient linear;
        Coefficient quadratic;
        if (annotators.size() != 2) {
            String why = annotators.size() < 2 ? alpha.undefinedReason()
                    : "Cohen's κ compares two annotators; " + annotators.size() + " graded these items (see α)";
            kappa = Coefficient.undefined(why, items);
            linear = kappa;
            quadratic = kappa;
        } else {
            String a = ((TreeSet<String>) annotators).first();
            String b = ((TreeSet<String>) annotators).last();
            List<int[]> pairs = new ArrayList<>();
            for (Map<String, Integer> grades : units.values()) {
                if (grades.containsKey(a) && grades.containsKey(b)) {
                    pairs.add(new int[]{grades.get(a), grades.get(b)});
                }
            }
            int[] first = pairs.stream().mapToInt(p -> p[0]).toArray();
            int[] second = pairs.stream().mapToInt(p -> p[1]).toArray();
            kappa = CohenKappa.kappa(first, second, categories);
            if (ordinal) {
                linear = CohenKappa.weighted(first, second, categories, CohenKappa.Weights.LINEAR);
                quadratic = CohenKappa.weighted(first, second, categories, CohenKappa.Weights.QUADRATIC);
            } else {
                linear = Coefficient.undefined("weighted κ needs an ordinal scale", first.length);
                quadratic = linear;
            }
        }
        return new AgreementSummary(items, annotators.size(), kappa, linear, quadratic, alpha, metric);
    }

    private static List<Conflict> conflicts(Map<Unit, Map<String, Integer>> units, boolean ordinal) {
        List<Conflict> out = new ArrayList<>();
        units.forEach((unit, grades) -> {
            Set<Integer> distinct = new TreeSet<>(grades.values());
            if (distinct.size() > 1) {
                int spread = ordinal ? ((TreeSet<Integer>) distinct).last() - ((TreeSet<Integer>) distinct).first()
                        : distinct.size() - 1;
                out.add(new Conflict(unit.queryId(), unit.documentId(), grades, spread));
            }
        });
        out.sort(Comparator.comparingInt(Conflict::spread).reversed()
                .thenComparingLong(Conflict::queryId).thenComparingLong(Conflict::documentId));
        return out;
    }
}
