package io.rerankworkbench.app;

import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.retrieve.CorpusDocument;
import io.rerankworkbench.retrieve.Fusion;
import io.rerankworkbench.retrieve.Hit;
import io.rerankworkbench.retrieve.index.Bm25Index;
import io.rerankworkbench.retrieve.index.Bm25Settings;
import io.rerankworkbench.store.CorpusRepository;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.StoredRun;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * The first-stage searchers behind {@link RetrievalService#retrieve}: one per method, each turning a query into
 * retrieved documents of the project — BM25 over the corpus's Lucene index, fusion of a query's kept runs, a search
 * engine's hits (dense retrieval is {@link DenseRetrieval}). Blocking, like the service.
 */
final class Searchers {

    private Searchers() {
    }

    /** One retrieved document: its key in the project, its id and text, its score. */
    record Doc(long key, String id, String text, double score) {
    }

    record Retrieved(List<Doc> documents) {
    }

    /** A problem with one query only: reported in its outcome, the others go on. */
    static final class QueryProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QueryProblem(String message) {
            super(message, null, false, false);
        }
    }

    /** Retrieves for one query at a time. */
    interface Searcher extends AutoCloseable {
        Retrieved search(StoredQuery query, int depth, CancellationToken cancel);

        @Override
        default void close() {
        }
    }

    static Searcher bm25Searcher(ProjectStore store, Bm25Settings settings, RetrievalService.Progress progress,
                                  CancellationToken cancel) {
        CorpusRepository corpus = new CorpusRepository(store);
        Map<String, Long> keys = corpusKeys(corpus);
        Bm25Index index = openOrBuildBm25(store, corpus, keys.size(), settings, progress, cancel);
        return new Searcher() {
            @Override
            public Retrieved search(StoredQuery query, int depth, CancellationToken c) {
                return new Retrieved(docs(index.search(query.text(), depth), keys));
            }

            @Override
            public void close() {
                RetrievalService.closeQuietly(index);
            }
        };
    }

    private static Bm25Index openOrBuildBm25(ProjectStore store, CorpusRepository corpus, int size,
                                             Bm25Settings settings, RetrievalService.Progress progress, CancellationToken cancel) {
        String fingerprint = corpus.fingerprint();
        Path dir = RetrievalService.indexFolder(store.file()).resolve(settings.equals(Bm25Settings.DEFAULTS) ? "bm25"
                : "bm25-" + Integer.toHexString(settings.hashCode()));
        Optional<Bm25Index> current = Bm25Index.openIfCurrent(dir, fingerprint, settings);
        if (current.isPresent()) {
            return current.get();
        }
        try {
            return Bm25Index.build(dir, pages(corpus), size, fingerprint, settings,
                    (done, total) -> progress.update("Indexing the corpus", done, total), cancel);
        } catch (IOException e) {
            throw new RetrievalException("Could not build the BM25 index in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The corpus read a page at a time, so a big corpus is never held in memory while it is indexed. */
    static Iterable<CorpusDocument> pages(CorpusRepository corpus) {
        return () -> new Iterator<>() {
            private static final int PAGE = 2_000;
            private List<CorpusRepository.Entry> page = List.of();
            private int next;
            private long read;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next < page.size()) {
                    return true;
                }
                if (done) {
                    return false;
                }
                page = corpus.page(read, PAGE);
                read += page.size();
                next = 0;
                done = page.size() < PAGE;
                return !page.isEmpty();
            }

            @Override
            public CorpusDocument next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CorpusRepository.Entry e = page.get(next++);
                return new CorpusDocument(e.id(), e.title() == null ? "" : e.title(),
                        e.text());
            }
        };
    }

    /** The corpus's ids and keys; refuses an empty corpus with what to do about it. */
    static Map<String, Long> corpusKeys(CorpusRepository corpus) {
        Map<String, Long> keys = corpus.keys();
        if (keys.isEmpty()) {
            throw new RetrievalException("The project has no corpus to retrieve from: import one first "
                    + "(Run → Retrieve candidates… → Import corpus…, or `project corpus FILE.rwb --add CORPUS`).", null);
        }
        return keys;
    }

    /**
     * Hits as retrieved documents. The texts are not read: a run keeps ids and scores, and the texts stay in the
     * project, so a corpus of any size is not held in memory to name its hits.
     */
    static List<Doc> docs(List<Hit> hits, Map<String, Long> keys) {
        List<Doc> out = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            Long key = keys.get(h.docId());
            if (key != null) {
                out.add(new Doc(key, h.docId(), "", h.score()));
            }
        }
        return out;
    }

    static Searcher fusionSearcher(ProjectStore store, RetrievalService.Fused fused) {
        return (query, depth, cancel) -> {
            Map<String, StoredCandidate> candidates = new HashMap<>();
            for (StoredCandidate c : store.candidates(query.id())) {
                candidates.putIfAbsent(c.candidate().docId(), c);
            }
            List<StoredRun> runs = store.runs(query.id());
            List<List<Hit>> lists = new ArrayList<>();
            for (String ranker : fused.rankers()) {
                StoredRun run = newestRun(runs, ranker).orElseThrow(() -> new QueryProblem(query.externalId()
                        + " has no completed run of " + ranker + " to fuse"));
                List<Hit> hits = new ArrayList<>();
                for (ScoredCandidate sc : run.ranking().results()) {
                    hits.add(new Hit(sc.candidate().docId(), sc.score()));
                }
                lists.add(hits);
            }
            List<Hit> fusedHits = fused.weights() == null ? Fusion.rrf(lists, fused.rrfK(), depth)
                    : Fusion.weighted(lists, fused.weights(), fused.normalization(), depth);
            List<Doc> out = new ArrayList<>();
            for (Hit h : fusedHits) {
                StoredCandidate c = candidates.get(h.docId());
                if (c != null) {
                    out.add(new Doc(c.documentId(), h.docId(), c.candidate().text(), h.score()));
                }
            }
            return new Retrieved(out);
        };
    }

    /** The newest completed run of {@code ranker} ({@code KIND:MODEL} or a model name) among a query's runs. */
    static Optional<StoredRun> newestRun(List<StoredRun> runs, String ranker) {
        String r = ranker.strip();
        int colon = r.indexOf(':');
        String kind = colon > 0 ? r.substring(0, colon).strip() : null;
        String model = colon > 0 ? r.substring(colon + 1).strip() : r;
        StoredRun best = null;
        for (StoredRun run : runs) {
            boolean match = run.status() == RunStatus.COMPLETED && run.ranking().model().equals(model)
                    && (kind == null || run.ranking().ranker().equalsIgnoreCase(kind));
            if (match && (best == null || run.id() > best.id())) {
                best = run;
            }
        }
        return Optional.ofNullable(best);
    }

    static Searcher engineSearcher(ProjectStore store, RetrievalService.Engines engines, String name) {
        return (query, depth, cancel) -> {
            List<RetrievalService.EngineHit> hits;
            try {
                hits = engines.search(name, query.text(), depth, cancel);
            } catch (IOException e) {
                throw new RetrievalException(e.getMessage(), e);
            }
            // The engine's documents join the project (shared with an identical document already in it).
            List<CorpusRepository.NewDocument> docs = new ArrayList<>(hits.size());
            Set<String> seen = new HashSet<>();
            List<RetrievalService.EngineHit> unique = new ArrayList<>();
            for (RetrievalService.EngineHit h : hits) {
                if (seen.add(h.id())) {
                    unique.add(h);
                    docs.add(new CorpusRepository.NewDocument(h.id(), h.title(), h.text()));
                }
            }
            long[] keys = new CorpusRepository(store).documentKeys(docs);
            List<Doc> out = new ArrayList<>(unique.size());
            for (int i = 0; i < unique.size(); i++) {
                out.add(new Doc(keys[i], unique.get(i).id(), unique.get(i).text(), unique.get(i).score()));
            }
            return new Retrieved(out);
        };
    }
}
