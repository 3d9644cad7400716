package io.rerankworkbench.io.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Seeded import fuzzing: mutates valid sample files of every import format (truncation, byte flips, inserted NULs,
 * long lines, other encodings, …), imports each mutant both by detection and with its format given, and checks that
 * nothing escapes as an exception (nor as a reader bug caught by the import's guard) and that every problem names
 * its file and, where a line applies, the line. Shared by {@code ImportFuzzTest} (a bounded count in the build) and
 * {@code ImportFuzzBench} (ten thousand and more).
 */
public final class ImportFuzzer {

    /** The import formats and the sample each mutates; a sample set may hold companion files read alongside. */
    public enum Sample {
        CSV(ImportFormat.CSV), JSONL(ImportFormat.JSONL), BEIR(ImportFormat.BEIR), TREC_RUN(ImportFormat.TREC_RUN),
        TREC_QRELS(ImportFormat.TREC_QRELS), QUEPID(ImportFormat.QUEPID), BUNDLE(ImportFormat.BUNDLE);

        final ImportFormat format;

        Sample(ImportFormat format) {
            this.format = format;
        }
    }

    /** Mutation kinds. */
    public enum Mutation {
        TRUNCATE, FLIP_BYTES, INSERT_NUL, LONG_LINE, UTF16LE, UTF16BE_BOM, LATIN1_BYTES, BAD_UTF8, DELETE_LINE,
        DUPLICATE_LINE, CR_ONLY, SWAP_DELIMITERS, INSERT_BOM_MIDWAY, EMPTY
    }

    /** What a run found. */
    public static final class Figures {
        public long mutants;
        public long imports;
        public long accepted;
        public long rejected;
        public long problems;
        public long uncaught;
        public long guardedBugs;
        public long withoutFile;
        public long withoutLine;
        public final Map<Sample, Long> perSample = new EnumMap<>(Sample.class);
        public final Map<Mutation, Long> perMutation = new EnumMap<>(Mutation.class);
        public final List<String> failures = new ArrayList<>();
        /** Distinct whole-file reasons seen (line 0), digits folded, for reviewing the whole-file list. */
        public final java.util.Set<String> fileLevelReasons = new java.util.TreeSet<>();

        void fail(String what) {
            if (failures.size() < 50) {
                failures.add(what);
            }
        }
    }

    // Whole-file problems, where no line applies.
    private static final Pattern FILE_LEVEL = Pattern.compile(String.join("|",
            "^the file is empty", "^has no text", "^could not tell the format", "^not a Rerank Workbench bundle",
            "^looks like a document or queries file", "^is a folder", "^file not found", "symbolic link",
            "^the bundle has no", "^bundle version ", "^the column mapping needs", "^the file has a header but no rows",
            "^could not be read", "^is larger than", "^a BEIR ", "^a TREC run takes"));

    private static final String[] CSV = {
            "qid,query,docid,title,text,rank,score,label\n"
                    + "q1,capital of france,d1,Paris,\"Paris is the capital, and largest city.\",1,12.5,2\n"
                    + "q1,capital of france,d2,,Lyon is a city in France.,2,11.0,0\n"
                    + "q2,tallest mountain,d3,Everest,\"Mount \"\"Everest\"\" is the highest.\",1,9.25,1\n"};
    private static final String JSONL = "{\"query_id\": \"q1\", \"query\": \"capital of france\", \"documents\": "
            + "[{\"id\": \"d1\", \"text\": \"Paris is the capital.\", \"score\": 3.5}, {\"id\": \"d2\", "
            + "\"text\": \"Lyon is a city.\"}]}\n"
            + "{\"query_id\": \"q2\", \"query\": \"tallest mountain\", \"documents\": [\"Everest is high.\", "
            + "\"K2 is high too.\"]}\n";
    private static final String CORPUS = "{\"_id\": \"c1\", \"title\": \"Paris\", \"text\": \"Paris is the capital.\"}\n"
            + "{\"_id\": \"c2\", \"text\": \"Lyon is a city.\"}\n";
    private static final String QUERIES = "{\"_id\": \"1\", \"text\": \"capital of france\"}\n"
            + "{\"_id\": \"2\", \"text\": \"second city\"}\n";
    private static final String BEIR_QRELS = "query-id\tcorpus-id\tscore\n1\tc1\t1\n2\tc2\t1\n";
    private static final String RUN = "q1 Q0 d1 1 12.5 bm25\nq1 Q0 d2 2 11.0 bm25\nq2 Q0 d3 1 9.25 bm25\n";
    private static final String DOCS = "d1\tParis is the capital of France.\nd2\tLyon is a city.\nd3\tEverest is high.\n";
    private static final String RUN_QUERIES = "q1\tcapital of france\nq2\ttallest mountain\n";
    private static final String QRELS = "q1 0 d1 2\nq1 0 d2 0\nq2 0 d3 1\n";
    private static final String QUEPID = "query,docid,rating\ncapital of france,d1,3\ncapital of france,d2,0\n";

    private ImportFuzzer() {
    }

    /** The sample bundle (the one {@code BundleImportTest} reads, with a corpus). */
    static String bundle() {
        return BundleImportTest.WITH_CORPUS;
    }

    /**
     * Runs {@code count} mutants from {@code seed} in {@code dir} (which it fills and empties), stopping early at
     * {@code deadlineNanos} (System.nanoTime) when that is not 0.
     */
    public static Figures run(long seed, int count, Path dir, long deadlineNanos) throws IOException {
        Random random = new Random(seed);
        Figures f = new Figures();
        Sample[] samples = Sample.values();
        Mutation[] mutations = Mutation.values();
        for (int i = 0; i < count; i++) {
            if (deadlineNanos != 0 && System.nanoTime() > deadlineNanos) {
                break;
            }
            Sample sample = samples[i % samples.length];
            Mutation mutation = mutations[random.nextInt(mutations.length)];
            Path caseDir = Files.createDirectories(dir.resolve("m" + i));
            try {
                List<Path> sources = write(sample, caseDir, random, mutation);
                f.mutants++;
                f.perSample.merge(sample, 1L, Long::sum);
                f.perMutation.merge(mutation, 1L, Long::sum);
                String label = "#" + i + " " + sample + "/" + mutation;
                check(f, label, sources, ImportOptions.defaults());
                check(f, label + " (--format)", sources, ImportOptions.defaults().withFormat(sample.format));
                check(f, label + " (skip bad rows)", sources,
                        ImportOptions.defaults().withFormat(sample.format).withSkipBadRows(true));
            } finally {
                deleteTree(caseDir);
            }
        }
        return f;
    }

    private static void check(Figures f, String label, List<Path> sources, ImportOptions options) {
        f.imports++;
        ImportResult r;
        try {
            r = ProjectImports.read(sources, options);
        } catch (Throwable t) { // NOPMD: counting exactly what escapes is the point
            f.uncaught++;
            f.fail(label + ": uncaught " + t);
            return;
        }
        if (r.fatal() || !r.problems().isEmpty()) {
            f.rejected += r.fatal() ? 1 : 0;
        }
        if (!r.fatal()) {
            f.accepted++;
        }
        for (ImportProblem p : r.problems()) {
            f.problems++;
            if (p.reason().startsWith("could not be imported:")) {
                f.guardedBugs++;
                f.fail(label + ": reader bug " + p);
            }
            if (p.file() == null && !p.reason().startsWith("nothing to import")
                    && !p.reason().startsWith("a TREC run takes") && !p.reason().startsWith("a BEIR dataset")) {
                f.withoutFile++;
                f.fail(label + ": no file: " + p);
            }
            if (p.line() == 0 && f.fileLevelReasons.size() < 200) {
                f.fileLevelReasons.add(p.reason().replaceAll("\\d+", "N"));
            }
            if (p.line() == 0 && p.file() != null && !Files.isDirectory(p.file())
                    && !FILE_LEVEL.matcher(p.reason()).find()) {
                f.withoutLine++;
                f.fail(label + ": no line: " + p);
            }
        }
    }

    private static List<Path> write(Sample sample, Path dir, Random random, Mutation m) throws IOException {
        return switch (sample) {
            case CSV -> List.of(mutated(dir.resolve("pairs.csv"), CSV[0], random, m));
            case JSONL -> List.of(mutated(dir.resolve("candidates.jsonl"), JSONL, random, m));
            case BEIR -> {
                Path beir = Files.createDirectories(dir.resolve("beir"));
                Files.createDirectories(beir.resolve("qrels"));
                int which = random.nextInt(3);
                write(beir.resolve("corpus.jsonl"), CORPUS, which == 0, random, m);
                write(beir.resolve("queries.jsonl"), QUERIES, which == 1, random, m);
                write(beir.resolve("qrels/test.tsv"), BEIR_QRELS, which == 2, random, m);
                yield List.of(beir);
            }
            case TREC_RUN -> {
                int which = random.nextInt(3);
                Path run = write(dir.resolve("bm25.run"), RUN, which == 0, random, m);
                Path docs = write(dir.resolve("docs.tsv"), DOCS, which == 1, random, m);
                Path queries = write(dir.resolve("queries.tsv"), RUN_QUERIES, which == 2, random, m);
                yield List.of(run, docs, queries);
            }
            case TREC_QRELS -> List.of(mutated(dir.resolve("judgments.qrels"), QRELS, random, m));
            case QUEPID -> List.of(mutated(dir.resolve("ratings.csv"), QUEPID, random, m));
            case BUNDLE -> List.of(mutated(dir.resolve("project.rwb.json"), bundle(), random, m));
        };
    }

    private static Path write(Path file, String text, boolean mutate, Random random, Mutation m) throws IOException {
        return mutate ? mutated(file, text, random, m) : Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static Path mutated(Path file, String text, Random random, Mutation m) throws IOException {
        return Files.write(file, mutate(text, random, m));
    }

    /** One mutation of {@code text}'s UTF-8 bytes. */
    static byte[] mutate(String text, Random random, Mutation m) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return switch (m) {
            case TRUNCATE -> Arrays.copyOf(b, random.nextInt(b.length));
            case FLIP_BYTES -> {
                byte[] c = b.clone();
                int flips = 1 + random.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    c[random.nextInt(c.length)] ^= (byte) (1 << random.nextInt(8));
                }
                yield c;
            }
            case INSERT_NUL -> insert(b, random.nextInt(b.length + 1), new byte[] {0});
            case LONG_LINE -> {
                byte[] run = new byte[(64 << 10) + random.nextInt(1 << 20)];
                Arrays.fill(run, (byte) "x,\t {\"0".charAt(random.nextInt(7)));
                yield insert(b, random.nextInt(b.length + 1), run);
            }
            case UTF16LE -> text.getBytes(StandardCharsets.UTF_16LE);
            case UTF16BE_BOM -> text.getBytes(StandardCharsets.UTF_16); // BE with a mark
            case LATIN1_BYTES -> insert(b, random.nextInt(b.length + 1), new byte[] {(byte) 0xE9, (byte) 0xFC});
            case BAD_UTF8 -> insert(b, random.nextInt(b.length + 1), new byte[] {(byte) 0xC3, (byte) 0x28});
            case DELETE_LINE -> lines(text, random, false);
            case DUPLICATE_LINE -> lines(text, random, true);
            case CR_ONLY -> text.replace("\n", "\r").getBytes(StandardCharsets.UTF_8);
            case SWAP_DELIMITERS -> {
                String[] from = {",", "\t", " ", "\"", ":", "{", "["};
                String[] to = {"\t", ",", "\t", "'", ";", "[", "{"};
                int k = random.nextInt(from.length);
                yield text.replace(from[k], to[k]).getBytes(StandardCharsets.UTF_8);
            }
            case INSERT_BOM_MIDWAY -> insert(b, random.nextInt(b.length + 1),
                    new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            case EMPTY -> random.nextBoolean() ? new byte[0] : "\n \r\n\t\n".getBytes(StandardCharsets.US_ASCII);
        };
    }

    private static byte[] lines(String text, Random random, boolean duplicate) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int k = random.nextInt(lines.size());
        if (duplicate) {
            lines.add(k, lines.get(k));
        } else {
            lines.remove(k);
        }
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + what.length);
        out.write(b, 0, at);
        out.write(what, 0, what.length);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A short summary for logs and docs. */
    public static String summary(Figures f, double seconds) {
        return String.format(java.util.Locale.ROOT, "%d mutants, %d imports in %.1f s: %d accepted, %d rejected, "
                        + "%d problems listed; %d uncaught exceptions, %d reader bugs caught by the guard, "
                        + "%d problems without a file, %d without a line where one applies%nper format: %s%n"
                        + "per mutation: %s",
                f.mutants, f.imports, seconds, f.accepted, f.rejected, f.problems, f.uncaught, f.guardedBugs,
                f.withoutFile, f.withoutLine, f.perSample, f.perMutation);
    }
}
