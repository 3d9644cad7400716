package io.rerankworkbench.cli;

import io.rerankworkbench.app.AppContext;

/**
 * Gives a command the application context for one invocation. The real command line opens a fresh context and
 * closes it when the command ends; tests lend one context, with its model already loaded, to many invocations.
 */
@FunctionalInterface
interface ContextSource {

    /** A new context per invocation, closed with the lease. */
    ContextSource FRESH = () -> new Lease(new AppContext(), true);

    Lease open();

    /** A context that the borrower must not close; the lender closes it. */
    static ContextSource borrowing(AppContext shared) {
        return () -> new Lease(shared, false);
    }

    /** A context for one command; closing the lease closes the context only when the command owns it. */
    record Lease(AppContext context, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                context.close();
            }
        }
    }
}
