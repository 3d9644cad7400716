package io.rerankworkbench.ui.workbench;

/** Where the selected local model is in its life cycle. */
public enum ModelStatus {
    LOADING,
    READY,
    FAILED
}
