package io.rerankworkbench.io.imports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CorpusImportTest {

    @TempDir
    Path dir;

    private CorpusImport.Result read(Path file) {
        return CorpusImport.read(file, CorpusImport.Columns.DEFAULT, ImportOptions.defaults());
    }

    @Test
    void aBeirCorpusReadsIdsTitlesAndTexts() throws IOException {
        Path beir = Files.createDirectories(dir.resolve("scifact"));
        Files.writeString(beir.resolve("corpus.jsonl"), """
                {"_id": "4983", "title": "Microstructural development", "text": "Alterations of the architecture."}
                {"_id": 5836, "title": "", "text": "Induction of myelodysplasia."}
                """);
        CorpusImport.Result r = read(beir);
        assertThat(r.ok()).isTrue();
        assertThat(r.documents()).containsExactly(
                new CorpusImport.Document("4983", "Microstructural development", "Alterations of the architecture."),
                new CorpusImport.Document("5836", null, "Induction of myelodysplasia."));
    }

    @Test
    void badLinesAreNamedByFileAndLineAndStopTheImport() throws IOException {
        Path f = dir.resolve("corpus.jsonl");
        Files.writeString(f, """
                {"_id": "a", "text": "alpha"}
                not json
                {"_id": "b"}
                {"_id": "a", "text": "again"}
                {"_id": "c", "text": "gamma"}
                """);
        CorpusImport.Result r = read(f);
        assertThat(r.ok()).isFalse();
        assertThat(r.documents()).isEmpty();
        assertThat(r.problems()).extracting(ImportProblem::line).containsExactly(2L, 3L, 4L);
        assertThat(r.problems().get(1).reason()).contains("missing field \"text\"");
        assertThat(r.problems().get(2).reason()).isEqualTo("document \"a\" already appeared on line 1");

        CorpusImport.Result skipping = CorpusImport.read(f, CorpusImport.Columns.DEFAULT,
                ImportOptions.defaults().withSkipBadRows(true));
        assertThat(skipping.ok()).isTrue();
        assertThat(skipping.skippedRows()).isEqualTo(3);
        assertThat(skipping.documents()).extracting(CorpusImport.Document::id).containsExactly("a", "c");
    }

    @Test
    void csvColumnsAreFoundByHeaderOrNamed() throws IOException {
        Path f = dir.resolve("catalogue.csv");
        Files.writeString(f, "sku,name,description\n1,Kettle,\"Boils water, fast\"\n2,Toaster,Browns bread\n");
        CorpusImport.Result unnamed = read(f);
        assertThat(unnamed.ok()).isFalse();
        assertThat(unnamed.problems().get(0).toString()).contains("catalogue.csv:1")
                .contains("the header [sku, name, description] has no id column (one of _id, id, doc_id, docid) "
                        + "and no text column (one of text, body, contents, content); name the columns to use");
        CorpusImport.Result wrongName = CorpusImport.read(f, new CorpusImport.Columns("sku", "label", "description"),
                ImportOptions.defaults());
        assertThat(wrongName.problems().get(0).reason()).contains("has no column \"label\" for the title");

        CorpusImport.Result named = CorpusImport.read(f, new CorpusImport.Columns("sku", "name", "description"),
                ImportOptions.defaults());
        assertThat(named.ok()).isTrue();
        assertThat(named.documents()).containsExactly(new CorpusImport.Document("1", "Kettle", "Boils water, fast"),
                new CorpusImport.Document("2", "Toaster", "Browns bread"));
    }

    @Test
    void tsvWithDefaultHeadersAndAnEmptyFile() throws IOException {
        Path f = dir.resolve("docs.tsv");
        Files.writeString(f, "id\ttitle\ttext\nx\t\tplain text\n");
        assertThat(read(f).documents()).containsExactly(new CorpusImport.Document("x", null, "plain text"));
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "\n\n");
        CorpusImport.Result r = read(empty);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems().get(0).reason()).isEqualTo("the file is empty");
        assertThat(read(dir).problems().get(0).reason()).contains("without corpus.jsonl");
    }
}
