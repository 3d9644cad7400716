package io.rerankworkbench.io.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.rerankworkbench.core.project.ProjectData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one entry point for imports: reads any number of sources, each in its detected (or the given) format, and
 * merges them into one {@link ProjectData}.
 *
 * <p><b>Detection</b> (when {@link ImportOptions#format()} is null), by extension and content:
 * <ul>
 *   <li>a folder with {@code corpus.jsonl}: a BEIR dataset; {@code corpus.jsonl}, {@code queries.jsonl} and a qrels
 *       {@code .tsv} given as files together: the same;</li>
 *   <li>{@code .json} (and {@code .rwb.json}) naming {@code "format": "rerank-workbench-bundle"}: a project
 *       bundle;</li>
 *   <li>{@code .csv}/{@code .tsv}: Quepid ratings when the header is {@code query,docid,rating} (no text column),
 *       else a CSV/TSV table read with {@link ImportOptions#csv()} or, when that is null, as
 *       {@link CsvImport#preview} suggests;</li>
 *   <li>{@code .jsonl}/{@code .ndjson}: JSONL candidates, unless its first object is only an id and a text: then it
 *       is the document or queries file of a TREC run given alongside;</li>
 *   <li>any other file ({@code .trec}, {@code .run}, {@code .txt}, {@code .qrels}, …): by its first line, 6 fields
 *       with a whole-number rank: a TREC run; 4 fields with a whole-number grade: TREC qrels; {@code id<TAB>text}:
 *       the document or queries file of a run.</li>
 * </ul>
 * <b>Pairing</b>: every TREC run gets the id/text files given with it: one is the document file; with two, the one
 * named like {@code *quer*} (or whose first id is a query id of the run) is the queries file. With an explicit
 * {@link ImportFormat#TREC_RUN} the first source is the run and the others are its files; with an explicit
 * {@link ImportFormat#BEIR} the sources are one dataset (a folder, or its three files).
 *
 * <p><b>Merging</b>: see the class comment of the merger: documents equal in id, title and text are shared; keys
 * that clash get {@code #2}, {@code #3}; the same query id with another text is a problem. qrels and Quepid ratings
 * are pointed at the candidates imported with them where they match.
 *
 * <p>Progress is reported through {@link ImportOptions#progress()}; {@link ImportOptions#cancelled()} (and thread
 * interruption) is polled between rows and between sources. Nothing here throws for bad input: every problem is in
 * the result, with file and line.
 */
public final class ProjectImports {

    private ProjectImports() {
    }

    private enum Kind {
        BUNDLE, BEIR_FOLDER, BEIR_CORPUS, BEIR_QUERIES, BEIR_QRELS, CSV, QUEPID, JSONL, TREC_RUN, TREC_QRELS,
        TEXT_TABLE, UNKNOWN
    }

    private record Sniffed(Path path, Kind kind, String reason, String firstId) {
    }

    /**
     * The format {@link #read} would read a single source in, for a format picker's default; empty when it cannot
     * tell (or the file is the document/queries file of a TREC run, which is not a format of its own).
     */
    public static Optional<ImportFormat> detect(Path source) {
        Sniffed s = sniff(source);
        return Optional.ofNullable(switch (s.kind()) {
            case BUNDLE -> ImportFormat.BUNDLE;
            case BEIR_FOLDER, BEIR_CORPUS, BEIR_QUERIES, BEIR_QRELS -> ImportFormat.BEIR;
            case CSV -> ImportFormat.CSV;
            case QUEPID -> ImportFormat.QUEPID;
            case JSONL -> ImportFormat.JSONL;
            case TREC_RUN -> ImportFormat.TREC_RUN;
            case TREC_QRELS -> ImportFormat.TREC_QRELS;
            case TEXT_TABLE, UNKNOWN -> null;
        });
    }

    /** Reads and merges the sources. Never throws for bad input; see {@link ImportResult}. */
    public static ImportResult read(List<Path> sources, ImportOptions options) {
        ReadContext ctx = ReadContext.of(options);
        ctx.setTotalBytes(totalBytes(sources));
        Merger merger = new Merger(ctx);
        try {
            if (sources.isEmpty()) {
                ctx.fatal(null, 0, "nothing to import: no file or folder was given");
            } else if (options.format() != null) {
                readExplicit(sources, options, ctx, merger);
            } else {
                readDetected(sources, options, ctx, merger);
            }
            ctx.reportProgress();
        } catch (ReadContext.Cancelled e) {
            return ctx.cancelledResult();
        }
        List<io.rerankworkbench.core.project.JudgmentRecord> unresolved = new ArrayList<>();
        ProjectData data = merger.result(unresolved);
        ImportResult r = ctx.result(data);
        return new ImportResult(r.data(), r.problems(), r.skippedRows(), r.fatal(), r.notes(), unresolved);
    }

    // ---------------------------------------------------------------- explicit format

    private static void readExplicit(List<Path> sources, ImportOptions options, ReadContext ctx, Merger merger) {
        switch (options.format()) {
            case BEIR -> {
                if (sources.size() == 1) {
                    guarded(sources.get(0), ctx, merger, () -> BeirImport.readFolder(sources.get(0), ctx));
                } else if (sources.size() == 3) {
                    Path corpus = named(sources, "corpus", 0);
                    Path queries = named(sources, "quer", 1);
                    Path qrels = sources.stream().filter(p -> p != corpus && p != queries).findFirst().orElseThrow();
                    guarded(qrels, ctx, merger, () -> BeirImport.read(corpus, queries, qrels, ctx));
                } else {
                    ctx.fatal(null, 0, "a BEIR dataset is a folder, or its three files (corpus.jsonl, "
                            + "queries.jsonl and a qrels .tsv); " + sources.size() + " were given");
                }
            }
            case TREC_RUN -> readRuns(List.of(sources.get(0)), sources.subList(1, sources.size()), ctx, merger);
            default -> {
                for (Path source : sources) {
                    ctx.checkCancelled();
                    readOne(source, options.format(), options, ctx, merger);
                }
            }
        }
    }

    /** The source whose name contains {@code part}, else the one at {@code index}. */
    private static Path named(List<Path> sources, String part, int index) {
        return sources.stream()
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).contains(part))
                .findFirst().orElse(sources.get(index));
    }

    private static void readOne(Path source, ImportFormat format, ImportOptions options, ReadContext ctx,
                                Merger merger) {
        switch (format) {
            case CSV -> guarded(source, ctx, merger, () -> {
                CsvOptions csv = options.csv();
                if (csv == null) {
                    CsvPreview preview = CsvImport.preview(source, 20);
                    if (!preview.problems().isEmpty()) {
                        preview.problems().forEach(p -> ctx.fatal(p.file(), p.line(), p.reason()));
                        return ProjectData.empty();
                    }
                    csv = preview.options(options.skipBadRows());
                }
                return CsvImport.read(source, csv.withSkipBadRows(options.skipBadRows()), ctx);
            });
            case JSONL -> guarded(source, ctx, merger, () -> JsonlImport.read(source, ctx));
            case TREC_QRELS -> guarded(source, ctx, merger, () -> TrecQrelsImport.read(source, ctx));
            case QUEPID -> guarded(source, ctx, merger, () -> {
                QuepidImport.read(source, ctx);
                return ProjectData.empty();
            });
            case BUNDLE -> guarded(source, ctx, merger, () -> BundleImport.read(source, ctx));
            case BEIR -> guarded(source, ctx, merger, () -> BeirImport.readFolder(source, ctx));
            case TREC_RUN -> readRuns(List.of(source), List.of(), ctx, merger);
        }
    }

    /**
     * Runs one reader, merging what it produced. A bug that throws must not take the import down with an unexplained
     * error: it becomes a fatal problem naming the file.
     */
    private static void guarded(Path source, ReadContext ctx, Merger merger,
                                java.util.function.Supplier<ProjectData> reader) {
        int before = ctx.judgmentsByQueryText().size();
        try {
            merger.add(reader.get(), source);
        } catch (ReadContext.Cancelled e) {
            throw e;
        } catch (RuntimeException e) {
            ctx.fatal(source, 0, "could not be imported: " + e);
        }
        List<io.rerankworkbench.core.project.JudgmentRecord> all = ctx.judgmentsByQueryText();
        if (all.size() > before) {
            merger.addByQueryText(new ArrayList<>(all.subList(before, all.size())));
            all.subList(before, all.size()).clear();
        }
    }

    // ---------------------------------------------------------------- detection

    private static void readDetected(List<Path> sources, ImportOptions options, ReadContext ctx, Merger merger) {
        List<Sniffed> sniffed = sources.stream().map(ProjectImports::sniff).toList();
        boolean hasRun = sniffed.stream().anyMatch(s -> s.kind() == Kind.TREC_RUN);
        // BEIR file names given with a TREC run (and no BEIR qrels) are the run's document and queries files.
        boolean runFiles = hasRun && sniffed.stream().noneMatch(s -> s.kind() == Kind.BEIR_QRELS);
        boolean hasCorpus = !runFiles && sniffed.stream().anyMatch(s -> s.kind() == Kind.BEIR_CORPUS);
        List<Path> runs = new ArrayList<>();
        List<Path> tables = new ArrayList<>();
        Path corpus = null;
        Path beirQueries = null;
        Path beirQrels = null;
        for (Sniffed s : sniffed) {
            switch (s.kind()) {
                case BEIR_CORPUS -> {
                    if (runFiles) {
                        tables.add(s.path());
                    } else {
                        corpus = s.path();
                    }
                }
                case BEIR_QUERIES -> {
                    if (hasCorpus) {
                        beirQueries = s.path();
                    } else {
                        tables.add(s.path());
                    }
                }
                case BEIR_QRELS -> {
                    if (hasCorpus) {
                        beirQrels = s.path();
                    } else {
                        ctx.fatal(s.path(), 0, "a BEIR qrels file needs corpus.jsonl and queries.jsonl given with it");
                    }
                }
                case TREC_RUN -> runs.add(s.path());
                case TEXT_TABLE -> tables.add(s.path());
                default -> {
                }
            }
        }
        if (corpus != null) {
            if (beirQueries == null || beirQrels == null) {
                ctx.fatal(corpus, 0, "a BEIR corpus needs queries.jsonl and a qrels .tsv given with it (or give "
                        + "the dataset's folder)");
            }
        }
        if (!tables.isEmpty() && !hasRun) {
            for (Path t : tables) {
                ctx.fatal(t, 0, "looks like a document or queries file (an id and a text per line); give it "
                        + "together with the TREC run it belongs to");
            }
        }
        for (Sniffed s : sniffed) {
            ctx.checkCancelled();
            switch (s.kind()) {
                case UNKNOWN -> ctx.fatal(s.path(), 0, s.reason());
                case BUNDLE -> readOne(s.path(), ImportFormat.BUNDLE, options, ctx, merger);
                case BEIR_FOLDER -> readOne(s.path(), ImportFormat.BEIR, options, ctx, merger);
                case CSV -> readOne(s.path(), ImportFormat.CSV, options, ctx, merger);
                case QUEPID -> readOne(s.path(), ImportFormat.QUEPID, options, ctx, merger);
                case JSONL -> readOne(s.path(), ImportFormat.JSONL, options, ctx, merger);
                case TREC_QRELS -> readOne(s.path(), ImportFormat.TREC_QRELS, options, ctx, merger);
                case BEIR_CORPUS -> {
                    if (corpus != null && beirQueries != null && beirQrels != null) {
                        Path c = s.path();
                        Path q = beirQueries;
                        Path r = beirQrels;
                        guarded(r, ctx, merger, () -> BeirImport.read(c, q, r, ctx));
                    }
                }
                default -> {
                }
            }
        }
        if (!runs.isEmpty()) {
            readRuns(runs, tables, ctx, merger);
        }
    }

    /** Reads each run with the document and (optional) queries file among {@code tables}. */
    private static void readRuns(List<Path> runs, List<Path> tables, ReadContext ctx, Merger merger) {
        Path documents = null;
        Path queries = null;
        if (tables.size() > 2) {
            ctx.fatal(null, 0, "a TREC run takes one document file and at most one queries file; "
                    + tables.size() + " were given");
            return;
        }
        if (tables.size() == 1) {
            documents = tables.get(0);
        } else if (tables.size() == 2) {
            Set<String> runQueryIds = new HashSet<>();
            for (Path run : runs) {
                runQueryIds.addAll(headQueryIds(run));
            }
            int q = queriesIndex(tables, runQueryIds);
            queries = tables.get(q);
            documents = tables.get(1 - q);
        }
        for (Path run : runs) {
            ctx.checkCancelled();
            Path d = documents;
            Path q = queries;
            guarded(run, ctx, merger, () -> TrecRunImport.read(run, d, q, ctx));
        }
    }

    /** Which of two id/text files is the queries file: by name, else by holding a query id of the run first. */
    private static int queriesIndex(List<Path> tables, Set<String> runQueryIds) {
        for (int i = 0; i < 2; i++) {
            if (tables.get(i).getFileName().toString().toLowerCase(Locale.ROOT).contains("quer")) {
                return i;
            }
        }
        for (int i = 0; i < 2; i++) {
            String first = sniff(tables.get(i)).firstId();
            if (first != null && runQueryIds.contains(first)) {
                return i;
            }
        }
        return 1;
    }

    private static Set<String> headQueryIds(Path run) {
        Set<String> ids = new HashSet<>();
        try {
            for (String line : TextInput.headLines(TextInput.head(run), 200)) {
                String[] f = TrecRunImport.WHITESPACE.split(line.strip());
                if (f.length > 0) {
                    ids.add(f[0]);
                }
            }
        } catch (IOException e) {
            // The run's own read reports the failure.
        }
        return ids;
    }

    private static Sniffed sniff(Path p) {
        if (!Files.exists(p)) {
            return new Sniffed(p, Kind.UNKNOWN, TextInput.notFound(p), null);
        }
        String name = p.getFileName() == null ? p.toString() : p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(p)) {
            return BeirImport.isBeirFolder(p) ? new Sniffed(p, Kind.BEIR_FOLDER, null, null)
                    : new Sniffed(p, Kind.UNKNOWN, "a folder is imported as a BEIR dataset, but this one has no "
                    + "corpus.jsonl", null);
        }
        byte[] head;
        try {
            head = TextInput.sniffHead(p, 2);
        } catch (IOException e) {
            return new Sniffed(p, Kind.UNKNOWN, "could not be read: " + e.getMessage(), null);
        }
        List<String> lines = TextInput.headLines(head, 2);
        if (lines.isEmpty()) {
            String why = head.length >= TextInput.MAX_SNIFF_BYTES ? "has no text in its first "
                    + (TextInput.MAX_SNIFF_BYTES >> 20) + " MiB (only blank space)" : "the file is empty";
            return new Sniffed(p, Kind.UNKNOWN, why, null);
        }
        String first = lines.get(0);
        // By content first: a bundle is a bundle under any name (an export saved as out.bundle).
        if (BundleImport.startsAsBundle(head)) {
            return new Sniffed(p, Kind.BUNDLE, null, null);
        }
        if (name.endsWith(".json")) {
            return BundleImport.looksLikeBundle(head) ? new Sniffed(p, Kind.BUNDLE, null, null)
                    : new Sniffed(p, Kind.UNKNOWN, "not a Rerank Workbench bundle (it does not say \"format\": \""
                    + BundleImport.FORMAT + "\")", null);
        }
        boolean jsonObjects = first.stripLeading().startsWith("{")
                && !name.endsWith(".csv") && !name.endsWith(".tsv");
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || jsonObjects) {
            if (name.equals("corpus.jsonl")) {
                return new Sniffed(p, Kind.BEIR_CORPUS, null, null);
            }
            JsonNode obj = Json.parseObject(first, new ArrayList<>());
            if (obj == null) {
                obj = Json.leadingFields(first); // a first line longer than detection reads
            }
            if (obj != null && isIdTextTable(obj)) {
                String id = Json.string(obj, "", new ArrayList<>(), false, true,
                        Stream.concat(TrecRunImport.DOC_ID_FIELDS.stream(), TrecRunImport.QUERY_ID_FIELDS.stream())
                                .distinct().toArray(String[]::new));
                return new Sniffed(p, name.equals("queries.jsonl") ? Kind.BEIR_QUERIES : Kind.TEXT_TABLE, null, id);
            }
            return new Sniffed(p, Kind.JSONL, null, null);
        }
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            String lower = first.toLowerCase(Locale.ROOT);
            if (name.endsWith(".tsv") && lower.startsWith("query-id")) {
                return new Sniffed(p, Kind.BEIR_QRELS, null, null);
            }
            CsvPreview preview = CsvImport.preview(p, 1);
            if (preview.hasHeader() && QuepidImport.isQuepidHeader(preview.header())) {
                return new Sniffed(p, Kind.QUEPID, null, null);
            }
            if (name.endsWith(".tsv") && !preview.hasHeader() && preview.header().size() == 2) {
                // The preview may have chosen another delimiter than a tab: the first cell is the id either way.
                int tab = first.indexOf('\t');
                return new Sniffed(p, Kind.TEXT_TABLE, null, tab > 0 ? first.substring(0, tab).strip() : null);
            }
            return new Sniffed(p, Kind.CSV, null, null);
        }
        if (TrecRunImport.looksLikeRun(first)) {
            return new Sniffed(p, Kind.TREC_RUN, null, null);
        }
        if (TrecQrelsImport.looksLikeQrels(first)) {
            return new Sniffed(p, Kind.TREC_QRELS, null, null);
        }
        if (first.indexOf('\t') > 0) {
            return new Sniffed(p, Kind.TEXT_TABLE, null, first.substring(0, first.indexOf('\t')).strip());
        }
        return new Sniffed(p, Kind.UNKNOWN, "could not tell the format: the first line is neither a TREC run line "
                + "(qid Q0 docno rank score tag) nor a qrels line (qid iter docno grade); choose the format", null);
    }

    /** An object with an id and a text but nothing of a query–document record: a document or queries file. */
    private static boolean isIdTextTable(JsonNode obj) {
        boolean docId = obj.has("doc_id") || obj.has("docid");
        boolean queryId = obj.has("qid") || obj.has("query_id");
        boolean hasId = obj.has("_id") || obj.has("id") || docId || queryId;
        boolean candidateShape = obj.has("documents") || obj.has("query") || obj.has("query_text")
                || (docId && queryId);
        return hasId && obj.has("text") && !candidateShape;
    }

    private static long totalBytes(List<Path> sources) {
        long total = 0;
        for (Path p : sources) {
            try {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> files = Files.walk(p, 2)) {
                        total += files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                    }
                } else if (Files.isRegularFile(p)) {
                    total += Files.size(p);
                }
            } catch (IOException | RuntimeException e) {
                // Only the progress bar's total suffers; the read reports the file's problem.
            }
        }
        return total;
    }
}
