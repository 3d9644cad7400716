package io.rerankworkbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rerankworkbench.eval.metrics.Conventions;
import io.rerankworkbench.eval.metrics.Evaluation;
import io.rerankworkbench.eval.metrics.MeasureSpec;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How {@code eval} prints its evaluations. */
final class EvalOutput {

    /** One run's evaluation, named by its file. */
    record RunEvaluation(String run, Evaluation evaluation) {
    }

    /** Created on first use: the default trec format should not pay for loading Jackson (≈ 0.15 s). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private EvalOutput() {
    }

    /**
     * The evaluations in {@code format}, with {@code comparisons} (from {@code eval --compare}; null without it): in
     * trec after the measures, in csv instead of them (a CSV file holds one table), in json as {@code comparisons}.
     */
    static String render(List<RunEvaluation> runs, EvalCommand.Format format, boolean perQuery,
                         List<EvalComparison.Row> comparisons) {
        return switch (format) {
            case TREC -> trec(runs, perQuery)
                    + (comparisons == null ? "" : EvalComparison.text(comparisons, runs.size()));
            case CSV -> comparisons == null ? csv(runs, perQuery) : EvalComparison.csv(comparisons);
            case JSON -> json(runs, perQuery, comparisons);
        };
    }

    /**
     * trec_eval's lines: {@code printf("%-22s\t%s\t%6.4f\n")}, counts as whole numbers; per query (with -q) each
     * query's measures, then {@code runid}, {@code num_q} and the measures over all queries.
     */
    private static String trec(List<RunEvaluation> runs, boolean perQuery) {
        StringBuilder sb = new StringBuilder();
        for (RunEvaluation r : runs) {
            Evaluation e = r.evaluation();
            if (perQuery) {
                for (Map.Entry<String, double[]> q : e.perQuery().entrySet()) {
                    for (int i = 0; i < e.specs().size(); i++) {
                        line(sb, e.specs().get(i), q.getKey(), q.getValue()[i]);
                    }
                }
            }
            sb.append(String.format(Locale.ROOT, "%-22s\t%s\t%s%n", "runid", "all", r.run()));
            sb.append(String.format(Locale.ROOT, "%-22s\t%s\t%d%n", "num_q", "all", e.numQueries()));
            double[] all = e.all();
            for (int i = 0; i < e.specs().size(); i++) {
                line(sb, e.specs().get(i), "all", all[i]);
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, MeasureSpec spec, String query, double value) {
        if (spec.measure().summed()) {
            sb.append(String.format(Locale.ROOT, "%-22s\t%s\t%d%n", spec.trecName(), query, Math.round(value)));
        } else {
            sb.append(String.format(Locale.ROOT, "%-22s\t%s\t%6.4f%n", spec.trecName(), query, value));
        }
    }

    /** {@code run,measure,query,value}, values in full precision; {@code all} rows after each run's queries. */
    private static String csv(List<RunEvaluation> runs, boolean perQuery) {
        StringBuilder sb = new StringBuilder("run,measure,query,value\n");
        for (RunEvaluation r : runs) {
            Evaluation e = r.evaluation();
            if (perQuery) {
                for (Map.Entry<String, double[]> q : e.perQuery().entrySet()) {
                    for (int i = 0; i < e.specs().size(); i++) {
                        csvRow(sb, r.run(), e.specs().get(i), q.getKey(), q.getValue()[i]);
                    }
                }
            }
            sb.append(csvField(r.run())).append(",num_q,all,").append(e.numQueries()).append('\n');
            double[] all = e.all();
            for (int i = 0; i < e.specs().size(); i++) {
                csvRow(sb, r.run(), e.specs().get(i), "all", all[i]);
            }
        }
        return sb.toString();
    }

    private static void csvRow(StringBuilder sb, String run, MeasureSpec spec, String query, double value) {
        sb.append(csvField(run)).append(',').append(spec.trecName()).append(',').append(csvField(query)).append(',')
                .append(number(spec, value)).append('\n');
    }

    private static String number(MeasureSpec spec, double value) {
        return spec.measure().summed() ? Long.toString(Math.round(value)) : Double.toString(value);
    }

    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String json(List<RunEvaluation> runs, boolean perQuery, List<EvalComparison.Row> comparisons) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode array = root.putArray("runs");
        for (RunEvaluation r : runs) {
            Evaluation e = r.evaluation();
            ObjectNode run = array.addObject();
            run.put("run", r.run());
            Conventions c = e.conventions();
            ObjectNode conv = run.putObject("conventions");
            conv.put("gain", c.gain() == Conventions.Gain.LINEAR ? "linear" : "exp");
            conv.put("ideal", c.ideal() == Conventions.Ideal.CUT_AT_K ? "cut" : "all");
            conv.put("relevanceLevel", c.relevanceLevel());
            conv.put("ties", c.ties() == Conventions.Ties.DOCNO_DESCENDING ? "docno" : "given");
            if (c.depth() == Integer.MAX_VALUE) {
                conv.putNull("depth");
            } else {
                conv.put("depth", c.depth());
            }
            conv.put("judgedOnly", c.judgedOnly());
            conv.put("completeQueries", c.completeQueries());
            run.put("num_q", e.numQueries());
            ArrayNode missing = run.putArray("missingQueries");
            e.missing().forEach(missing::add);
            if (perQuery) {
                ObjectNode queries = run.putObject("queries");
                for (Map.Entry<String, double[]> q : e.perQuery().entrySet()) {
                    put(queries.putObject(q.getKey()), e.specs(), q.getValue());
                }
            }
            put(run.putObject("all"), e.specs(), e.all());
        }
        if (comparisons != null) {
            ArrayNode pairs = root.putArray("comparisons");
            for (EvalComparison.Row r : comparisons) {
                ObjectNode row = pairs.addObject();
                row.put("run_a", r.runA());
                row.put("run_b", r.runB());
                row.put("measure", r.measure().trecName());
                row.put("queries", r.queries());
                putNumber(row, "mean_a", r.meanA());
                putNumber(row, "mean_b", r.meanB());
                putNumber(row, "difference", r.meanB() - r.meanA());
                putNumber(row, "p_randomization", r.pRandomization());
                putNumber(row, "p_t", r.pT());
                row.put("a_wins", r.wtl().wins());
                row.put("ties", r.wtl().ties());
                row.put("b_wins", r.wtl().losses());
                putNumber(row, "p_holm", r.pHolm());
            }
        }
        try {
            return Json.MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A number, or null when it is undefined (NaN: no queries, a t-test of one query, Holm not applied). */
    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static void put(ObjectNode node, List<MeasureSpec> specs, double[] values) {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).measure().summed()) {
                node.put(specs.get(i).trecName(), Math.round(values[i]));
            } else {
                node.put(specs.get(i).trecName(), values[i]);
            }
        }
    }
}
