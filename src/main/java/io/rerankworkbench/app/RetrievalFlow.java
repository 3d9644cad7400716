package io.rerankworkbench.app;

import io.rerankworkbench.io.imports.CorpusImport;
import io.rerankworkbench.io.imports.ImportOptions;
import io.rerankworkbench.io.imports.ImportProblem;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ModelKind;
import io.rerankworkbench.store.CorpusRepository;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.StoredRun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Retrieval as the window's Retrieve candidates… dialog does it, on whatever project {@link ProjectService} has
 * open: what there is to retrieve with (the corpus, the bi-encoders, the kept rankers to fuse, the search engines),
 * the corpus import, and the retrieval itself through {@link RetrievalService}.
 *
 * <p>Threading: every method blocks on the project file, a model or the network — call {@link #retrieve} on
 * {@link #lane}, the rest on the IO lane.
 */
public final class RetrievalFlow {

    private final Supplier<ProjectStore> store;
    private final RetrievalService retrieval;
    private final RankerService rankers;
    private final Supplier<List<String>> engines;

    /**
     * @param engines the names of the saved search engines (read on the IO lane)
     */
    public RetrievalFlow(ProjectService projects, RetrievalService retrieval, RankerService rankers,
                         Supplier<List<String>> engines) {
        this(Objects.requireNonNull(projects, "projects")::store, retrieval, rankers, engines);
    }

    /** A flow on one open project file (tests, tools). */
    public static RetrievalFlow on(ProjectStore store, RetrievalService retrieval, RankerService rankers,
                                   Supplier<List<String>> engines) {
        Objects.requireNonNull(store, "store");
        return new RetrievalFlow(() -> store, retrieval, rankers, engines);
    }

    private RetrievalFlow(Supplier<ProjectStore> store, RetrievalService retrieval, RankerService rankers,
                          Supplier<List<String>> engines) {
        this.store = store;
        this.retrieval = Objects.requireNonNull(retrieval, "retrieval");
        this.rankers = Objects.requireNonNull(rankers, "rankers");
        this.engines = Objects.requireNonNull(engines, "engines");
    }

    /** What the dialog offers. */
    public record Choices(int corpusDocuments, boolean bm25Current, List<String> biEncoders,
                          List<String> keptRankers, List<String> engines) {
    }

    /**
     * The corpus size, the bi-encoders of the library (the default first; models whose kind is not known yet are
     * offered too: loading tells), the rankers with completed runs in the project ({@code KIND:MODEL}, in the order
     * first kept) and the saved search engines.
     */
    public Choices choices() {
        ProjectStore s = store.get();
        RetrievalService.CorpusStatus status = retrieval.corpusStatus(s);
        List<String> bi = new ArrayList<>();
        for (ModelEntry m : rankers.library()) {
            if (m.kind().map(k -> k == ModelKind.BI_ENCODER).orElse(true)) {
                bi.add(m.name());
            }
        }
        // The fast int8 model first: it is the one made for corpus-sized work.
        if (bi.remove(RetrievalService.FAST_MODEL)) {
            bi.add(0, RetrievalService.FAST_MODEL);
        }
        Set<String> kept = new LinkedHashSet<>();
        for (StoredQuery q : s.listQueries()) {
            for (StoredRun run : s.runs(q.id())) {
                if (run.status() == RunStatus.COMPLETED) {
                    kept.add(run.ranking().ranker() + ":" + run.ranking().model());
                }
            }
        }
        return new Choices(status.documents(), status.bm25Current(), bi, List.copyOf(kept), engines.get());
    }

    /** The lane {@link #retrieve} runs on: inference for dense retrieval, IO for the rest. */
    public static Lane lane(RetrievalService.Method method) {
        return method instanceof RetrievalService.Dense ? Lane.INFERENCE : Lane.IO;
    }

    /**
     * What a corpus import did: documents added (or why none were), in words; {@code skipMayHelp} when leaving the
     * bad rows out would import the rest.
     */
    public record CorpusOutcome(boolean added, String summary, List<ImportProblem> problems, boolean skipMayHelp) {
    }

    /**
     * Reads a corpus file or BEIR folder and adds it to the project's corpus, all or none.
     *
     * @param cancelled polled while reading
     */
    public CorpusOutcome importCorpus(Path source, boolean skipBadRows, RetrievalService.Progress progress,
                                      BooleanSupplier cancelled) {
        String name = source.getFileName() == null ? source.toString() : source.getFileName().toString();
        CorpusImport.Result read = retrieval.readCorpus(source, CorpusImport.Columns.DEFAULT, ImportOptions.defaults()
                .withSkipBadRows(skipBadRows).withCancelled(cancelled)
                .withProgress((rows, bytes, total) -> progress.update("Reading " + name, bytes,
                        Math.max(bytes, total))));
        if (!read.ok()) {
            long n = ImportProblem.count(read.problems());
            return new CorpusOutcome(false, n + " problem" + (n == 1 ? "" : "s") + " in " + name
                    + "; nothing was added.", read.problems(), !read.fatal());
        }
        CorpusRepository.AddReport r = retrieval.addToCorpus(store.get(), read.documents(),
                (done, total) -> progress.update("Adding to the corpus", done, total));
        String summary = String.format(Locale.ROOT, "%,d document%s added to the corpus from %s", r.added(),
                r.added() == 1 ? "" : "s", name);
        if (r.unchanged() > 0) {
            summary += String.format(Locale.ROOT, " (%,d were already in it)", r.unchanged());
        }
        if (read.skippedRows() > 0) {
            summary += String.format(Locale.ROOT, "; %,d bad row%s left out", read.skippedRows(),
                    read.skippedRows() == 1 ? "" : "s");
        }
        return new CorpusOutcome(true, summary + ".", read.problems(), false);
    }

    /** Retrieves into the open project; see {@link RetrievalService#retrieve}. */
    public RetrievalService.Report retrieve(RetrievalService.Request request, RetrievalService.Progress progress,
                                            CancellationToken cancel) {
        return retrieval.retrieve(store.get(), request, progress, cancel);
    }
}
