package io.rerankworkbench.explain;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.core.project.CandidateRecord;
import io.rerankworkbench.core.project.DocumentRecord;
import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.core.project.QueryRecord;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.local.BiEncoderReranker;
import io.rerankworkbench.rerank.local.EngineCache;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.rerank.local.LocalRerankers;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.testing.StrictBundleReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * On every query × candidate of the sample project bundles, the bundled all-MiniLM-L6-v2's contribution map adds up
 * to the score of a real rerank run (at words and at word-pieces), and the CLS-pooled bge-small gets a similarity
 * map that claims no total.
 */
class ContributionMapsSampleTest {

    private static final List<String> BUNDLES = List.of("sample-projects/home-cooking/home-cooking.rwb.json",
            "sample-projects/developer-docs/developer-docs.rwb.json");

    private static BiEncoderReranker miniLm;

    @BeforeAll
    static void load() {
        miniLm = (BiEncoderReranker) LocalRerankers.open(ModelFiles.allMiniLmL6V2(), EngineSettings.DEFAULT,
                new EngineCache(64 << 20));
    }

    @AfterAll
    static void close() {
        miniLm.close();
    }

    @Test
    void miniLmContributionsAddUpToTheRunsScoreForEveryCandidateOfTheSamples() throws Exception {
        int pairs = 0;
        for (String bundle : BUNDLES) {
            ProjectData data = StrictBundleReader.read(Path.of(bundle)).data();
            Map<String, String> texts = new HashMap<>();
            for (DocumentRecord d : data.documents()) {
                texts.put(d.key(), d.text());
            }
            for (QueryRecord q : data.queries()) {
                List<Candidate> candidates = new ArrayList<>();
                for (CandidateRecord c : q.candidates()) {
                    candidates.add(new Candidate(candidates.size() + 1, c.documentKey(), texts.get(c.documentKey())));
                }
                Ranking run = miniLm.rerank(new Query(q.id(), q.text()), candidates, ProgressListener.NONE,
                        CancellationToken.NONE);
                var queryVectors = miniLm.tokenVectors(q.text(), true);
                for (ScoredCandidate s : run.results()) {
                    String doc = s.candidate().text();
                    ContributionMaps maps = ContributionMaps.of(TokenContributions.of(queryVectors,
                            miniLm.tokenVectors(doc, false)), q.text(), doc);
                    assertThat(maps.method()).isEqualTo(ExplainMethod.CONTRIBUTIONS);
                    ExplanationMap words = maps.map(Granularity.WORDS, "all-MiniLM-L6-v2", s.score());
                    ExplanationMap pieces = maps.map(Granularity.WORD_PIECES, "all-MiniLM-L6-v2", s.score());
                    String what = q.id() + " × " + s.candidate().docId();
                    assertThat(words.total()).as(what).isCloseTo(s.score(), within(1e-5));
                    assertThat(pieces.total()).as(what).isCloseTo(s.score(), within(1e-5));
                    assertThat(sum(words.values())).as(what).isCloseTo(words.total(), within(1e-9));
                    assertThat(words.truncated()).as(what).isEqualTo(s.tokensDropped() > 0);
                    pairs++;
                }
            }
        }
        assertThat(pairs).as("the samples' query × candidate pairs").isGreaterThan(400);
    }

    @Test
    void aDocumentCutAt256TokensStillAddsUpAndSaysWhereTheModelStopped() {
        String query = "how long to rest bread dough";
        StringBuilder doc = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            doc.append("Let the dough rest for an hour before shaping it. ");
        }
        String text = doc.toString().strip();
        ScoredCandidate s = miniLm.rerank(new Query("1", query), List.of(new Candidate(1, "long", text)),
                ProgressListener.NONE, CancellationToken.NONE).results().get(0);
        assertThat(s.tokensDropped()).isPositive();
        ExplanationMap map = ContributionMaps.of(TokenContributions.of(miniLm.tokenVectors(query, true),
                miniLm.tokenVectors(text, false)), query, text).map(Granularity.WORDS, "all-MiniLM-L6-v2", s.score());
        assertThat(map.total()).isCloseTo(s.score(), within(1e-5));
        assertThat(map.truncated()).isTrue();
        assertThat(map.notes()).anyMatch(n -> n.startsWith("The model read the document up to “")
                && n.endsWith(" of 400 words); the rest was cut off."));
    }

    @Test
    void bgeGetsASimilarityMapThatClaimsNoTotal() {
        try (BiEncoderReranker bge = (BiEncoderReranker) LocalRerankers.open(ModelFiles.bgeSmallEnV15Quantized(),
                EngineSettings.DEFAULT, new EngineCache(1 << 20))) {
            String query = "capital of France";
            String doc = "Paris is the capital of France.";
            ContributionMaps maps = ContributionMaps.of(TokenContributions.of(bge.tokenVectors(query, true),
                    bge.tokenVectors(doc, false)), query, doc);
            assertThat(maps.method()).isEqualTo(ExplainMethod.SIMILARITY);
            ExplanationMap map = maps.map(Granularity.WORDS, "bge-small-en-v1.5", 0.8);
            assertThat(map.total()).isNaN();
            assertThat(map.decomposesScore()).isFalse();
            assertThat(map.valueName()).isEqualTo("cosine similarity of token vectors");
            assertThat(map.scaleKind()).isEqualTo(io.rerankworkbench.core.ColorScale.Kind.SEQUENTIAL);
            assertThat(map.notes()).anyMatch(n -> n.contains("[CLS]") && n.contains("not what made the score"));
            // The query instruction is the model's: its tokens are special units, the user's words follow.
            assertThat(map.rows().stream().filter(u -> u.segment() == Segment.QUERY).map(AxisUnit::label))
                    .containsExactly("capital", "of", "France");
            assertThat(map.rows().get(0).label()).isEqualTo("[CLS]");
            assertThat(map.rows().get(1).segment()).isEqualTo(Segment.SPECIAL); // "represent", the instruction
            int capital = rowOf(map, "capital");
            int paris = columnOf(map, "Paris");
            int is = columnOf(map, "is");
            assertThat(map.value(capital, columnOf(map, "capital"))).isGreaterThan(map.value(capital, is));
            assertThat(map.value(rowOf(map, "France"), paris)).isBetween(-1.0, 1.0);
        }
    }

    private static int rowOf(ExplanationMap map, String label) {
        for (int i = 0; i < map.rowCount(); i++) {
            if (map.rows().get(i).label().equals(label) && map.rows().get(i).segment() != Segment.SPECIAL) {
                return i;
            }
        }
        throw new AssertionError("no row " + label);
    }

    private static int columnOf(ExplanationMap map, String label) {
        for (int i = 0; i < map.columnCount(); i++) {
            if (map.columns().get(i).label().equals(label)) {
                return i;
            }
        }
        throw new AssertionError("no column " + label);
    }

    private static double sum(double[][] values) {
        double s = 0;
        for (double[] row : values) {
            for (double v : row) {
                s += v;
            }
        }
        return s;
    }
}
