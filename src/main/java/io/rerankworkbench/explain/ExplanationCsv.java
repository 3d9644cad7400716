package io.rerankworkbench.explain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.rerankworkbench.core.ScoreFormat;
import io.rerankworkbench.core.SpreadsheetSafe;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An explanation as a tidy CSV table: one line per cell, with both units and their character offsets, so a
 * spreadsheet or a data frame can filter and pivot it. The app's CSV dialect (RFC 4180, CRLF, a header, numbers
 * unquoted and never in exponent notation, text cells made formula-safe). Indices are 0-based (the positions in
 * the JSON's {@code rows}, {@code columns} and {@code values}); layer and head are 1-based, {@code mean}, or empty
 * when the map is not attention, as in the JSON.
 */
public final class ExplanationCsv {

    /** The header, in order. */
    public static final List<String> COLUMNS = List.of("method", "ranker", "layer", "head", "block", "row_index",
            "row_text", "row_segment", "row_start", "row_end", "column_index", "column_text", "column_segment",
            "column_start", "column_end", "value");

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private ExplanationCsv() {
    }

    public static String write(ExplanationMap map) {
        StringWriter out = new StringWriter();
        try {
            write(map, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Writes the header and one line per cell, row by row. Does not close {@code out}. */
    public static void write(ExplanationMap map, Writer out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        COLUMNS.forEach(schema::addColumn);
        String method = map.method().cliName();
        String ranker = SpreadsheetSafe.text(map.ranker());
        String layer = index(map.layer());
        String head = index(map.head());
        String block = map.block() == null ? null : map.block().name().toLowerCase(Locale.ROOT).replace('_', '-');
        try (SequenceWriter rows = CSV.writer(schema.build()).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out)) {
            for (int r = 0; r < map.rowCount(); r++) {
                AxisUnit row = map.rows().get(r);
                for (int c = 0; c < map.columnCount(); c++) {
                    AxisUnit column = map.columns().get(c);
                    double v = map.value(r, c);
                    rows.write(Arrays.asList(method, ranker, layer, head, block,
                            r, SpreadsheetSafe.text(row.label()), segment(row), start(row), end(row),
                            c, SpreadsheetSafe.text(column.label()), segment(column), start(column), end(column),
                            Double.isFinite(v) ? new BigDecimal(ScoreFormat.plain(v, 1)) : null));
                }
            }
        }
        out.flush();
    }

    private static String index(int i) {
        if (i == Pick.MEAN) {
            return "mean";
        }
        return i < 0 ? null : Integer.toString(i + 1);
    }

    private static String segment(AxisUnit u) {
        return u.segment().name().toLowerCase(Locale.ROOT);
    }

    private static Integer start(AxisUnit u) {
        return u.span() == null ? null : u.span().start();
    }

    private static Integer end(AxisUnit u) {
        return u.span() == null ? null : u.span().end();
    }
}
