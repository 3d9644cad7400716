package io.rerankworkbench.io.exports;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoreFormat;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.core.SpreadsheetSafe;
import io.rerankworkbench.core.project.CandidateRecord;
import io.rerankworkbench.core.project.DocumentRecord;
import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.core.project.QueryRecord;
import io.rerankworkbench.core.project.RunScoreRecord;
import io.rerankworkbench.io.CsvOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranked lists of several queries as one CSV table, in the dialect of {@link CsvOutput} (RFC 4180, CRLF, UTF-8,
 * numbers unquoted, text cells protected by {@link SpreadsheetSafe}). The one ranked-list format of the app: the
 * window's and {@code project export}'s exports of a project, and the {@code rerank} command's output
 * ({@link #write(List, OutputStream)}), all have these columns.
 *
 * <p>One block of rows per (query, run), queries in the data's order, the runs chosen by
 * {@link ExportOptions#runs()}. A query without such a run lists its candidates in original order with the run
 * columns ({@code run, ranker, model, rank, score, truncated}) empty. {@code run} is the run's number: its 1-based
 * position among the query's runs in the order they were made, as the window's run picker shows it ("Run 2").
 * {@code label} is the pair's grade under {@link ExportOptions#gradeRule()}, empty when nobody graded it;
 * {@code score} is empty when the ranker gave none; {@code truncated} is {@code true} when the model could not see
 * the whole document.
 *
 * <p>A query's variants (other phrasings ranked over its candidates and judged by its grades) follow its own runs:
 * one block per variant run, chosen among each variant's runs as the query's are, with {@code variant} the variant's
 * number among its query's variants and {@code variant_text} its phrasing; {@code run} is then the run's number among
 * the variant's runs, and {@code query} stays the query's text. Both are empty on the query's own rows. With
 * {@link ExportOptions#variant()} N, only variant N's blocks are written.
 */
public final class RankedListCsvWriter {

    /** The header, in order. */
    public static final List<String> COLUMNS = List.of("query_id", "query", "run", "ranker", "model", "rank",
            "doc_id", "score", "original_rank", "label", "truncated", "text", "variant", "variant_text");

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final ExportOptions options;

    public RankedListCsvWriter(ExportOptions options) {
        this.options = options;
    }

    /** Writes the header and every row. Does not close {@code out}. */
    public ExportSummary write(ProjectData data, OutputStream out) throws IOException {
        Map<String, DocumentRecord> documents = new HashMap<>();
        for (DocumentRecord d : data.documents()) {
            documents.put(d.key(), d);
        }
        Map<String, Map<String, Integer>> grades = options.gradeRule().grades(data.judgments());
        Map<String, List<Runs.Numbered>> own = options.variant() == 0 ? Runs.select(data, options.runs()) : Map.of();
        Map<String, List<Runs.Numbered>> variants = Runs.variants(data, options.runs(), options.variant());
        if (options.byteOrderMark()) {
            out.write(BOM);
        }
        long count = 0;
        int queries = 0;
        List<String> empty = new ArrayList<>();
        List<ExportSummary.RunUsed> used = new ArrayList<>();
        List<ExportSummary.RunUsed> variantsUsed = new ArrayList<>();
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (SequenceWriter rows = CsvOutput.rows(writer, COLUMNS)) {
            for (QueryRecord q : data.queries()) {
                Map<String, Integer> labels = grades.getOrDefault(q.id(), Map.of());
                Map<String, Integer> originalRanks = new HashMap<>();
                for (CandidateRecord c : q.candidates()) {
                    originalRanks.put(c.documentKey(), c.originalRank());
                }
                List<Runs.Numbered> queryRuns = new ArrayList<>(own.getOrDefault(q.id(), List.of()));
                queryRuns.addAll(variants.getOrDefault(q.id(), List.of()));
                long before = count;
                if (queryRuns.isEmpty()) {
                    for (CandidateRecord c : q.candidates()) {
                        DocumentRecord d = document(documents, c.documentKey(), q);
                        rows.write(row(q, null, null, d, c.originalRank(), labels.get(c.documentKey())));
                        count++;
                    }
                } else {
                    for (Runs.Numbered r : queryRuns) {
                        (r.variant() == 0 ? used : variantsUsed).add(r.used());
                        for (RunScoreRecord s : r.run().scores()) {
                            DocumentRecord d = document(documents, s.documentKey(), q);
                            rows.write(row(q, r, s, d, originalRanks.get(s.documentKey()),
                                    labels.get(s.documentKey())));
                            count++;
                        }
                    }
                }
                if (count > before) {
                    queries++;
                } else {
                    empty.add(q.id());
                }
            }
        }
        writer.flush();
        return new ExportSummary(queries, count, empty, used, variantsUsed);
    }

    private static DocumentRecord document(Map<String, DocumentRecord> documents, String key, QueryRecord q)
            throws ExportException {
        DocumentRecord d = documents.get(key);
        if (d == null) {
            throw new ExportException("query " + q.id() + " refers to document " + key + ", which is missing");
        }
        return d;
    }

    /**
     * Writes the header and a row per result of rankings made outside a project (the {@code rerank} command): the
     * same columns, with {@code run} and {@code label} empty, since nothing was kept or graded. Does not close
     * {@code out}.
     */
    public ExportSummary write(List<Ranking> rankings, OutputStream out) throws IOException {
        if (options.byteOrderMark()) {
            out.write(BOM);
        }
        long count = 0;
        int queries = 0;
        List<String> empty = new ArrayList<>();
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (SequenceWriter rows = CsvOutput.rows(writer, COLUMNS)) {
            for (Ranking ranking : rankings) {
                for (ScoredCandidate c : ranking.results()) {
                    rows.write(cells(ranking.query().id(), ranking.query().text(), null, ranking.ranker(),
                            ranking.model(), c.rank(), c.candidate().docId(), c.score(), c.candidate().originalRank(),
                            null, c.truncated(), c.candidate().text(), null, null));
                    count++;
                }
                if (ranking.results().isEmpty()) {
                    empty.add(ranking.query().id());
                } else {
                    queries++;
                }
            }
        }
        writer.flush();
        return new ExportSummary(queries, count, empty);
    }

    private static List<Object> row(QueryRecord q, Runs.Numbered r, RunScoreRecord s, DocumentRecord d,
                                    Integer originalRank, Integer label) {
        return cells(q.id(), q.text(), r == null ? null : r.number(), r == null ? null : r.run().rankerKind(),
                r == null ? null : r.run().model(), s == null ? null : s.rank(), d.id(),
                s == null ? null : s.score(), originalRank, label, s == null ? null : s.tokensDropped() > 0,
                d.text(), r == null || r.variant() == 0 ? null : r.variant(), r == null ? null : r.variantText());
    }

    /** One row in column order; null cells are empty, text cells are made formula-safe. */
    private static List<Object> cells(String queryId, String query, Integer run, String ranker, String model,
                                      Integer rank, String docId, Double score, Integer originalRank, Integer label,
                                      Boolean truncated, String text, Integer variant, String variantText) {
        return new ArrayList<>(Arrays.asList(
                SpreadsheetSafe.text(queryId),
                SpreadsheetSafe.text(query),
                run,
                SpreadsheetSafe.text(ranker),
                SpreadsheetSafe.text(model),
                rank,
                SpreadsheetSafe.text(docId),
                score == null ? null : number(score),
                originalRank,
                label,
                truncated,
                SpreadsheetSafe.text(text),
                variant,
                SpreadsheetSafe.text(variantText)));
    }

    /** The shortest exact decimal (at least six places, as the rerank command writes), or empty. */
    private static BigDecimal number(double value) {
        return Double.isFinite(value) ? new BigDecimal(ScoreFormat.plain(value, 6)) : null;
    }
}
