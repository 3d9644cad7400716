package io.rerankworkbench.docs;

import io.rerankworkbench.rerank.local.ModelFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What README.md and docs/ tell a user agrees with the product: model names, where example commands write. */
class DocumentationTest {

    /** An option that names a file to write, with its value. */
    private static final Pattern OUTPUT = Pattern.compile("(?:--output|-o|--into)\\s+(\\S+)");
    /** A synopsis placeholder such as FILE, OUT, FILE|-, FILE.rwb. */
    private static final Pattern PLACEHOLDER = Pattern.compile("[A-Z][A-Z_]*(\\.\\w+)?(\\|-)?");

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** "file:line: text" of every line inside a fenced code block. */
    private static List<String[]> codeLines(Path doc) throws IOException {
        List<String[]> out = new ArrayList<>();
        boolean inCode = false;
        List<String> lines = Files.readAllLines(doc);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith("```")) {
                inCode = !inCode;
            } else if (inCode) {
                out.add(new String[]{doc + ":" + (i + 1), lines.get(i)});
            }
        }
        return out;
    }

    @Test
    void bundledModelsAreCalledByTheNameTheAppUses() throws IOException {
        List<String> names = ModelFiles.bundledModels().stream().map(ModelFiles::name).toList();
        assertThat(names).contains("bge-small-en-v1.5-q");
        String readme = Files.readString(Path.of("README.md"));
        String models = Files.readString(Path.of("docs", "models.md"));
        for (String name : names) {
            assertThat(readme).as("README names %s", name).contains(name);
            assertThat(models).as("docs/models.md names %s", name).contains("`" + name + "`");
        }
        // The quantized model by its upstream name alone ("BAAI/bge-small-en-v1.5" says where it comes from).
        Pattern upstreamOnly = Pattern.compile("(?<!BAAI/|BAAI's )bge-small-en-v1\\.5(?!-q)");
        List<String> wrong = new ArrayList<>();
        for (Path doc : documents()) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                if (upstreamOnly.matcher(lines.get(i)).find()) {
                    wrong.add(doc + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(wrong).as("the app calls it bge-small-en-v1.5-q").isEmpty();
    }

    @Test
    void exampleCommandsWriteOutsideTheWorkingFolder() throws IOException {
        List<String> relative = new ArrayList<>();
        int examples = 0;
        for (Path doc : documents()) {
            for (String[] line : codeLines(doc)) {
                Matcher m = OUTPUT.matcher(line[1]);
                while (m.find()) {
                    String value = m.group(1).replaceAll("[\\[\\]]", ""); // "[--output FILE|-]"
                    if (PLACEHOLDER.matcher(value).matches() || value.equals("-")) {
                        continue; // a synopsis, not a command to run
                    }
                    examples++;
                    if (!value.startsWith("/")) {
                        relative.add(line[0] + ": " + value);
                    }
                }
            }
        }
        assertThat(examples).as("the README's TREC example at least").isPositive();
        assertThat(relative).as("a copied example would leave its output in the repository").isEmpty();
    }

    @Test
    void whatTheExamplesWouldWriteHereIsIgnoredByGit() throws IOException {
        List<String> patterns = Files.readAllLines(Path.of(".gitignore")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        for (String output : List.of("run.trec", "ranked-lists.csv", "qrels.txt", "my.rwb", "my.rwb-wal",
                "project.rwb.json")) {
            assertThat(patterns).as("%s in the repository root is ignored", output).anyMatch(p -> {
                String glob = p.startsWith("/") ? p.substring(1) : p;
                return FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(output));
            });
        }
    }
}
