package io.rerankworkbench.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.rerankworkbench.core.Query;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads queries: {@code .jsonl} with {@code {"_id", "text"}} per line, or {@code .tsv} with id TAB text. */
public final class QueryFiles {

    private QueryFiles() {
    }

    public static List<Query> read(Path file) throws InputFormatException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean jsonl = CandidateFiles.isJsonLines(file);
        if (!jsonl && !name.endsWith(".tsv")) {
            throw new InputFormatException(file, 0, "unknown query file type; use .jsonl ({\"_id\", \"text\"} per "
                    + "line) or .tsv (id<TAB>text per line)");
        }
        List<String> lines = TextFiles.readLines(file);
        List<Query> queries = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            String id;
            String text;
            if (jsonl) {
                JsonNode record = JsonLines.parseObject(file, lineNo, line);
                id = JsonLines.text(file, lineNo, record, "_id", true, true);
                text = JsonLines.text(file, lineNo, record, "text", true, false);
            } else {
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new InputFormatException(file, lineNo, "expected id<TAB>text, found no tab");
                }
                id = line.substring(0, tab).strip();
                text = line.substring(tab + 1).strip();
            }
            if (id.isBlank()) {
                throw new InputFormatException(file, lineNo, "the query id is empty");
            }
            if (text.isBlank()) {
                throw new InputFormatException(file, lineNo, "query \"" + id + "\" has no text");
            }
            Integer previous = firstLine.putIfAbsent(id, lineNo);
            if (previous != null) {
                throw new InputFormatException(file, lineNo,
                        "duplicate query id \"" + id + "\" (first seen on line " + previous + ")");
            }
            queries.add(new Query(id, text));
        }
        return queries;
    }
}
