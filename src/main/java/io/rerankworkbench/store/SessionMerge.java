package io.rerankworkbench.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds labeling sessions that are copies of an older one (same name, scale, annotator, seed, blindness and start
 * time) back into it: their grades and query entries move to the original, the copies go. Restoring a deleted query
 * writes its sessions again; this puts its grades back into the sessions they were given in.
 */
public final class SessionMerge {

    private SessionMerge() {
    }

    /** @return how many copies were folded in */
    public static int mergeDuplicates(ProjectStore store) {
        synchronized (store) {
            return store.write("merge labeling sessions", () -> {
                List<long[]> pairs = new ArrayList<>();
                try (PreparedStatement ps = store.connection().prepareStatement(
                        "SELECT copy.id, (SELECT min(o.id) FROM labeling_sessions o WHERE o.id < copy.id "
                                + "AND o.name = copy.name AND o.scale_json = copy.scale_json "
                                + "AND o.annotator IS copy.annotator AND o.seed = copy.seed AND o.blind = copy.blind "
                                + "AND o.created_at = copy.created_at) AS original "
                                + "FROM labeling_sessions copy")) {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long original = rs.getLong(2);
                            if (!rs.wasNull()) {
                                pairs.add(new long[]{rs.getLong(1), original});
                            }
                        }
                    }
                }
                for (long[] pair : pairs) {
                    long copy = pair[0];
                    long original = pair[1];
                    update(store, "UPDATE judgments SET session_id = ? WHERE session_id = ?", original, copy);
                    update(store, "INSERT OR IGNORE INTO labeling_session_queries(session_id, query_id, position) "
                            + "SELECT ?, query_id, position FROM labeling_session_queries WHERE session_id = ?",
                            original, copy);
                    update(store, "DELETE FROM labeling_sessions WHERE id = ?", copy);
                }
                return pairs.size();
            });
        }
    }

    private static void update(ProjectStore store, String sql, long... values) throws java.sql.SQLException {
        try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setLong(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }
}
