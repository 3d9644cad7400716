package io.rerankworkbench.app;

/** Which owned executor runs a background task. */
public enum Lane {
    /** Model loading and scoring (CPU-bound, 1 thread; ONNX Runtime parallelises inside each operator). */
    INFERENCE,
    /** Files, HTTP and the database. */
    IO
}
