package io.rerankworkbench.store;

/** A read or write on an open project failed (disk full, I/O error, a broken constraint). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
