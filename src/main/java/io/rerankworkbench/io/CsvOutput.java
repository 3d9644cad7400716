package io.rerankworkbench.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The one CSV dialect of every export: RFC 4180 with CRLF line ends and a header row; a cell is quoted only when it
 * must be (separator, quote, line break, edge spaces), so numbers stay unquoted and the file stays readable.
 * {@code BigDecimal} cells are written plainly, never in exponent notation; {@code null} cells are empty.
 */
public final class CsvOutput {

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private CsvOutput() {
    }

    /**
     * Starts a table on {@code writer}: writes the header when the first row is written. Each row is a
     * {@code List} of cells in column order. Closing the returned writer flushes but does not close {@code writer}.
     */
    public static SequenceWriter rows(Writer writer, List<String> columns) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        columns.forEach(schema::addColumn);
        return CSV.writer(schema.build())
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(writer);
    }
}
