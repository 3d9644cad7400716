package io.rerankworkbench.store;

/** How a run ended; stored as the lower-case name. */
public enum RunStatus {
    COMPLETED, FAILED, CANCELLED;

    String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static RunStatus fromDb(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
