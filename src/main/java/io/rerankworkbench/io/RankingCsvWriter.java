package io.rerankworkbench.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoreFormat;
import io.rerankworkbench.core.ScoredCandidate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes ranked lists as CSV (RFC 4180: CRLF line ends, quotes where needed, UTF-8): {@code
 * query,rank,original_rank,doc_id,score,truncated,text}, with a leading {@code query_id} column when asked.
 * Text cells are protected against spreadsheet formula injection; numbers are written as numbers.
 */
public final class RankingCsvWriter {

    public static final List<String> COLUMNS =
            List.of("query", "rank", "original_rank", "doc_id", "score", "truncated", "text");

    // Strict quoting: quote only cells that need it (separator, quote, line break, edge spaces), not every cell
    // with a space, so the file stays readable.
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private final boolean withQueryId;

    /** @param withQueryId add a {@code query_id} column first (several queries in one file) */
    public RankingCsvWriter(boolean withQueryId) {
        this.withQueryId = withQueryId;
    }

    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        if (withQueryId) {
            columns.add("query_id");
        }
        columns.addAll(COLUMNS);
        return columns;
    }

    /** Writes a header and every row of every ranking. Does not close {@code out}. */
    public void write(List<Ranking> rankings, OutputStream out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        columns().forEach(schema::addColumn);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (SequenceWriter rows = CSV.writer(schema.build())
                .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(writer)) {
            for (Ranking ranking : rankings) {
                for (ScoredCandidate c : ranking.results()) {
                    List<Object> row = new ArrayList<>(8);
                    if (withQueryId) {
                        row.add(SpreadsheetSafe.text(ranking.query().id()));
                    }
                    row.add(SpreadsheetSafe.text(ranking.query().text()));
                    row.add(c.rank());
                    row.add(c.candidate().originalRank());
                    row.add(SpreadsheetSafe.text(c.candidate().docId()));
                    row.add(new BigDecimal(ScoreFormat.plain(c.score(), 6)));
                    row.add(c.truncated());
                    row.add(SpreadsheetSafe.text(c.candidate().text()));
                    rows.write(row);
                }
            }
        }
        writer.flush();
    }
}
