package io.rerankworkbench.rerank.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine must produce the same embeddings as an independent implementation of the same model: langchain4j's
 * in-process all-MiniLM-L6-v2 (test scope only).
 *
 * <p>The tokenizer.json shipped with that model carries a 128-token truncation setting, which
 * {@link AllMiniLmL6V2EmbeddingModel} keeps; the model was trained with 256 tokens (sentence-transformers'
 * max_seq_length), which is what the engine uses. So texts of up to 128 tokens are compared with
 * AllMiniLmL6V2EmbeddingModel as it is, and every text, up to 256 tokens, with langchain4j's same encoder built
 * from the same files with only its 128-token truncation and padding settings removed.
 */
class BiEncoderParityTest {

    private static LocalModel model;
    private static AllMiniLmL6V2EmbeddingModel reference;

    private static EmbeddingModel untruncatedReference;

    @TempDir
    static Path tempDir;

    @BeforeAll
    static void load() throws IOException {
        model = LocalModel.load(ModelFiles.allMiniLmL6V2(), EngineSettings.DEFAULT);
        reference = new AllMiniLmL6V2EmbeddingModel();
        Path onnx = tempDir.resolve("model.onnx");
        Path tokenizer = tempDir.resolve("tokenizer.json");
        try (InputStream in = BiEncoderParityTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            Files.copy(in, onnx);
        }
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = BiEncoderParityTest.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            ObjectNode config = (ObjectNode) json.readTree(in);
            // DJL derives a 128-token limit from either setting, so both go.
            config.putNull("truncation");
            config.putNull("padding");
            json.writeValue(tokenizer.toFile(), config);
        }
        untruncatedReference = new OnnxEmbeddingModel(onnx, tokenizer, PoolingMode.MEAN);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static List<String> texts() {
        List<String> texts = new ArrayList<>(List.of(
                "capital of France",
                "Paris is the capital of France.",
                "a",
                "?",
                "Bananas are yellow.",
                "What's the best way to reset a forgotten password?!",
                "C++ vs. Rust: memory-safety, zero-cost abstractions & FFI (2024 edition).",
                "Der schnelle braune Fuchs springt über den faulen Hund.",
                "Les élèves étudient à l'école française près de la Tour Eiffel.",
                "東京は日本の首都です。",
                "Москва — столица России.",
                "emoji test 🙂🚀 with symbols ©®™ and math ∑∫√",
                "   leading and trailing whitespace   ",
                "UPPER CASE TEXT SHOULD BE LOWERCASED BY THE NORMALIZER",
                "email: someone@example.com, url: https://example.org/path?q=1&r=2",
                "Numbers 3.14159, 2.71828 and 1,000,000 appear here; so do dates like 2026-11-25.",
                "tab\tseparated\tvalues and\nnew lines\r\ninside",
                "naïve café résumé coöperate",
                "The quick brown fox jumps over the lazy dog. ".repeat(4).strip(),
                "How do I cook rice in a pressure cooker?",
                "¿Dónde está la biblioteca? — ¡Gracias!",
                "HTTP 404 Not Found -- the requested URL /index.html was not found on this server.",
                "Ελληνικά: η γρήγορη καφέ αλεπού",
                ("A medium-length passage about search relevance: precision, recall, NDCG and MRR are measured on "
                        + "labeled queries, and analysts compare rankers side by side. ").repeat(3)));
        // Long inputs near the model's 256-token limit.
        texts.add("Relevance tuning means measuring how well a search engine orders results for a query. ".repeat(15));
        texts.add("word ".repeat(254).strip());
        texts.add(("In information retrieval, a reranker rescores the top candidates from a first-stage retriever "
                + "using a more expensive model; ").repeat(9));
        return texts;
    }

    @Test
    void embeddingsMatchTheReferenceImplementation() {
        List<String> texts = texts();
        assertThat(texts).hasSizeGreaterThanOrEqualTo(20);
        List<TokenizedText> tokenized = model.tokenizeAll(texts);
        assertThat(tokenized).anySatisfy(t -> assertThat(t.length()).isBetween(200, 256));
        assertThat(tokenized).allSatisfy(t -> assertThat(t.tokensDropped()).isZero());
        float[][] ours = model.run(tokenized, ProgressListener.NONE, CancellationToken.NONE);
        int comparedWithBundledReference = 0;
        for (int i = 0; i < texts.size(); i++) {
            float[] theirs = untruncatedReference.embed(texts.get(i)).content().vector();
            assertThat(Vectors.dot(ours[i], Vectors.normalize(theirs)))
                    .as("cosine for text %d (%d tokens)", i, tokenized.get(i).length())
                    .isGreaterThanOrEqualTo(0.9999);
            if (tokenized.get(i).length() <= 128) {
                float[] bundled = reference.embed(texts.get(i)).content().vector();
                assertThat(Vectors.dot(ours[i], Vectors.normalize(bundled)))
                        .as("cosine against AllMiniLmL6V2EmbeddingModel for text %d", i)
                        .isGreaterThanOrEqualTo(0.9999);
                comparedWithBundledReference++;
            }
        }
        assertThat(comparedWithBundledReference).isGreaterThanOrEqualTo(20);
    }

    @Test
    void batchedAndSingleEmbeddingsAgree() {
        List<String> texts = texts();
        float[][] batched = model.run(model.tokenizeAll(texts), ProgressListener.NONE,
                CancellationToken.NONE);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(Vectors.dot(batched[i], model.embed(texts.get(i)))).isGreaterThan(0.99999);
        }
    }

    @Test
    void longTextsAreTruncatedToTheModelLimitAndFlagged() {
        String longText = "word ".repeat(400);
        TokenizedText t = model.tokenize(longText);
        assertThat(t.length()).isEqualTo(256);
        assertThat(t.tokensDropped()).isEqualTo(402 - 256);
        assertThat(t.ids()[0]).isEqualTo(101);   // [CLS]
        assertThat(t.ids()[255]).isEqualTo(102); // [SEP]
    }

    @Test
    void relevantDocumentOutranksIrrelevantOne() {
        BiEncoderReranker reranker = new BiEncoderReranker(model, new EngineCache(1 << 20));
        List<Candidate> candidates = List.of(
                new Candidate(1, "1", "Bananas are yellow."),
                new Candidate(2, "2", "Paris is the capital of France."),
                new Candidate(3, "3", "The stock market fell sharply on Monday."));
        List<long[]> progress = new ArrayList<>();
        Ranking ranking = reranker.rerank(new Query("q1", "capital of France"), candidates,
                (done, total) -> progress.add(new long[]{done, total}), CancellationToken.NONE);
        assertThat(ranking.results().get(0).candidate().text()).isEqualTo("Paris is the capital of France.");
        assertThat(ranking.results().get(0).score()).isGreaterThan(ranking.results().get(1).score());
        assertThat(ranking.results().get(0).rankChange()).isEqualTo(1);
        assertThat(progress).last().satisfies(p -> assertThat(p).containsExactly(3, 3));
    }
}
