package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoreFormat;
import io.rerankworkbench.core.ScoreScale;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.core.TextSpan;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The results table and the detail pane: rows of the last ranking, the selected row, its full text and, for a
 * document scored in chunks, the span of its best chunk.
 */
public final class ResultsViewModel {

    private final ObservableList<ResultRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ResultRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ObjectProperty<ResultRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper detailHeader = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<TextSpan> detailHighlight = new ReadOnlyObjectWrapper<>();
    private int modelMaxTokens;

    private final ObjectProperty<ScoreScale.Mode> barScale = new SimpleObjectProperty<>(ScoreScale.Mode.RUN);
    private final ReadOnlyStringWrapper barLegend = new ReadOnlyStringWrapper("");
    private Ranking shown;
    private java.util.Map<String, Integer> shownGrades = java.util.Map.of();
    /** For a live ranking, each document's rank before the last edit; null for a kept run. */
    private java.util.Map<String, Integer> previousRanks;

    ResultsViewModel() {
        selected.addListener((obs, old, row) -> describe(row));
        barScale.addListener((obs, old, mode) -> {
            if (shown != null) {
                ResultRow keep = selected.get();
                fill(shown, shownGrades);
                if (keep != null) {
                    rows.stream().filter(r -> r.rank() == keep.rank()).findFirst().ifPresent(selected::set);
                }
            }
        });
    }

    void show(Ranking ranking, int maxTokens) {
        show(ranking, maxTokens, java.util.Map.of());
    }

    /** Shows a ranking with the query's current grades by document id (documents without one stay ungraded). */
    void show(Ranking ranking, int maxTokens, java.util.Map<String, Integer> grades) {
        this.modelMaxTokens = maxTokens;
        this.previousRanks = null;
        selected.set(null);
        fill(ranking, grades);
    }

    /**
     * Shows a live ranking (not kept): the "was" of each row is the document's rank in the ranking shown before,
     * {@code previousRanks} by document id, so the change column shows how the last edit moved it.
     */
    void showLive(Ranking ranking, int maxTokens, java.util.Map<String, Integer> grades,
                  java.util.Map<String, Integer> previousRanks) {
        this.modelMaxTokens = maxTokens;
        ResultRow keep = selected.get();
        selected.set(null);
        this.previousRanks = previousRanks;
        fill(ranking, grades);
        if (keep != null) {
            // Follow the document the analyst was reading to its new place.
            rows.stream().filter(r -> r.docId().equals(keep.docId())).findFirst().ifPresent(selected::set);
        }
    }

    private void fill(Ranking ranking, java.util.Map<String, Integer> grades) {
        shown = ranking;
        shownGrades = grades;
        ScoreScale scale = ScoreScale.of(ranking, barScale.get());
        List<ResultRow> fresh = new ArrayList<>(ranking.results().size());
        for (ScoredCandidate c : ranking.results()) {
            ResultRow row = ResultRow.of(c, scale.fraction(c), grades.get(c.candidate().docId()));
            Integer before = previousRanks == null ? null : previousRanks.get(c.candidate().docId());
            fresh.add(before == null ? row : row.was(before));
        }
        barLegend.set(scale.legend());
        rows.setAll(fresh);
    }

    void clear() {
        selected.set(null);
        shown = null;
        previousRanks = null;
        barLegend.set("");
        rows.clear();
    }

    /** How the score bars are scaled: to the run's range (default) or to the model's own range. */
    public ObjectProperty<ScoreScale.Mode> barScaleProperty() {
        return barScale;
    }

    /** What an empty and a full bar mean for the shown run, e.g. "score 0.213 – 0.724 (this run)"; "" with no run. */
    public ReadOnlyStringProperty barLegendProperty() {
        return barLegend.getReadOnlyProperty();
    }

    /** The legend {@code mode} would give the shown run ("" with no run): what the scale picker offers. */
    public String legend(ScoreScale.Mode mode) {
        return shown == null ? "" : ScoreScale.of(shown, mode).legend();
    }

    /** Rows in rank order; the view may show them sorted differently. */
    public ObservableList<ResultRow> rows() {
        return readOnlyRows;
    }

    /** The row whose full text the detail pane shows; the view binds the table's selection to it. */
    public ObjectProperty<ResultRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty detailHeaderProperty() {
        return detailHeader.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailTextProperty() {
        return detailText.getReadOnlyProperty();
    }

    /**
     * The part of the detail text to highlight: the best chunk of a document scored in chunks, else null. Changes
     * after {@link #detailTextProperty()}, so a listener can select it in the text just shown.
     */
    public ReadOnlyObjectProperty<TextSpan> detailHighlightProperty() {
        return detailHighlight.getReadOnlyProperty();
    }

    /** Tab-separated rows with a header, for the clipboard; spreadsheets paste it as a table. */
    public String copyText(List<ResultRow> selection) {
        String header = "rank\toriginal_rank\trank_change\tdoc_id\tscore\tlabel\ttruncated\ttext";
        return selection.stream()
                .map(r -> r.rank() + "\t" + r.originalRank() + "\t" + r.rankChange() + "\t" + oneLine(r.docId())
                        + "\t" + ScoreFormat.plain(r.score(), 6) + "\t" + r.gradeLabel() + "\t" + r.truncated()
                        + "\t" + oneLine(r.text()))
                .collect(Collectors.joining("\n", header + "\n", "\n"));
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\t\\r\\n]+", " ");
    }

    private void describe(ResultRow row) {
        detailHighlight.set(null);
        if (row == null) {
            detailHeader.set(rows.isEmpty() ? "" : "Select a result to read its full text.");
            detailText.set("");
            return;
        }
        StringBuilder header = new StringBuilder()
                .append("Rank ").append(row.rank())
                .append(previousRanks == null ? " · was " : " · before this edit ").append(row.originalRank());
        if (row.rankChange() != 0) {
            header.append(" (").append(row.rankChangeLabel()).append(')');
        }
        header.append(" · doc ").append(row.docId())
                .append(" · score ").append(ScoreFormat.plain(row.score(), 6));
        if (row.hasProbability()) {
            header.append(" · probability ").append(row.probabilityLabel());
        }
        if (row.bestChunk() != null) {
            // 1-based and inclusive, as an editor's column numbers are.
            header.append(" · best chunk: characters ").append(row.bestChunk().start() + 1).append('–')
                    .append(row.bestChunk().end());
        }
        if (row.grade() != null) {
            header.append(" · graded ").append(row.grade());
        }
        if (row.truncated()) {
            header.append(" · truncated: the last ").append(row.tokensDropped())
                    .append(" tokens were beyond the model's ")
                    .append(modelMaxTokens > 0 ? modelMaxTokens + "-token " : "").append("limit");
        }
        detailHeader.set(header.toString());
        detailText.set(row.text());
        detailHighlight.set(row.bestChunk());
    }
}
