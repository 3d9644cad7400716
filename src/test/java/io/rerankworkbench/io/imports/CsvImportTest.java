package io.rerankworkbench.io.imports;

import io.rerankworkbench.core.project.CandidateRecord;
import io.rerankworkbench.core.project.DocumentRecord;
import io.rerankworkbench.core.project.JudgmentRecord;
import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.core.project.QueryRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvImportTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static List<String> messages(ImportResult r) {
        return r.problems().stream().map(ImportProblem::toString).toList();
    }

    private static ImportResult readAsPreviewed(Path f, boolean skip) {
        CsvPreview p = CsvImport.preview(f, 10);
        assertThat(p.problems()).isEmpty();
        return CsvImport.read(f, p.options(skip));
    }

    @Test
    void previewDetectsCommaHeaderAndSuggestsMapping() throws Exception {
        Path f = file("x.csv", """
                QID,Query,DocID,Passage,Title,Rank,BM25,Grade
                q1,capital of france,d1,"Paris, the capital",Paris,1,12.5,2
                q1,capital of france,d2,Lyon is a city,,2,9.0,
                """);

        CsvPreview p = CsvImport.preview(f, 10);

        assertThat(p.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(p.delimiter()).isEqualTo(',');
        assertThat(p.hasHeader()).isTrue();
        assertThat(p.header()).containsExactly("QID", "Query", "DocID", "Passage", "Title", "Rank", "BM25", "Grade");
        assertThat(p.rows()).hasSize(2);
        assertThat(p.rows().get(0)).containsExactly("q1", "capital of france", "d1", "Paris, the capital", "Paris",
                "1", "12.5", "2");
        ColumnMapping m = p.suggested();
        assertThat(m.column(CsvField.QUERY_ID)).isEqualTo(0);
        assertThat(m.column(CsvField.QUERY_TEXT)).isEqualTo(1);
        assertThat(m.column(CsvField.DOC_ID)).isEqualTo(2);
        assertThat(m.column(CsvField.TEXT)).isEqualTo(3);
        assertThat(m.column(CsvField.TITLE)).isEqualTo(4);
        assertThat(m.column(CsvField.INITIAL_RANK)).isEqualTo(5);
        assertThat(m.column(CsvField.INITIAL_SCORE)).isEqualTo(6);
        assertThat(m.column(CsvField.LABEL)).isEqualTo(7);
    }

    @Test
    void readsGroupsByQueryIdAndMakesJudgmentsFromLabels() throws Exception {
        Path f = file("x.csv", """
                query_id,query_text,doc_id,text,rank,score,label
                q1,capital of france,d2,Lyon is a city,2,9.0,
                q2,tallest mountain,d9,Everest,1,3,1
                q1,capital of france,d1,Paris is the capital,1,12.5,2
                """);

        ImportResult r = readAsPreviewed(f, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.fatal()).isFalse();
        ProjectData d = r.data();
        assertThat(d.queries()).containsExactly(
                new QueryRecord("q1", "capital of france", null, List.of(
                        new CandidateRecord("d1", 1, 12.5), new CandidateRecord("d2", 2, 9.0))),
                new QueryRecord("q2", "tallest mountain", null, List.of(new CandidateRecord("d9", 1, 3.0))));
        assertThat(d.documents()).containsExactlyInAnyOrder(
                new DocumentRecord("d1", "d1", null, "Paris is the capital"),
                new DocumentRecord("d2", "d2", null, "Lyon is a city"),
                new DocumentRecord("d9", "d9", null, "Everest"));
        assertThat(d.judgments()).containsExactlyInAnyOrder(
                new JudgmentRecord("q1", "d1", 2, "import", null, null, null, "x.csv:4"),
                new JudgmentRecord("q2", "d9", 1, "import", null, null, null, "x.csv:3"));
    }

    @Test
    void withoutRankOrDocIdUsesFileOrderAndNumbersDocuments() throws Exception {
        Path f = file("x.csv", """
                query,passage
                what is bm25,a ranking function
                what is bm25,a bag of words model
                what is a reranker,a second stage model
                """);

        ImportResult r = readAsPreviewed(f, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.data().queries()).containsExactly(
                new QueryRecord("q1", "what is bm25", null, List.of(
                        new CandidateRecord("1", 1, Double.NaN), new CandidateRecord("2", 2, Double.NaN))),
                new QueryRecord("q2", "what is a reranker", null, List.of(new CandidateRecord("1#2", 1, Double.NaN))));
        // Pasted-style numbering: "1" of q2 has another text, so it is a separate document with its own key.
        assertThat(r.data().documents()).contains(new DocumentRecord("1#2", "1", null, "a second stage model"));
    }

    @Test
    void sameDocumentUnderTwoQueriesIsStoredOnce() throws Exception {
        Path f = file("x.csv", "qid,query,docid,text\nq1,a,d1,shared\nq2,b,d1,shared\n");

        ImportResult r = readAsPreviewed(f, false);

        assertThat(r.data().documents()).containsExactly(new DocumentRecord("d1", "d1", null, "shared"));
        assertThat(r.data().candidateCount()).isEqualTo(2);
    }

    @Test
    void utf8BomSemicolonsAndQuotedNewlines() throws Exception {
        Path f = dir.resolve("x.csv");
        Files.write(f, ("\uFEFFqid;query;docid;text\r\nq1;café;d1;\"line one\r\nline two; still text\"\r\n"
                + "q1;café;d2;\"say \"\"hi\"\"\"\r\n").getBytes(StandardCharsets.UTF_8));

        CsvPreview p = CsvImport.preview(f, 5);
        assertThat(p.delimiter()).isEqualTo(';');
        assertThat(p.header()).first().isEqualTo("qid");
        ImportResult r = CsvImport.read(f, p.options(false));

        assertThat(r.problems()).isEmpty();
        assertThat(r.data().queries().get(0).text()).isEqualTo("café");
        assertThat(r.data().documents()).extracting(DocumentRecord::text)
                .containsExactly("line one\r\nline two; still text", "say \"hi\"");
    }

    @Test
    void utf16WithAndWithoutBom() throws Exception {
        String content = "qid\tquery\tdocid\ttext\nq1\tüber\td1\tein Text\n";
        Path le = dir.resolve("le.tsv");
        Files.write(le, content.getBytes(StandardCharsets.UTF_16LE));
        Path be = dir.resolve("be.tsv");
        Files.write(be, ("\uFEFF" + content).getBytes(StandardCharsets.UTF_16BE));
        Path leBom = dir.resolve("lebom.tsv");
        Files.write(leBom, ("\uFEFF" + content).getBytes(StandardCharsets.UTF_16LE));

        for (Path f : List.of(le, be, leBom)) {
            CsvPreview p = CsvImport.preview(f, 5);
            assertThat(p.charset()).as(f.toString())
                    .isEqualTo(f == be ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
            assertThat(p.delimiter()).isEqualTo('\t');
            ImportResult r = CsvImport.read(f, p.options(false));
            assertThat(r.problems()).isEmpty();
            assertThat(r.data().queries()).extracting(QueryRecord::text).containsExactly("über");
            assertThat(r.data().documents()).extracting(DocumentRecord::id).containsExactly("d1");
        }
    }

    @Test
    void pipeDelimiterWithCommasInsideQuotes() throws Exception {
        Path f = file("x.txt", "query|text\n\"a, b, c\"|\"x, y\"\nd|e\n");

        CsvPreview p = CsvImport.preview(f, 5);

        assertThat(p.delimiter()).isEqualTo('|');
        assertThat(p.rows().get(0)).containsExactly("a, b, c", "x, y");
    }

    @Test
    void undecodableBytesNameTheirLine() throws Exception {
        Path f = dir.resolve("x.csv");
        byte[] start = "qid,query,text\nq1,a,ok\nq1,a,ok too\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'q', '1', ',', 'a', ',', (byte) 0xC3, (byte) 0x28, '\n'};
        byte[] all = new byte[start.length + bad.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(bad, 0, all, start.length, bad.length);
        Files.write(f, all);

        ImportResult r = CsvImport.read(f, CsvImport.preview(f, 2).options(false));

        assertThat(messages(r)).containsExactly("x.csv:4: not valid UTF-8 text; choose the file's encoding");
        assertThat(r.fatal()).isTrue();
        assertThat(r.mayWrite(true)).isFalse();
    }

    @Test
    void badNumberIsReportedWithFileLineAndField() throws Exception {
        Path f = file("x.csv", """
                qid,query,docid,text,score
                q1,a,d1,t1,1
                q1,a,d2,t2,2
                q1,a,d3,t3,3
                q1,a,d4,t4,4
                q1,a,d5,t5,5
                q1,a,d6,t6,abc
                q1,a,d7,t7,
                """);

        ImportResult r = readAsPreviewed(f, false);

        assertThat(messages(r)).containsExactly("x.csv:7: initial score \"abc\" is not a number");
        assertThat(r.fatal()).isFalse();
        assertThat(r.mayWrite(false)).isFalse();
        assertThat(r.skippedRows()).isZero();
    }

    @Test
    void skipBadRowsLeavesThemOutAndCountsThem() throws Exception {
        Path f = file("x.csv", """
                qid,query,docid,text,rank,label
                q1,a,d1,t1,1,1
                q1,a,d2,t2,zero,0
                q1,b,d3,t3,3,
                q1,a,d1,again,4,
                q1,a,d5,,5,
                q1,a,d6,t6,6,high
                q1,a,d7,t7,1,
                ,a,d8,t8,8,
                q1,a,d9,t9,9,2.0
                """);

        ImportResult r = readAsPreviewed(f, true);

        assertThat(messages(r)).containsExactly(
                "x.csv:3: initial rank \"zero\" is not a whole number ≥ 1",
                "x.csv:4: query \"q1\" has text \"b\" here but \"a\" on line 2",
                "x.csv:5: doc id \"d1\" appears twice for query \"q1\" (first on line 2)",
                "x.csv:6: text is empty",
                "x.csv:7: label \"high\" is not an integer",
                "x.csv:8: initial rank 1 appears twice for query \"q1\" (first on line 2)",
                "x.csv:9: query id is empty");
        assertThat(r.skippedRows()).isEqualTo(7);
        assertThat(r.fatal()).isFalse();
        assertThat(r.mayWrite(true)).isTrue();
        assertThat(r.data().queries().get(0).candidates()).extracting(CandidateRecord::documentKey)
                .containsExactly("d1", "d9");
        assertThat(r.data().judgments()).extracting(JudgmentRecord::grade).containsExactly(1, 2);
    }

    @Test
    void lineNumbersCountCrlfLoneCrAndQuotedLineBreaks() throws Exception {
        for (String eol : List.of("\r\n", "\r", "\n")) {
            Path f = file("x.csv", String.join(eol, "qid,query,text,score", "q1,a,\"two" + eol + "lines\",1",
                    "", "q1,a,t,bad", ",a,t,2", "") );
            ImportResult r = readAsPreviewed(f, false);
            assertThat(messages(r)).as(eol.replace("\r", "CR").replace("\n", "LF")).containsExactly(
                    "x.csv:5: initial score \"bad\" is not a number",
                    "x.csv:6: query id is empty");
        }
    }

    @Test
    void missingRequiredColumnIsFatal() throws Exception {
        Path f = file("x.csv", "qid,query,docid,score\nq1,a,d1,1\n");

        ImportResult r = readAsPreviewed(f, true);

        assertThat(messages(r)).containsExactly("x.csv: the column mapping needs a text column");
        assertThat(r.fatal()).isTrue();
    }

    @Test
    void shortRowAndUnclosedQuote() throws Exception {
        Path f = file("x.csv", "qid,query,docid,text\nq1,a,d1\nq1,a,d2,\"never closed\nq1,a,d3,t\n");

        CsvPreview p = CsvImport.preview(f, 10);
        assertThat(p.problems()).extracting(ImportProblem::toString)
                .containsExactly("x.csv:3: a quoted value is not closed (a \" is missing)");
        assertThat(p.rows()).hasSize(1);
        ImportResult r = CsvImport.read(f, p.options(false));

        assertThat(messages(r)).containsExactly(
                "x.csv:2: expected at least 4 columns, found 3",
                "x.csv:3: a quoted value is not closed (a \" is missing)");
        assertThat(r.fatal()).isTrue();
    }

    @Test
    void rowsWithMoreColumnsThanTheHeaderAreImportedWithAWarningNamingTheirLines() throws Exception {
        // Line 3 has an unquoted comma in its text; line 5 a trailing empty cell, which loses nothing.
        Path f = file("x.csv", "qid,query,docid,text\nq1,a,d1,Paris\nq1,a,d2,Lyon, a city\nq1,a,d3,Nice\n"
                + "q1,a,d4,Metz,\nq2,b,d5,Rome,x,y\n");

        ImportResult r = readAsPreviewed(f, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.notes()).containsExactly("x.csv: 2 rows have more columns than the header (4): lines 3, 6; "
                + "their extra cells were not imported (a delimiter inside an unquoted value?)");
        assertThat(r.data().queries()).extracting(q -> q.candidates().size()).containsExactly(4, 1);
        assertThat(r.data().documents()).extracting(DocumentRecord::text).contains("Lyon");

        Path one = file("one.tsv", "q1\thello\nq1\tworld\textra\n");
        ImportResult headerless = CsvImport.read(one, CsvImport.preview(one, 5).options(false)
                .withMapping(ColumnMapping.empty().with(CsvField.QUERY_ID, 0).with(CsvField.TEXT, 1)));
        assertThat(headerless.notes()).contains("one.tsv: 1 row has more columns than the first row (2): line 2; "
                + "its extra cells were not imported (a delimiter inside an unquoted value?)");
    }

    @Test
    void countsInProblemsAreInWords() throws Exception {
        Path f = file("narrow.csv", "qid\nq1\n");
        CsvPreview p = CsvImport.preview(f, 5);
        assertThat(p.hasHeader()).isTrue();
        ImportResult r = CsvImport.read(f, p.options(false)
                .withMapping(ColumnMapping.empty().with(CsvField.QUERY_ID, 0).with(CsvField.TEXT, 1)));
        assertThat(messages(r)).containsExactly("narrow.csv:1: the header has 1 column but the mapping uses column 2");
    }

    @Test
    void queryWithoutTextAnywhereIsAProblemAtItsFirstLine() throws Exception {
        Path f = file("x.csv", "qid,query,text\nq1,,t1\nq1,,t2\nq2,b,t3\n");

        ImportResult r = readAsPreviewed(f, true);

        assertThat(messages(r)).containsExactly("x.csv:2: query \"q1\" has no text");
        assertThat(r.skippedRows()).isEqualTo(2);
        assertThat(r.data().queries()).extracting(QueryRecord::id).containsExactly("q2");
        assertThat(r.data().documents()).hasSize(1);
    }

    @Test
    void headerlessFileIsReadWithAnExplicitMapping() throws Exception {
        Path f = file("x.tsv", "q1\thello\t0.5\nq1\tworld\t0.25\n");

        CsvPreview p = CsvImport.preview(f, 5);
        assertThat(p.hasHeader()).isFalse();
        assertThat(p.header()).containsExactly("column 1", "column 2", "column 3");
        assertThat(p.rows()).hasSize(2);
        ColumnMapping m = ColumnMapping.empty().with(CsvField.QUERY_ID, 0).with(CsvField.TEXT, 1)
                .with(CsvField.INITIAL_SCORE, 2);
        ImportResult r = CsvImport.read(f, p.options(false).withMapping(m));

        assertThat(r.problems()).isEmpty();
        assertThat(r.notes()).containsExactly("x.tsv: no query text column; each query's text is its id");
        assertThat(r.data().queries().get(0).candidates()).containsExactly(
                new CandidateRecord("1", 1, 0.5), new CandidateRecord("2", 2, 0.25));
    }

    @Test
    void emptyAndMissingFiles() throws Exception {
        Path empty = file("empty.csv", "\n\n");
        assertThat(messages(CsvImport.read(empty, CsvImport.preview(empty, 1).options(false))))
                .containsExactly("empty.csv: the column mapping needs a query id or query text column and a text "
                        + "column");
        assertThat(CsvImport.preview(empty, 1).problems()).extracting(ImportProblem::toString)
                .containsExactly("empty.csv: the file is empty");
        Path missing = dir.resolve("missing.csv");
        assertThat(CsvImport.preview(missing, 1).problems()).extracting(ImportProblem::toString)
                .containsExactly("missing.csv: file not found");
    }

    @Test
    void problemListIsCappedWithACount() throws Exception {
        StringBuilder sb = new StringBuilder("qid,query,text,score\n");
        for (int i = 0; i < 250; i++) {
            sb.append("q1,a,t").append(i).append(",x\n");
        }
        Path f = file("x.csv", sb.toString());

        ImportResult r = readAsPreviewed(f, false);

        assertThat(r.problems()).hasSize(201);
        assertThat(r.problems().get(0).toString()).isEqualTo("x.csv:2: initial score \"x\" is not a number");
        assertThat(r.problems().get(200).toString()).isEqualTo("… and 50 more problems");
    }

    @Test
    void hundredThousandRowsParse() throws Exception {
        Path f = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("qid,query,docid,text,rank,score\n");
            for (int i = 0; i < 100_000; i++) {
                int q = i / 100;
                w.write("q" + q + ",query number " + q + ",d" + i + ",\"document, number " + i + "\","
                        + (i % 100 + 1) + "," + (100 - i % 100) + ".5\n");
            }
        }

        ImportResult r = readAsPreviewed(f, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.data().queries()).hasSize(1000);
        assertThat(r.data().candidateCount()).isEqualTo(100_000);
        assertThat(r.data().documents()).hasSize(100_000);
        assertThat(r.data().queries().get(999).candidates().get(99))
                .isEqualTo(new CandidateRecord("d99999", 100, 1.5));
    }

    @Test
    void delimiterDetectionPrefersConsistentCounts() {
        assertThat(CsvImport.detectDelimiter("a;b,c;d\ne;f,g;h\n", false, false)).isEqualTo(';');
        assertThat(CsvImport.detectDelimiter("a,b\tc\nd,e\tf\n", false, true)).isEqualTo('\t');
        assertThat(CsvImport.detectDelimiter("\"x;y;z\",b\n\"u;v\",c\n", false, false)).isEqualTo(',');
        assertThat(CsvImport.detectDelimiter("single\ncolumn\n", false, false)).isEqualTo(',');
    }
}
