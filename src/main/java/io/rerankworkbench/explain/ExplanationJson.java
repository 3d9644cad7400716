package io.rerankworkbench.explain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rerankworkbench.core.ColorScale;
import io.rerankworkbench.core.TextSpan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An explanation as JSON (docs/explain.md, "JSON"), losslessly: {@link #read} of {@link #write} gives an equal map.
 * NaN numbers are written as {@code null}; layer and head are 1-based as a reader counts them, {@code "mean"} for
 * the mean, {@code null} when the map is not attention.
 */
public final class ExplanationJson {

    public static final String FORMAT = "rerank-workbench/explanation";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ExplanationJson() {
    }

    /** Pretty-printed, one line per row unit and per row of values. */
    public static String write(ExplanationMap map) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("method", map.method().cliName());
        root.put("ranker", map.ranker());
        root.put("title", map.title());
        root.put("valueName", map.valueName());
        root.put("scale", map.scaleKind().name().toLowerCase(Locale.ROOT));
        putIndex(root, "layer", map.layer());
        putIndex(root, "head", map.head());
        root.put("layers", map.layers());
        root.put("heads", map.heads());
        root.put("block", map.block() == null ? null : name(map.block()));
        root.put("granularity", map.granularity() == null ? null : name(map.granularity()));
        root.put("unit", map.unit() == null ? null : name(map.unit()));
        putNumber(root, "score", map.score());
        putNumber(root, "baseline", map.baseline());
        putNumber(root, "total", map.total());
        if (map.window() == null) {
            root.putNull("window");
        } else {
            root.putObject("window").put("start", map.window().start()).put("end", map.window().end());
        }
        root.put("truncated", map.truncated());
        ArrayNode notes = root.putArray("notes");
        map.notes().forEach(notes::add);
        writeUnits(root.putArray("rows"), map.rows());
        writeUnits(root.putArray("columns"), map.columns());
        ArrayNode values = root.putArray("values");
        for (int r = 0; r < map.rowCount(); r++) {
            ArrayNode row = values.addArray();
            for (int c = 0; c < map.columnCount(); c++) {
                double v = map.value(r, c);
                if (Double.isNaN(v)) {
                    row.addNull();
                } else {
                    row.add(v);
                }
            }
        }
        try {
            return JSON.writer(PRETTY).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an explanation could not be written as JSON", e);
        }
    }

    /**
     * @throws IllegalArgumentException when {@code json} is not an explanation of this format; the message names the
     *                                  field (e.g. {@code rows[3].segment}) and what was wrong with it
     */
    public static ExplanationMap read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new IllegalArgumentException("not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("an explanation is a JSON object");
        }
        String format = text(root, "format", false);
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format: expected \"" + FORMAT + "\", found \"" + format + "\"");
        }
        int version = integer(root, "version");
        if (version != VERSION) {
            throw new IllegalArgumentException("version: " + version + " is not supported (this app reads version "
                    + VERSION + ")");
        }
        ExplainMethod method = choice(root, "method", ExplainMethod.values(), false);
        String ranker = text(root, "ranker", false);
        ColorScale.Kind scale = choice(root, "scale", ColorScale.Kind.values(), false);
        int layers = integer(root, "layers");
        int heads = integer(root, "heads");
        int layer = index(root, "layer", layers);
        int head = index(root, "head", heads);
        Block block = choice(root, "block", Block.values(), true);
        Granularity granularity = choice(root, "granularity", Granularity.values(), true);
        OcclusionUnit unit = choice(root, "unit", OcclusionUnit.values(), true);
        TextSpan window = null;
        JsonNode w = field(root, "window");
        if (!w.isNull()) {
            if (!w.isObject()) {
                throw new IllegalArgumentException("window: expected an object with start and end, or null");
            }
            window = span(w, "window", false);
        }
        JsonNode truncated = field(root, "truncated");
        if (!truncated.isBoolean()) {
            throw new IllegalArgumentException("truncated: expected true or false");
        }
        List<String> notes = new ArrayList<>();
        JsonNode n = array(root, "notes");
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) {
                throw new IllegalArgumentException("notes[" + i + "]: expected a string");
            }
            notes.add(n.get(i).asText());
        }
        List<AxisUnit> rows = units(root, "rows");
        List<AxisUnit> columns = units(root, "columns");
        JsonNode v = array(root, "values");
        if (v.size() != rows.size()) {
            throw new IllegalArgumentException("values: " + v.size() + " rows for " + rows.size() + " row units");
        }
        double[][] values = new double[rows.size()][columns.size()];
        for (int r = 0; r < v.size(); r++) {
            JsonNode row = v.get(r);
            if (!row.isArray() || row.size() != columns.size()) {
                throw new IllegalArgumentException("values[" + r + "]: expected an array of " + columns.size()
                        + " numbers");
            }
            for (int c = 0; c < row.size(); c++) {
                values[r][c] = number(row.get(c), "values[" + r + "][" + c + "]");
            }
        }
        return new ExplanationMap(method, ranker, text(root, "title", true), text(root, "valueName", true), scale,
                rows, columns, values, number(field(root, "total"), "total"),
                number(field(root, "score"), "score"), number(field(root, "baseline"), "baseline"), layer, head,
                layers, heads, block, granularity, unit, window, truncated.booleanValue(), notes);
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    /** Indents the document, but keeps a unit and a row of values on one line each. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(new OneLineInArrays())
            .withObjectIndenter(new OneLineInArrays());

    private static final class OneLineInArrays implements DefaultPrettyPrinter.Indenter {
        private static final DefaultIndenter LINES = new DefaultIndenter("  ", "\n");

        @Override
        public void writeIndentation(JsonGenerator g, int level) throws IOException {
            JsonStreamContext context = g.getOutputContext();
            if (context.getParent() != null && context.getParent().inArray()) {
                g.writeRaw(' ');
            } else {
                LINES.writeIndentation(g, level);
            }
        }

        @Override
        public boolean isInline() {
            return false;
        }
    }

    private static void writeUnits(ArrayNode out, List<AxisUnit> units) {
        for (AxisUnit u : units) {
            ObjectNode o = out.addObject();
            o.put("text", u.label());
            o.put("segment", name(u.segment()));
            if (u.span() == null) {
                o.putNull("start");
                o.putNull("end");
            } else {
                o.put("start", u.span().start());
                o.put("end", u.span().end());
            }
        }
    }

    private static void putIndex(ObjectNode root, String field, int index) {
        if (index == Pick.MEAN) {
            root.put(field, "mean");
        } else if (index < 0) {
            root.putNull(field);
        } else {
            root.put(field, index + 1);
        }
    }

    private static void putNumber(ObjectNode root, String field, double value) {
        if (Double.isNaN(value)) {
            root.putNull(field);
        } else {
            root.put(field, value);
        }
    }

    /** {@code QUERY_TO_DOCUMENT} → {@code query-to-document}; {@code WORDS} → {@code words}. */
    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    private static JsonNode field(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name + ": missing");
        }
        return v;
    }

    private static String text(JsonNode o, String name, boolean nullable) {
        JsonNode v = field(o, name);
        if (v.isNull() && nullable) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(name + ": expected a string");
        }
        return v.asText();
    }

    private static int integer(JsonNode o, String name) {
        JsonNode v = field(o, name);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw new IllegalArgumentException(name + ": expected a whole number >= 0, found " + v);
        }
        return v.intValue();
    }

    private static JsonNode array(JsonNode o, String name) {
        JsonNode v = field(o, name);
        if (!v.isArray()) {
            throw new IllegalArgumentException(name + ": expected an array");
        }
        return v;
    }

    /** 1-based in the file, 0-based in the map; "mean" → {@link Pick#MEAN}; null → not attention. */
    private static int index(JsonNode o, String name, int count) {
        JsonNode v = field(o, name);
        if (v.isNull()) {
            return ExplanationMap.NOT_ATTENTION;
        }
        if (v.isTextual() && v.asText().equals("mean")) {
            return Pick.MEAN;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1 || v.intValue() > count) {
            throw new IllegalArgumentException(name + ": expected \"mean\", null or a number from 1 to " + count
                    + ", found " + v);
        }
        return v.intValue() - 1;
    }

    private static <E extends Enum<E>> E choice(JsonNode o, String name, E[] values, boolean nullable) {
        JsonNode v = field(o, name);
        if (v.isNull() && nullable) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (E e : values) {
            names.add(name(e));
            if (v.isTextual() && name(e).equals(v.asText())) {
                return e;
            }
        }
        throw new IllegalArgumentException(name + ": expected one of " + String.join(", ", names)
                + (nullable ? " or null" : "") + ", found " + v);
    }

    private static double number(JsonNode v, String where) {
        if (v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(where + ": expected a number or null, found " + v);
        }
        return v.doubleValue();
    }

    private static List<AxisUnit> units(JsonNode root, String name) {
        JsonNode a = array(root, name);
        List<AxisUnit> units = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String where = name + "[" + i + "]";
            JsonNode u = a.get(i);
            if (!u.isObject()) {
                throw new IllegalArgumentException(where + ": expected an object with text, segment, start, end");
            }
            JsonNode text = u.get("text");
            if (text == null || !text.isTextual()) {
                throw new IllegalArgumentException(where + ".text: expected a string");
            }
            Segment segment;
            try {
                segment = choice(u, "segment", Segment.values(), false);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "." + e.getMessage(), e);
            }
            TextSpan span = span(u, where, segment == Segment.SPECIAL);
            if (span == null && segment != Segment.SPECIAL) {
                throw new IllegalArgumentException(where + ": a " + name(segment) + " unit needs start and end");
            }
            units.add(new AxisUnit(text.asText(), segment, span));
        }
        return units;
    }

    private static TextSpan span(JsonNode o, String where, boolean nullable) {
        JsonNode start = o.get("start");
        JsonNode end = o.get("end");
        if (nullable && (start == null || start.isNull()) && (end == null || end.isNull())) {
            return null;
        }
        int from = offset(start, where + ".start");
        int to = offset(end, where + ".end");
        if (to < from) {
            throw new IllegalArgumentException(where + ": end " + to + " is before start " + from);
        }
        return new TextSpan(from, to);
    }

    private static int offset(JsonNode v, String where) {
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw new IllegalArgumentException(where + ": expected a character offset >= 0");
        }
        return v.intValue();
    }
}
