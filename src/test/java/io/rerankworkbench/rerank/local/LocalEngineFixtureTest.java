package io.rerankworkbench.rerank.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.explain.CrossAttention;
import io.rerankworkbench.explain.TokenContributions;
import io.rerankworkbench.rerank.AttentionResult;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ModelKind;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The engine against the tiny fixture models' numpy references: logits, pair encoding, attention, embeddings. */
class LocalEngineFixtureTest {

    private static final EngineSettings SETTINGS = new EngineSettings(8, 2048, 1, 1, 1 << 20);
    private static CrossEncoderReranker cross;
    private static CrossEncoderReranker cross2;
    private static BiEncoderReranker bi;

    @BeforeAll
    static void load() {
        cross = (CrossEncoderReranker) open("tiny-cross-encoder");
        cross2 = (CrossEncoderReranker) open("tiny-cross-encoder-2label");
        bi = (BiEncoderReranker) open("tiny-bi-encoder");
    }

    @AfterAll
    static void close() {
        cross.close();
        cross2.close();
        bi.close();
    }

    private static Reranker open(String name) {
        return LocalRerankers.open(ModelFiles.folder(Fixtures.model(name)), SETTINGS, new EngineCache(1 << 20));
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    @Test
    void kindAndConfigurationComeFromTheFolder() {
        LocalModel m = cross.localModel();
        assertThat(m.kind()).isEqualTo(ModelKind.CROSS_ENCODER);
        assertThat(m.numLabels()).isEqualTo(1);
        assertThat(m.maxLength()).isEqualTo(64);
        assertThat(m.info().layers()).isEqualTo(2);
        assertThat(m.info().inputs()).anyMatch(s -> s.startsWith("token_type_ids"));
        assertThat(m.info().outputs()).containsExactly("logits[-1, 1]");
        assertThat(cross2.localModel().numLabels()).isEqualTo(2);
        assertThat(bi.localModel().kind()).isEqualTo(ModelKind.BI_ENCODER);
        assertThat(bi.localModel().files().config().pooling()).isEqualTo(Pooling.MEAN);
    }

    @Test
    void pairEncodingMatchesTheReferenceAndTruncatesTheDocumentFirst() {
        JsonNode pairs = Fixtures.reference("tiny-cross-encoder").get("pairs");
        boolean sawTruncation = false;
        for (JsonNode pair : pairs) {
            TokenizedText t = cross.localModel().tokenizePair(pair.get("query").asText(),
                    pair.get("document").asText());
            assertThat(t.ids()).as(pair.get("query").asText()).containsExactly(longs(pair.get("input_ids")));
            assertThat(t.typeIds()).containsExactly(longs(pair.get("token_type_ids")));
            assertThat(t.tokensDropped()).isEqualTo(pair.get("tokens_dropped").asInt());
            sawTruncation |= t.tokensDropped() > 0;
        }
        assertThat(sawTruncation).isTrue();
    }

    @Test
    void crossEncoderLogitsAndProbabilitiesMatchTheReference() {
        for (JsonNode pair : Fixtures.reference("tiny-cross-encoder").get("pairs")) {
            ScoredCandidate c = rankOne(cross, pair.get("query").asText(), pair.get("document").asText());
            assertThat(c.score()).isCloseTo(pair.get("logit").asDouble(), within(1e-4));
            assertThat(c.probability()).isCloseTo(pair.get("probability").asDouble(), within(1e-4));
            assertThat(c.tokensDropped()).isEqualTo(pair.get("tokens_dropped").asInt());
        }
    }

    @Test
    void twoLabelModelsScoreByLogOddsAndShowTheSoftmax() {
        for (JsonNode pair : Fixtures.reference("tiny-cross-encoder-2label").get("pairs")) {
            ScoredCandidate c = rankOne(cross2, pair.get("query").asText(), pair.get("document").asText());
            double l0 = pair.get("logits").get(0).asDouble();
            double l1 = pair.get("logits").get(1).asDouble();
            assertThat(c.score()).isCloseTo(l1 - l0, within(1e-4));
            assertThat(c.probability()).isCloseTo(pair.get("probability").asDouble(), within(1e-4));
        }
    }

    @Test
    void biEncoderEmbeddingsMatchTheReference() {
        for (JsonNode text : Fixtures.reference("tiny-bi-encoder").get("texts")) {
            float[] ours = bi.localModel().embed(text.get("text").asText());
            JsonNode ref = text.get("embedding");
            for (int k = 0; k < ours.length; k++) {
                assertThat((double) ours[k]).isCloseTo(ref.get(k).asDouble(), within(1e-4));
            }
        }
    }

    @Test
    void crossEncoderAttentionMatchesTheReference() {
        for (JsonNode pair : Fixtures.reference("tiny-cross-encoder").get("pairs")) {
            AttentionResult result = cross.attention(pair.get("query").asText(), pair.get("document").asText());
            assertThat(result).isInstanceOf(AttentionResult.Available.class);
            AttentionResult.Available a = (AttentionResult.Available) result;
            List<String> tokens = new ArrayList<>();
            pair.get("tokens").forEach(t -> tokens.add(t.asText()));
            assertThat(a.input().tokens()).isEqualTo(tokens);
            assertThat(a.layers()).isEqualTo(2);
            assertThat(a.heads()).isEqualTo(2);
            JsonNode ref = pair.get("attentions");
            for (int l = 0; l < 2; l++) {
                for (int h = 0; h < 2; h++) {
                    for (int i = 0; i < tokens.size(); i++) {
                        for (int j = 0; j < tokens.size(); j++) {
                            assertThat((double) a.weights()[l][h][i][j])
                                    .isCloseTo(ref.get(l).get(h).get(i).get(j).asDouble(), within(1e-4));
                        }
                    }
                }
            }
            CrossAttention blocks = CrossAttention.of(a);
            int q = (int) java.util.Arrays.stream(a.input().segments()).filter(s -> s == 0).count();
            int d = (int) java.util.Arrays.stream(a.input().segments()).filter(s -> s == 1).count();
            assertThat(blocks.queryToDocument()[1][0]).hasNumberOfRows(q);
            assertThat(blocks.queryToDocument()[1][0][0]).hasSize(d);
            assertThat(blocks.documentToQuery()[0][1]).hasNumberOfRows(d);
            assertThat(blocks.queryToDocument()[0][0][0][0]).isEqualTo(a.weights()[0][0][blocks.queryTokens()[0]]
                    [blocks.documentTokens()[0]]);
        }
    }

    @Test
    void attentionTokensPointBackIntoTheOriginalTexts() {
        String query = "Best PIZZA";
        String doc = "Naples bakeries are famous.";
        AttentionResult.Available a = (AttentionResult.Available) cross.attention(query, doc);
        for (int i = 0; i < a.input().size(); i++) {
            int segment = a.input().segments()[i];
            if (segment < 0) {
                assertThat(a.input().spans().get(i)).isNull();
                continue;
            }
            String original = segment == 0 ? query : doc;
            String covered = a.input().spans().get(i).of(original).toLowerCase(java.util.Locale.ROOT);
            String token = a.input().tokens().get(i).replace("##", "");
            if (!token.equals("[UNK]")) {
                assertThat(covered).isEqualTo(token);
            }
        }
    }

    @Test
    void biEncoderAttentionIsPerTextAndFusedAttentionSaysItIsUnavailable() {
        AttentionResult r = bi.attention("pizza in naples", "naples pizza is famous");
        assertThat(r).isInstanceOf(AttentionResult.Separate.class);
        AttentionResult.Separate s = (AttentionResult.Separate) r;
        assertThat(((AttentionResult.Available) s.query()).input().tokens()).contains("pizza", "naples");
        assertThat(((AttentionResult.Available) s.document()).input().tokens()).contains("famous");

        try (Reranker fused = open("tiny-fused-attention")) {
            AttentionResult f = ((BiEncoderReranker) fused).attention("pizza", "naples");
            assertThat(f).isInstanceOf(AttentionResult.Unavailable.class);
            assertThat(((AttentionResult.Unavailable) f).reason()).contains("not available");
        }
    }

    @Test
    void meanPooledContributionsAddUpToTheScore() {
        String query = "best pizza in naples";
        String doc = "naples is famous for its pizza and fresh bread";
        double score = rankOne(bi, query, doc).score();
        TokenContributions c = TokenContributions.of(bi.tokenVectors(query, true), bi.tokenVectors(doc, false));
        assertThat(c.kind()).isEqualTo(TokenContributions.Kind.DECOMPOSITION);
        assertThat(c.total()).isCloseTo(score, within(1e-5));
        assertThat(c.score()).isCloseTo(score, within(1e-5));
        assertThat(c.cells()).hasNumberOfRows(c.query().size());
    }

    @Test
    void chunkedDocumentsScoreAsTheirBestWindow() {
        String query = "best pizza in naples";
        StringBuilder doc = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            doc.append("the museum has a long history and a famous bridge. ");
        }
        doc.append("naples has the best pizza and fresh bread.");
        String text = doc.toString();
        List<Candidate> candidates = List.of(new Candidate(1, "long", text));

        Ranking truncated = cross.rerank(new Query("1", query), candidates, RerankOptions.DEFAULT,
                ProgressListener.NONE, CancellationToken.NONE);
        assertThat(truncated.results().get(0).tokensDropped()).isPositive();
        assertThat(truncated.results().get(0).chunk()).isEmpty();

        Ranking chunked = cross.rerank(new Query("1", query), candidates, RerankOptions.chunked(8),
                ProgressListener.NONE, CancellationToken.NONE);
        ScoredCandidate best = chunked.results().get(0);
        assertThat(best.tokensDropped()).isZero();
        assertThat(best.chunk()).isPresent();

        // The document's score is the maximum of its windows, each scored on its own.
        LocalModel m = cross.localModel();
        int window = m.maxLength() - m.pairSpecialTokens() - m.contentTokens(query);
        var windows = m.windows(text, window, 8);
        assertThat(windows).hasSizeGreaterThan(1);
        double max = Double.NEGATIVE_INFINITY;
        io.rerankworkbench.core.TextSpan argmax = null;
        for (var w : windows) {
            double s = rankOne(cross, query, w.of(text)).score();
            if (s > max) {
                max = s;
                argmax = w;
            }
        }
        assertThat(best.score()).isCloseTo(max, within(1e-5));
        assertThat(best.chunk()).contains(argmax);
        // Neighbouring windows overlap and together cover the text.
        assertThat(windows.get(0).start()).isZero();
        assertThat(windows.get(windows.size() - 1).end()).isEqualTo(text.length());
        for (int i = 1; i < windows.size(); i++) {
            assertThat(windows.get(i).start()).isLessThan(windows.get(i - 1).end());
        }
    }

    @Test
    void aSecondQueryOverTheSameCandidatesDoesNotReencodeThem() {
        List<Candidate> candidates = List.of(new Candidate(1, "a", "naples pizza"),
                new Candidate(2, "b", "fresh bread in rome"), new Candidate(3, "c", "the museum bridge"));
        LocalModel m = bi.localModel();
        bi.rerank(new Query("1", "pizza"), candidates, ProgressListener.NONE, CancellationToken.NONE);
        long before = m.textsRun();
        Ranking again = bi.rerank(new Query("2", "bread"), candidates, ProgressListener.NONE,
                CancellationToken.NONE);
        assertThat(m.textsRun() - before).isEqualTo(1); // the new query only
        assertThat(again.results()).hasSize(3);

        LocalModel c = cross.localModel();
        cross.rerank(new Query("1", "pizza"), candidates, ProgressListener.NONE, CancellationToken.NONE);
        long crossBefore = c.textsRun();
        cross.rerank(new Query("1", "pizza"), candidates, ProgressListener.NONE, CancellationToken.NONE);
        assertThat(c.textsRun()).isEqualTo(crossBefore);
    }

    @Test
    void parallelBatchesGiveTheSameScoresAsOneAtATime() {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            candidates.add(new Candidate(i + 1, "d" + i, "naples pizza ".repeat(1 + i % 9) + "fresh bread " + i));
        }
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (Reranker parallel = LocalRerankers.open(ModelFiles.folder(Fixtures.model("tiny-bi-encoder")),
                new EngineSettings(4, 64, 1, 3, 0), new EngineCache(0), workers)) {
            List<long[]> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
            Ranking p = parallel.rerank(new Query("1", "pizza in naples"), candidates,
                    (done, total) -> progress.add(new long[]{done, total}), CancellationToken.NONE);
            Ranking s = bi.rerank(new Query("1", "pizza in naples"), candidates, ProgressListener.NONE,
                    CancellationToken.NONE);
            assertThat(p.results()).extracting(c -> c.candidate().docId())
                    .containsExactlyElementsOf(s.results().stream().map(c -> c.candidate().docId()).toList());
            for (int i = 0; i < candidates.size(); i++) {
                assertThat(p.results().get(i).score()).isCloseTo(s.results().get(i).score(), within(1e-6));
            }
            assertThat(progress).last().satisfies(last -> assertThat(last).containsExactly(60, 60));
            assertThat(((BiEncoderReranker) parallel).localModel().textsRun()).isGreaterThanOrEqualTo(60);

            // Cancelled mid-run: the run stops with CancelledException, whichever lane notices first.
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> parallel.rerank(new Query("2", "bread"),
                    candidates, ProgressListener.NONE, () -> calls.incrementAndGet() > 3))
                    .isInstanceOf(io.rerankworkbench.rerank.CancelledException.class);
        } finally {
            workers.shutdownNow();
        }
    }

    private static ScoredCandidate rankOne(Reranker r, String query, String doc) {
        return r.rerank(new Query("1", query), List.of(new Candidate(1, "d", doc)), ProgressListener.NONE,
                CancellationToken.NONE).results().get(0);
    }
}
