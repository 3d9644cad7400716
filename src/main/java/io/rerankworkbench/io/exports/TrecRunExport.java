package io.rerankworkbench.io.exports;

import io.rerankworkbench.core.ScoreFormat;
import io.rerankworkbench.core.project.DocumentRecord;
import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.core.project.QueryRecord;
import io.rerankworkbench.core.project.RunRecord;
import io.rerankworkbench.core.project.RunScoreRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One run of each query as a TREC run, as trec_eval and ir_measures read it: {@code qid Q0 docno rank score tag}, one
 * space between fields, LF line ends, scores in fixed-point with at least six decimals. The run is chosen by
 * {@link ExportOptions#runs()} (by default the latest completed one); queries without such a run are left out (listed
 * in the summary, which also names the run written for each query).
 *
 * <p>trec_eval splits lines on whitespace and ranks by score, not by the rank column, so: a query or document id
 * that is empty or holds whitespace, or a scored row without a score, makes the export fail with every such id
 * named (escaping ids would silently stop them matching qrels from elsewhere). The tag is
 * {@link ExportOptions#runTag()} when given (it must be a single token), otherwise {@code ranker/model} of each
 * run with every run of whitespace replaced by {@code _}.
 *
 * <p>A TREC file holds one ranking per query id, so a query's variants (other phrasings of it) are written one variant
 * at a time: with {@link ExportOptions#variant()} N, each query's run of its variant N (chosen among that variant's
 * runs as a query's are), under the query's own id — so that qrels of the query evaluate it — and with the tag made
 * of the run suffixed {@code @vN} ({@code local_bi-encoder/all-MiniLM-L6-v2@v2}). Queries without variant N are
 * skipped. A tag given in the options is written as given.
 */
public final class TrecRunExport {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final ExportOptions options;

    public TrecRunExport(ExportOptions options) {
        this.options = options;
    }

    /** The tag made of a run's ranker and model. */
    public static String tag(String rankerKind, String model) {
        String tag = WHITESPACE.matcher((rankerKind + "/" + model).strip()).replaceAll("_");
        return tag.isEmpty() ? "run" : tag;
    }

    /** The tag made of a run's ranker and model and, for a run of a query's variant N, {@code @vN}. */
    public static String tag(String rankerKind, String model, int variant) {
        return variant == 0 ? tag(rankerKind, model) : tag(rankerKind, model) + "@v" + variant;
    }

    /** Checks everything, then writes. Does not close {@code out}. */
    public ExportSummary write(ProjectData data, OutputStream out) throws IOException {
        if (options.allRuns()) {
            throw new ExportException("a TREC run file holds one ranking per query; all runs can be exported as "
                    + "CSV or a bundle");
        }
        Map<String, DocumentRecord> documents = new HashMap<>();
        for (DocumentRecord d : data.documents()) {
            documents.put(d.key(), d);
        }
        Map<String, List<Runs.Numbered>> runs = options.variant() == 0 ? Runs.select(data, options.runs())
                : Runs.variants(data, options.runs(), options.variant());
        TrecIds ids = new TrecIds();
        if (options.runTag() != null) {
            ids.check("the run tag", options.runTag());
        }
        List<String> skipped = new ArrayList<>();
        List<QueryRecord> written = new ArrayList<>();
        for (QueryRecord q : data.queries()) {
            List<Runs.Numbered> queryRuns = runs.get(q.id());
            if (queryRuns == null) {
                skipped.add(q.id());
                continue;
            }
            written.add(q);
            ids.check("query id", q.id());
            Runs.Numbered run = queryRuns.get(0);
            for (RunScoreRecord s : run.run().scores()) {
                DocumentRecord d = documents.get(s.documentKey());
                if (d == null) {
                    throw new ExportException(name(run) + " of query " + q.id() + " refers to document "
                            + s.documentKey() + ", which is missing");
                }
                ids.check("document id", d.id());
                if (!Double.isFinite(s.score())) {
                    ids.add("query " + q.id() + ", document " + d.id() + " has no score in " + name(run));
                }
            }
        }
        ids.throwIfAny("TREC run");

        long lines = 0;
        List<ExportSummary.RunUsed> used = new ArrayList<>();
        List<ExportSummary.RunUsed> variantsUsed = new ArrayList<>();
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (QueryRecord q : written) {
            Runs.Numbered numbered = runs.get(q.id()).get(0);
            (numbered.variant() == 0 ? used : variantsUsed).add(numbered.used());
            RunRecord run = numbered.run();
            String tag = options.runTag() != null ? options.runTag()
                    : tag(run.rankerKind(), run.model(), numbered.variant());
            for (RunScoreRecord s : run.scores()) {
                writer.write(q.id() + " Q0 " + documents.get(s.documentKey()).id() + " " + s.rank() + " "
                        + ScoreFormat.plain(s.score(), 6) + " " + tag + "\n");
                lines++;
            }
        }
        writer.flush();
        return new ExportSummary(written.size(), lines, skipped, used, variantsUsed);
    }

    /** "run 2", "run 1 of variant 2". */
    private static String name(Runs.Numbered run) {
        return "run " + run.number() + (run.variant() == 0 ? "" : " of variant " + run.variant());
    }
}
