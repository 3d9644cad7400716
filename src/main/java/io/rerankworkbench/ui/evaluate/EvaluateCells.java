package io.rerankworkbench.ui.evaluate;

import io.rerankworkbench.app.EvaluationService.Metric;
import io.rerankworkbench.app.EvaluationService.RankerResult;
import io.rerankworkbench.eval.significance.BootstrapCi;
import io.rerankworkbench.ui.evaluate.EvaluateViewModel.QueryRow;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.function.IntSupplier;

/** The Evaluate panel's table cells: a ranker, a mean with its interval and judged badge, a per-query value, B − A. */
final class EvaluateCells {

    private EvaluateCells() {
    }

    /** The ranker's name over how many queries its means are taken. */
    static final class RankerCell extends TableCell<RankerResult, RankerResult> {
        private final Label name = new Label();
        private final Tooltip tooltip = new Tooltip();
        private final Label queries = new Label();
        private final VBox box = new VBox(1, name, queries);

        RankerCell() {
            name.getStyleClass().add("ranker-name");
            queries.getStyleClass().add("ranker-queries");
        }

        @Override
        protected void updateItem(RankerResult item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            name.setText(item.ranker().label());
            tooltip.setText(EvaluateTexts.rankerHelp(item.ranker()));
            setTooltip(tooltip);
            int n = item.evaluation().numQueries();
            int missing = item.evaluation().missing().size();
            queries.setText(n + (n == 1 ? " query" : " queries")
                    + (missing > 0 && !item.evaluation().conventions().completeQueries()
                    ? " (" + missing + " without a run)" : ""));
            setGraphic(box);
        }
    }

    /** A mean, its 95 % interval and the judged-coverage badge. */
    static final class MetricCell extends TableCell<RankerResult, RankerResult> {
        private final Metric metric;
        private final IntSupplier k;
        private final Label value = new Label();
        private final Label badge = new Label();
        private final Label interval = new Label();
        private final Tooltip tooltip = new Tooltip();
        private final VBox box;

        MetricCell(Metric metric, IntSupplier k) {
            this.metric = metric;
            this.k = k;
            value.getStyleClass().add("metric-value");
            badge.getStyleClass().add("coverage-badge");
            interval.getStyleClass().add("metric-interval");
            HBox top = new HBox(4, value, badge);
            top.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(1, top, interval);
        }

        @Override
        protected void updateItem(RankerResult item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            BootstrapCi ci = item.intervals().get(metric.spec());
            value.setText(ci == null ? "–" : EvaluateTexts.value(item.evaluation().all(metric.spec())));
            interval.setText(EvaluateTexts.interval(ci));
            double coverage = item.meanCoverage();
            boolean judgedColumn = metric.name().startsWith("Judged");
            boolean low = EvaluateTexts.lowCoverage(coverage);
            badge.setText((low ? "⚠ " : "") + (Double.isNaN(coverage) ? "" : Math.round(coverage * 100) + "%"));
            badge.setVisible(!judgedColumn && !Double.isNaN(coverage));
            badge.setManaged(badge.isVisible());
            badge.getStyleClass().remove("low");
            if (low) {
                badge.getStyleClass().add("low");
            }
            tooltip.setText((metric.name() + " = " + EvaluateTexts.value(item.evaluation().all(metric.spec()))
                    + (ci == null ? "" : "\n95 % bootstrap interval " + EvaluateTexts.interval(ci)
                    + " (" + ci.resamples() + " resamples of the queries)")
                    + "\n" + EvaluateTexts.coverage(coverage) + " in the top " + k.getAsInt()
                    + " on average"
                    + (item.lowCoverageQueries() > 0 ? "\n" + item.lowCoverageQueries() + " of "
                    + item.coverage().size() + " queries have less than 80 % of their top k judged: "
                    + "label more to trust this number" : "")));
            setTooltip(tooltip);
            setGraphic(box);
        }
    }

    static final class QueryValueCell extends TableCell<QueryRow, Double> {
        private final int index;
        private final IntSupplier k;
        private final Tooltip tooltip = new Tooltip();
        private final Label value = new Label();
        private final Label badge = new Label();
        private final HBox box = new HBox(6, value, badge);

        QueryValueCell(int index, IntSupplier k) {
            this.index = index;
            this.k = k;
            value.getStyleClass().add("query-value");
            badge.getStyleClass().add("coverage-badge");
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(Double item, boolean empty) {
            super.updateItem(item, empty);
            QueryRow row = empty ? null : getTableRow().getItem();
            if (empty || item == null || row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            value.setText(item.isNaN() ? (row.noSuchVariant(index) ? "no variant" : "no run")
                    : EvaluateTexts.value(item));
            double coverage = row.coverage()[index];
            boolean low = EvaluateTexts.lowCoverage(coverage);
            badge.setText((low ? "⚠ " : "") + (Double.isNaN(coverage) ? "" : Math.round(coverage * 100) + "%"));
            badge.setVisible(!Double.isNaN(coverage));
            badge.getStyleClass().remove("low");
            if (low) {
                badge.getStyleClass().add("low");
            }
            String phrasing = row.rankedFor()[index];
            String ranked = phrasing == null ? "" : phrasing.isEmpty() ? "This query has no such variant."
                    : "Ranked for the variant \u201c" + phrasing + "\u201d, judged by the query's grades.";
            String judged = Double.isNaN(coverage) ? "" : EvaluateTexts.coverage(coverage) + " in the top "
                    + k.getAsInt() + (low ? ": less than 80 %, label more of this query" : "");
            tooltip.setText(ranked.isEmpty() || judged.isEmpty() ? ranked + judged : ranked + "\n" + judged);
            setTooltip(ranked.isEmpty() && judged.isEmpty() ? null : tooltip);
            setGraphic(box);
        }
    }

    static final class DifferenceCell extends TableCell<QueryRow, Double> {
        @Override
        protected void updateItem(Double item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("query-value", "query-difference", "up", "down");
            if (empty || item == null) {
                setText(null);
                return;
            }
            setText(EvaluateTexts.difference(item));
            getStyleClass().addAll("query-value", "query-difference");
            if (item > 0) {
                getStyleClass().add("up");
            } else if (item < 0) {
                getStyleClass().add("down");
            }
        }
    }
}
