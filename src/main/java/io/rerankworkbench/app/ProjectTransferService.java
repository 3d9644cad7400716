package io.rerankworkbench.app;

import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.io.AtomicFiles;
import io.rerankworkbench.io.exports.BundleWriter;
import io.rerankworkbench.io.exports.ExportException;
import io.rerankworkbench.io.exports.ExportFormat;
import io.rerankworkbench.io.exports.ExportOptions;
import io.rerankworkbench.io.exports.ExportSummary;
import io.rerankworkbench.io.exports.QrelsWriter;
import io.rerankworkbench.io.exports.RankedListCsvWriter;
import io.rerankworkbench.io.exports.RunSelection;
import io.rerankworkbench.io.exports.TrecRunExport;
import io.rerankworkbench.io.imports.CsvOptions;
import io.rerankworkbench.io.imports.ImportProblem;
import io.rerankworkbench.io.imports.ImportResult;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.ProjectReader;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.ProjectWriter;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.store.WriteProblem;
import io.rerankworkbench.store.WriteReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Moves data into and out of projects: imports files (through the parsers) and exports queries as CSV, TREC run,
 * qrels or a project bundle. The window and the command line both go through here, so they validate alike.
 *
 * <p>An import reads every source first; when the sources have problems (and bad rows are not to be skipped), or the
 * data conflicts with the project, nothing is written and every problem is returned. Otherwise the data goes in as
 * one transaction. An export reads the selected queries in one snapshot and writes the file atomically; a refusal
 * (e.g. a document id TREC cannot hold) leaves no file.
 *
 * <p>Blocking: call from the {@code io} lane, never from the FX thread.
 */
public final class ProjectTransferService {

    /**
     * Reads import sources into project data: the file parsers' entry point. In the app this is
     * {@link ImportSources#parsers()}; tests pass their own.
     */
    @FunctionalInterface
    public interface SourceReader {
        /**
         * @return the data, every problem found (file and line) and the number of rows left out
         * @throws IOException when a source cannot be read at all
         */
        ImportResult read(List<Path> sources, ImportSettings settings) throws IOException;

        /**
         * As {@link #read(List, ImportSettings)}, telling {@code progress} the bytes read of all sources and stopping
         * when {@code cancel} says so (readers that cannot do either just read).
         */
        default ImportResult read(List<Path> sources, ImportSettings settings, ProgressListener progress,
                                  CancellationToken cancel) throws IOException {
            return read(sources, settings);
        }
    }

    /**
     * What the user chose for an import.
     *
     * @param format      the sources' format by name ({@code csv}, {@code jsonl}, {@code beir}, {@code trec},
     *                    {@code qrels}, {@code quepid}, {@code bundle}), or null to tell it from each file
     * @param skipBadRows leave out rows with problems (they are still reported) instead of importing nothing
     * @param csv         the column mapping the user chose for CSV/TSV sources, or null to map by the header names
     */
    public record ImportSettings(String format, boolean skipBadRows, CsvOptions csv) {
        public static final ImportSettings DEFAULT = new ImportSettings(null, false, null);

        public ImportSettings(String format, boolean skipBadRows) {
            this(format, skipBadRows, null);
        }

        public ImportSettings withSkipBadRows(boolean skip) {
            return new ImportSettings(format, skip, csv);
        }
    }

    /**
     * How an import went.
     *
     * @param written       whether anything went into the project; when false, {@code problems} says why
     * @param problems      problems of the sources (with file and line) and of the data against the project (file
     *                      null, the reason starting with where the row came from); when written, only those of
     *                      skipped rows
     * @param skippedRows   rows left out, by the parsers and by the project check
     * @param report        what the project received; null when nothing was written
     * @param skipMayHelp   nothing was written, bad rows were not being skipped, and every problem is about a row that
     *                      can be left out: importing again with bad rows skipped may write the rest. False when a
     *                      problem stops the import either way (a file that cannot be read to its end, such as an
     *                      unclosed quote; a missing column; a conflict that is not about one row)
     * @param notes         what the user should be warned about that did not stop the import (e.g. rows with more
     *                      columns than the header, whose extra cells were not imported), from the parsers
     * @param firstQuery    the row id ({@link StoredQuery#id()}) of the first query of the imported data that is in the
     *                      project now (added, or received candidates, runs or judgments); null when nothing was
     *                      written or the data named no query
     */
    public record ImportOutcome(boolean written, List<ImportProblem> problems, long skippedRows, WriteReport report,
                                boolean skipMayHelp, List<String> notes, Long firstQuery) {
        public ImportOutcome {
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
        }

        /** Nothing written, because of {@code problems}. */
        static ImportOutcome refused(List<ImportProblem> problems, long skippedRows, boolean skipMayHelp,
                                     List<String> notes) {
            return new ImportOutcome(false, problems, skippedRows, null, skipMayHelp, notes, null);
        }

        /** One line for a status bar or stdout, e.g. {@code 2 queries (1 merged), 10 documents, …}. */
        public String summary() {
            if (!written) {
                return "nothing imported: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s");
            }
            StringBuilder sb = new StringBuilder();
            int queries = report.queriesAdded() + report.queriesMerged();
            sb.append(plural(queries, "query", "queries"));
            if (report.queriesMerged() > 0) {
                sb.append(" (").append(report.queriesMerged()).append(" already in the project)");
            }
            sb.append(", ").append(plural(report.documentsAdded() + report.documentsShared(), "document",
                    "documents"));
            if (report.documentsShared() > 0) {
                sb.append(" (").append(report.documentsShared()).append(" shared)");
            }
            sb.append(", ").append(plural(report.candidates(), "candidate", "candidates"))
                    .append(", ").append(plural(report.runs(), "run", "runs"))
                    .append(", ").append(plural(report.sessions(), "labeling session", "labeling sessions"))
                    .append(", ").append(plural(report.judgments(), "judgment", "judgments"));
            int corpus = report.corpusAdded() + report.corpusUnchanged();
            if (corpus > 0) {
                sb.append(", ").append(plural(corpus, "corpus document", "corpus documents"));
                if (report.corpusUnchanged() > 0) {
                    sb.append(" (").append(report.corpusUnchanged()).append(" already in the corpus)");
                }
            }
            sb.append("; ").append(plural(skippedRows, "row", "rows")).append(" skipped");
            return sb.toString();
        }
    }

    private final SourceReader reader;
    private final Clock clock;

    /** @param reader the parsers' entry point (the app passes {@link ImportSources#parsers()}) */
    public ProjectTransferService(SourceReader reader) {
        this(reader, Clock.systemUTC());
    }

    /** As above, with the clock that stamps bundles' {@code exported_at}. */
    public ProjectTransferService(SourceReader reader, Clock clock) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ------------------------------------------------------------------------------------------------------ import

    /**
     * Imports {@code sources} into an open project: reads them, checks the data against the project, then writes
     * everything in one transaction, or nothing.
     *
     * @param progress told about written rows; called on this thread
     * @param cancel   polled before writing and with every progress report; a cancel during the write rolls it back
     * @throws IOException                                  when a source cannot be read at all
     * @throws io.rerankworkbench.rerank.CancelledException when cancelled; nothing was written
     * @throws io.rerankworkbench.store.StoreException      when writing failed; nothing was written
     */
    public ImportOutcome importInto(ProjectStore store, List<Path> sources, ImportSettings settings,
                                    ImportProgress progress, CancellationToken cancel) throws IOException {
        Objects.requireNonNull(store, "store");
        ImportResult parsed = parse(sources, settings, (done, total) -> progress.progress(done, 2 * total), cancel);
        if (!parsed.mayWrite(settings.skipBadRows())) {
            return refusedByParsers(parsed, settings);
        }
        // The second half of the bar is writing.
        return write(store, sources, parsed, settings,
                (done, total) -> progress.progress(total + done, 2 * total), cancel);
    }

    /**
     * Imports into the project file {@code project}, creating it when it does not exist. Sources are read before the
     * project is opened; a project created here is removed again when nothing could be written.
     *
     * @throws io.rerankworkbench.store.ProjectOpenException when the project cannot be opened or created
     */
    public ImportOutcome importInto(Path project, List<Path> sources, ImportSettings settings,
                                    ImportProgress progress, CancellationToken cancel) throws IOException {
        Objects.requireNonNull(project, "project");
        ImportResult parsed = parse(sources, settings, ProgressListener.NONE, cancel);
        if (!parsed.mayWrite(settings.skipBadRows())) {
            return refusedByParsers(parsed, settings);
        }
        boolean created = !Files.exists(project);
        ProjectStore store = created ? ProjectStore.create(project) : ProjectStore.open(project);
        ImportOutcome outcome = null;
        try (store) {
            outcome = write(store, sources, parsed, settings, progress, cancel);
        } finally {
            if (created && (outcome == null || !outcome.written())) {
                ProjectStore.deleteProjectFiles(project);
            }
        }
        return outcome;
    }

    private static ImportOutcome refusedByParsers(ImportResult parsed, ImportSettings settings) {
        return ImportOutcome.refused(parsed.problems(), parsed.skippedRows(),
                !settings.skipBadRows() && !parsed.fatal(), parsed.notes());
    }

    private ImportResult parse(List<Path> sources, ImportSettings settings, ProgressListener progress,
                               CancellationToken cancel) throws IOException {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(cancel, "cancel");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no files to import");
        }
        cancel.throwIfCancelled();
        ImportResult parsed = reader.read(List.copyOf(sources), settings, progress, cancel);
        cancel.throwIfCancelled();
        return parsed;
    }

    private static ImportOutcome write(ProjectStore store, List<Path> sources, ImportResult parsed,
                                       ImportSettings settings,
                                       ImportProgress progress, CancellationToken cancel) {
        Objects.requireNonNull(progress, "progress");
        cancel.throwIfCancelled();
        // Checked after each report, the last one included: a cancel up to the commit rolls everything back.
        ImportProgress checked = (done, total) -> {
            progress.progress(done, total);
            cancel.throwIfCancelled();
        };
        List<ImportProblem> problems = new ArrayList<>(parsed.problems());
        ProjectData data = withRatingsByQueryText(store, parsed, problems);
        if (!problems.isEmpty() && problems.size() > parsed.problems().size() && !settings.skipBadRows()) {
            // Ratings whose query text matches no query: rows that can be left out.
            return ImportOutcome.refused(problems, parsed.skippedRows(), true, parsed.notes());
        }
        long unmatched = problems.size() - parsed.problems().size();
        WriteReport report = ProjectWriter.write(store, data, settings.skipBadRows(), checked);
        for (WriteProblem p : report.problems()) {
            // Conflicts with the project carry the row's origin when the data had one; a single source at least
            // names its file.
            boolean hasLine = p.origin() != null && p.origin().matches(".*:\\d+");
            problems.add(new ImportProblem(sources.size() == 1 && !hasLine ? sources.get(0) : null, 0,
                    p.toString()));
        }
        long skipped = parsed.skippedRows() + unmatched + report.skippedRows();
        if (!report.written()) {
            boolean rowsOnly = report.problems().stream().allMatch(WriteProblem::skippable);
            return ImportOutcome.refused(problems, skipped, rowsOnly && !settings.skipBadRows(), parsed.notes());
        }
        return new ImportOutcome(true, problems, skipped, report, false, parsed.notes(), firstQuery(store, data));
    }

    /** The row id of the first query the data names (its queries, then runs, then judgments) that the project has. */
    private static Long firstQuery(ProjectStore store, ProjectData data) {
        Map<String, Long> byId = new HashMap<>();
        for (StoredQuery q : store.listQueries()) {
            byId.put(q.externalId(), q.id());
        }
        List<String> named = new ArrayList<>();
        data.queries().forEach(q -> named.add(q.id()));
        data.runs().forEach(r -> named.add(r.queryId()));
        data.judgments().forEach(j -> named.add(j.queryId()));
        return named.stream().map(byId::get).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /**
     * Quepid ratings name their query by its text: each is matched to the one project query with exactly that text
     * (after trimming); a rating whose text matches no query, or several, is a problem at its line.
     */
    private static ProjectData withRatingsByQueryText(ProjectStore store, ImportResult parsed,
                                                      List<ImportProblem> problems) {
        if (parsed.judgmentsByQueryText().isEmpty()) {
            return parsed.data();
        }
        Map<String, List<String>> idsByText = new HashMap<>();
        for (StoredQuery q : store.listQueries()) {
            idsByText.computeIfAbsent(q.text().strip(), t -> new ArrayList<>()).add(q.externalId());
        }
        List<io.rerankworkbench.core.project.JudgmentRecord> judgments = new ArrayList<>(parsed.data().judgments());
        for (io.rerankworkbench.core.project.JudgmentRecord j : parsed.judgmentsByQueryText()) {
            List<String> ids = idsByText.getOrDefault(j.queryId().strip(), List.of());
            if (ids.size() == 1) {
                judgments.add(new io.rerankworkbench.core.project.JudgmentRecord(ids.get(0), j.documentKey(),
                        j.grade(), j.annotator(), j.sessionKey(), j.createdAt(), j.note(), j.origin()));
            } else {
                problems.add(new ImportProblem(null, 0, (j.origin() == null ? "" : j.origin() + ": ")
                        + (ids.isEmpty() ? "no query in the project has the text \"" + j.queryId() + "\""
                        : ids.size() + " queries have the text \"" + j.queryId() + "\" (" + String.join(", ", ids)
                        + "); rename or merge them first")));
            }
        }
        ProjectData d = parsed.data();
        return new ProjectData(d.queries(), d.documents(), d.sessions(), d.runs(), judgments, d.corpus());
    }


    // ------------------------------------------------------------------------------------------------------ export

    /**
     * Exports queries of an open project.
     *
     * @param queryIds the queries' row ids ({@link StoredQuery#id()}), or null for all
     * @throws ExportException when the data cannot be written in this format; no file was written
     * @throws IOException     when writing fails; {@code out} is unchanged
     */
    public ExportSummary export(ProjectStore store, Collection<Long> queryIds, ExportFormat format, Path out,
                                ExportOptions options) throws IOException {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        if (options.allRuns() && format != ExportFormat.CSV && format != ExportFormat.BUNDLE) {
            throw new ExportException("all runs can be exported as CSV (a bundle always has every run); a "
                    + format.id() + " file holds one grade or ranking per query");
        }
        boolean oneChosenRun = options.runs() instanceof RunSelection.Numbered
                || options.runs() instanceof RunSelection.Shown;
        if (oneChosenRun && (format == ExportFormat.QRELS || format == ExportFormat.BUNDLE)) {
            throw new ExportException("choosing a run applies to ranked lists (csv) and TREC runs; a " + format.id()
                    + (format == ExportFormat.BUNDLE ? " always has every run" : " file holds no runs"));
        }
        if (options.variant() > 0 && (format == ExportFormat.QRELS || format == ExportFormat.BUNDLE)) {
            throw new ExportException("choosing a variant applies to ranked lists (csv) and TREC runs; a "
                    + format.id() + (format == ExportFormat.BUNDLE ? " always has every variant"
                    : " file holds the query's grades, which its variants share"));
        }
        ProjectData data = ProjectReader.read(store, queryIds);
        ExportSummary[] summary = new ExportSummary[1];
        AtomicFiles.write(out, stream -> {
            summary[0] = switch (format) {
                case CSV -> new RankedListCsvWriter(options).write(data, stream);
                case TREC -> new TrecRunExport(options).write(data, stream);
                case QRELS -> new QrelsWriter(options).write(data, stream);
                case BUNDLE -> new BundleWriter(clock.instant()).write(data, stream);
            };
            // An empty run or qrels file reads as "every query scored 0": refuse it, and (thrown inside the write)
            // leave no file behind.
            if (summary[0].rows() == 0 && (format == ExportFormat.TREC || format == ExportFormat.QRELS)) {
                throw new ExportException(nothingToExport(format, data.queries().size(), options.variant()));
            }
        });
        return summary[0];
    }

    private static String nothingToExport(ExportFormat format, int queries, int variant) {
        String chosen = queries == 1 ? "the chosen query has" : "the " + queries + " chosen queries have";
        if (format == ExportFormat.TREC && variant > 0) {
            return "nothing to export: " + chosen + " no run of a variant " + variant + " (see 'project variants'; "
                    + "rerank one with 'project rerank --variant " + variant + "')";
        }
        return format == ExportFormat.TREC
                ? "nothing to export: " + chosen + " no run (rerank first, e.g. 'project rerank')"
                : "nothing to export: " + chosen + " no grade (label first)";
    }

    /**
     * Exports queries of the project file {@code project}, chosen by their user-visible ids.
     *
     * @param queryIds user-visible query ids, or null for all
     * @throws ExportException when a query id is not in the project, or the data cannot be written in this format
     */
    public ExportSummary export(Path project, Collection<String> queryIds, ExportFormat format, Path out,
                                ExportOptions options) throws IOException {
        try (ProjectStore store = ProjectStore.open(project)) {
            return export(store, rows(store, project, queryIds), format, out, options);
        }
    }

    /**
     * One kept run, as {@code project runs} lists it.
     *
     * @param number    the run's number among its query's runs, as the window and the exports show it
     * @param startedAt null when unknown
     * @param documents ranked documents
     */
    public record RunListing(String queryId, int number, String ranker, String model, String status,
                             Instant startedAt, int documents) {
    }

    /**
     * The runs of queries of the project file {@code project}, query by query, each query's oldest first.
     *
     * @param queryIds user-visible query ids, or null for all
     * @throws ExportException when a query id is not in the project
     */
    public List<RunListing> runs(Path project, Collection<String> queryIds) throws IOException {
        try (ProjectStore store = ProjectStore.open(project)) {
            List<RunListing> out = new ArrayList<>();
            Map<Long, String> ids = new HashMap<>();
            for (StoredQuery q : store.listQueries()) {
                ids.put(q.id(), q.externalId());
            }
            List<Long> rows = rows(store, project, queryIds);
            for (long row : rows == null ? ids.keySet().stream().sorted().toList() : rows) {
                for (StoredRun r : store.runs(row)) {
                    out.add(new RunListing(ids.get(row), r.number(), r.ranking().ranker(), r.ranking().model(),
                            r.status().name().toLowerCase(java.util.Locale.ROOT), r.startedAt(),
                            r.ranking().results().size()));
                }
            }
            return out;
        }
    }

    /** The row ids of the queries with the given user-visible ids, in that order; null for null (all queries). */
    private static List<Long> rows(ProjectStore store, Path project, Collection<String> queryIds)
            throws ExportException {
        if (queryIds == null) {
            return null;
        }
        Map<String, Long> byId = new HashMap<>();
        for (StoredQuery q : store.listQueries()) {
            byId.put(q.externalId(), q.id());
        }
        Set<Long> rows = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        for (String id : queryIds) {
            Long row = byId.get(id);
            if (row == null) {
                missing.add(id);
            } else {
                rows.add(row);
            }
        }
        if (!missing.isEmpty()) {
            throw new ExportException(project.getFileName() + " has no quer"
                    + (missing.size() == 1 ? "y " : "ies ") + String.join(", ", missing));
        }
        return new ArrayList<>(rows);
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
