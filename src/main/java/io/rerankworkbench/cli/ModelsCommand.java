package io.rerankworkbench.cli;

import io.rerankworkbench.app.ModelCheck;
import io.rerankworkbench.app.ModelEntry;
import io.rerankworkbench.core.ByteSize;
import io.rerankworkbench.core.ScoreFormat;
import io.rerankworkbench.rerank.ModelInfo;
import io.rerankworkbench.rerank.ModelKind;
import io.rerankworkbench.rerank.ModelLoadException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * {@code rerank-workbench models}: the model library on the command line. {@code list} shows it without loading
 * anything; {@code check PATH} loads a model folder, describes it and scores a sample pair.
 */
@Command(name = "models",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "List the model library, or check that a folder holds a model the app can use.",
        commandListHeading = "%nCommands:%n")
final class ModelsCommand {

    static final String NO_VALUE = "-";

    @Command(name = "list",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "List the bundled models and the model folders added in the app, one per line; * marks the default.",
                "KIND is known for the bundled models, and for added folders once loaded (the app remembers it), "
                        + "else -; nothing is loaded here."})
    static final class ListCommand implements Callable<Integer> {

        private final PrintStream out;
        private final ContextSource contexts;

        ListCommand(PrintStream out, ContextSource contexts) {
            this.out = Objects.requireNonNull(out, "out");
            this.contexts = Objects.requireNonNull(contexts, "contexts");
        }

        @Override
        public Integer call() throws CliException {
            List<ModelEntry> library;
            try (ContextSource.Lease lease = contexts.open()) {
                library = lease.context().rankers().library();
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"", "NAME", "KIND", "MAX LENGTH", "LAYERS", "SIZE", "LOCATION"});
            for (ModelEntry m : library) {
                rows.add(new String[]{m.isDefault() ? "*" : "", m.name(),
                        m.kind().map(ModelKind::label).orElse(NO_VALUE), Integer.toString(m.maxLength()),
                        m.layers() > 0 ? Integer.toString(m.layers()) : NO_VALUE,
                        m.sizeBytes() > 0 ? ByteSize.format(m.sizeBytes()) : NO_VALUE, m.location()});
            }
            for (String line : table(rows)) {
                out.println(line);
            }
            if (out.checkError()) {
                throw new CliException(Cli.EXIT_FAILURE, "stdout: could not write the list");
            }
            return Cli.EXIT_OK;
        }

        /** Columns padded to their widest cell; numbers right-aligned; no trailing blanks. */
        static List<String> table(List<String[]> rows) {
            return table(rows, java.util.Set.of(3, 4, 5));
        }

        /** As above, with the given columns (0-based) right-aligned. */
        static List<String> table(List<String[]> rows, java.util.Set<Integer> numericColumns) {
            int columns = rows.get(0).length;
            int[] widths = new int[columns];
            for (String[] row : rows) {
                for (int c = 0; c < columns; c++) {
                    widths[c] = Math.max(widths[c], row[c].length());
                }
            }
            List<String> lines = new ArrayList<>(rows.size());
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < columns; c++) {
                    boolean numeric = numericColumns.contains(c);
                    String cell = numeric ? String.format(Locale.ROOT, "%" + widths[c] + "s", row[c])
                            : c == columns - 1 ? row[c] : String.format(Locale.ROOT, "%-" + widths[c] + "s", row[c]);
                    line.append(cell).append(c == columns - 1 ? "" : c == 0 ? " " : "  ");
                }
                lines.add(line.toString().stripTrailing());
            }
            return lines;
        }
    }

    @Command(name = "check",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            description = {
                "Load a model folder (Hugging Face export layout: model.onnx or onnx/model.onnx, tokenizer.json, "
                        + "optional config files) without adding it to the library; print what the model is and "
                        + "the score it gives a sample pair."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:the folder holds a usable model",
                "1:unexpected failure (set RWB_DEBUG=1 for a stack trace)",
                "2:the folder is missing or not a usable model (the reason is printed)"})
    static final class CheckCommand implements Callable<Integer> {

        private final PrintStream out;
        private final ContextSource contexts;

        @Parameters(paramLabel = "PATH", description = "The model folder.")
        Path folder;

        CheckCommand(PrintStream out, ContextSource contexts) {
            this.out = Objects.requireNonNull(out, "out");
            this.contexts = Objects.requireNonNull(contexts, "contexts");
        }

        @Override
        public Integer call() throws CliException {
            ModelCheck check;
            try (ContextSource.Lease lease = contexts.open()) {
                check = lease.context().rankers().checkWithSample(folder);
            } catch (ModelLoadException e) {
                // The user pointed at this folder: what is wrong with it is theirs to fix, like a bad input file.
                throw new CliException(Cli.EXIT_USAGE, e.getMessage());
            }
            ModelInfo info = check.info();
            print("Model", info.name());
            print("Folder", info.location());
            print("Kind", info.kind().label());
            print("Max length", info.maxLength() + " tokens");
            print("Layers", info.layers() > 0 ? Integer.toString(info.layers()) : "unknown");
            print("Size", ByteSize.format(info.sizeBytes()));
            print("Inputs", info.inputs().isEmpty() ? NO_VALUE : String.join(", ", info.inputs()));
            print("Outputs", info.outputs().isEmpty() ? NO_VALUE : String.join(", ", info.outputs()));
            print("Details", info.details().isEmpty() ? NO_VALUE : String.join("; ", info.details()));
            print("Sample", "\"" + check.sampleQuery() + "\" vs \"" + check.sampleDocument() + "\"");
            print("Score", ScoreFormat.plain(check.sampleScore(), 6) + (check.hasProbability()
                    ? String.format(Locale.ROOT, " (probability %.4f)", check.sampleProbability()) : ""));
            if (out.checkError()) {
                throw new CliException(Cli.EXIT_FAILURE, "stdout: could not write the report");
            }
            return Cli.EXIT_OK;
        }

        private void print(String key, String value) {
            out.println(String.format(Locale.ROOT, "%-11s %s", key + ":", value));
        }
    }
}
