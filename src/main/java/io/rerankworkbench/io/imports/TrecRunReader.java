package io.rerankworkbench.io.imports;

import io.rerankworkbench.core.CodePointOrder;

import io.rerankworkbench.io.InputFormatException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a TREC run ({@code qid Q0 docno rank score tag} per line, whitespace separated) as rankings, the way trec_eval
 * orders them: per query by score, highest first, equal scores by docno in descending order (trec_eval compares the
 * docnos' bytes; here their code points, which order the same for UTF-8). The rank column must be a whole number but
 * does not order anything, and the tag is not kept (a file with several tags is read as one ranking per query).
 * Blank lines are skipped; the encoding is detected as for imports.
 *
 * <p>Problems — a line without 6 fields, a rank that is not a whole number, a score that is not a number, a docno
 * twice for one query, an empty or unreadable file — fail the whole read with the first problem's file and line.
 */
public final class TrecRunReader {

    /** A query's ranking: documents best first, with their scores (equal neighbouring scores tie). */
    public record Query(String id, List<String> docnos, double[] scores) {
        public Query {
            Objects.requireNonNull(id, "id");
            docnos = List.copyOf(docnos);
            scores = scores.clone();
            if (scores.length != docnos.size()) {
                throw new IllegalArgumentException(docnos.size() + " docnos, " + scores.length + " scores");
            }
        }

        @Override
        public double[] scores() {
            return scores.clone();
        }
    }

    /** A run: its queries in the order they first appear in the file. */
    public record Run(Path file, List<Query> queries) {
        public Run {
            Objects.requireNonNull(file, "file");
            queries = List.copyOf(queries);
        }

        /** The queries by id, in file order. */
        public Map<String, Query> byId() {
            Map<String, Query> map = new LinkedHashMap<>();
            for (Query q : queries) {
                map.put(q.id(), q);
            }
            return map;
        }
    }

    private TrecRunReader() {
    }

    /** trec_eval's string order (see {@link CodePointOrder}). */
    static final Comparator<String> CODE_POINTS = CodePointOrder.COMPARATOR;

    /**
     * Reads {@code file}.
     *
     * @throws InputFormatException for the first problem, as {@code file:line: problem} (with the count of further
     *                              problems)
     */
    public static Run read(Path file) throws InputFormatException {
        Objects.requireNonNull(file, "file");
        ReadContext ctx = ReadContext.simple(false);
        Builder builder = new Builder(file, ctx);
        boolean read = ByteLines.read(file, ctx, builder);
        List<ImportProblem> problems = ctx.problems.list();
        if (!read || !problems.isEmpty()) {
            ImportProblem first = problems.get(0);
            long more = ctx.problems.count() - 1;
            throw new InputFormatException(file, (int) Math.min(Integer.MAX_VALUE, first.line()), first.reason()
                    + (more > 0 ? " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")" : ""));
        }
        return new Run(file, builder.queries());
    }

    /**
     * Collects the lines of one file. Plain ASCII lines are split and parsed from their bytes — a run has a million
     * of them — with the same checks and messages as {@link TrecRunLine#parse}, which reads all other lines.
     */
    private static final class Builder implements ByteLines.Handler {
        private final Path file;
        private final ReadContext ctx;
        private final Map<String, QueryLines> byQuery = new LinkedHashMap<>();
        private final List<String> bad = new ArrayList<>(2);
        private final int[] from = new int[6];
        private final int[] to = new int[6];
        private final AsciiInterner ids = new AsciiInterner();
        private String lastQid = "";
        private byte[] lastQidBytes = new byte[0];
        private QueryLines last;

        Builder(Path file, ReadContext ctx) {
            this.file = file;
            this.ctx = ctx;
        }

        @Override
        public void text(long number, String text) {
            bad.clear();
            TrecRunLine line = TrecRunLine.parse(text, false, bad);
            if (line != null) {
                add(number, line.qid(), line.docno(), line.score() == null ? Double.NaN : line.score());
            } else {
                report(number);
            }
        }

        @Override
        public void ascii(long number, byte[] b, int start, int end) {
            bad.clear();
            int fields = 0;
            int i = start;
            while (i < end) {
                while (i < end && ByteLines.isSpace(b[i])) {
                    i++;
                }
                if (i == end) {
                    break;
                }
                if (fields < 6) {
                    from[fields] = i;
                }
                while (i < end && !ByteLines.isSpace(b[i])) {
                    i++;
                }
                if (fields < 6) {
                    to[fields] = i;
                }
                fields++;
            }
            if (fields != 6) {
                bad.add("expected 6 fields (qid Q0 docno rank score tag), found " + fields);
                report(number);
                return;
            }
            if (!Values.isInt(b, from[3], to[3])) {
                bad.add("rank " + Values.quote(ascii(b, 3)) + " is not a whole number");
            }
            double score = Values.number(b, from[4], to[4]);
            if (Double.isNaN(score)) {
                bad.add("score " + Values.quote(ascii(b, 4)) + " is not a number");
            }
            add(number, qid(b), ids.intern(b, from[2], to[2]), score);
        }

        private String ascii(byte[] b, int field) {
            return new String(b, from[field], to[field] - from[field], StandardCharsets.ISO_8859_1);
        }

        /** The qid of field 0; the same String as the line before's when the bytes are (a run is grouped by query). */
        private String qid(byte[] b) {
            if (Arrays.equals(b, from[0], to[0], lastQidBytes, 0, lastQidBytes.length)) {
                return lastQid;
            }
            lastQidBytes = Arrays.copyOfRange(b, from[0], to[0]);
            lastQid = ids.intern(b, from[0], to[0]);
            return lastQid;
        }

        /** A line with six fields; {@code score} NaN when it is not a number (the reason is in {@link #bad}). */
        private void add(long number, String qid, String docno, double score) {
            QueryLines q = last;
            if (q == null || !q.id.equals(qid)) {
                // A new query is usually as long as the one before it: start its arrays at that size.
                int expected = q == null ? 16 : q.size;
                q = byQuery.computeIfAbsent(qid, id -> new QueryLines(id, expected));
            }
            last = q;
            long first = q.add(docno, score + 0.0, number); // -0 ties with 0, as in trec_eval
            if (first > 0) {
                bad.add("docno " + Values.quote(docno) + " appears twice for query " + Values.quote(qid)
                        + " (first on line " + first + ")");
            }
            report(number);
        }

        private void report(long number) {
            for (String reason : bad) {
                ctx.problem(file, number, reason);
            }
        }

        List<Query> queries() {
            List<Query> out = new ArrayList<>(byQuery.size());
            for (var it = byQuery.values().iterator(); it.hasNext(); ) {
                out.add(it.next().sorted());
                it.remove(); // its arrays can go before the next query is sorted
            }
            return out;
        }
    }

    /**
     * One query's lines with six fields: docno, score and line number, with an open-addressing index of the docnos
     * for the "appears twice" check (no boxed values for a million lines). Lines with problems are kept too, since
     * their docno counts as seen; the read fails on them, so the documents are used only when every line was good.
     */
    private static final class QueryLines {
        final String id;
        private String[] docnos;
        private double[] scores;
        private long[] lines;
        private int[] index; // positions + 1; 0 = free
        int size;

        QueryLines(String id, int expected) {
            this.id = id;
            int capacity = Math.max(16, expected);
            docnos = new String[capacity];
            scores = new double[capacity];
            lines = new long[capacity];
            index = new int[Integer.highestOneBit(capacity * 4 - 1)]; // a power of two > 2 × capacity
        }

        /** Adds a line; when its docno was already seen, adds nothing and returns the line it was first seen on. */
        long add(String docno, double score, long line) {
            int mask = index.length - 1;
            int slot = spread(docno.hashCode()) & mask;
            while (index[slot] != 0) {
                int k = index[slot] - 1;
                if (docnos[k].equals(docno)) {
                    return lines[k];
                }
                slot = (slot + 1) & mask;
            }
            if (size == docnos.length) {
                docnos = Arrays.copyOf(docnos, size * 2);
                scores = Arrays.copyOf(scores, size * 2);
                lines = Arrays.copyOf(lines, size * 2);
            }
            docnos[size] = docno;
            scores[size] = score;
            lines[size] = line;
            index[slot] = ++size;
            if (size * 2 > index.length) {
                rehash();
            }
            return 0;
        }

        private static int spread(int h) {
            return h ^ (h >>> 16);
        }

        private void rehash() {
            int[] bigger = new int[index.length * 2];
            int mask = bigger.length - 1;
            for (int k = 0; k < size; k++) {
                int slot = spread(docnos[k].hashCode()) & mask;
                while (bigger[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                bigger[slot] = k + 1;
            }
            index = bigger;
        }

        /** trec_eval's order: score descending, then docno descending. */
        Query sorted() {
            int[] order = byScore();
            int[] tmp = new int[size];
            // Equal scores, next to each other now, go by docno descending: sort each such run by the full order.
            for (int from = 0; from < size; ) {
                int to = from + 1;
                while (to < size && scores[order[to]] == scores[order[from]]) {
                    to++;
                }
                if (to - from > 1) {
                    sort(order, tmp, from, to);
                }
                from = to;
            }
            String[] sortedDocnos = new String[size];
            double[] sortedScores = new double[size];
            for (int k = 0; k < size; k++) {
                sortedDocnos[k] = docnos[order[k]];
                sortedScores[k] = scores[order[k]];
            }
            // List.of: Query's List.copyOf keeps an unmodifiable list as it is instead of copying it again
            return new Query(id, List.of(sortedDocnos), sortedScores);
        }

        /**
         * The positions by score, highest first (equal scores in file order): a least-significant-byte radix sort of
         * keys whose unsigned order is the scores' descending order, skipping bytes all keys share — no comparisons,
         * which on a million lines cost more than the rest of the reading.
         */
        private int[] byScore() {
            long[] keys = new long[size];
            long differ = 0;
            for (int k = 0; k < size; k++) {
                long bits = Double.doubleToRawLongBits(scores[k]); // no -0 (added to +0.0) and no NaN here
                long ascending = bits >= 0 ? bits ^ Long.MIN_VALUE : ~bits;
                keys[k] = ~ascending;
                differ |= keys[k] ^ keys[0];
            }
            int[] order = new int[size];
            for (int k = 0; k < size; k++) {
                order[k] = k;
            }
            int[] next = new int[size];
            int[] count = new int[257];
            for (int shift = 0; shift < 64; shift += 8) {
                if (((differ >>> shift) & 0xFF) == 0) {
                    continue;
                }
                Arrays.fill(count, 0);
                for (int k = 0; k < size; k++) {
                    count[(int) ((keys[order[k]] >>> shift) & 0xFF) + 1]++;
                }
                for (int b = 0; b < 256; b++) {
                    count[b + 1] += count[b];
                }
                for (int k = 0; k < size; k++) {
                    next[count[(int) ((keys[order[k]] >>> shift) & 0xFF)]++] = order[k];
                }
                int[] swap = order;
                order = next;
                next = swap;
            }
            return order;
        }

        /** Whether the document at position {@code x} comes before the one at {@code y} in trec_eval's order. */
        private boolean before(int x, int y) {
            int c = Double.compare(scores[y], scores[x]);
            return c != 0 ? c < 0 : CODE_POINTS.compare(docnos[y], docnos[x]) < 0;
        }

        /** Merge sort of {@code a[from, to)} by {@link #before}, with {@code tmp} as scratch space. */
        private void sort(int[] a, int[] tmp, int from, int to) {
            int n = to - from;
            if (n < 16) {
                for (int i = from + 1; i < to; i++) {
                    int v = a[i];
                    int j = i - 1;
                    while (j >= from && before(v, a[j])) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = v;
                }
                return;
            }
            int mid = (from + to) >>> 1;
            sort(a, tmp, from, mid);
            sort(a, tmp, mid, to);
            if (!before(a[mid], a[mid - 1])) {
                return; // already in order
            }
            System.arraycopy(a, from, tmp, from, n);
            int i = from;
            int j = mid;
            for (int k = from; k < to; k++) {
                if (j >= to || (i < mid && !before(tmp[j], tmp[i]))) {
                    a[k] = tmp[i++];
                } else {
                    a[k] = tmp[j++];
                }
            }
        }
    }
}
