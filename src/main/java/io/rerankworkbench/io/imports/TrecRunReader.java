package io.rerankworkbench.io.imports;

import io.rerankworkbench.core.CodePointOrder;

import io.rerankworkbench.io.InputFormatException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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

    private record Entry(String docno, double score) {
    }

    /** trec_eval's string order (see {@link CodePointOrder}). */
    static final Comparator<String> CODE_POINTS = CodePointOrder.COMPARATOR;

    /** trec_eval's order: score descending, then docno descending. */
    private static final Comparator<Entry> TREC_EVAL_ORDER = Comparator.comparingDouble(Entry::score).reversed()
            .thenComparing(Entry::docno, CODE_POINTS.reversed());

    /**
     * Reads {@code file}.
     *
     * @throws InputFormatException for the first problem, as {@code file:line: problem} (with the count of further
     *                              problems)
     */
    public static Run read(Path file) throws InputFormatException {
        Objects.requireNonNull(file, "file");
        ReadContext ctx = ReadContext.simple(false);
        Map<String, List<Entry>> byQuery = new LinkedHashMap<>();
        Map<String, Map<String, Long>> seen = new HashMap<>();
        boolean read = Lines.read(file, null, ctx, (lineNo, text) -> {
            List<String> bad = new ArrayList<>(1);
            TrecRunLine line = TrecRunLine.parse(text, false, bad);
            if (line != null) {
                Map<String, Long> docs = seen.computeIfAbsent(line.qid(), k -> new HashMap<>());
                Long first = docs.putIfAbsent(line.docno(), lineNo);
                if (first != null) {
                    bad.add("docno " + Values.quote(line.docno()) + " appears twice for query "
                            + Values.quote(line.qid()) + " (first on line " + first + ")");
                }
            }
            if (!bad.isEmpty()) {
                bad.forEach(reason -> ctx.problem(file, lineNo, reason));
                return;
            }
            byQuery.computeIfAbsent(line.qid(), k -> new ArrayList<>()).add(new Entry(line.docno(),
                    line.score() + 0.0)); // -0 ties with 0, as in trec_eval
        });
        List<ImportProblem> problems = ctx.problems.list();
        if (!read || !problems.isEmpty()) {
            ImportProblem first = problems.get(0);
            long more = ctx.problems.count() - 1;
            throw new InputFormatException(file, (int) Math.min(Integer.MAX_VALUE, first.line()), first.reason()
                    + (more > 0 ? " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")" : ""));
        }
        List<Query> queries = new ArrayList<>(byQuery.size());
        for (Map.Entry<String, List<Entry>> e : byQuery.entrySet()) {
            List<Entry> entries = e.getValue();
            entries.sort(TREC_EVAL_ORDER);
            List<String> docnos = new ArrayList<>(entries.size());
            double[] scores = new double[entries.size()];
            for (Entry entry : entries) {
                scores[docnos.size()] = entry.score();
                docnos.add(entry.docno());
            }
            queries.add(new Query(e.getKey(), docnos, scores));
        }
        return new Run(file, queries);
    }
}
