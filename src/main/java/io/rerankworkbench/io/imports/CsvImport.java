package io.rerankworkbench.io.imports;

import io.rerankworkbench.core.project.ProjectData;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Imports candidates from a CSV or TSV file with one row per query–document pair, in columns the user maps
 * ({@link CsvField}): query id, query text, doc id, text, title, initial rank, initial score, label.
 *
 * <p>Call {@link #preview} first: it detects the encoding (UTF-8 with or without byte-order mark, UTF-16 LE/BE by
 * its mark or by its zero bytes), the delimiter (comma, tab, semicolon or pipe: the one found the same number of
 * times, outside quotes, on the first lines) and the header, and suggests a mapping from the header names. Then
 * {@link #read} with the (possibly corrected) {@link CsvOptions}.
 *
 * <p>Rows of one query id are gathered wherever they are in the file; the query text must be the same on every row
 * that gives one. Without an initial rank column a query's documents are ranked in file order; without a doc id
 * column they are numbered by rank ("1", "2", …); without a query id column the queries are numbered q1, q2, … in
 * order of first appearance (and without a query text column, the text is the id). A non-empty label becomes a
 * judgment by annotator {@code "import"} with origin {@code file:line}. An empty initial score is "no score"
 * ({@code NaN}); an empty label is "not judged".
 */
public final class CsvImport {

    /** Judgments made from a label column carry this annotator. */
    public static final String ANNOTATOR = "import";

    private static final char[] DELIMITERS = {',', '\t', ';', '|'};
    private static final int SNIFF_RECORDS = 30;

    private CsvImport() {
    }

    /**
     * Reads the start of a file for the import dialog: encoding, delimiter, header, the first {@code maxRows} data
     * rows and a suggested mapping. Never throws for a bad file; what went wrong is in {@link CsvPreview#problems()}.
     */
    public static CsvPreview preview(Path file, int maxRows) {
        ReadContext ctx = ReadContext.simple(false);
        byte[] head;
        try {
            if (Files.isDirectory(file)) {
                ctx.fatal(file, 0, "is a folder, not a file");
                return new CsvPreview(file, TextInput.detect(new byte[0]).charset(), ',', false, List.of(),
                        List.of(), ColumnMapping.empty(), ctx.problems.list());
            }
            head = TextInput.head(file);
        } catch (NoSuchFileException e) {
            ctx.fatal(file, 0, TextInput.notFound(file));
            return new CsvPreview(file, TextInput.detect(new byte[0]).charset(), ',', false, List.of(), List.of(),
                    ColumnMapping.empty(), ctx.problems.list());
        } catch (IOException e) {
            ctx.fatal(file, 0, "could not be read: " + e.getMessage());
            return new CsvPreview(file, TextInput.detect(new byte[0]).charset(), ',', false, List.of(), List.of(),
                    ColumnMapping.empty(), ctx.problems.list());
        }
        Charset charset = TextInput.detect(head).charset();
        char delimiter = detectDelimiter(TextInput.headText(head), head.length >= 8192, isTsvName(file));
        List<List<String>> records = new ArrayList<>();
        CsvRecords.read(file, charset, delimiter, ctx, (line, cells) -> {
            records.add(cells);
            return records.size() <= Math.max(0, maxRows);
        });
        if (records.isEmpty() && ctx.problems.isEmpty()) {
            ctx.fatal(file, 0, "the file is empty");
        }
        boolean hasHeader = !records.isEmpty() && records.get(0).stream()
                .anyMatch(cell -> List.of(CsvField.values()).stream().anyMatch(f -> f.matches(cell)));
        List<String> header;
        List<List<String>> rows;
        ColumnMapping suggested;
        if (hasHeader) {
            header = records.get(0);
            rows = records.subList(1, records.size());
            suggested = ColumnMapping.fromHeader(header);
        } else {
            int width = records.stream().mapToInt(List::size).max().orElse(0);
            header = new ArrayList<>();
            for (int i = 1; i <= width; i++) {
                header.add("column " + i);
            }
            rows = records.subList(0, Math.min(records.size(), Math.max(0, maxRows)));
            suggested = ColumnMapping.empty();
        }
        if (rows.size() > maxRows) {
            rows = rows.subList(0, maxRows);
        }
        return new CsvPreview(file, charset, delimiter, hasHeader, header, rows, suggested, ctx.problems.list());
    }

    /** Reads the whole file with the given options. Never throws for bad input; see {@link ImportResult}. */
    public static ImportResult read(Path file, CsvOptions options) {
        ReadContext ctx = ReadContext.simple(options.skipBadRows());
        try {
            return ctx.result(read(file, options, ctx));
        } catch (ReadContext.Cancelled e) {
            return ctx.cancelledResult();
        }
    }

    static boolean isTsvName(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv");
    }

    static ProjectData read(Path file, CsvOptions options, ReadContext ctx) {
        ColumnMapping m = options.mapping();
        List<String> missing = m.missing();
        if (!missing.isEmpty()) {
            ctx.fatal(file, 0, "the column mapping needs " + String.join(" and ", missing));
            return ProjectData.empty();
        }
        CandidateCollector collector = new CandidateCollector(ANNOTATOR);
        int needed = m.maxColumn() + 1;
        boolean[] first = {true};
        boolean[] any = {false};
        int[] width = {-1};
        List<Long> wider = new ArrayList<>();
        int qidCol = m.column(CsvField.QUERY_ID);
        int qtextCol = m.column(CsvField.QUERY_TEXT);
        int docCol = m.column(CsvField.DOC_ID);
        int textCol = m.column(CsvField.TEXT);
        int titleCol = m.column(CsvField.TITLE);
        int rankCol = m.column(CsvField.INITIAL_RANK);
        int scoreCol = m.column(CsvField.INITIAL_SCORE);
        int labelCol = m.column(CsvField.LABEL);
        if (qidCol >= 0 && qtextCol < 0) {
            ctx.note(file.getFileName() + ": no query text column; each query's text is its id");
        }
        boolean completed = CsvRecords.read(file, options.charset(), options.delimiter(), ctx, (line, cells) -> {
            if (width[0] < 0) {
                width[0] = cells.size();
            } else if (hasTextBeyond(cells, width[0])) {
                wider.add(line);
            }
            if (first[0] && options.hasHeader()) {
                first[0] = false;
                if (cells.size() < needed) {
                    ctx.fatal(file, line, "the header has " + Values.count(cells.size(), "column", "columns")
                            + " but the mapping uses column " + needed);
                    return false;
                }
                return true;
            }
            first[0] = false;
            any[0] = true;
            List<String> bad = new ArrayList<>(2);
            if (cells.size() < needed) {
                ctx.problem(file, line, "expected at least "
                        + Values.count(needed, "column", "columns") + ", found " + cells.size());
                ctx.badRow();
                return true;
            }
            String qid = qidCol >= 0 ? cells.get(qidCol).strip() : null;
            String qtext = qtextCol >= 0 ? cells.get(qtextCol).strip() : null;
            if (qid != null && qid.isEmpty()) {
                bad.add("query id is empty");
            }
            if (qid == null) {
                if (qtext.isEmpty()) {
                    bad.add("query text is empty");
                } else {
                    qid = collector.idForText(qtext);
                }
            } else if (qtext == null) {
                qtext = qid;
            }
            String docId = docCol >= 0 ? cells.get(docCol).strip() : null;
            if (docId != null && docId.isEmpty()) {
                bad.add("doc id is empty");
            }
            String text = cells.get(textCol);
            String title = titleCol >= 0 ? emptyToNull(cells.get(titleCol).strip()) : null;
            if (text.isBlank() && title == null) {
                bad.add("text is empty");
            }
            Integer rank = null;
            if (rankCol >= 0) {
                String raw = cells.get(rankCol);
                rank = Values.integer(raw);
                if (rank == null || rank < 1) {
                    bad.add(CsvField.INITIAL_RANK.label() + " " + Values.quote(raw) + " is not a whole number ≥ 1");
                    rank = null;
                }
            }
            double score = Double.NaN;
            if (scoreCol >= 0 && !cells.get(scoreCol).isBlank()) {
                Double s = Values.number(cells.get(scoreCol));
                if (s == null) {
                    bad.add(CsvField.INITIAL_SCORE.label() + " " + Values.quote(cells.get(scoreCol))
                            + " is not a number");
                } else {
                    score = s;
                }
            }
            Integer grade = null;
            if (labelCol >= 0 && !cells.get(labelCol).isBlank()) {
                grade = Values.grade(cells.get(labelCol));
                if (grade == null) {
                    bad.add(CsvField.LABEL.label() + " " + Values.quote(cells.get(labelCol)) + " is not an integer");
                }
            }
            collector.addRow(ctx, file, line, bad, qid, qtext, docId, title, text, rank, score, grade);
            return true;
        });
        ctx.reportProgress();
        if (!wider.isEmpty()) {
            ctx.note(widerRows(file, wider, width[0], options.hasHeader()));
        }
        if (completed && !any[0] && ctx.problems.isEmpty()) {
            ctx.fatal(file, 0, options.hasHeader() ? "the file has a header but no rows" : "the file is empty");
        }
        return collector.build(ctx, file, false);
    }

    /** Whether a record holds text past the first {@code width} cells (empty trailing cells lose nothing). */
    private static boolean hasTextBeyond(List<String> cells, int width) {
        for (int i = width; i < cells.size(); i++) {
            if (!cells.get(i).isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** "judged.csv: 2 rows have more columns than the header (5): lines 4, 9; their extra cells were not imported". */
    static String widerRows(Path file, List<Long> lines, int width, boolean header) {
        int shown = Math.min(lines.size(), 10);
        StringBuilder at = new StringBuilder(lines.size() == 1 ? "line " : "lines ");
        for (int i = 0; i < shown; i++) {
            at.append(i == 0 ? "" : ", ").append(lines.get(i));
        }
        if (lines.size() > shown) {
            at.append(" and ").append(lines.size() - shown).append(" more");
        }
        boolean one = lines.size() == 1;
        return file.getFileName() + ": " + lines.size() + (one ? " row has" : " rows have") + " more columns than the "
                + (header ? "header" : "first row") + " (" + width + "): " + at + "; " + (one ? "its" : "their")
                + " extra cells were not imported (a delimiter inside an unquoted value?)";
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * The delimiter that splits the first records into the same number of fields most consistently, counting only
     * outside double quotes; ties go to tab for .tsv files, else comma, tab, semicolon, pipe in that order.
     *
     * @param cut whether {@code text} was cut off (its last record is then incomplete and ignored)
     */
    static char detectDelimiter(String text, boolean cut, boolean tsvName) {
        List<int[]> counts = new ArrayList<>();
        int[] current = new int[DELIMITERS.length];
        boolean inQuotes = false;
        boolean nonBlank = false;
        for (int i = 0; i < text.length() && counts.size() < SNIFF_RECORDS; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
                nonBlank = true;
            } else if (!inQuotes && (c == '\n' || c == '\r')) {
                if (nonBlank) {
                    counts.add(current);
                }
                current = new int[DELIMITERS.length];
                nonBlank = false;
            } else {
                if (!inQuotes) {
                    for (int d = 0; d < DELIMITERS.length; d++) {
                        if (c == DELIMITERS[d]) {
                            current[d]++;
                        }
                    }
                }
                if (!Character.isWhitespace(c) || c == '\t') {
                    nonBlank = true;
                }
            }
        }
        if (nonBlank && !cut && counts.size() < SNIFF_RECORDS) {
            counts.add(current);
        }
        char best = tsvName ? '\t' : ',';
        double bestConsistency = -1;
        int bestFields = 0;
        int[] order = tsvName ? new int[]{1, 0, 2, 3} : new int[]{0, 1, 2, 3};
        for (int d : order) {
            // The count seen on most records, and on how many of them it is seen.
            java.util.Map<Integer, Integer> freq = new java.util.HashMap<>();
            for (int[] c : counts) {
                freq.merge(c[d], 1, Integer::sum);
            }
            int mode = 0;
            int modeFreq = 0;
            for (var e : freq.entrySet()) {
                if (e.getKey() > 0 && (e.getValue() > modeFreq || (e.getValue() == modeFreq && e.getKey() > mode))) {
                    mode = e.getKey();
                    modeFreq = e.getValue();
                }
            }
            if (mode == 0) {
                continue;
            }
            double consistency = (double) modeFreq / counts.size();
            if (consistency > bestConsistency + 1e-9
                    || (Math.abs(consistency - bestConsistency) <= 1e-9 && mode > bestFields)) {
                best = DELIMITERS[d];
                bestConsistency = consistency;
                bestFields = mode;
            }
        }
        return best;
    }
}
