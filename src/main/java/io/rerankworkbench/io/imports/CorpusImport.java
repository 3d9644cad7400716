package io.rerankworkbench.io.imports;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a corpus: documents without queries, for first-stage retrieval inside a project.
 *
 * <ul>
 *   <li>JSON Lines ({@code .jsonl}, {@code .json}): one object per line with {@code _id} (or {@code id},
 *       {@code doc_id}, {@code docid}), {@code text} and an optional {@code title} — a BEIR {@code corpus.jsonl};</li>
 *   <li>a BEIR dataset folder: its {@code corpus.jsonl};</li>
 *   <li>CSV or TSV with a header row: the id, text and (optional) title columns named by {@link Columns}, by default
 *       the first header among {@code _id, id, doc_id, docid}, {@code text, body, contents, content} and
 *       {@code title}.</li>
 * </ul>
 *
 * <p>All or nothing, like the other imports: a bad line (not JSON, no id, no text, an id seen before) is a problem
 * naming the file and line, and with problems nothing is imported unless bad rows are skipped.
 */
public final class CorpusImport {

    /** One document read. {@code title} is null when there is none. */
    public record Document(String id, String title, String text) {
    }

    /** The columns of a CSV/TSV corpus, by header name; null fields take the defaults. */
    public record Columns(String id, String title, String text) {
        public static final Columns DEFAULT = new Columns(null, null, null);
    }

    /**
     * What was read: the documents (empty when a problem stops the import), the problems, how many bad rows were
     * skipped.
     */
    public record Result(List<Document> documents, List<ImportProblem> problems, long skippedRows, boolean fatal) {
        /** Whether the documents may be added: no fatal problem, and no problem unless bad rows were skipped. */
        public boolean ok() {
            return !fatal && (problems.isEmpty() || skippedRows > 0);
        }
    }

    private static final List<String> ID_NAMES = List.of("_id", "id", "doc_id", "docid");
    private static final List<String> TEXT_NAMES = List.of("text", "body", "contents", "content");

    private CorpusImport() {
    }

    /** Reads {@code source}; never throws for bad input. */
    public static Result read(Path source, Columns columns, ImportOptions options) {
        Objects.requireNonNull(columns, "columns");
        ReadContext ctx = ReadContext.of(options);
        List<Document> out = new ArrayList<>();
        try {
            Path file = source;
            if (Files.isDirectory(source)) {
                file = source.resolve("corpus.jsonl");
                if (!Files.isRegularFile(file)) {
                    ctx.fatal(source, 0, "is a folder without corpus.jsonl (a BEIR dataset folder has one)");
                    return result(ctx, out);
                }
            }
            ctx.setTotalBytes(size(file));
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            Map<String, Long> seen = new HashMap<>();
            if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
                readTable(file, name.endsWith(".csv") ? ',' : '\t', columns, ctx, out, seen);
            } else {
                readJsonLines(file, ctx, out, seen);
            }
            if (!ctx.problems.fatal() && out.isEmpty() && ctx.problems.list().isEmpty()) {
                ctx.fatal(file, 0, "holds no documents");
            }
        } catch (ReadContext.Cancelled e) {
            ctx.fatal(null, 0, "the import was cancelled");
        }
        return result(ctx, out);
    }

    private static Result result(ReadContext ctx, List<Document> documents) {
        ImportResult r = ctx.result(io.rerankworkbench.core.project.ProjectData.empty());
        boolean usable = !r.fatal() && (r.problems().isEmpty() || r.skippedRows() > 0);
        return new Result(usable ? List.copyOf(documents) : List.of(), r.problems(), r.skippedRows(), r.fatal());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static void readJsonLines(Path file, ReadContext ctx, List<Document> out, Map<String, Long> seen) {
        Lines.read(file, null, ctx, (line, text) -> {
            ctx.bytesRead(text.length() + 1L);
            List<String> bad = new ArrayList<>(2);
            JsonNode obj = Json.parseObject(text, bad);
            String id = null;
            String title = null;
            String body = null;
            if (obj != null) {
                id = Json.string(obj, "", bad, true, true, "_id", "id", "doc_id", "docid");
                title = Json.string(obj, "", bad, false, false, "title");
                body = Json.string(obj, "", bad, true, false, "text");
            }
            add(ctx, file, line, bad, id, title, body, out, seen);
        });
    }

    private static void readTable(Path file, char delimiter, Columns columns, ReadContext ctx, List<Document> out,
                                  Map<String, Long> seen) {
        boolean[] header = {true};
        int[][] mapping = new int[1][];
        CsvRecords.read(file, null, delimiter, ctx, (line, cells) -> {
            if (header[0]) {
                header[0] = false;
                mapping[0] = mapColumns(file, cells, columns, ctx);
                return mapping[0] != null;
            }
            int[] m = mapping[0];
            List<String> bad = new ArrayList<>(2);
            String id = cell(cells, m[0]);
            String title = m[1] < 0 ? null : cell(cells, m[1]);
            String text = cell(cells, m[2]);
            if (id == null) {
                bad.add("no value in the id column");
            }
            if (text == null) {
                bad.add("no value in the text column");
            }
            add(ctx, file, line, bad, id, title, text, out, seen);
            return true;
        });
    }

    /** Column indexes of id, title (-1 if none) and text; null with a fatal problem when one cannot be found. */
    private static int[] mapColumns(Path file, List<String> header, Columns columns, ReadContext ctx) {
        List<String> names = header.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int id = find(names, columns.id(), ID_NAMES);
        int text = find(names, columns.text(), TEXT_NAMES);
        int title = find(names, columns.title(), List.of("title"));
        List<String> missing = new ArrayList<>();
        if (id < 0) {
            missing.add(columns.id() == null ? "id column (one of " + String.join(", ", ID_NAMES) + ")"
                    : "column \"" + columns.id() + "\" for the id");
        }
        if (text < 0) {
            missing.add(columns.text() == null ? "text column (one of " + String.join(", ", TEXT_NAMES) + ")"
                    : "column \"" + columns.text() + "\" for the text");
        }
        if (columns.title() != null && title < 0) {
            missing.add("column \"" + columns.title() + "\" for the title");
        }
        if (!missing.isEmpty()) {
            ctx.fatal(file, 1, "the header " + header + " has no " + String.join(" and no ", missing)
                    + "; name the columns to use");
            return null;
        }
        return new int[] {id, title, text};
    }

    private static int find(List<String> names, String chosen, List<String> defaults) {
        if (chosen != null) {
            return names.indexOf(chosen.strip().toLowerCase(Locale.ROOT));
        }
        for (String d : defaults) {
            int i = names.indexOf(d);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String cell(List<String> cells, int column) {
        if (column < 0 || column >= cells.size()) {
            return null;
        }
        String v = cells.get(column);
        return v == null || v.isBlank() ? null : v;
    }

    private static void add(ReadContext ctx, Path file, long line, List<String> bad, String id, String title,
                            String text, List<Document> out, Map<String, Long> seen) {
        String cleanId = id == null ? null : id.strip();
        if (id != null && cleanId.isEmpty()) {
            bad.add("the document id is empty");
        }
        String cleanTitle = title == null || title.isBlank() ? null : title.strip();
        if (text != null && text.isBlank() && cleanTitle == null) {
            bad.add("the document has no text");
        }
        if (bad.isEmpty() && cleanId != null) {
            Long earlier = seen.putIfAbsent(cleanId, line);
            if (earlier != null) {
                bad.add("document " + Values.quote(cleanId) + " already appeared on line " + earlier);
            }
        }
        if (!bad.isEmpty() || cleanId == null || text == null) {
            for (String reason : bad) {
                ctx.problem(file, line, reason);
            }
            ctx.badRow();
            return;
        }
        out.add(new Document(cleanId, cleanTitle, text));
    }
}
