package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.io.exports.ExportSummary;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredRun;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How a kept run is named: in the run picker, and in what an export says it wrote. */
final class RunLabels {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    /** Queries named one by one in a status line before "and N more". */
    private static final int LISTED = 6;

    private RunLabels() {
    }

    /**
     * "Run 2 · all-MiniLM-L6-v2 (bi-encoder) · 25 Nov 14:02 · 30 docs · 0.41 s", with the status when not completed.
     * The number is {@link StoredRun#number()}, the one the exports and the command line show.
     */
    static String describe(StoredRun run) {
        StringBuilder b = new StringBuilder(name(run)).append(" · ").append(system(run));
        if (run.startedAt() != null) {
            b.append(" · ").append(WHEN.format(run.startedAt()));
        }
        b.append(" · ").append(String.format(Locale.ROOT, "%,d docs", run.ranking().results().size()));
        b.append(String.format(Locale.ROOT, " · %.2f s", run.ranking().elapsed().toNanos() / 1e9));
        if (run.status() != RunStatus.COMPLETED) {
            b.append(" · ").append(run.status().name().toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }

    /** "Run 2 · all-MiniLM-L6-v2", with the status when not completed: the picker's face; its list has the rest. */
    static String brief(StoredRun run) {
        String text = name(run) + " · " + run.ranking().model();
        return run.status() == RunStatus.COMPLETED ? text : text + " · " + run.status().name().toLowerCase(Locale.ROOT);
    }

    /** "all-MiniLM-L6-v2 (bi-encoder)": the model and ranker that made a run, as the picker shows them. */
    static String system(StoredRun run) {
        return run.ranking().model() + " (" + run.ranking().ranker() + ")";
    }

    /** "Run 2", or "Variant 1 · run 2" for a run of a query variant. */
    static String name(StoredRun run) {
        return run.isVariant() ? "Variant " + run.variant() + " · run " + run.number() : "Run " + run.number();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** A field of a run's parameters or usage JSON; a missing node when the JSON is absent or unreadable. */
    private static com.fasterxml.jackson.databind.JsonNode field(String json, String name) {
        if (json == null || json.isBlank()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return JSON.readTree(json).path(name);
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    /** " · usage: …" for a run that says what it billed, else "". */
    static String usageOf(StoredRun run) {
        String summary = field(run.usageJson(), "summary").asText("");
        return summary.isEmpty() ? "" : " · usage: " + summary;
    }

    /** Why a failed run failed, or null for a run that did not fail. */
    static String failureOf(StoredRun run) {
        return run.status() == RunStatus.FAILED ? field(run.paramsJson(), "failure").asText("") : null;
    }

    /** " · warning · warning" for a run that kept warnings, else "". */
    static String warningsOf(StoredRun run) {
        List<String> warnings = new ArrayList<>();
        field(run.paramsJson(), "warnings").forEach(w -> warnings.add(w.asText()));
        return warnings.isEmpty() ? "" : " · " + String.join(" · ", warnings);
    }

    /**
     * Which runs an export that followed the run on screen wrote, for the status line: " q03: Run 2, as shown.
     * Elsewhere the latest all-MiniLM-L6-v2 (bi-encoder) run (q01, q02). No all-MiniLM-L6-v2 (bi-encoder) run, so
     * the latest: q04 (Run 3, bge-small-en-v1.5-q (bi-encoder))." Empty when nothing was written.
     *
     * @param shownQuery the query of {@code shown}
     */
    static String runsWritten(List<ExportSummary.RunUsed> written, String shownQuery, StoredRun shown) {
        String ranker = shown.ranking().ranker();
        String model = shown.ranking().model();
        String system = system(shown);
        StringBuilder b = new StringBuilder();
        List<String> same = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (ExportSummary.RunUsed r : written) {
            if (r.queryId().equals(shownQuery)) {
                b.append(' ').append(r.queryId()).append(": Run ").append(r.number()).append(", as shown.");
            } else if (r.ranker().equals(ranker) && r.model().equals(model)) {
                same.add(r.queryId());
            } else {
                other.add(r.queryId() + " (Run " + r.number() + ", " + r.model() + " (" + r.ranker() + "))");
            }
        }
        if (!same.isEmpty()) {
            b.append(" Elsewhere the latest ").append(system).append(" run (").append(list(same)).append(").");
        }
        if (!other.isEmpty()) {
            b.append(" No ").append(system).append(" run, so the latest: ").append(list(other)).append('.');
        }
        return b.toString();
    }

    private static String list(List<String> items) {
        int shown = Math.min(items.size(), LISTED);
        String head = String.join(", ", items.subList(0, shown));
        return items.size() > shown ? head + " and " + (items.size() - shown) + " more" : head;
    }
}
