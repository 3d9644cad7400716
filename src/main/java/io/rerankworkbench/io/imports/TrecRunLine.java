package io.rerankworkbench.io.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One line of a TREC run, {@code qid Q0 docno rank score tag} (whitespace separated), as the importer and the run
 * reader for comparisons read it. The {@code Q0} column is not checked (trec_eval ignores it too).
 *
 * @param rank  null when it is not a valid rank (the reason is among the problems)
 * @param score null when it is not a number (the reason is among the problems)
 */
record TrecRunLine(String qid, String docno, Integer rank, Double score, String tag) {

    static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * {@code WHITESPACE.split(text)} for a stripped line, by hand: on a run of a million lines the pattern cost more
     * than the rest of reading it.
     */
    static String[] fields(String text) {
        List<String> out = new ArrayList<>(6);
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(text.substring(start, i));
            }
        }
        return out.isEmpty() ? new String[]{""} : out.toArray(new String[0]);
    }

    /** What {@code \\s} matches: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /**
     * The fields of {@code text}, or null when it does not have six. Each problem (also a bad rank or score, whose
     * field is then null) is added to {@code problems}, so that a caller can still check the ids of such a line.
     *
     * @param rankFromOne whether a rank must be ≥ 1 (the importer numbers candidates by it), not only a whole number
     */
    static TrecRunLine parse(String text, boolean rankFromOne, List<String> problems) {
        String[] f = fields(text.strip());
        if (f.length != 6) {
            problems.add("expected 6 fields (qid Q0 docno rank score tag), found " + f.length);
            return null;
        }
        Integer rank = Values.integer(f[3]);
        if (rank == null || (rankFromOne && rank < 1)) {
            problems.add("rank " + Values.quote(f[3]) + " is not a whole number" + (rankFromOne ? " ≥ 1" : ""));
        }
        Double score = Values.number(f[4]);
        if (score == null) {
            problems.add("score " + Values.quote(f[4]) + " is not a number");
        }
        if (rank != null && rankFromOne && rank < 1) {
            rank = null;
        }
        return new TrecRunLine(f[0], f[2], rank, score, f[5]);
    }
}
