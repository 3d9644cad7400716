package io.rerankworkbench.io.exports;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ranked-list CSV of rankings made outside a project (the {@code rerank} command): the same columns, dialect and
 * formula protection as a project's export ({@link ExportWritersTest} covers that side).
 */
class RankedListCsvWriterTest {

    private static final String HEADER =
            "query_id,query,run,ranker,model,rank,doc_id,score,original_rank,label,truncated,text,variant,variant_text";
    private static final List<String> COLUMNS = List.of(HEADER.split(","));

    /** A result at {@code rank} for a candidate that was at {@code originalRank}. */
    private static ScoredCandidate result(int rank, int originalRank, String docId, double score, int tokensDropped,
                                          String text) {
        return new ScoredCandidate(new Candidate(originalRank, docId, text), score, rank, tokensDropped);
    }

    private static Ranking ranking(String queryId, String queryText, ScoredCandidate... results) {
        return new Ranking(new Query(queryId, queryText), new ArrayList<>(List.of(results)), "fake", "fake-model",
                Duration.ofMillis(5));
    }

    private static byte[] write(List<Ranking> rankings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RankedListCsvWriter(ExportOptions.DEFAULT).write(rankings, out);
        return out.toByteArray();
    }

    private static String csv(Ranking... rankings) throws IOException {
        return new String(write(List.of(rankings)), StandardCharsets.UTF_8);
    }

    /** Parses CSV the way another RFC 4180 reader would: all cells as strings, header row included. */
    private static List<List<String>> parse(String csv) throws IOException {
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(csv)) {
            return rows.readAll();
        }
    }

    @Test
    void headerIsThatOfEveryRankedListExport() throws IOException {
        String csv = csv(ranking("q1", "query", result(1, 1, "d1", 0.5, 0, "text")));

        assertThat(csv).startsWith(HEADER + "\r\n");
        assertThat(RankedListCsvWriter.COLUMNS).containsExactlyElementsOf(COLUMNS);
    }

    @Test
    void plainRowsExactlyWithRunAndLabelEmpty() throws IOException {
        String csv = csv(ranking("q1", "paris",
                result(1, 3, "d3", 0.5, 0, "Paris."),
                result(2, 1, "d1", 0.25, 12, "Lyon.")));

        assertThat(csv).isEqualTo(HEADER + "\r\n"
                + "q1,paris,,fake,fake-model,1,d3,0.500000,3,,false,Paris.,,\r\n"
                + "q1,paris,,fake,fake-model,2,d1,0.250000,1,,true,Lyon.,,\r\n");
    }

    @Test
    void cellsWithSpacesReadBackUnchanged() throws IOException {
        String csv = csv(ranking("q1", "capital of france",
                result(1, 3, "d 3", 0.5, 0, "Paris is the capital"),
                result(2, 1, "d1", 0.25, 12, "  padded  ")));

        assertThat(parse(csv)).containsExactly(COLUMNS,
                List.of("q1", "capital of france", "", "fake", "fake-model", "1", "d 3", "0.500000", "3", "", "false",
                        "Paris is the capital", "", ""),
                List.of("q1", "capital of france", "", "fake", "fake-model", "2", "d1", "0.250000", "1", "", "true",
                        "  padded  ", "", ""));
    }

    @Test
    void rowsForSeveralRankingsInOrderAndTheSummary() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportSummary summary = new RankedListCsvWriter(ExportOptions.DEFAULT).write(List.of(
                ranking("q1", "first", result(1, 2, "a", 0.75, 0, "x"), result(2, 1, "b", 0.5, 0, "y")),
                ranking("q2", "second", result(1, 1, "c", 1.0, 0, "z")),
                ranking("q3", "nothing")), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(HEADER + "\r\n"
                + "q1,first,,fake,fake-model,1,a,0.750000,2,,false,x,,\r\n"
                + "q1,first,,fake,fake-model,2,b,0.500000,1,,false,y,,\r\n"
                + "q2,second,,fake,fake-model,1,c,1.000000,1,,false,z,,\r\n");
        assertThat(summary).isEqualTo(new ExportSummary(2, 3, List.of("q3")));
    }

    @Test
    void everyLineEndsWithCrlf() throws IOException {
        String csv = csv(ranking("q", "query",
                result(1, 1, "d1", 0.9, 0, "one"),
                result(2, 2, "d2", 0.8, 0, "two"),
                result(3, 3, "d3", 0.7, 0, "three")));

        assertThat(csv).endsWith("\r\n");
        assertThat(csv.split("\r\n", -1)).hasSize(5).endsWith("");
        assertThat(csv.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void emptyListStillHasTheHeader() throws IOException {
        assertThat(csv()).isEqualTo(HEADER + "\r\n");
        assertThat(csv(ranking("q", "query"))).isEqualTo(HEADER + "\r\n");
    }

    @Test
    void textWithCommaQuoteAndNewlineIsQuotedPerRfc4180() throws IOException {
        String text = "He said \"hi, there\"\nthen left, quickly";
        String csv = csv(ranking("q", "query", result(1, 1, "d1", 0.5, 0, text)));

        assertThat(csv).contains(",\"He said \"\"hi, there\"\"\nthen left, quickly\",,\r\n");
        List<List<String>> rows = parse(csv);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).containsExactly("q", "query", "", "fake", "fake-model", "1", "d1", "0.500000", "1", "",
                "false", text, "", "");
    }

    @Test
    void awkwardCellsRoundTripThroughACsvReader() throws IOException {
        String query = "who said \"to be, or not\"?";
        String docId = "doc,7";
        String text = "line one\r\nline two\n\"quoted\"\t, tab and comma";
        String csv = csv(ranking("q,1", query, result(1, 1, docId, 0.5, 0, text)));

        List<List<String>> rows = parse(csv);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).containsExactly("q,1", query, "", "fake", "fake-model", "1", docId, "0.500000", "1", "",
                "false", text, "", "");
    }

    @Test
    void formulaLikeCellsGetALeadingApostrophe() throws IOException {
        String csv = csv(
                ranking("=qid", "=1+1",
                        result(1, 1, "+d1", 0.5, 0, "=HYPERLINK(\"http://evil\")"),
                        result(2, 2, "-d2", 0.4, 0, "@SUM(A1)"),
                        result(3, 3, "@d3", 0.3, 0, "-2+3"),
                        result(4, 4, "\td4", 0.2, 0, "+cmd"),
                        result(5, 5, "d5", 0.1, 0, "\tindented")),
                ranking("q2", "\rreturn", result(1, 1, "d6", 0.1, 0, "\rcarriage")));

        List<List<String>> rows = parse(csv);

        assertThat(rows).hasSize(7);
        assertThat(rows.subList(1, 7)).extracting(r -> r.get(0))
                .containsExactly("'=qid", "'=qid", "'=qid", "'=qid", "'=qid", "q2");
        assertThat(rows.subList(1, 7)).extracting(r -> r.get(1))
                .containsExactly("'=1+1", "'=1+1", "'=1+1", "'=1+1", "'=1+1", "'\rreturn");
        assertThat(rows.subList(1, 7)).extracting(r -> r.get(6))
                .containsExactly("'+d1", "'-d2", "'@d3", "'\td4", "d5", "d6");
        assertThat(rows.subList(1, 7)).extracting(r -> r.get(11))
                .containsExactly("'=HYPERLINK(\"http://evil\")", "'@SUM(A1)", "'-2+3", "'+cmd", "'\tindented",
                        "'\rcarriage");
    }

    @Test
    void aFormulaLikeRankerOrModelNameIsProtectedToo() throws IOException {
        Ranking ranking = new Ranking(new Query("q", "query"), List.of(result(1, 1, "d1", 0.5, 0, "t")),
                "=cmd", "@model", Duration.ZERO);

        assertThat(parse(new String(write(List.of(ranking)), StandardCharsets.UTF_8)).get(1))
                .containsExactly("q", "query", "", "'=cmd", "'@model", "1", "d1", "0.500000", "1", "", "false", "t", "", "");
    }

    @Test
    void textWithAnEqualsSignInsideIsUntouched() throws IOException {
        String csv = csv(ranking("q", "a=b", result(1, 1, "d1", 0.5, 0, "Total =5"),
                result(2, 2, "x=1", 0.4, 0, "1+1")));

        assertThat(csv).doesNotContain("'");
        assertThat(csv).contains("\r\nq,a=b,,fake,fake-model,2,x=1,0.400000,2,,false,");
        assertThat(parse(csv)).containsExactly(COLUMNS,
                List.of("q", "a=b", "", "fake", "fake-model", "1", "d1", "0.500000", "1", "", "false", "Total =5", "", ""),
                List.of("q", "a=b", "", "fake", "fake-model", "2", "x=1", "0.400000", "2", "", "false", "1+1", "", ""));
    }

    @Test
    void numbersAreUnquotedAndScoresHaveNoExponent() throws IOException {
        String csv = csv(ranking("q", "query",
                result(1, 10, "d1", 1e-7, 0, "tiny"),
                result(2, 2, "d2", -0.25, 0, "negative"),
                result(3, 1, "d3", -3.5e-9, 0, "negative-tiny"),
                result(4, 123, "d4", 0.123456789, 0, "long text with spaces")));

        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[2]).isEqualTo("q,query,,fake,fake-model,2,d2,-0.250000,2,,false,negative,,");
        assertThat(lines[3]).isEqualTo("q,query,,fake,fake-model,3,d3,-0.0000000035,1,,false,negative-tiny,,");
        assertThat(lines[4]).startsWith("q,query,,fake,fake-model,4,d4,0.123456789,123,,false,");
        List<List<String>> rows = parse(csv);
        double[] expected = {1e-7, -0.25, -3.5e-9, 0.123456789};
        for (int i = 1; i <= 4; i++) {
            String line = lines[i];
            assertThat(line).matches("q,query,,fake,fake-model,\\d+,d\\d,-?\\d+\\.\\d{6,},\\d+,,(true|false),.*");
            String score = rows.get(i).get(7);
            assertThat(score).matches("-?\\d+\\.\\d{6,}");
            assertThat(Double.parseDouble(score)).isEqualTo(expected[i - 1]);
            assertThat(line).contains("," + score + ",");
        }
        assertThat(lines[1]).startsWith("q,query,,fake,fake-model,1,d1,0.0000001");
        assertThat(csv).doesNotContainPattern("\\d[eE][-+]?\\d");
    }

    @Test
    void nonAsciiIsWrittenAsUtf8WithoutAByteOrderMark() throws IOException {
        String text = "Café près de 東京 😀";
        byte[] bytes = write(List.of(ranking("q", "é", result(1, 1, "東京", 0.5, 0, "😀"),
                result(2, 2, "d2", 0.4, 0, text))));

        String decoded = new String(bytes, StandardCharsets.UTF_8);
        assertThat(decoded).contains("\r\nq,é,,fake,fake-model,1,東京,0.500000,1,,false,😀,,\r\n");
        assertThat(indexOf(bytes, new byte[]{(byte) 0xC3, (byte) 0xA9})).isNotNegative();
        assertThat(indexOf(bytes, new byte[]{(byte) 0xE6, (byte) 0x9D, (byte) 0xB1, (byte) 0xE4, (byte) 0xBA,
                (byte) 0xAC})).isNotNegative();
        assertThat(indexOf(bytes, new byte[]{(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80})).isNotNegative();
        assertThat(bytes[0]).as("no byte-order mark").isEqualTo((byte) 'q');
        assertThat(parse(decoded).get(2).get(11)).isEqualTo(text);

        ByteArrayOutputStream withMark = new ByteArrayOutputStream();
        new RankedListCsvWriter(ExportOptions.DEFAULT.withByteOrderMark(true))
                .write(List.of(ranking("q", "é", result(1, 1, "d", 0.5, 0, "t"))), withMark);
        assertThat(withMark.toString(StandardCharsets.UTF_8)).startsWith("\uFEFFquery_id,");
    }

    @Test
    void truncatedIsTrueOrFalse() throws IOException {
        List<List<String>> rows = parse(csv(ranking("q", "query",
                result(1, 1, "d1", 0.5, 0, "a"),
                result(2, 2, "d2", 0.4, 1, "b"),
                result(3, 3, "d3", 0.3, 300, "c"))));

        assertThat(rows.subList(1, 4)).extracting(r -> r.get(10)).containsExactly("false", "true", "true");
    }

    @Test
    void doesNotCloseTheStream() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };

        new RankedListCsvWriter(ExportOptions.DEFAULT)
                .write(List.of(ranking("q", "query", result(1, 1, "d1", 0.5, 0, "t"))), out);

        assertThat(closed[0]).isFalse();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith(",t,,\r\n");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
