package io.rerankworkbench.store;

import io.rerankworkbench.core.Ranking;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Query variants kept in a project file: other phrasings of a query, each with its own text and its own kept runs.
 *
 * <p>A variant shares everything else with its query: it ranks the query's candidates, and it is judged by the query's
 * grades (a grade belongs to the query and the document, not to a phrasing), so variants of one query compare on the
 * same labels. Its runs are rows of {@code runs} with {@code variant_id} set; {@link ProjectStore#runs} leaves them
 * out and numbers the query's own runs as before, while {@link #runs} lists and numbers a variant's runs apart. Because
 * a variant's run ranked the query's candidates, it fixes them as the query's own runs do
 * ({@link ProjectStore#isFixed}, {@link ProjectStore#replaceCandidates}, {@link CorpusRepository#fill}).
 *
 * <p>A variant's text is kept without surrounding white space; it is never blank, never its query's text, and never
 * the text of another variant of the same query. Variants go with their query (cascade delete); a variant's runs go
 * with it. Variants are numbered 1, 2, … in the order they were kept.
 *
 * <p>Threading: like {@link ProjectStore}, every method blocks on disk and holds the store's monitor; call from a
 * background lane. Every write has committed when it returns.
 */
public final class VariantRepository {

    /** The variant's columns and its number among its query's variants, for {@link #variant}. */
    private static final String SELECT = "SELECT id, query_id, text, created_at, "
            + "(SELECT count(*) FROM query_variants o WHERE o.query_id = v.query_id AND o.id <= v.id) "
            + "FROM query_variants v ";

    private final ProjectStore store;

    public VariantRepository(ProjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Keeps {@code text} as a new variant of the query; on disk when this returns.
     *
     * @throws IllegalArgumentException when the text is blank, is the query's own text, or is already a variant of
     *                                  the query, or when there is no such query
     */
    public StoredVariant add(long queryId, String text) {
        Objects.requireNonNull(text, "text");
        String phrasing = text.strip();
        if (phrasing.isEmpty()) {
            throw new IllegalArgumentException("A variant needs a text: it is blank.");
        }
        Instant now = Instant.now();
        synchronized (store) {
            StoredQuery query = store.query(queryId).orElseThrow(
                    () -> new IllegalArgumentException("There is no query " + queryId + " to keep a variant of."));
            if (query.text().strip().equals(phrasing)) {
                throw new IllegalArgumentException("\"" + phrasing + "\" is the text of query " + query.externalId()
                        + " itself, not a variant of it.");
            }
            Optional<StoredVariant> same = list(queryId).stream().filter(v -> v.text().equals(phrasing)).findFirst();
            if (same.isPresent()) {
                throw new IllegalArgumentException("Query " + query.externalId() + " already has \"" + phrasing
                        + "\" as variant " + same.get().number() + ".");
            }
            long id = store.write("keep a variant of query " + query.externalId(), () -> {
                try (PreparedStatement ps = store.connection().prepareStatement(
                        "INSERT INTO query_variants(query_id, text, created_at) VALUES (?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setLong(1, queryId);
                    ps.setString(2, phrasing);
                    ps.setString(3, now.toString());
                    ps.executeUpdate();
                    return ProjectStore.generatedKey(ps);
                }
            });
            return find(id).orElseThrow();
        }
    }

    /** The query's variants in the order they were kept (numbered 1, 2, …); empty when it has none or is no query. */
    public List<StoredVariant> list(long queryId) {
        synchronized (store) {
            return store.read(() -> {
                try (PreparedStatement ps = store.connection().prepareStatement(
                        SELECT + "WHERE v.query_id = ? ORDER BY v.id")) {
                    ps.setLong(1, queryId);
                    List<StoredVariant> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(variant(rs));
                        }
                    }
                    return out;
                }
            });
        }
    }

    /** The variant with this key, if there is one. */
    public Optional<StoredVariant> find(long variantId) {
        synchronized (store) {
            return store.read(() -> {
                try (PreparedStatement ps = store.connection().prepareStatement(SELECT + "WHERE v.id = ?")) {
                    ps.setLong(1, variantId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(variant(rs)) : Optional.empty();
                    }
                }
            });
        }
    }

    /**
     * Deletes the variant with its runs; the query, its candidates, grades and own runs stay.
     *
     * @return whether there was such a variant
     */
    public boolean delete(long variantId) {
        synchronized (store) {
            return store.write("delete variant " + variantId, () -> {
                try (PreparedStatement ps = store.connection().prepareStatement(
                        "DELETE FROM query_variants WHERE id = ?")) {
                    ps.setLong(1, variantId);
                    return ps.executeUpdate() == 1;
                }
            });
        }
    }

    /**
     * Keeps a run of the variant, as {@link ProjectStore#recordRun} keeps one of a query: the ranking with every
     * per-document finding, in one transaction. Each ranked candidate must be one of the query's candidates.
     *
     * @return the run's key
     * @throws IllegalArgumentException when there is no such variant
     */
    public long recordRun(long variantId, Ranking ranking, String paramsJson, String usageJson, Instant startedAt,
                          Instant finishedAt, RunStatus status) {
        synchronized (store) {
            StoredVariant variant = existing(variantId);
            return store.recordRun(variant.queryId(), variant.id(), ranking, paramsJson, usageJson, startedAt,
                    finishedAt, status);
        }
    }

    /**
     * The variant's runs, oldest first, numbered 1, 2, … among the variant's runs alone; each ranking's query has the
     * query's id and the variant's text.
     *
     * @throws IllegalArgumentException when there is no such variant
     */
    public List<StoredRun> runs(long variantId) {
        synchronized (store) {
            StoredVariant variant = existing(variantId);
            StoredQuery query = store.query(variant.queryId()).orElseThrow();
            return store.read(() -> store.runs(variant.queryId(), variant.id(), variant.number(),
                    variant.toQuery(query)));
        }
    }

    /** The query's variants in the order they were kept, each with its run count and its newest run's ranker. */
    public List<VariantSummary> summaries(long queryId) {
        synchronized (store) {
            return store.read(() -> {
                try (PreparedStatement ps = store.connection().prepareStatement(
                        "SELECT v.id, v.query_id, v.text, v.created_at, "
                                + "(SELECT count(*) FROM query_variants o WHERE o.query_id = v.query_id "
                                + "AND o.id <= v.id), "
                                + "(SELECT count(*) FROM runs r WHERE r.variant_id = v.id), "
                                + "n.ranker_kind, n.model, n.finished_at "
                                + "FROM query_variants v LEFT JOIN runs n ON n.id = "
                                + "(SELECT max(r.id) FROM runs r WHERE r.variant_id = v.id) "
                                + "WHERE v.query_id = ? ORDER BY v.id")) {
                    ps.setLong(1, queryId);
                    List<VariantSummary> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new VariantSummary(variant(rs), rs.getInt(6), rs.getString(7), rs.getString(8),
                                    ProjectStore.instant(rs.getString(9))));
                        }
                    }
                    return out;
                }
            });
        }
    }

    private StoredVariant existing(long variantId) {
        return find(variantId).orElseThrow(() -> new IllegalArgumentException("There is no variant " + variantId
                + " (it may have been deleted)."));
    }

    /** Columns id, query_id, text, created_at, number. */
    private static StoredVariant variant(ResultSet rs) throws SQLException {
        return new StoredVariant(rs.getLong(1), rs.getLong(2), rs.getInt(5), rs.getString(3),
                Instant.parse(rs.getString(4)));
    }
}
