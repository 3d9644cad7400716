package io.rerankworkbench.eval.plot;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How many of one query's candidates have each grade, and how many have none.
 *
 * @param countByGrade grade → number of candidates with that grade (grades with no candidates may be left out)
 * @param unjudged     candidates without a grade
 */
public record QueryGrades(String queryId, String queryText, SortedMap<Integer, Integer> countByGrade, int unjudged) {

    public QueryGrades {
        Objects.requireNonNull(queryId, "queryId");
        queryText = queryText == null ? "" : queryText;
        for (Map.Entry<Integer, Integer> e : countByGrade.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("query " + queryId + ": bad count " + e.getValue() + " for grade "
                        + e.getKey());
            }
        }
        if (unjudged < 0) {
            throw new IllegalArgumentException("query " + queryId + ": negative unjudged count " + unjudged);
        }
        countByGrade = Collections.unmodifiableSortedMap(new TreeMap<>(countByGrade));
    }

    /** Candidates with that grade, 0 when none. */
    public int count(int grade) {
        return countByGrade.getOrDefault(grade, 0);
    }

    /** All candidates, judged and unjudged. */
    public int total() {
        return countByGrade.values().stream().mapToInt(Integer::intValue).sum() + unjudged;
    }

    /** Every grade that has a candidate in any of the queries, ascending. */
    public static List<Integer> gradesIn(List<QueryGrades> queries) {
        SortedSet<Integer> grades = new TreeSet<>();
        for (QueryGrades q : queries) {
            q.countByGrade.forEach((g, n) -> {
                if (n > 0) {
                    grades.add(g);
                }
            });
        }
        return List.copyOf(grades);
    }
}
