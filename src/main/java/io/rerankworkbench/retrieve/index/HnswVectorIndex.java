package io.rerankworkbench.retrieve.index;

import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.retrieve.Hit;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Approximate dense retrieval with Lucene's HNSW graph (16 neighbours per node, beam width 100 while building —
 * Lucene's defaults) over unit vectors compared by dot product, in a folder. Each search collects
 * {@code max(2k, 400)} candidates from the graph and returns the best {@code k}. On the
 * benchmark's 100,000 clustered 384-dimensional vectors (docs/benchmarks.md) collecting 100 found 89 % of the exact
 * top 10 and collecting 200 90 % of the exact top 100; collecting 400 finds 94 % and 96 % (p95 7 ms), 800 97 % and
 * 98 % (p95 17 ms). The graph is cheap to walk further, so recall is bought at search time rather than with a
 * slower build (building already takes about 2 ms per vector). Scores are cosine similarities, equal scores ordered
 * by document id.
 *
 * <p>Folder discipline as for {@link Bm25Index}: built in a temporary sibling folder, moved into place when
 * complete, with a meta file (fingerprint, dimension, graph parameters, count, Lucene version) that
 * {@link #openIfCurrent} checks. Searching is thread-safe; building runs on the caller's thread with progress and
 * cancellation checks every 256 vectors.
 */
public final class HnswVectorIndex implements VectorIndex {

    /** The most dimensions Lucene's HNSW format accepts. */
    public static final int MAX_DIMENSION = 1024;
    /** Candidates collected per search, at least: recall against exact search rises with it. */
    static final int MIN_FETCH = 400;

    private static final String KIND = "hnsw";
    private static final String ID = "id";
    private static final String VECTOR = "vector";
    // The vectors of a whole 100,000-document corpus fit the buffer, so the graph is built once rather than
    // rebuilt when flushed segments merge.
    private static final double RAM_BUFFER_MB = 256;
    private static final Logger LOG = LoggerFactory.getLogger(HnswVectorIndex.class);

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final String[] ids;
    private final int dimension;

    private HnswVectorIndex(Directory directory, DirectoryReader reader, String[] ids, int dimension) {
        this.directory = directory;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.ids = ids;
        this.dimension = dimension;
    }

    /**
     * Builds the graph of {@code count} vectors into {@code dir}, replacing whatever was there, and opens it. The
     * entries are iterated once.
     *
     * @param fingerprint the caller's fingerprint of the vectors (corpus and model); {@link #openIfCurrent}
     *                    compares it
     * @throws IllegalArgumentException when the entries are not exactly {@code count}, a vector has another
     *                                  dimension or a non-finite component, two share an id, or the dimension is
     *                                  above {@link #MAX_DIMENSION}
     * @throws io.rerankworkbench.rerank.CancelledException when cancelled; {@code dir} is then left as it was
     * @throws IOException when the folder can't be written, or {@code dir} exists and holds files that are not an
     *                     index's
     */
    public static HnswVectorIndex build(Path dir, Iterable<VectorEntry> entries, int count, int dimension,
                                        String fingerprint, ProgressListener progress, CancellationToken cancel)
            throws IOException {
        Objects.requireNonNull(entries, "entries");
        checkDimension(dimension);
        IndexFolder.build(dir, KIND, fingerprint, meta(dimension),
                folder -> fill(folder, entries, count, dimension, progress, cancel));
        return openIfCurrent(dir, fingerprint, dimension).orElseThrow(
                () -> new IOException("the vector index just built in " + dir + " could not be opened"));
    }

    /**
     * Opens the graph in {@code dir} when it was built from vectors with this {@code fingerprint} and dimension by
     * this Lucene version; empty when missing, stale or unreadable.
     */
    public static Optional<HnswVectorIndex> openIfCurrent(Path dir, String fingerprint, int dimension) {
        checkDimension(dimension);
        Optional<IndexFolder.Meta> meta = IndexFolder.current(dir, KIND, fingerprint, meta(dimension));
        if (meta.isEmpty()) {
            return Optional.empty();
        }
        Directory directory = null;
        DirectoryReader reader = null;
        try {
            directory = FSDirectory.open(dir);
            reader = DirectoryReader.open(directory);
            if (reader.numDocs() != meta.get().documents() || reader.maxDoc() != reader.numDocs()) {
                throw new IOException(reader.numDocs() + " vectors, the meta file says " + meta.get().documents());
            }
            // Ids by Lucene doc number, read once: a search then needs no stored-field lookups.
            String[] ids = new String[reader.maxDoc()];
            StoredFields stored = reader.storedFields();
            Set<String> idOnly = Set.of(ID);
            for (int doc = 0; doc < ids.length; doc++) {
                ids[doc] = stored.document(doc, idOnly).get(ID);
            }
            return Optional.of(new HnswVectorIndex(directory, reader, ids, dimension));
        } catch (IOException | RuntimeException e) {
            LOG.info("vector index {} is unreadable, it will be rebuilt: {}", dir, e.toString());
            try (Directory d = directory; DirectoryReader r = reader) {
                // close what was opened
            } catch (IOException ignored) {
                // already failing; the caller rebuilds
            }
            return Optional.empty();
        }
    }

    @Override
    public List<Hit> search(float[] query, int k) {
        Vectors.checkK(k);
        float[] q = Vectors.normalized(query, dimension, "the query");
        int fetch = Math.max(2 * k, MIN_FETCH);
        try {
            TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, q, fetch), fetch);
            List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) {
                // Lucene scores unit vectors as (1 + dot) / 2; give back the cosine like exact search.
                hits.add(new Hit(ids[sd.doc], 2.0 * sd.score - 1.0));
            }
            hits.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::docId));
            return hits.size() > k ? List.copyOf(hits.subList(0, k)) : hits;
        } catch (IOException e) {
            throw new UncheckedIOException("searching the vector index failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int size() {
        return ids.length;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void close() throws IOException {
        try (directory; reader) {
            // closes both, the reader first
        }
    }

    private static Map<String, String> meta(int dimension) {
        return Map.of("dimension", Integer.toString(dimension), "similarity", "dot_product", "maxConn", "16",
                "beamWidth", "100");
    }

    private static void checkDimension(int dimension) {
        Vectors.checkDimension(dimension);
        if (dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("the HNSW index takes at most " + MAX_DIMENSION
                    + " dimensions, got " + dimension);
        }
    }

    private static long fill(Path folder, Iterable<VectorEntry> entries, int count, int dimension,
                             ProgressListener progress, CancellationToken cancel) throws IOException {
        try (Directory dir = FSDirectory.open(folder)) {
            IndexWriterConfig config = new IndexWriterConfig()
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(RAM_BUFFER_MB);
            IndexWriter writer = new IndexWriter(dir, config);
            boolean complete = false;
            try {
                Map<String, Integer> seen = new HashMap<>();
                int n = 0;
                for (VectorEntry e : entries) {
                    if (n == count) {
                        throw new IllegalArgumentException("more than the " + count + " vectors announced");
                    }
                    String what = "vector " + (n + 1) + " (" + e.id() + ")";
                    Integer earlier = seen.putIfAbsent(e.id(), n + 1);
                    if (earlier != null) {
                        throw new IllegalArgumentException(what + ": id already used by vector " + earlier);
                    }
                    float[] unit = Vectors.normalized(e.vector(), dimension, what);
                    Document doc = new Document();
                    doc.add(new StoredField(ID, e.id()));
                    doc.add(new KnnFloatVectorField(VECTOR, unit, VectorSimilarityFunction.DOT_PRODUCT));
                    writer.addDocument(doc);
                    if (++n % Bm25Index.CHECK_EVERY == 0) {
                        cancel.throwIfCancelled();
                        progress.progress(n, count);
                    }
                }
                if (n != count) {
                    throw new IllegalArgumentException(n + " vectors given, " + count + " announced");
                }
                cancel.throwIfCancelled();
                writer.forceMerge(1);
                writer.commit();
                progress.progress(n, count);
                complete = true;
                return n;
            } finally {
                if (complete) {
                    writer.close();
                } else {
                    writer.rollback();
                }
            }
        }
    }
}
