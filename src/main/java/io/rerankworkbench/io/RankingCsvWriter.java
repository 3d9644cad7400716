package io.rerankworkbench.io;

import com.fasterxml.jackson.databind.SequenceWriter;
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
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (SequenceWriter rows = CsvOutput.rows(writer, columns())) {
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
