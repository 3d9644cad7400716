package io.rerankworkbench.io.exports;

import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.core.project.RunRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which runs of each query an export shows. */
final class Runs {

    static final String COMPLETED = "completed";

    private Runs() {
    }

    /**
     * Query id → the runs to export, oldest first: all of them, or only the latest completed one (a failed or
     * cancelled run is not a ranking to hand on). Queries without such a run are absent.
     */
    static Map<String, List<RunRecord>> select(ProjectData data, boolean all) {
        Map<String, List<RunRecord>> out = new HashMap<>();
        for (RunRecord r : data.runs()) {
            if (all) {
                out.computeIfAbsent(r.queryId(), q -> new ArrayList<>()).add(r);
            } else if (COMPLETED.equals(r.status())) {
                out.put(r.queryId(), new ArrayList<>(List.of(r)));
            }
        }
        return out;
    }
}
