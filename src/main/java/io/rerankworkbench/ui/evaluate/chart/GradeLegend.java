package io.rerankworkbench.ui.evaluate.chart;

import io.rerankworkbench.eval.plot.GradeTones;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

import java.util.List;

/** A row of swatches, one per grade (in the labeling window's tones) and one for unjudged documents. */
final class GradeLegend extends FlowPane {

    GradeLegend() {
        getStyleClass().add("chart-legend-row");
    }

    /** Shows the grades, ascending, then "unjudged" when {@code withUnjudged}. */
    void set(List<Integer> grades, boolean withUnjudged) {
        getChildren().clear();
        for (int g : grades) {
            getChildren().add(item("grade " + g, gradeClass(g, grades)));
        }
        if (withUnjudged) {
            getChildren().add(item("unjudged", "unjudged"));
        }
    }

    /** The style class of a grade's colour: "tone-0" … "tone-4". */
    static String gradeClass(int grade, List<Integer> grades) {
        return "tone-" + GradeTones.tone(grade, grades);
    }

    static Label item(String text, String colourClass) {
        Region swatch = new Region();
        swatch.getStyleClass().addAll("chart-swatch", colourClass);
        Label label = new Label(text, swatch);
        label.getStyleClass().add("chart-legend-entry");
        return label;
    }
}
