package io.rerankworkbench.app;

import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Owned executors: named daemon threads that log what escapes them. */
final class NamedThreads {

    private static final System.Logger LOG = System.getLogger(NamedThreads.class.getName());

    private NamedThreads() {
    }

    static ExecutorService fixedPool(String name, int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread t = new Thread(runnable, "rwb-" + name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) ->
                    LOG.log(Level.ERROR, "Uncaught exception in " + thread.getName(), e));
            return t;
        };
        return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    }
}
