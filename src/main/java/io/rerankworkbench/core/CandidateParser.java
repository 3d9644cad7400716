package io.rerankworkbench.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Cuts pasted text into candidates. Pure function; safe to call on every keystroke. */
public final class CandidateParser {

    // Atomic, so a CRLF is always one line break and never a break followed by another (a blank line).
    private static final String BREAK = "(?>\\R)";
    private static final Pattern LINE_BREAK = Pattern.compile(BREAK);
    private static final Pattern BLANK_LINES = Pattern.compile(BREAK + "\\h*" + BREAK + "(?:\\h*" + BREAK + ")*");
    private static final Pattern INNER_WHITESPACE = Pattern.compile("\\s*" + BREAK + "\\s*");

    private CandidateParser() {
    }

    /** Candidates in input order; doc ids are their 1-based positions. Blank entries are skipped. */
    public static List<Candidate> parse(String text, SplitMode mode) {
        List<String> pieces = split(text, mode);
        List<Candidate> candidates = new ArrayList<>(pieces.size());
        for (String piece : pieces) {
            int position = candidates.size() + 1;
            candidates.add(new Candidate(position, Integer.toString(position), piece));
        }
        return candidates;
    }

    /** The number of candidates {@link #parse} would return, without building them. */
    public static int count(String text, SplitMode mode) {
        return split(text, mode).size();
    }

    private static List<String> split(String text, SplitMode mode) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        Pattern separator = mode == SplitMode.LINES ? LINE_BREAK : BLANK_LINES;
        for (String raw : separator.split(text)) {
            String piece = mode == SplitMode.PARAGRAPHS
                    ? INNER_WHITESPACE.matcher(raw.strip()).replaceAll(" ")
                    : raw.strip();
            if (!piece.isEmpty()) {
                out.add(piece);
            }
        }
        return out;
    }
}
