package io.rerankworkbench.explain;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExplanationCsvTest {

    @Test
    void oneLinePerCellWithBothUnitsAndTheirOffsets() throws Exception {
        String csv = ExplanationCsv.write(ExplanationJsonTest.attention());
        String[] lines = csv.split("\r\n", -1);
        assertThat(lines[0]).isEqualTo("method,ranker,layer,head,block,row_index,row_text,row_segment,row_start,"
                + "row_end,column_index,column_text,column_segment,column_start,column_end,value");
        assertThat(lines).hasSize(1 + 2 * 3 + 1); // header, 6 cells, the empty string after the last CRLF
        assertThat(lines[1]).isEqualTo("attention,\"tiny \"\"cross\"\" encoder\",2,mean,query-to-document,0,best,"
                + "query,0,4,0,Café,document,40,44,0.1");
        assertThat(lines[2]).endsWith(",1,'=SUM(A1),document,45,53,0.000000001"); // formula-safe, never 1E-9
        assertThat(lines[3]).endsWith(",2,[SEP],special,,,"); // no span, NaN is empty
        assertThat(lines[5]).endsWith(",1,'=SUM(A1),document,45,53,0.0");

        List<List<String>> rows = read(csv);
        assertThat(rows).hasSize(7);
        assertThat(rows.get(6)).containsExactly("attention", "tiny \"cross\" encoder", "2", "mean",
                "query-to-document", "1", "pizza", "query", "5", "10", "2", "[SEP]", "special", "", "",
                "0.3333333333333333");
    }

    @Test
    void occlusionHasNoLayerHeadOrBlockAndTheScoreDropRow() throws Exception {
        List<List<String>> rows = read(ExplanationCsv.write(ExplanationJsonTest.occlusion()));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).containsExactly("occlusion", "cohere", "", "", "", "0", "score drop", "special",
                "", "", "0", "pizza", "document", "0", "5", "0.7");
        assertThat(rows.get(3).get(15)).isEqualTo("-0.04999999999999993");
    }

    private static List<List<String>> read(String csv) throws Exception {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(csv)) {
            return it.readAll();
        }
    }
}
