package io.rerankworkbench.ui.models;

/** Where a model of the library is in this session. */
public enum LoadState {
    NOT_LOADED,
    LOADING,
    LOADED,
    FAILED
}
