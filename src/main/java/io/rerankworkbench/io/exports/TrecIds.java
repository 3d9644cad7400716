package io.rerankworkbench.io.exports;

import io.rerankworkbench.io.TrecRunWriter;

import java.util.ArrayList;
import java.util.List;

/** Collects the fields a TREC file cannot hold, to refuse with all of them named at once. */
final class TrecIds {

    private static final int SHOWN = 10;

    private final List<String> problems = new ArrayList<>();
    private int count;

    /** Notes {@code value} when trec_eval would split or lose it. */
    void check(String what, String value) {
        if (!TrecRunWriter.isToken(value)) {
            add(what + " \"" + value + "\" " + (value.isEmpty() ? "is empty" : "contains whitespace"));
        }
    }

    void add(String problem) {
        count++;
        if (problems.size() < SHOWN) {
            problems.add(problem);
        }
    }

    /** Throws when anything was noted: the file would be misread by trec_eval. */
    void throwIfAny(String format) throws ExportException {
        if (count == 0) {
            return;
        }
        String more = count > problems.size() ? "; and " + (count - problems.size()) + " more" : "";
        throw new ExportException("cannot write a " + format + " file: fields are separated by whitespace, so ids "
                + "must be non-empty and hold none: " + String.join("; ", problems) + more
                + " (rename them, or export CSV or a bundle instead)");
    }
}
