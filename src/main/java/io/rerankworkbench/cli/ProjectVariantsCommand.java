package io.rerankworkbench.cli;

import io.rerankworkbench.store.ProjectOpenException;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoreException;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.store.VariantRepository;
import io.rerankworkbench.store.VariantSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;

/** {@code project variants FILE.rwb --query ID [--add TEXT]}: a query's variants — other phrasings judged by its grades. */
@Command(name = "variants",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "List a query's variants — other phrasings of it, with the same candidates and judged by the same grades "
                    + "— one per line: number, runs, the newest run's ranker and model and when it finished, text. "
                    + "With --add, keep a new variant first. Rerank a variant with 'project rerank --variant N'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:listed (and added)",
            "1:an unexpected failure (set RWB_DEBUG=1 for a stack trace)",
            "2:bad arguments, a project that cannot be opened, an unknown query, or a variant text that is blank, "
                    + "the query's own or one it already has"})
final class ProjectVariantsCommand implements Callable<Integer> {

    private final PrintStream out;

    @Parameters(index = "0", paramLabel = "FILE.rwb", description = "The project.")
    Path project;

    @Option(names = "--query", paramLabel = "ID", required = true, description = "The query (its id as shown in the app).")
    String query;

    @Option(names = "--add", paramLabel = "TEXT", description = "Keep TEXT as a new variant of the query.")
    String add;

    ProjectVariantsCommand(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public Integer call() throws CliException {
        String file = project.getFileName() == null ? project.toString() : project.getFileName().toString();
        try (ProjectStore store = ProjectStore.open(project)) {
            StoredQuery q = store.listQueries().stream().filter(s -> s.externalId().equals(query.strip()))
                    .findFirst().orElseThrow(() -> new CliException(Cli.EXIT_USAGE, file + " has no query " + query));
            VariantRepository variants = new VariantRepository(store);
            if (add != null) {
                try {
                    StoredVariant v = variants.add(q.id(), add);
                    out.println("Kept variant " + v.number() + " of " + q.externalId() + ": " + v.text());
                } catch (IllegalArgumentException e) {
                    throw new CliException(Cli.EXIT_USAGE, e.getMessage());
                }
            }
            List<VariantSummary> list = variants.summaries(q.id());
            out.println(q.externalId() + ": " + q.text());
            if (list.isEmpty()) {
                out.println("  no variants");
            }
            for (VariantSummary s : list) {
                String newest = s.runs() == 0 ? "-" : s.ranker() + " · " + s.model() + " · "
                        + (s.finishedAt() == null ? "not finished"
                        : s.finishedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                out.println(String.format(Locale.ROOT, "  %d  %d run%s  %s  %s", s.variant().number(), s.runs(),
                        s.runs() == 1 ? "" : "s", newest, s.variant().text()));
            }
            if (out.checkError()) {
                throw new CliException(Cli.EXIT_FAILURE, "stdout: could not write the list");
            }
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
