package io.rerankworkbench.store;

/** A read or write on an open project failed (disk full, I/O error, a broken constraint). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether {@code e} or one of its causes is SQLite's "database is locked/busy" (another connection, often another
     * program, holds the write lock past the busy timeout).
     */
    public static boolean isBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                int code = sql.getErrorCode() & 0xff;
                if (code == 5 || code == 6) { // SQLITE_BUSY, SQLITE_LOCKED
                    return true;
                }
            }
            String m = t.getMessage();
            if (m != null && (m.contains("SQLITE_BUSY") || m.contains("database is locked"))) {
                return true;
            }
        }
        return false;
    }
}
