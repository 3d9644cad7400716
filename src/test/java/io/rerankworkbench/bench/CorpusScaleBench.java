package io.rerankworkbench.bench;

import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.app.RetrievalService;
import io.rerankworkbench.io.QueryFiles;
import io.rerankworkbench.io.imports.CorpusImport;
import io.rerankworkbench.io.imports.ImportOptions;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.local.BiEncoderReranker;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.store.CorpusRepository;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.StoredRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Dense retrieval over a big corpus through the app's own path ({@code RetrievalService}, a project file, kept
 * embeddings), in one JVM: how fast the int8 bi-encoder embeds this corpus's documents (on a sample, so the cost of
 * the whole corpus can be told without spending it), then retrieval for every query with every document's embedding
 * already kept — loading the embeddings, the index, and per query the query's embedding and the search — and the
 * peak resident memory of the whole process.
 *
 * <p>The kept embeddings are clustered random unit vectors written under the model's own key, so the retrieval path
 * is exactly the app's; only their values are not the model's. Arguments: CORPUS.jsonl QUERIES.jsonl [sample].
 * Not a test; see docs/benchmarks.md ("Retrieval at corpus scale").
 */
public final class CorpusScaleBench {

    private CorpusScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        Path corpusFile = Path.of(args[0]);
        List<Query> queries = QueryFiles.read(Path.of(args[1]));
        int sample = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Path dir = Files.createTempDirectory("rwb-scale");
        RankerService rankers = new RankerService(ModelLibraryStore.inMemory(), EngineSettings.DEFAULT);
        RetrievalService retrieval = new RetrievalService(rankers, null);
        try (ProjectStore store = ProjectStore.create(dir.resolve("scale.rwb"))) {
            long t0 = System.nanoTime();
            CorpusImport.Result read = retrieval.readCorpus(corpusFile, CorpusImport.Columns.DEFAULT,
                    ImportOptions.defaults());
            int documents = read.documents().size();
            retrieval.addToCorpus(store, read.documents(), ImportProgress.NONE);
            read = null; // as in the app: what was read is dropped once it is kept
            for (Query q : queries) {
                store.addQuery(q.id(), q.text());
            }
            System.out.printf(Locale.ROOT, "corpus: %,d documents read and kept in %.1f s%n",
                    documents, (System.nanoTime() - t0) / 1e9);

            BiEncoderReranker model = (BiEncoderReranker) rankers.open(RetrievalService.FAST_MODEL);
            CorpusRepository corpus = new CorpusRepository(store);
            int size = corpus.size();
            List<String> texts = corpus.page(0, sample).stream().map(CorpusRepository.Entry::searchText).toList();
            model.embedDocuments(texts.subList(0, 32), ProgressListener.NONE, CancellationToken.NONE);
            long e0 = System.nanoTime();
            model.embedDocuments(texts, ProgressListener.NONE, CancellationToken.NONE);
            double seconds = (System.nanoTime() - e0) / 1e9;
            System.out.printf(Locale.ROOT, "embedding with %s: %d documents in %.1f s = %.1f docs/s; the whole "
                            + "corpus would take about %.0f min%n", RetrievalService.FAST_MODEL, sample, seconds,
                    sample / seconds, size / (sample / seconds) / 60);

            // Every document's embedding kept under the model's key, as a finished embedding run leaves them.
            Random random = new Random(5);
            float[][] centres = new float[64][384];
            for (float[] c : centres) {
                for (int j = 0; j < c.length; j++) {
                    c[j] = (float) random.nextGaussian();
                }
            }
            long f0 = System.nanoTime();
            List<CorpusRepository.Embedding> batch = new ArrayList<>();
            for (long after = 0; after < size; after += 5_000) {
              for (CorpusRepository.Entry e : corpus.page(after, 5_000)) {
                float[] centre = centres[random.nextInt(centres.length)];
                float[] v = new float[384];
                double norm = 0;
                for (int j = 0; j < v.length; j++) {
                    v[j] = centre[j] + (float) (0.8 * random.nextGaussian());
                    norm += v[j] * v[j];
                }
                for (int j = 0; j < v.length; j++) {
                    v[j] /= (float) Math.sqrt(norm);
                }
                batch.add(new CorpusRepository.Embedding(e.documentKey(), CorpusRepository.sha256(e.searchText()),
                        v));
              }
              corpus.putEmbeddings(model.embeddingKey(), batch);
              batch.clear();
            }
            System.out.printf(Locale.ROOT, "embeddings kept in the project in %.1f s%n",
                    (System.nanoTime() - f0) / 1e9);

            long r0 = System.nanoTime();
            RetrievalService.Report report = retrieval.retrieve(store, new RetrievalService.Request(
                            new RetrievalService.Dense(RetrievalService.FAST_MODEL), 100, List.of()),
                    RetrievalService.Progress.NONE, CancellationToken.NONE);
            double total = (System.nanoTime() - r0) / 1e9;
            double[] perQuery = new double[queries.size()];
            int i = 0;
            for (StoredQuery q : store.listQueries()) {
                List<StoredRun> runs = store.runs(q.id());
                perQuery[i++] = runs.get(runs.size() - 1).ranking().elapsed().toNanos() / 1e6;
            }
            Arrays.sort(perQuery);
            System.out.printf(Locale.ROOT, "dense retrieval, top 100 for %d queries: %.1f s in all (embeddings "
                            + "loaded, index made, candidates and runs kept); per query (query embedding + search) "
                            + "p50 %.1f ms, p95 %.1f ms; %s%n", report.retrievedQueries(), total,
                    perQuery[perQuery.length / 2], perQuery[(int) Math.ceil(perQuery.length * 0.95) - 1],
                    report.summary());
            System.out.printf(Locale.ROOT, "peak resident memory: %s%n", peak());
        } finally {
            rankers.close();
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String peak() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                long kb = Long.parseLong(line.replaceAll("\\D", ""));
                return String.format(Locale.ROOT, "%,d MB", kb / 1024);
            }
        }
        return "unknown";
    }
}
