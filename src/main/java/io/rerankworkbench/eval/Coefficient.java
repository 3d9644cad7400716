package io.rerankworkbench.eval;

import java.util.Objects;

/**
 * An agreement statistic, or why it could not be computed.
 *
 * @param value      the coefficient, or NaN when it is undefined
 * @param units      how many items entered the computation
 * @param undefinedReason why the value is NaN, in words for the user; null when it is defined
 */
public record Coefficient(double value, int units, String undefinedReason) {

    public Coefficient {
        if (Double.isNaN(value)) {
            Objects.requireNonNull(undefinedReason, "an undefined coefficient needs a reason");
        } else {
            undefinedReason = null;
        }
    }

    static Coefficient of(double value, int units) {
        return new Coefficient(value, units, null);
    }

    static Coefficient undefined(String reason, int units) {
        return new Coefficient(Double.NaN, units, reason);
    }

    public boolean isDefined() {
        return !Double.isNaN(value);
    }
}
