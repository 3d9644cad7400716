package io.rerankworkbench.app;

import java.lang.System.Logger.Level;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Owned executors: named daemon threads that log what escapes them. The one place that makes threads (the
 * architecture test forbids raw threads elsewhere); front ends that own an executor, like the HTTP server, get it
 * here.
 */
public final class NamedThreads {

    private static final System.Logger LOG = System.getLogger(NamedThreads.class.getName());

    private NamedThreads() {
    }

    static ExecutorService fixedPool(String name, int threads) {
        return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                factory(name));
    }

    /**
     * {@code threads} named daemon threads and a queue of at most {@code queueCapacity} waiting tasks; a task
     * submitted when both are full is rejected with {@link java.util.concurrent.RejectedExecutionException}.
     * The caller owns the pool and shuts it down.
     */
    public static ThreadPoolExecutor boundedPool(String name, int threads, int queueCapacity) {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("threads and queue capacity must be >= 1");
        }
        return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), factory(name), new ThreadPoolExecutor.AbortPolicy());
    }

    /** A named, not yet started thread for {@link Runtime#addShutdownHook(Thread)}. */
    public static Thread shutdownHook(String name, Runnable action) {
        Thread t = new Thread(action, "rwb-" + name);
        t.setUncaughtExceptionHandler((thread, e) ->
                LOG.log(Level.ERROR, "Uncaught exception in " + thread.getName(), e));
        return t;
    }

    private static ThreadFactory factory(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, "rwb-" + name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) ->
                    LOG.log(Level.ERROR, "Uncaught exception in " + thread.getName(), e));
            return t;
        };
    }
}
