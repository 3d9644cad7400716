package io.rerankworkbench.server;

import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.local.ModelConfig;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.rerank.local.Pooling;
import io.rerankworkbench.testing.WordOverlapReranker;

import java.util.List;

/**
 * A model library of stand-in rankers: "word-overlap" (the default; score = query words in the document) and
 * "fewest-words" (score = minus that count, so it ranks the other way round).
 */
final class FakeModels {

    static final String OVERLAP = "word-overlap";
    static final String REVERSED = "fewest-words";

    private FakeModels() {
    }

    static RankerService library() {
        ModelConfig config = new ModelConfig(128, Pooling.MEAN, "", "", 2);
        List<ModelFiles> catalog = List.of(
                ModelFiles.bundled(OVERLAP, "/word-overlap.onnx", "/word-overlap.json", config, 1),
                ModelFiles.bundled(REVERSED, "/fewest-words.onnx", "/fewest-words.json", config, 1));
        return new RankerService(catalog, ModelLibraryStore.inMemory(),
                files -> files.name().equals(REVERSED) ? new Negated(new WordOverlapReranker(1000))
                        : new WordOverlapReranker(1000));
    }

    /** Another ranker's scores, negated. */
    private record Negated(Reranker inner) implements Reranker {
        @Override
        public String kind() {
            return "test negated";
        }

        @Override
        public String model() {
            return REVERSED;
        }

        @Override
        public Ranking rerank(Query query, List<Candidate> candidates, RerankOptions options,
                              ProgressListener progress, CancellationToken cancel) {
            Ranking r = inner.rerank(query, candidates, options, progress, cancel);
            double[] scores = new double[candidates.size()];
            for (ScoredCandidate s : r.results()) {
                scores[s.candidate().originalRank() - 1] = -s.score();
            }
            return new Ranking(query, Ranking.rank(candidates, scores, new int[candidates.size()]), kind(),
                    model(), r.elapsed());
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
