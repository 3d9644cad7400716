package io.rerankworkbench.io.imports;

import io.rerankworkbench.core.project.JudgmentRecord;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a Quepid ratings export: a CSV file with the header {@code query,docid,rating} (other columns, such as
 * {@code qid}, are ignored). Ratings must be integers (an integral decimal such as {@code 2.0} is accepted).
 *
 * <p><b>Query matching.</b> Quepid identifies a query by its text, not by an id the project knows, so the ratings
 * are returned in {@link ImportResult#judgmentsByQueryText()}, not in the data: each judgment's
 * {@code queryId} holds the query <em>text</em> (trimmed), its {@code documentKey} the docid, annotator
 * {@code "quepid"}, origin {@code file:line}. The project writer matches the text exactly against the text of the
 * project's queries (and the docid against that query's candidates). {@link ProjectImports} already matches those
 * whose text belongs to a query imported alongside.
 */
public final class QuepidImport {

    /** The annotator of judgments read from Quepid ratings. */
    public static final String ANNOTATOR = "quepid";

    private QuepidImport() {
    }

    /** Reads one ratings file. Never throws for bad input; see {@link ImportResult}. */
    public static ImportResult read(Path file, boolean skipBadRows) {
        ReadContext ctx = ReadContext.simple(skipBadRows);
        try {
            read(file, ctx);
            return ctx.result(io.rerankworkbench.core.project.ProjectData.empty());
        } catch (ReadContext.Cancelled e) {
            return ctx.cancelledResult();
        }
    }

    /** Whether a header row is Quepid's: it has query, docid and rating columns and no text column. */
    static boolean isQuepidHeader(List<String> header) {
        List<String> names = header.stream().map(CsvField::normalise).toList();
        return names.contains("query") && (names.contains("docid") || names.contains("doc_id"))
                && names.contains("rating") && header.stream().noneMatch(CsvField.TEXT::matches);
    }

    static void read(Path file, ReadContext ctx) {
        byte[] head;
        try {
            if (Files.isDirectory(file)) {
                ctx.fatal(file, 0, "is a folder, not a file");
                return;
            }
            head = TextInput.head(file);
        } catch (NoSuchFileException e) {
            ctx.fatal(file, 0, TextInput.notFound(file));
            return;
        } catch (IOException e) {
            ctx.fatal(file, 0, "could not be read: " + e.getMessage());
            return;
        }
        Charset charset = TextInput.detect(head).charset();
        char delimiter = CsvImport.detectDelimiter(TextInput.headText(head), head.length >= 8192,
                CsvImport.isTsvName(file));
        boolean[] started = {false};
        int[][] columns = {null};
        Map<String, Long> seen = new HashMap<>();
        boolean completed = CsvRecords.read(file, charset, delimiter, ctx, (line, cells) -> {
            if (!started[0]) {
                started[0] = true;
                List<String> names = cells.stream().map(CsvField::normalise).toList();
                int q = names.indexOf("query");
                int d = names.contains("docid") ? names.indexOf("docid") : names.indexOf("doc_id");
                int r = names.indexOf("rating");
                if (q < 0 || d < 0 || r < 0) {
                    ctx.fatal(file, line, "expected Quepid's header with query, docid and rating columns, found "
                            + String.join(",", cells));
                    return false;
                }
                columns[0] = new int[]{q, d, r};
                return true;
            }
            int[] c = columns[0];
            int needed = Math.max(c[0], Math.max(c[1], c[2])) + 1;
            if (cells.size() < needed) {
                ctx.problem(file, line, "expected at least "
                        + Values.count(needed, "column", "columns") + ", found " + cells.size());
                ctx.badRow();
                return true;
            }
            String query = cells.get(c[0]).strip();
            String doc = cells.get(c[1]).strip();
            String rating = cells.get(c[2]);
            List<String> bad = new ArrayList<>(1);
            if (query.isEmpty()) {
                bad.add("query is empty");
            }
            if (doc.isEmpty()) {
                bad.add("docid is empty");
            }
            Integer grade = Values.grade(rating);
            if (grade == null) {
                bad.add("rating " + Values.quote(rating) + " is not an integer");
            }
            String pair = query + '\u0000' + doc;
            if (bad.isEmpty() && seen.containsKey(pair)) {
                bad.add("docid " + Values.quote(doc) + " is rated twice for query " + Values.quote(query)
                        + " (first on line " + seen.get(pair) + ")");
            }
            if (!bad.isEmpty()) {
                bad.forEach(reason -> ctx.problem(file, line, reason));
                ctx.badRow();
                return true;
            }
            seen.put(pair, line);
            ctx.judgmentByQueryText(new JudgmentRecord(query, doc, grade, ANNOTATOR, null, null, null,
                    CandidateCollector.origin(file, line)));
            return true;
        });
        ctx.reportProgress();
        if (completed && !started[0]) {
            ctx.fatal(file, 0, "the file is empty");
        }
    }
}
