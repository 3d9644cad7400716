package io.rerankworkbench.io.imports;

import io.rerankworkbench.io.InputFormatException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads TREC qrels ({@code qid iter docno grade} per line, whitespace separated) for evaluation: per query id, in file
 * order, the grade of each judged docno. The lines are read and checked as {@link TrecQrelsImport} reads them (the
 * iter column is ignored, a grade must be an integer, a docno judged twice for one query is an error, blank lines
 * are skipped), but the first problem fails the whole read.
 */
public final class TrecQrelsReader {

    private TrecQrelsReader() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws InputFormatException for the first problem, as {@code file:line: problem} (with the count of further
     *                              problems)
     */
    public static Map<String, Map<String, Integer>> read(Path file) throws InputFormatException {
        Objects.requireNonNull(file, "file");
        ReadContext ctx = ReadContext.simple(false);
        Builder builder = new Builder(file, ctx);
        ByteLines.read(file, ctx, builder);
        List<ImportProblem> problems = ctx.problems.list();
        if (!problems.isEmpty()) {
            ImportProblem first = problems.get(0);
            long more = ctx.problems.count() - 1;
            throw new InputFormatException(file, (int) Math.min(Integer.MAX_VALUE, first.line()), first.reason()
                    + (more > 0 ? " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")" : ""));
        }
        if (builder.grades.isEmpty()) {
            throw new InputFormatException(file, 0, "no judgments (expected lines of qid iter docno grade)");
        }
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        builder.grades.forEach((k, v) -> out.put(k, Collections.unmodifiableMap(v.toMap())));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Collects the lines with {@link TrecQrelsImport}'s checks and messages: plain ASCII lines split and parsed from
     * their bytes (qrels can have hundreds of thousands), other lines as that importer splits them.
     */
    private static final class Builder implements ByteLines.Handler {
        private final Path file;
        private final ReadContext ctx;
        final Map<String, Judged> grades = new LinkedHashMap<>();
        private final int[] from = new int[4];
        private final int[] to = new int[4];
        private final AsciiInterner ids = new AsciiInterner();
        private String lastQid = "";
        private byte[] lastQidBytes = new byte[0];

        Builder(Path file, ReadContext ctx) {
            this.file = file;
            this.ctx = ctx;
        }

        @Override
        public void text(long number, String text) {
            String[] f = TrecRunImport.WHITESPACE.split(text.strip());
            if (f.length != 4) {
                ctx.problem(file, number, "expected 4 fields (qid iter docno grade), found " + f.length);
                return;
            }
            add(number, f[0], f[2], f[3], Values.grade(f[3]));
        }

        @Override
        public void ascii(long number, byte[] b, int start, int end) {
            int fields = 0;
            int i = start;
            while (i < end) {
                while (i < end && ByteLines.isSpace(b[i])) {
                    i++;
                }
                if (i == end) {
                    break;
                }
                if (fields < 4) {
                    from[fields] = i;
                }
                while (i < end && !ByteLines.isSpace(b[i])) {
                    i++;
                }
                if (fields < 4) {
                    to[fields] = i;
                }
                fields++;
            }
            if (fields != 4) {
                ctx.problem(file, number, "expected 4 fields (qid iter docno grade), found " + fields);
                return;
            }
            Integer grade;
            String gradeText = null;
            if (Values.isInt(b, from[3], to[3])) {
                grade = Values.intValue(b, from[3], to[3]); // boxed: small grades come from Integer's cache
            } else {
                gradeText = ascii(b, 3);
                grade = Values.grade(gradeText);
            }
            add(number, qid(b), ids.intern(b, from[2], to[2]), gradeText, grade);
        }

        private String ascii(byte[] b, int field) {
            return new String(b, from[field], to[field] - from[field], StandardCharsets.ISO_8859_1);
        }

        /** The qid of field 0; the same String as the line before's when the bytes are (qrels are grouped). */
        private String qid(byte[] b) {
            if (Arrays.equals(b, from[0], to[0], lastQidBytes, 0, lastQidBytes.length)) {
                return lastQid;
            }
            lastQidBytes = Arrays.copyOfRange(b, from[0], to[0]);
            lastQid = ids.intern(b, from[0], to[0]);
            return lastQid;
        }

        /** A line of four fields; {@code grade} null when {@code gradeText} is not an integer. */
        private void add(long number, String qid, String docno, String gradeText, Integer grade) {
            Judged judged = grades.get(qid);
            long first = judged == null ? 0 : judged.line(docno);
            if (grade == null) {
                ctx.problem(file, number, "grade " + Values.quote(gradeText) + " is not an integer");
            }
            if (first > 0) {
                ctx.problem(file, number, "docno " + Values.quote(docno) + " is judged twice for query "
                        + Values.quote(qid) + " (first on line " + first + ")");
            }
            if (grade == null || first > 0) {
                return;
            }
            if (judged == null) {
                judged = new Judged();
                grades.put(qid, judged);
            }
            judged.add(docno, grade, number);
        }
    }

    /** One query's judgments in file order, with the line of each (an open-addressing index: nothing boxed). */
    private static final class Judged {
        private String[] docnos = new String[16];
        private int[] grades = new int[16];
        private long[] lines = new long[16];
        private int[] index = new int[32]; // positions + 1; 0 = free
        private int size;

        /** The line {@code docno} was judged on, or 0. */
        long line(String docno) {
            int mask = index.length - 1;
            for (int slot = slot(docno, mask); index[slot] != 0; slot = (slot + 1) & mask) {
                if (docnos[index[slot] - 1].equals(docno)) {
                    return lines[index[slot] - 1];
                }
            }
            return 0;
        }

        /** Adds a docno not judged yet. */
        void add(String docno, int grade, long line) {
            if (size == docnos.length) {
                docnos = Arrays.copyOf(docnos, size * 2);
                grades = Arrays.copyOf(grades, size * 2);
                lines = Arrays.copyOf(lines, size * 2);
            }
            docnos[size] = docno;
            grades[size] = grade;
            lines[size] = line;
            size++;
            if (size * 2 > index.length) {
                index = new int[index.length * 2];
                for (int k = 0; k < size; k++) {
                    put(k);
                }
            } else {
                put(size - 1);
            }
        }

        private void put(int k) {
            int mask = index.length - 1;
            int slot = slot(docnos[k], mask);
            while (index[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            index[slot] = k + 1;
        }

        private static int slot(String docno, int mask) {
            int h = docno.hashCode();
            return (h ^ (h >>> 16)) & mask;
        }

        Map<String, Integer> toMap() {
            Map<String, Integer> map = new LinkedHashMap<>(size * 4 / 3 + 1);
            for (int k = 0; k < size; k++) {
                map.put(docnos[k], grades[k]);
            }
            return map;
        }
    }
}
