package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredRun;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How a kept run is named in the run picker. */
final class RunLabels {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private RunLabels() {
    }

    /** "Run 2 · all-MiniLM-L6-v2 (bi-encoder) · 25 Nov 14:02 · 30 docs · 0.41 s", with the status when not completed. */
    static String describe(StoredRun run, int number) {
        StringBuilder b = new StringBuilder("Run ").append(number).append(" · ").append(run.ranking().model())
                .append(" (").append(run.ranking().ranker()).append(')');
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
    static String brief(StoredRun run, int number) {
        String text = "Run " + number + " · " + run.ranking().model();
        return run.status() == RunStatus.COMPLETED ? text : text + " · " + run.status().name().toLowerCase(Locale.ROOT);
    }
}
