package io.rerankworkbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rerankworkbench.core.ScoreFormat;
import io.rerankworkbench.core.SpreadsheetSafe;
import io.rerankworkbench.eval.compare.AgreementOverQueries;
import io.rerankworkbench.eval.compare.ListAgreement;
import io.rerankworkbench.eval.compare.QueryAgreement;
import io.rerankworkbench.io.CsvOutput;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The three forms of a {@code compare} result: text for people, CSV and JSON for programs (docs/cli.md). */
final class CompareOutput {

    /**
     * What was compared and the result.
     *
     * @param project        the project file, or null for two run files
     * @param a              run file A, or ranking A's name in the project
     * @param b              as {@code a}, for B
     * @param onlyInA        queries only run file A holds (0 for a project)
     * @param onlyInB        queries only run file B holds (0 for a project)
     * @param projectQueries the project's queries, or -1 for run files
     */
    record Comparison(String project, String a, String b, int k, double p, AgreementOverQueries result, int onlyInA,
                      int onlyInB, int projectQueries) {
    }

    /** The CSV columns with --per-query. */
    static final List<String> QUERY_COLUMNS = List.of("query_id", "size_a", "size_b", "shared", "kendall_tau_b",
            "spearman_rho", "rbo_min", "rbo_residual", "rbo_ext", "k", "jaccard_at_k", "overlap_at_k",
            "entered_at_k", "dropped_at_k");
    /** The CSV columns without --per-query. */
    static final List<String> MEAN_COLUMNS = List.of("queries", "tau_queries", "only_in_a", "only_in_b", "k",
            "rbo_p", "kendall_tau_b", "spearman_rho", "rbo_min", "rbo_residual", "rbo_ext", "jaccard_at_k",
            "overlap_at_k", "entered_at_k", "dropped_at_k");

    private static final int BAR_WIDTH = 40;

    private CompareOutput() {
    }

    static String render(Comparison c, CompareCommand.Format format, boolean perQuery) {
        return switch (format) {
            case TEXT -> text(c, perQuery);
            case CSV -> csv(c, perQuery);
            case JSON -> json(c, perQuery);
        };
    }

    // ---- text

    private static String text(Comparison c, boolean perQuery) {
        AgreementOverQueries r = c.result();
        AgreementOverQueries.Means m = r.means();
        String at = atK(c.k());
        StringBuilder s = new StringBuilder();
        if (c.project() != null) {
            s.append("Project: ").append(c.project()).append('\n');
        }
        s.append("A: ").append(c.a()).append('\n');
        s.append("B: ").append(c.b()).append('\n');
        s.append("Queries compared: ").append(m.queries());
        if (c.project() != null) {
            s.append(" of ").append(c.projectQueries()).append(" (the others lack one of the rankings)");
        } else if (c.onlyInA() + c.onlyInB() > 0) {
            s.append(" (").append(c.onlyInA()).append(" only in A, ").append(c.onlyInB()).append(" only in B)");
        }
        s.append('\n');
        s.append("Cut-off k: ").append(c.k() == 0 ? "all" : Integer.toString(c.k()))
                .append("   RBO persistence p: ").append(plain(c.p())).append("\n\n");

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"MEASURE", "MEAN"});
        rows.add(new String[]{"Kendall's tau-b", fixed(m.kendallTauB())});
        rows.add(new String[]{"Spearman's rho", fixed(m.spearmanRho())});
        rows.add(new String[]{"RBO min", fixed(m.rboMin())});
        rows.add(new String[]{"RBO residual", fixed(m.rboResidual())});
        rows.add(new String[]{"RBO ext", fixed(m.rboExt())});
        rows.add(new String[]{"Jaccard" + at, fixed(m.jaccardAtK())});
        rows.add(new String[]{"Overlap" + at, fixed(m.overlapAtK())});
        rows.add(new String[]{"Entered" + at, count(m.enteredAtK())});
        rows.add(new String[]{"Dropped" + at, count(m.droppedAtK())});
        int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0);
        for (String[] row : rows) {
            s.append(String.format(Locale.ROOT, "%-" + width + "s  %6s\n", row[0], row[1]));
        }
        s.append("tau-b and rho are defined for ").append(m.tauQueries()).append(" of ").append(m.queries())
                .append(m.queries() == 1 ? " query" : " queries").append("\n\n");

        s.append("tau-b histogram (queries per bin):\n");
        int[] h = r.tauHistogram();
        int max = Arrays.stream(h).max().orElse(0);
        for (int bin = 0; bin < h.length; bin++) {
            double from = AgreementOverQueries.binStart(bin);
            double to = bin + 1 == h.length ? 1 : AgreementOverQueries.binStart(bin + 1);
            int bar = max == 0 ? 0 : (int) Math.round((double) h[bin] * BAR_WIDTH / max);
            s.append(String.format(Locale.ROOT, "  [%5.2f, %5.2f%s %5d %s", from, to, bin + 1 == h.length ? "]" : ")",
                    h[bin], "#".repeat(h[bin] > 0 ? Math.max(1, bar) : 0)).stripTrailing()).append('\n');
        }

        if (perQuery) {
            s.append("\nPer query, most disagreement first:\n");
            List<String[]> q = new ArrayList<>();
            q.add(new String[]{"QUERY", "A", "B", "SHARED", "TAU-B", "RHO", "RBO-MIN", "RBO-RES", "RBO-EXT",
                    "JACCARD" + at.toUpperCase(Locale.ROOT), "OVERLAP" + at.toUpperCase(Locale.ROOT), "ENTERED",
                    "DROPPED"});
            for (QueryAgreement qa : r.byDisagreement()) {
                ListAgreement a = qa.agreement();
                q.add(new String[]{qa.queryId(), Integer.toString(a.sizeA()), Integer.toString(a.sizeB()),
                        Integer.toString(a.shared()), fixed(a.kendallTauB()), fixed(a.spearmanRho()),
                        fixed(a.rbo().min()), fixed(a.rbo().residual()), fixed(a.rbo().ext()),
                        fixed(a.jaccardAtK()), fixed(a.overlapAtK()), Integer.toString(a.enteredAtK()),
                        Integer.toString(a.droppedAtK())});
            }
            lines(s, ModelsCommand.ListCommand.table(q, Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)));
        }
        return s.toString();
    }

    private static String atK(int k) {
        return k == 0 ? "@all" : "@" + k;
    }

    private static void lines(StringBuilder s, List<String> lines) {
        for (String line : lines) {
            s.append(line).append('\n');
        }
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? ModelsCommand.NO_VALUE : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String count(double v) {
        return Double.isNaN(v) ? ModelsCommand.NO_VALUE : String.format(Locale.ROOT, "%.2f", v);
    }

    // ---- csv

    private static String csv(Comparison c, boolean perQuery) {
        StringWriter w = new StringWriter();
        try {
            if (perQuery) {
                try (SequenceWriter rows = CsvOutput.rows(w, QUERY_COLUMNS)) {
                    for (QueryAgreement qa : c.result().byDisagreement()) {
                        ListAgreement a = qa.agreement();
                        rows.write(Arrays.asList(SpreadsheetSafe.text(qa.queryId()), a.sizeA(), a.sizeB(),
                                a.shared(), number(a.kendallTauB()), number(a.spearmanRho()),
                                number(a.rbo().min()), number(a.rbo().residual()), number(a.rbo().ext()), a.k(),
                                number(a.jaccardAtK()), number(a.overlapAtK()), a.enteredAtK(), a.droppedAtK()));
                    }
                }
            } else {
                AgreementOverQueries.Means m = c.result().means();
                try (SequenceWriter rows = CsvOutput.rows(w, MEAN_COLUMNS)) {
                    rows.write(Arrays.asList(m.queries(), m.tauQueries(), c.onlyInA(), c.onlyInB(), c.k(),
                            number(c.p()), number(m.kendallTauB()), number(m.spearmanRho()), number(m.rboMin()),
                            number(m.rboResidual()), number(m.rboExt()), number(m.jaccardAtK()),
                            number(m.overlapAtK()), number(m.enteredAtK()), number(m.droppedAtK())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    /** Plain decimal, shortest that reads back as the same double; null (an empty cell) when undefined. */
    private static BigDecimal number(double v) {
        return Double.isNaN(v) ? null : new BigDecimal(plain(v));
    }

    private static String plain(double v) {
        return ScoreFormat.plain(v, 0);
    }

    // ---- json

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static String json(Comparison c, boolean perQuery) {
        AgreementOverQueries r = c.result();
        AgreementOverQueries.Means m = r.means();
        ObjectNode root = JSON.createObjectNode();
        if (c.project() != null) {
            root.put("project", c.project());
        }
        root.put("a", c.a());
        root.put("b", c.b());
        root.put("k", c.k());
        root.put("rbo_p", c.p());
        ObjectNode queries = root.putObject("queries");
        queries.put("compared", m.queries());
        queries.put("tau_defined", m.tauQueries());
        if (c.project() != null) {
            queries.put("in_project", c.projectQueries());
        } else {
            queries.put("only_in_a", c.onlyInA());
            queries.put("only_in_b", c.onlyInB());
        }
        ObjectNode means = root.putObject("means");
        put(means, "kendall_tau_b", m.kendallTauB());
        put(means, "spearman_rho", m.spearmanRho());
        put(means, "rbo_min", m.rboMin());
        put(means, "rbo_residual", m.rboResidual());
        put(means, "rbo_ext", m.rboExt());
        put(means, "jaccard_at_k", m.jaccardAtK());
        put(means, "overlap_at_k", m.overlapAtK());
        put(means, "entered_at_k", m.enteredAtK());
        put(means, "dropped_at_k", m.droppedAtK());
        ArrayNode histogram = root.putArray("tau_histogram");
        int[] h = r.tauHistogram();
        for (int bin = 0; bin < h.length; bin++) {
            ObjectNode b = histogram.addObject();
            b.put("from", AgreementOverQueries.binStart(bin));
            b.put("to", bin + 1 == h.length ? 1.0 : AgreementOverQueries.binStart(bin + 1));
            b.put("count", h[bin]);
        }
        if (perQuery) {
            ArrayNode list = root.putArray("per_query");
            for (QueryAgreement qa : r.byDisagreement()) {
                ListAgreement a = qa.agreement();
                ObjectNode q = list.addObject();
                q.put("query_id", qa.queryId());
                q.put("size_a", a.sizeA());
                q.put("size_b", a.sizeB());
                q.put("shared", a.shared());
                put(q, "kendall_tau_b", a.kendallTauB());
                put(q, "spearman_rho", a.spearmanRho());
                put(q, "rbo_min", a.rbo().min());
                put(q, "rbo_residual", a.rbo().residual());
                put(q, "rbo_ext", a.rbo().ext());
                q.put("k", a.k());
                put(q, "jaccard_at_k", a.jaccardAtK());
                put(q, "overlap_at_k", a.overlapAtK());
                q.put("entered_at_k", a.enteredAtK());
                q.put("dropped_at_k", a.droppedAtK());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain values always serialises
        }
    }

    private static void put(ObjectNode node, String field, double v) {
        if (Double.isNaN(v)) {
            node.putNull(field);
        } else {
            node.put(field, v);
        }
    }
}
