package io.rerankworkbench.io.exports;

import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.core.project.RunRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which runs of each query an export shows, by {@link RunSelection}, with their numbers. */
final class Runs {

    static final String COMPLETED = "completed";

    /** A run with its number: its 1-based position among its query's runs, oldest first. */
    record Numbered(RunRecord run, int number) {
        ExportSummary.RunUsed used() {
            return new ExportSummary.RunUsed(run.queryId(), number, run.rankerKind(), run.model());
        }
    }

    private Runs() {
    }

    /**
     * Query id → the runs to export, oldest first. Queries without such a run are absent.
     *
     * <p>Numbers are counted over {@code data.runs()}, which holds each query's runs in the order they were made (as
     * the project reader gives them), so they are the numbers the window shows. Runs of a query's variants are not
     * exported here: they are left out of the count as the window leaves them out of a query's runs.
     *
     * @throws ExportException when the shown run of {@link RunSelection#shown} is not in the data
     */
    static Map<String, List<Numbered>> select(ProjectData data, RunSelection selection) throws ExportException {
        Map<String, List<Numbered>> all = new LinkedHashMap<>();
        for (RunRecord r : data.runs()) {
            if (r.variantKey() != null) {
                continue; // a variant's run: numbered with its variant, not among the query's runs the window shows
            }
            List<Numbered> runs = all.computeIfAbsent(r.queryId(), q -> new ArrayList<>());
            runs.add(new Numbered(r, runs.size() + 1));
        }
        RunRecord shown = null;
        if (selection instanceof RunSelection.Shown s) {
            List<Numbered> runs = all.getOrDefault(s.queryId(), List.of());
            if (s.number() > runs.size()) {
                throw new ExportException("query " + s.queryId() + " has no run " + s.number() + " (it has "
                        + runs.size() + "); show another run and export again");
            }
            shown = runs.get(s.number() - 1).run();
        }
        Map<String, List<Numbered>> out = new HashMap<>();
        for (Map.Entry<String, List<Numbered>> e : all.entrySet()) {
            List<Numbered> runs = e.getValue();
            Numbered one = null;
            if (selection instanceof RunSelection.All) {
                out.put(e.getKey(), runs);
                continue;
            } else if (selection instanceof RunSelection.Numbered n) {
                one = n.number() <= runs.size() ? runs.get(n.number() - 1) : null;
            } else if (selection instanceof RunSelection.Shown s && s.queryId().equals(e.getKey())) {
                one = runs.get(s.number() - 1);
            } else if (shown != null) {
                one = latestCompleted(runs, shown.rankerKind(), shown.model());
                if (one == null) {
                    one = latestCompleted(runs, null, null);
                }
            } else {
                one = latestCompleted(runs, null, null);
            }
            if (one != null) {
                out.put(e.getKey(), List.of(one));
            }
        }
        return out;
    }

    /** The newest completed run, by {@code ranker} and {@code model} when they are given; null when there is none. */
    private static Numbered latestCompleted(List<Numbered> runs, String ranker, String model) {
        for (int i = runs.size() - 1; i >= 0; i--) {
            RunRecord r = runs.get(i).run();
            if (COMPLETED.equals(r.status()) && (ranker == null
                    || (ranker.equals(r.rankerKind()) && model.equals(r.model())))) {
                return runs.get(i);
            }
        }
        return null;
    }
}
