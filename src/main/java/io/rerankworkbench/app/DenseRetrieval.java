package io.rerankworkbench.app;

import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.local.BiEncoderReranker;
import io.rerankworkbench.retrieve.index.VectorEntry;
import io.rerankworkbench.retrieve.index.VectorIndex;
import io.rerankworkbench.store.CorpusRepository;
import io.rerankworkbench.store.ProjectStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dense retrieval over the project's corpus with a bi-encoder of the model library. The documents are embedded as
 * retrieval reads them (title and text joined by a space), in batches, and every batch is kept in the project as
 * soon as it is done — so a cancelled embedding resumes where it stopped and reopening never embeds again. Search is
 * exact for a corpus up to {@link VectorIndex#EXACT_LIMIT} documents and through an HNSW graph beside the project
 * above it.
 */
final class DenseRetrieval {

    /** Documents embedded and kept per batch. */
    static final int BATCH = 512;

    private final RankerService rankers;
    private final ProjectStore store;
    private final Path indexFolder;

    DenseRetrieval(RankerService rankers, ProjectStore store, Path indexFolder) {
        this.rankers = rankers;
        this.store = store;
        this.indexFolder = indexFolder;
    }

    /** Embeds what is missing, opens or builds the index, and searches with {@code modelName}'s query embeddings. */
    Searchers.Searcher searcher(String modelName, RetrievalService.Progress progress,
                                       CancellationToken cancel) {
        BiEncoderReranker model = biEncoder(modelName);
        CorpusRepository corpus = new CorpusRepository(store);
        Map<String, Long> keys = Searchers.corpusKeys(corpus);
        Map<Long, float[]> vectors = embedCorpus(model, corpus, keys, progress, cancel);
        int dimension = vectors.values().iterator().next().length;
        Path dir = indexFolder.resolve("dense-" + folderName(modelName));
        VectorIndex vectorIndex;
        try {
            vectorIndex = VectorIndex.choose(dir, drain(keys, vectors), keys.size(), dimension,
                    corpus.fingerprint() + "|" + model.embeddingKey(),
                    (done, total) -> progress.update("Indexing the embeddings", done, total), cancel);
        } catch (IOException e) {
            throw new RetrievalException("Could not build the vector index in " + dir + ": " + e.getMessage(), e);
        }
        vectors.clear();
        return new Searchers.Searcher() {
            @Override
            public Searchers.Retrieved search(io.rerankworkbench.store.StoredQuery query, int depth,
                                                     CancellationToken c) {
                float[] q = model.embedQuery(query.text(), c);
                return new Searchers.Retrieved(Searchers.docs(vectorIndex.search(q, depth), keys));
            }

            @Override
            public void close() {
                RetrievalService.closeQuietly(vectorIndex);
            }
        };
    }

    /**
     * The vectors in corpus order, each let go of as the index copies it, so the embeddings are not held twice
     * while the index is made.
     */
    private static Iterable<VectorEntry> drain(Map<String, Long> keys, Map<Long, float[]> vectors) {
        return () -> keys.entrySet().stream()
                .map(e -> new VectorEntry(e.getKey(), vectors.remove(e.getValue()))).iterator();
    }

    private BiEncoderReranker biEncoder(String modelName) {
        Reranker r;
        try {
            r = rankers.open(modelName);
        } catch (RuntimeException e) {
            throw new RetrievalException("Cannot use " + modelName + " for dense retrieval: " + e.getMessage(), e);
        }
        if (!(r instanceof BiEncoderReranker bi)) {
            throw new RetrievalException(modelName + " is a cross-encoder: it scores query and document together "
                    + "and has no document embeddings to search. Choose a bi-encoder, such as all-MiniLM-L6-v2-q.",
                    null);
        }
        return bi;
    }

    /** Every corpus document's embedding: kept ones for the current texts, the rest embedded and kept now. */
    private static Map<Long, float[]> embedCorpus(BiEncoderReranker model, CorpusRepository corpus,
                                                  Map<String, Long> keys, RetrievalService.Progress progress,
                                                  CancellationToken cancel) {
        String key = model.embeddingKey();
        Map<Long, float[]> vectors = corpus.currentEmbeddings(key);
        List<Long> missing = keys.values().stream().filter(k -> !vectors.containsKey(k)).toList();
        int total = keys.size();
        int kept = total - missing.size();
        progress.update("Embedding the corpus", kept, total);
        for (int from = 0; from < missing.size(); from += BATCH) {
            if (cancel.isCancelled()) {
                throw new CancelledException();
            }
            List<CorpusRepository.Entry> batch = corpus.entries(missing.subList(from,
                    Math.min(missing.size(), from + BATCH)));
            List<String> batchTexts = batch.stream().map(CorpusRepository.Entry::searchText).toList();
            int base = kept + from;
            float[][] out = model.embedDocuments(batchTexts,
                    (done, all) -> progress.update("Embedding the corpus", base + done, total), cancel);
            List<CorpusRepository.Embedding> keep = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                CorpusRepository.Entry e = batch.get(i);
                keep.add(new CorpusRepository.Embedding(e.documentKey(), CorpusRepository.sha256(batchTexts.get(i)),
                        out[i]));
                vectors.put(e.documentKey(), out[i]);
            }
            corpus.putEmbeddings(key, keep);
        }
        progress.update("Embedding the corpus", total, total);
        return vectors;
    }

    /** A model name as a folder name: letters, digits, dot, dash and underscore kept, the rest as '_'. */
    static String folderName(String model) {
        String s = model.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.length() > 80 ? s.substring(0, 80) + "-" + Integer.toHexString(model.hashCode()) : s;
    }
}
