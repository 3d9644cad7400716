package io.rerankworkbench.ui.labeling;

import io.rerankworkbench.eval.GradeScale;

/** The scales the start form offers: the built-ins and the user's own levels. */
public enum ScaleChoice {
    BINARY("Binary (0 not relevant, 1 relevant)", GradeScale.BINARY),
    GRADED_0_3("Graded 0–3 (not relevant … highly relevant)", GradeScale.GRADED_0_3),
    GRADED_0_4("Graded 0–4 (bad, fair, good, excellent, perfect)", GradeScale.GRADED_0_4),
    CUSTOM("Custom levels…", null);

    private final String label;
    private final GradeScale scale;

    ScaleChoice(String label, GradeScale scale) {
        this.label = label;
        this.scale = scale;
    }

    /** The built-in scale, or null for {@link #CUSTOM}. */
    public GradeScale scale() {
        return scale;
    }

    @Override
    public String toString() {
        return label;
    }
}
