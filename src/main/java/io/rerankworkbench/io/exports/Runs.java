package io.rerankworkbench.io.exports;

import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.core.project.QueryRecord;
import io.rerankworkbench.core.project.RunRecord;
import io.rerankworkbench.core.project.VariantRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which runs of each query (and of each of its variants) an export shows, by {@link RunSelection}, with numbers. */
final class Runs {

    static final String COMPLETED = "completed";

    /**
     * A run with its number: its 1-based position among its query's runs, oldest first — or, for a variant's run,
     * among that variant's runs.
     *
     * @param variant     the variant's number among its query's variants, 0 for a run of the query's own text
     * @param variantText the variant's phrasing, null for a run of the query's own text
     */
    record Numbered(RunRecord run, int number, int variant, String variantText) {
        Numbered(RunRecord run, int number) {
            this(run, number, 0, null);
        }

        ExportSummary.RunUsed used() {
            return new ExportSummary.RunUsed(run.queryId(), number, run.rankerKind(), run.model(), variant);
        }
    }

    private Runs() {
    }

    /**
     * Query id → the runs of the query's own text to export, oldest first. Queries without such a run are absent.
     *
     * <p>Numbers are counted over {@code data.runs()}, which holds each query's runs in the order they were made (as
     * the project reader gives them), so they are the numbers the window shows. Runs of a query's variants are left
     * out of the count as the window leaves them out of a query's runs ({@link #variants} selects them).
     *
     * @throws ExportException when the shown run of {@link RunSelection#shown} is not in the data
     */
    static Map<String, List<Numbered>> select(ProjectData data, RunSelection selection) throws ExportException {
        Map<String, List<Numbered>> all = own(data);
        RunRecord shown = shown(all, selection);
        Map<String, List<Numbered>> out = new HashMap<>();
        for (Map.Entry<String, List<Numbered>> e : all.entrySet()) {
            boolean shownQuery = selection instanceof RunSelection.Shown s && s.queryId().equals(e.getKey());
            List<Numbered> picked = pick(e.getValue(), selection, shown, shownQuery);
            if (!picked.isEmpty()) {
                out.put(e.getKey(), picked);
            }
        }
        return out;
    }

    /**
     * Query id → the runs of its variants to export: variant by variant (in the order they were kept), each
     * variant's runs chosen by {@code selection} as among a query's own runs — every run, the latest completed one,
     * run N of each variant, or, for what the window shows, each variant's latest completed run by the shown run's
     * ranker and model (else its latest completed one). Queries without such a run are absent.
     *
     * @param only a variant's number to take that variant alone, 0 for every variant
     * @throws ExportException when the shown run of {@link RunSelection#shown} is not in the data
     */
    static Map<String, List<Numbered>> variants(ProjectData data, RunSelection selection, int only)
            throws ExportException {
        RunRecord shown = shown(own(data), selection);
        Map<String, List<RunRecord>> byVariant = new HashMap<>();
        for (RunRecord r : data.runs()) {
            if (r.variantKey() != null) {
                byVariant.computeIfAbsent(r.queryId() + "\u0000" + r.variantKey(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, List<Numbered>> out = new HashMap<>();
        for (QueryRecord q : data.queries()) {
            List<Numbered> picked = new ArrayList<>();
            for (int i = 0; i < q.variants().size(); i++) {
                int number = i + 1;
                if (only > 0 && number != only) {
                    continue;
                }
                VariantRecord v = q.variants().get(i);
                List<Numbered> runs = new ArrayList<>();
                for (RunRecord r : byVariant.getOrDefault(q.id() + "\u0000" + v.key(), List.of())) {
                    runs.add(new Numbered(r, runs.size() + 1, number, v.text()));
                }
                picked.addAll(pick(runs, selection, shown, false));
            }
            if (!picked.isEmpty()) {
                out.put(q.id(), picked);
            }
        }
        return out;
    }

    /** Each query's own runs, numbered, oldest first. */
    private static Map<String, List<Numbered>> own(ProjectData data) {
        Map<String, List<Numbered>> all = new LinkedHashMap<>();
        for (RunRecord r : data.runs()) {
            if (r.variantKey() != null) {
                continue; // a variant's run: numbered with its variant, not among the query's runs the window shows
            }
            List<Numbered> runs = all.computeIfAbsent(r.queryId(), q -> new ArrayList<>());
            runs.add(new Numbered(r, runs.size() + 1));
        }
        return all;
    }

    /** The run the window shows, for {@link RunSelection.Shown}; null for another selection. */
    private static RunRecord shown(Map<String, List<Numbered>> own, RunSelection selection) throws ExportException {
        if (!(selection instanceof RunSelection.Shown s)) {
            return null;
        }
        List<Numbered> runs = own.getOrDefault(s.queryId(), List.of());
        if (s.number() > runs.size()) {
            throw new ExportException("query " + s.queryId() + " has no run " + s.number() + " (it has "
                    + runs.size() + "); show another run and export again");
        }
        return runs.get(s.number() - 1).run();
    }

    /** The runs {@code selection} takes of one list (a query's own runs or one variant's). */
    private static List<Numbered> pick(List<Numbered> runs, RunSelection selection, RunRecord shown,
                                       boolean shownQuery) {
        if (selection instanceof RunSelection.All) {
            return runs;
        }
        Numbered one;
        if (selection instanceof RunSelection.Numbered n) {
            one = n.number() <= runs.size() ? runs.get(n.number() - 1) : null;
        } else if (shownQuery) {
            one = runs.get(((RunSelection.Shown) selection).number() - 1);
        } else if (shown != null) {
            one = latestCompleted(runs, shown.rankerKind(), shown.model());
            if (one == null) {
                one = latestCompleted(runs, null, null);
            }
        } else {
            one = latestCompleted(runs, null, null);
        }
        return one == null ? List.of() : List.of(one);
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
