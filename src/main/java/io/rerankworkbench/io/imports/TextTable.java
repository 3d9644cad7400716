package io.rerankworkbench.io.imports;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an id → text file that accompanies a run or qrels: a document file or a queries file, either JSON Lines
 * ({@code {"_id"|"id"|…, "text", "title"?}}; told apart by a first line starting with '{') or tab-separated
 * {@code id<TAB>text} (everything after the first tab is the text). Only the ids asked for are kept, so a whole
 * collection can be given for a run over a few of its documents.
 */
final class TextTable {

    /** An entry: its text, its title (documents only, may be null) and the line it is on. */
    record Entry(String title, String text, long line) {
    }

    private TextTable() {
    }

    /**
     * @param wanted   the ids to keep (null keeps all)
     * @param idFields the JSON field names of the id, first match wins
     * @param textFields the JSON field names of the text
     * @param titled   whether a "title" field is read (documents)
     * @return the entries, or null when the file could not be read to its end (a fatal problem is recorded)
     */
    static Map<String, Entry> read(Path file, ReadContext ctx, Set<String> wanted, List<String> idFields,
                                   List<String> textFields, boolean titled) {
        Map<String, Entry> table = new HashMap<>();
        Boolean[] jsonl = {null};
        String[] ids = idFields.toArray(String[]::new);
        String[] texts = textFields.toArray(String[]::new);
        boolean complete = Lines.read(file, null, ctx, (lineNo, line) -> {
            if (jsonl[0] == null) {
                jsonl[0] = line.stripLeading().startsWith("{");
            }
            List<String> bad = new ArrayList<>(1);
            String id;
            String title = null;
            String text;
            if (jsonl[0]) {
                JsonNode obj = Json.parseObject(line, bad);
                if (obj == null) {
                    report(ctx, file, lineNo, bad);
                    return;
                }
                id = Json.string(obj, "", bad, true, true, ids);
                if (id != null && wanted != null && !wanted.contains(id.strip())) {
                    return;
                }
                if (titled) {
                    title = Json.string(obj, "", bad, false, false, "title");
                    title = title == null || title.isBlank() ? null : title.strip();
                }
                text = Json.string(obj, "", bad, title == null, false, texts);
                text = text == null ? "" : text;
            } else {
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    id = line.strip();
                    if (wanted != null && !wanted.contains(id)) {
                        return;
                    }
                    report(ctx, file, lineNo, List.of("expected id<TAB>text, found no tab"));
                    return;
                }
                id = line.substring(0, tab);
                if (wanted != null && !wanted.contains(id.strip())) {
                    return;
                }
                text = line.substring(tab + 1).strip();
            }
            if (id != null) {
                id = id.strip();
                if (id.isEmpty()) {
                    bad.add("id is empty");
                } else if (table.containsKey(id)) {
                    bad.add("id " + Values.quote(id) + " appears twice (first on line " + table.get(id).line() + ")");
                }
            }
            if (bad.isEmpty() && text.isBlank() && title == null) {
                bad.add("the text of " + Values.quote(id) + " is empty");
            }
            if (!bad.isEmpty()) {
                report(ctx, file, lineNo, bad);
                return;
            }
            table.put(id, new Entry(title, text, lineNo));
        });
        return complete ? table : null;
    }

    private static void report(ReadContext ctx, Path file, long line, List<String> bad) {
        for (String reason : bad) {
            ctx.problem(file, line, reason);
        }
        ctx.badRow();
    }
}
