package io.rerankworkbench.store;

/** Told how far a bulk write has got; called on the writing thread, every few thousand rows and at the end. */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (done, total) -> { };

    void progress(long done, long total);
}
