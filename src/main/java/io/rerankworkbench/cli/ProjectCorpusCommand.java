package io.rerankworkbench.cli;

import io.rerankworkbench.app.RetrievalService;
import io.rerankworkbench.io.imports.CorpusImport;
import io.rerankworkbench.io.imports.ImportOptions;
import io.rerankworkbench.io.imports.ImportProblem;
import io.rerankworkbench.store.CorpusRepository;
import io.rerankworkbench.store.ProjectOpenException;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;

/** {@code project corpus FILE.rwb [--add SOURCE]}: shows or grows the project's corpus. */
@Command(name = "corpus",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Show the project's corpus (the documents BM25 and dense retrieval search), or add documents to it "
                    + "with --add: JSON Lines with _id (or id, doc_id), text and an optional title (a BEIR "
                    + "corpus.jsonl), a BEIR dataset folder, or CSV/TSV with a header row.",
            "Everything is checked first: with a problem (listed on stderr as file:line: problem) nothing is added. "
                    + "A document id the corpus holds with the same text is left as it is; with another text the "
                    + "addition is refused."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the corpus was shown, or the documents were added",
            "1:an unexpected failure (set RWB_DEBUG=1 for a stack trace)",
            "2:bad arguments, a project that cannot be opened, or a source with problems; nothing was added"})
final class ProjectCorpusCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;
    private final ContextSource contexts;

    @Parameters(index = "0", paramLabel = "FILE.rwb", description = "The project.")
    Path project;

    @Option(names = "--add", paramLabel = "SOURCE", description = "A corpus file or BEIR folder to add.")
    Path add;

    @Option(names = "--id-column", paramLabel = "NAME", description = "CSV/TSV: the id column (default: the first "
            + "of _id, id, doc_id, docid).")
    String idColumn;

    @Option(names = "--title-column", paramLabel = "NAME", description = "CSV/TSV: the title column (default: "
            + "title, when there is one).")
    String titleColumn;

    @Option(names = "--text-column", paramLabel = "NAME", description = "CSV/TSV: the text column (default: the "
            + "first of text, body, contents, content).")
    String textColumn;

    @Option(names = "--skip-bad-rows", description = "Leave out documents with problems (still listed on stderr) "
            + "and add the rest.")
    boolean skipBadRows;

    ProjectCorpusCommand(PrintStream out, PrintStream err, ContextSource contexts) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    @Override
    public Integer call() throws CliException {
        String file = project.getFileName() == null ? project.toString() : project.getFileName().toString();
        try (ContextSource.Lease lease = contexts.open(); ProjectStore store = ProjectStore.open(project)) {
            RetrievalService retrieval = lease.context().retrieval();
            if (add != null) {
                StderrProgress bar = new StderrProgress(err, System::nanoTime, "Reading " + add.getFileName());
                CorpusImport.Result read = retrieval.readCorpus(add, new CorpusImport.Columns(idColumn, titleColumn,
                        textColumn), ImportOptions.defaults().withSkipBadRows(skipBadRows)
                        .withProgress((rows, bytes, total) -> bar.progress(bytes, Math.max(total, bytes))));
                bar.finish();
                for (ImportProblem p : read.problems()) {
                    err.println(p);
                }
                if (!read.ok()) {
                    long n = ImportProblem.count(read.problems());
                    throw new CliException(Cli.EXIT_USAGE, n + " problem" + (n == 1 ? "" : "s")
                            + "; nothing was added to the corpus of " + file
                            + (read.fatal() ? "" : " (--skip-bad-rows leaves bad documents out)"));
                }
                StderrProgress adding = new StderrProgress(err, System::nanoTime, "Adding");
                CorpusRepository.AddReport added;
                try {
                    added = retrieval.addToCorpus(store, read.documents(), (done, total) ->
                            adding.progress(done, total));
                } catch (StoreException e) {
                    throw new CliException(Cli.EXIT_USAGE, e.getMessage() + "; nothing was added");
                } finally {
                    adding.finish();
                }
                out.println(String.format(Locale.ROOT, "%s: %,d document%s added to the corpus%s", file,
                        added.added(), added.added() == 1 ? "" : "s", added.unchanged() == 0 ? ""
                                : String.format(Locale.ROOT, " (%,d were already in it)", added.unchanged())));
            }
            RetrievalService.CorpusStatus status = retrieval.corpusStatus(store);
            out.println(String.format(Locale.ROOT, "%s: %,d documents in the corpus; BM25 index %s", file,
                    status.documents(), status.documents() == 0 ? "not needed yet"
                            : status.bm25Current() ? "current" : "to be built at the next retrieval"));
            return Cli.EXIT_OK;
        } catch (ProjectOpenException e) {
            throw new CliException(Cli.EXIT_USAGE, e.getMessage());
        } catch (StoreException e) {
            throw new CliException(Cli.EXIT_FAILURE, e.getMessage());
        } catch (IOException e) {
            throw new CliException(Cli.EXIT_FAILURE, project + ": could not close: " + e.getMessage());
        }
    }
}
