package io.rerankworkbench.rerank.local;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.explain.TokenContributions;
import io.rerankworkbench.explain.Word;
import io.rerankworkbench.explain.WordAlignment;
import io.rerankworkbench.rerank.AttentionResult;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ModelKind;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.TokenVectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Both bundled bi-encoders rank sensibly and explain themselves. */
class BundledModelsTest {

    private static BiEncoderReranker miniLm;
    private static BiEncoderReranker bge;

    private static final List<Candidate> CANDIDATES = List.of(
            new Candidate(1, "1", "Bananas are yellow."),
            new Candidate(2, "2", "Paris is the capital of France."),
            new Candidate(3, "3", "The stock market fell sharply on Monday."));

    @BeforeAll
    static void load() {
        EngineCache cache = new EngineCache(16 << 20);
        miniLm = (BiEncoderReranker) LocalRerankers.open(ModelFiles.allMiniLmL6V2(), EngineSettings.DEFAULT, cache);
        bge = (BiEncoderReranker) LocalRerankers.open(ModelFiles.bgeSmallEnV15Quantized(), EngineSettings.DEFAULT,
                cache);
    }

    @AfterAll
    static void close() {
        miniLm.close();
        bge.close();
    }

    @Test
    void theKindDeclaredForEachBundledModelIsTheOneItsGraphHas() {
        // models list shows the declared kind without loading; it must be what loading would find.
        assertThat(ModelFiles.allMiniLmL6V2().declaredKind()).contains(miniLm.localModel().kind());
        assertThat(ModelFiles.bgeSmallEnV15Quantized().declaredKind()).contains(bge.localModel().kind());
        assertThat(ModelFiles.bundledModels()).allSatisfy(m -> assertThat(m.declaredKind()).isPresent());
    }

    @Test
    void theInt8MiniLmReadsLikeTheFp32OneAndRanksTheSameWay() {
        try (BiEncoderReranker q8 = (BiEncoderReranker) LocalRerankers.open(ModelFiles.allMiniLmL6V2Quantized(),
                EngineSettings.DEFAULT, new EngineCache(16 << 20))) {
            LocalModel m = q8.localModel();
            assertThat(m.kind()).isEqualTo(ModelKind.BI_ENCODER);
            assertThat(m.maxLength()).isEqualTo(256);
            assertThat(m.files().config().pooling()).isEqualTo(Pooling.MEAN);
            assertThat(ModelFiles.allMiniLmL6V2Quantized().declaredKind()).contains(m.kind());
            List<Candidate> docs = List.of(
                    new Candidate(1, "1", "Bananas are yellow."),
                    new Candidate(2, "2", "Paris is the capital of France."),
                    new Candidate(3, "3", "The stock market fell sharply on Monday."),
                    new Candidate(4, "4", "Lyon is a large city in France."),
                    new Candidate(5, "5", "Berlin is the capital of Germany."));
            Query query = new Query("1", "capital of France");
            Ranking fast = q8.rerank(query, docs, ProgressListener.NONE, CancellationToken.NONE);
            Ranking full = miniLm.rerank(query, docs, ProgressListener.NONE, CancellationToken.NONE);
            assertThat(fast.results()).extracting(r -> r.candidate().docId())
                    .containsExactlyElementsOf(full.results().stream().map(r -> r.candidate().docId()).toList());
            // Quantization moves each cosine a little, not a lot.
            for (int i = 0; i < docs.size(); i++) {
                assertThat(fast.results().get(i).score()).isCloseTo(full.results().get(i).score(), within(0.05));
            }
        }
    }

    @Test
    void bgeUsesClsPoolingTheQueryInstructionAnd512Tokens() {
        LocalModel m = bge.localModel();
        assertThat(m.kind()).isEqualTo(ModelKind.BI_ENCODER);
        assertThat(m.maxLength()).isEqualTo(512);
        assertThat(m.files().config().pooling()).isEqualTo(Pooling.CLS);
        assertThat(m.info().layers()).isEqualTo(12);
        assertThat(m.info().details()).anyMatch(d -> d.contains("Represent this sentence"));
        Ranking r = bge.rerank(new Query("1", "capital of France"), CANDIDATES, ProgressListener.NONE,
                CancellationToken.NONE);
        assertThat(r.results().get(0).candidate().docId()).isEqualTo("2");
        // The instruction goes before the query only: the same text as a query and as a document differs.
        float[] asDocument = m.embed("capital of France");
        float[] asQuery = m.embed("Represent this sentence for searching relevant passages: capital of France");
        assertThat(Vectors.dot(asDocument, asQuery)).isLessThan(0.999);
    }

    @Test
    void bgeTruncatesOnlyPast512Tokens() {
        String text = "word ".repeat(400);
        assertThat(bge.localModel().tokenize(text).tokensDropped()).isZero();
        assertThat(miniLm.localModel().tokenize(text).tokensDropped()).isEqualTo(402 - 256);
    }

    @Test
    void miniLmContributionsAddUpToTheCosineScore() {
        String query = "capital of France";
        String doc = "Paris is the capital and most populous city of France.";
        double score = miniLm.rerank(new Query("1", query), List.of(new Candidate(1, "d", doc)),
                ProgressListener.NONE, CancellationToken.NONE).results().get(0).score();
        TokenContributions c = TokenContributions.of(miniLm.tokenVectors(query, true),
                miniLm.tokenVectors(doc, false));
        assertThat(c.kind()).isEqualTo(TokenContributions.Kind.DECOMPOSITION);
        assertThat(c.total()).isCloseTo(score, within(1e-5));
        // The biggest single contribution pairs two words that mean the same.
        int bi = 0;
        int bj = 0;
        for (int i = 0; i < c.cells().length; i++) {
            for (int j = 0; j < c.cells()[i].length; j++) {
                if (c.cells()[i][j] > c.cells()[bi][bj]) {
                    bi = i;
                    bj = j;
                }
            }
        }
        assertThat(c.query().tokens().get(bi)).isIn("capital", "france");
        assertThat(c.document().tokens().get(bj)).isIn("capital", "france", "paris");
    }

    @Test
    void clsPooledModelsGetASimilarityViewNotADecomposition() {
        TokenContributions c = TokenContributions.of(bge.tokenVectors("capital of France", true),
                bge.tokenVectors("Paris is the capital of France.", false));
        assertThat(c.kind()).isEqualTo(TokenContributions.Kind.SIMILARITY);
        assertThat(Double.isNaN(c.score())).isTrue();
        // The instruction prefix is the model's, not the user's: its tokens carry no span into the query.
        TokenVectors q = bge.tokenVectors("capital of France", true);
        List<Word> words = WordAlignment.words(q.input(), 0, "capital of France");
        assertThat(words).extracting(Word::text).containsExactly("capital", "of", "France");
    }

    @Test
    void subWordsAggregateToWordsWithOffsetsIntoTheText() {
        String text = "Unbelievably, tokenization works!";
        TokenVectors v = miniLm.tokenVectors(text, false);
        assertThat(v.input().tokens()).contains("##ization");
        List<Word> words = WordAlignment.words(v.input(), 0, text);
        assertThat(words).extracting(Word::text)
                .containsExactly("Unbelievably", ",", "tokenization", "works", "!");
        Word tokenization = words.get(2);
        assertThat(tokenization.tokens()).hasSizeGreaterThan(1);
        assertThat(tokenization.span().of(text)).isEqualTo("tokenization");
        assertThat(tokenization.span().start()).isEqualTo(text.indexOf("tokenization"));
    }

    @Test
    void bothBundledModelsExposeAttentionPerText() {
        for (BiEncoderReranker r : List.of(miniLm, bge)) {
            AttentionResult a = r.attention("capital of France", "Paris is the capital of France.");
            assertThat(a).isInstanceOf(AttentionResult.Separate.class);
            AttentionResult.Available doc = (AttentionResult.Available) ((AttentionResult.Separate) a).document();
            assertThat(doc.layers()).isEqualTo(r == miniLm ? 6 : 12);
            assertThat(doc.heads()).isEqualTo(12);
            float[] row = doc.weights()[0][0][0];
            double sum = 0;
            for (float w : row) {
                sum += w;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-4));
        }
    }
}
