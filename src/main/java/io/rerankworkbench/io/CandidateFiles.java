package io.rerankworkbench.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.CandidateParser;
import io.rerankworkbench.core.SplitMode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads candidate documents from a file: {@code .jsonl} with {@code {"_id", "text"[, "title"]}} per line (the BEIR
 * corpus layout; other fields are ignored), anything else as plain text with one candidate per line.
 */
public final class CandidateFiles {

    private CandidateFiles() {
    }

    public static List<Candidate> read(Path file) throws InputFormatException {
        List<String> lines = TextFiles.readLines(file);
        return isJsonLines(file) ? readJsonLines(file, lines) : readPlain(lines);
    }

    /**
     * One document: the whole of a UTF-8 text file (line breaks kept, a leading byte-order mark and the blank space
     * around the text dropped).
     *
     * @throws InputFormatException when the file is missing, unreadable, blank or not UTF-8
     */
    public static String readOne(Path file) throws InputFormatException {
        return TextFiles.readText(file).strip();
    }

    static boolean isJsonLines(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }

    private static List<Candidate> readPlain(List<String> lines) {
        return CandidateParser.parse(String.join("\n", lines), SplitMode.LINES);
    }

    private static List<Candidate> readJsonLines(Path file, List<String> lines) throws InputFormatException {
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            JsonNode record = JsonLines.parseObject(file, lineNo, line);
            String id = JsonLines.text(file, lineNo, record, "_id", true, true);
            String text = JsonLines.text(file, lineNo, record, "text", true, false);
            String title = JsonLines.text(file, lineNo, record, "title", false, false);
            if (id.isBlank()) {
                throw new InputFormatException(file, lineNo, "field \"_id\" is empty");
            }
            Integer previous = firstLine.putIfAbsent(id, lineNo);
            if (previous != null) {
                throw new InputFormatException(file, lineNo,
                        "duplicate _id \"" + id + "\" (first seen on line " + previous + ")");
            }
            // BEIR/MTEB convention: title and text joined with a single space.
            String joined = title == null || title.isBlank() ? text
                    : text.isBlank() ? title.strip() : title + " " + text;
            if (joined.isBlank()) {
                throw new InputFormatException(file, lineNo, "document \"" + id + "\" has no text");
            }
            candidates.add(new Candidate(candidates.size() + 1, id, joined));
        }
        return candidates;
    }
}
