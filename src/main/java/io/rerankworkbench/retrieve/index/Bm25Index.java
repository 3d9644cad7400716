package io.rerankworkbench.retrieve.index;

import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.retrieve.CorpusDocument;
import io.rerankworkbench.retrieve.Hit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A BM25 index of a corpus in a folder (Lucene, memory-mapped).
 *
 * <p>Each document is indexed as one analysed field, its title and text joined with one space (just the text when
 * the title is empty), plus its id. Scores are Lucene 9's BM25: for each query term,
 * {@code idf · tf / (tf + k1 · (1 − b + b · dl / avgdl))} with {@code idf = ln(1 + (N − n + 0.5) / (n + 0.5))} —
 * without the constant {@code (k1 + 1)} factor of the textbook formula, which doesn't change the order. Document
 * lengths are stored lossily (Lucene's one-byte norms), as in every Lucene-based BM25 baseline.
 *
 * <p>Folder discipline: {@link #build} writes into a temporary sibling folder and moves it into place only when it
 * is complete, with a meta file recording the caller's corpus fingerprint, the settings, the document count and
 * the Lucene version; {@link #openIfCurrent} uses a folder only when all of those match, so a stale or half-built
 * index is never used. Close an open index before rebuilding its folder.
 *
 * <p>Threading: {@link #search} and {@link #explain} may be called from any number of threads at once (but not
 * after or during {@link #close}); building
 * runs on the caller's thread and reports progress and checks for cancellation every 256
 * documents.
 */
public final class Bm25Index implements Closeable {

    static final String ID = "id";
    static final String BODY = "body";
    static final int CHECK_EVERY = 256;
    private static final String KIND = "bm25";
    private static final double RAM_BUFFER_MB = 64;
    private static final Sort BY_SCORE_THEN_ID = new Sort(SortField.FIELD_SCORE, new SortField(ID,
            SortField.Type.STRING));
    private static final Logger LOG = LoggerFactory.getLogger(Bm25Index.class);

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Analyzer analyzer;
    private final Bm25Settings settings;
    private final String fingerprint;

    private Bm25Index(Directory directory, DirectoryReader reader, Bm25Settings settings, String fingerprint) {
        this.directory = directory;
        this.reader = reader;
        this.settings = settings;
        this.fingerprint = fingerprint;
        this.analyzer = analyzer(settings.analysis());
        this.searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity(settings.k1(), settings.b()));
    }

    /**
     * Indexes {@code corpus} into {@code dir}, replacing whatever index was there, and opens it. The documents are
     * read one at a time from the iterable (it is iterated once), so a large corpus is never held in memory as a
     * whole.
     *
     * @param dir         the index folder (its parent is created when missing)
     * @param corpus      the documents; ids must be unique
     * @param total       how many documents the corpus holds, for progress only
     * @param fingerprint the caller's fingerprint of the corpus; {@link #openIfCurrent} compares it
     * @param settings    analysis and BM25 parameters
     * @param progress    told documents done / {@code total}
     * @param cancel      polled every few hundred documents
     * @throws io.rerankworkbench.rerank.CancelledException when cancelled; {@code dir} is then left as it was
     * @throws IllegalArgumentException when two documents share an id
     * @throws IOException when the folder can't be written, or {@code dir} exists and holds files that are not an
     *                     index's (a build replaces the whole folder, so it must be the index's own)
     */
    public static Bm25Index build(Path dir, Iterable<CorpusDocument> corpus, long total, String fingerprint,
                                  Bm25Settings settings, ProgressListener progress, CancellationToken cancel)
            throws IOException {
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(settings, "settings");
        IndexFolder.build(dir, KIND, fingerprint, settings.asMeta(),
                folder -> fill(folder, corpus, total, settings, progress, cancel));
        return openIfCurrent(dir, fingerprint, settings).orElseThrow(
                () -> new IOException("the index just built in " + dir + " could not be opened"));
    }

    /**
     * Opens the index in {@code dir} when it was built from the corpus with this {@code fingerprint} and these
     * {@code settings} by this Lucene version. Empty when the folder is missing, stale or unreadable: the caller
     * then builds it again.
     */
    public static Optional<Bm25Index> openIfCurrent(Path dir, String fingerprint, Bm25Settings settings) {
        Objects.requireNonNull(settings, "settings");
        Optional<IndexFolder.Meta> meta = IndexFolder.current(dir, KIND, fingerprint, settings.asMeta());
        if (meta.isEmpty()) {
            return Optional.empty();
        }
        Directory directory = null;
        try {
            directory = FSDirectory.open(dir);
            DirectoryReader reader = DirectoryReader.open(directory);
            if (reader.numDocs() != meta.get().documents()) {
                LOG.info("index {} holds {} documents, its meta file says {}: rebuilding", dir, reader.numDocs(),
                        meta.get().documents());
                reader.close();
                directory.close();
                return Optional.empty();
            }
            return Optional.of(new Bm25Index(directory, reader, settings, fingerprint));
        } catch (IOException | RuntimeException e) {
            LOG.info("index {} is unreadable, the index will be rebuilt: {}", dir, e.toString());
            closeQuietly(directory);
            return Optional.empty();
        }
    }

    /**
     * The {@code k} best documents for {@code query}, best first; equal scores are ordered by document id. The
     * query goes through the index's analysis and its terms are OR-ed (a term that occurs twice counts twice). A
     * query with no terms left after analysis (empty, or only stop words) returns an empty list. Text is never
     * parsed as query syntax. A query of more than 1,024 distinct terms (Lucene's clause limit; a pasted document)
     * is searched with its first 1,024.
     *
     * @throws IllegalArgumentException when {@code k < 1}
     */
    public List<Hit> search(String query, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        Optional<Query> parsed = toQuery(query);
        if (parsed.isEmpty()) {
            return List.of();
        }
        try {
            TopDocs top = searcher.search(parsed.get(), k, BY_SCORE_THEN_ID, true);
            List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) {
                BytesRef id = (BytesRef) ((FieldDoc) sd).fields[1];
                hits.add(new Hit(id.utf8ToString(), sd.score));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("searching the index failed: " + e.getMessage(), e);
        }
    }

    /**
     * How {@code docId} scores for {@code query}: Lucene's explanation of the BM25 sum, with the same value
     * {@link #search} gives. Empty when no document has that id.
     */
    public Optional<ScoreExplanation> explain(String query, String docId) {
        try {
            TopDocs found = searcher.search(new TermQuery(new Term(ID, docId)), 1);
            if (found.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Optional<Query> parsed = toQuery(query);
            if (parsed.isEmpty()) {
                return Optional.of(new ScoreExplanation(0, "0.0 = the query has no terms after analysis"));
            }
            Explanation e = searcher.explain(parsed.get(), found.scoreDocs[0].doc);
            return Optional.of(new ScoreExplanation(e.getValue().doubleValue(), e.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("explaining a score failed: " + e.getMessage(), e);
        }
    }

    /** The terms {@code text} becomes under {@code analysis}, in order (what is indexed and searched). */
    public static List<String> analyze(Bm25Settings.Analysis analysis, String text) {
        try (Analyzer a = analyzer(analysis)) {
            return terms(a, text);
        }
    }

    /** How many documents the index holds. */
    public int size() {
        return reader.numDocs();
    }

    public Bm25Settings settings() {
        return settings;
    }

    /** The corpus fingerprint the index was built from. */
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public void close() throws IOException {
        try (directory; reader; analyzer) {
            // closes all three, in reverse order
        }
    }

    private Optional<Query> toQuery(String text) {
        Objects.requireNonNull(text, "query");
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String term : terms(analyzer, text)) {
            counts.merge(term, 1, Integer::sum);
        }
        if (counts.isEmpty()) {
            return Optional.empty();
        }
        // BooleanQuery allows 1,024 clauses; a longer query (a pasted document) keeps its first distinct terms.
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        int clauses = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (clauses++ == IndexSearcher.getMaxClauseCount()) {
                break;
            }
            Query term = new TermQuery(new Term(BODY, e.getKey()));
            builder.add(e.getValue() == 1 ? term : new BoostQuery(term, e.getValue()), BooleanClause.Occur.SHOULD);
        }
        return Optional.of(builder.build());
    }

    private static long fill(Path folder, Iterable<CorpusDocument> corpus, long total, Bm25Settings settings,
                             ProgressListener progress, CancellationToken cancel) throws IOException {
        try (Directory dir = FSDirectory.open(folder); Analyzer analyzer = analyzer(settings.analysis())) {
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setSimilarity(new BM25Similarity(settings.k1(), settings.b()))
                    .setRAMBufferSizeMB(RAM_BUFFER_MB);
            IndexWriter writer = new IndexWriter(dir, config);
            boolean complete = false;
            try {
                Map<String, Long> seen = new HashMap<>();
                long done = 0;
                for (CorpusDocument d : corpus) {
                    Long earlier = seen.putIfAbsent(d.id(), done + 1);
                    if (earlier != null) {
                        throw new IllegalArgumentException("document " + (done + 1) + ": id '" + d.id()
                                + "' is already used by document " + earlier);
                    }
                    Document doc = new Document();
                    doc.add(new StringField(ID, d.id(), Field.Store.YES));
                    doc.add(new SortedDocValuesField(ID, new BytesRef(d.id())));
                    doc.add(new TextField(BODY, d.searchableText(), Field.Store.NO));
                    writer.addDocument(doc);
                    if (++done % CHECK_EVERY == 0) {
                        cancel.throwIfCancelled();
                        progress.progress(done, Math.max(total, done));
                    }
                }
                cancel.throwIfCancelled();
                // One segment: searches visit one posting list per term instead of one per segment.
                writer.forceMerge(1);
                writer.commit();
                progress.progress(done, Math.max(total, done));
                complete = true;
                return done;
            } finally {
                if (complete) {
                    writer.close();
                } else {
                    writer.rollback();
                }
            }
        }
    }

    static Analyzer analyzer(Bm25Settings.Analysis analysis) {
        return switch (analysis) {
            case ENGLISH -> new EnglishAnalyzer();
            case STANDARD -> new StandardAnalyzer(CharArraySet.EMPTY_SET);
        };
    }

    private static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(BODY, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing text failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing; the caller rebuilds
            }
        }
    }
}
