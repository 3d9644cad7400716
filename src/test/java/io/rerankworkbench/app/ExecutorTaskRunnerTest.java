package io.rerankworkbench.app;

import io.rerankworkbench.rerank.CancelledException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutorTaskRunnerTest {

    /** Records every callback of a task, in order. */
    private static final class Recorder {
        final List<String> events = new ArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();

        <T> BackgroundTask<T> attach(BackgroundTask<T> task) {
            return task
                    .onSuccess(r -> events.add("success:" + r))
                    .onFailure(e -> {
                        error.set(e);
                        events.add("failure:" + e.getClass().getSimpleName());
                    })
                    .onCancelled(() -> events.add("cancelled"))
                    .onProgress((done, total) -> events.add("progress:" + done + "/" + total))
                    .always(() -> events.add("always"));
        }
    }

    /** An executor that only queues; the test runs the queue by hand. */
    private static final class Queue {
        final List<Runnable> jobs = new ArrayList<>();

        void execute(Runnable r) {
            jobs.add(r);
        }

        /** Runs queued jobs, including those queued while running, until none are left. */
        int runAll() {
            int ran = 0;
            while (!jobs.isEmpty()) {
                jobs.remove(0).run();
                ran++;
            }
            return ran;
        }
    }

    @Nested
    class OnTheCurrentThread {

        private final CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
        private final Recorder recorder = new Recorder();

        @Test
        void successDeliversTheResultThenAlways() {
            TaskHandle handle = runner.submit(recorder.attach(BackgroundTask.of("answer", Lane.INFERENCE,
                    (progress, cancel) -> 42)));

            assertThat(recorder.events).containsExactly("success:42", "always");
            assertThat(handle.isCancelled()).isFalse();
        }

        @Test
        void failureDeliversTheExceptionThenAlways() {
            IOException boom = new IOException("disk full");

            runner.submit(recorder.attach(BackgroundTask.<String>of("fails", Lane.IO, (progress, cancel) -> {
                throw boom;
            })));

            assertThat(recorder.events).containsExactly("failure:IOException", "always");
            assertThat(recorder.error.get()).isSameAs(boom);
        }

        @Test
        void runtimeExceptionIsAFailure() {
            IllegalStateException boom = new IllegalStateException("bad state");

            runner.submit(recorder.attach(BackgroundTask.<String>of("fails", Lane.INFERENCE, (progress, cancel) -> {
                throw boom;
            })));

            assertThat(recorder.events).containsExactly("failure:IllegalStateException", "always");
            assertThat(recorder.error.get()).isSameAs(boom);
        }

        @Test
        void cancelledExceptionMeansCancelled() {
            runner.submit(recorder.attach(BackgroundTask.<String>of("stops", Lane.INFERENCE, (progress, cancel) -> {
                throw new CancelledException();
            })));

            assertThat(recorder.events).containsExactly("cancelled", "always");
            assertThat(recorder.error.get()).isNull();
        }

        @Test
        void progressIsDeliveredBeforeTheOutcome() {
            runner.submit(recorder.attach(BackgroundTask.of("counts", Lane.INFERENCE, (progress, cancel) -> {
                progress.progress(1, 3);
                progress.progress(2, 3);
                progress.progress(3, 3);
                return "done";
            })));

            assertThat(recorder.events)
                    .containsExactly("progress:1/3", "progress:2/3", "progress:3/3", "success:done", "always");
        }

        @Test
        void nullResultIsASuccess() {
            runner.submit(recorder.attach(BackgroundTask.of("nothing", Lane.IO, (progress, cancel) -> null)));

            assertThat(recorder.events).containsExactly("success:null", "always");
        }

        @Test
        void workRunsOnTheCallingThread() {
            Thread caller = Thread.currentThread();
            AtomicReference<Thread> worker = new AtomicReference<>();

            runner.submit(BackgroundTask.of("where", Lane.IO, (progress, cancel) -> {
                worker.set(Thread.currentThread());
                return 1;
            }));

            assertThat(worker.get()).isSameAs(caller);
        }

        @Test
        void defaultCallbacksAreOptional() {
            AtomicInteger runs = new AtomicInteger();

            TaskHandle handle = runner.submit(BackgroundTask.of("bare", Lane.IO, (progress, cancel) -> {
                progress.progress(1, 1);
                return runs.incrementAndGet();
            }));

            assertThat(runs).hasValue(1);
            assertThat(handle).isNotNull();
        }
    }

    @Nested
    class WithQueuedExecutors {

        private final Queue inference = new Queue();
        private final Queue io = new Queue();
        private final Queue delivery = new Queue();
        private final ExecutorTaskRunner runner = new ExecutorTaskRunner(
                Map.of(Lane.INFERENCE, inference::execute, Lane.IO, io::execute), delivery::execute);
        private final Recorder recorder = new Recorder();

        @Test
        void submitReturnsBeforeTheWorkRuns() {
            AtomicInteger runs = new AtomicInteger();

            runner.submit(recorder.attach(BackgroundTask.of("later", Lane.INFERENCE,
                    (progress, cancel) -> runs.incrementAndGet())));

            assertThat(runs).hasValue(0);
            assertThat(recorder.events).isEmpty();
            assertThat(inference.jobs).hasSize(1);
            assertThat(delivery.jobs).isEmpty();
        }

        @Test
        void callbacksWaitForTheDeliveryExecutor() {
            runner.submit(recorder.attach(BackgroundTask.of("later", Lane.INFERENCE, (progress, cancel) -> "r")));

            inference.runAll();
            assertThat(recorder.events).isEmpty();
            assertThat(delivery.jobs).hasSize(1);

            delivery.runAll();
            assertThat(recorder.events).containsExactly("success:r", "always");
        }

        @Test
        void laneIsRespected() {
            runner.submit(BackgroundTask.of("file", Lane.IO, (progress, cancel) -> "io"));

            assertThat(io.jobs).hasSize(1);
            assertThat(inference.jobs).isEmpty();

            runner.submit(BackgroundTask.of("model", Lane.INFERENCE, (progress, cancel) -> "inference"));
            runner.submit(BackgroundTask.of("model2", Lane.INFERENCE, (progress, cancel) -> "inference"));

            assertThat(io.jobs).hasSize(1);
            assertThat(inference.jobs).hasSize(2);
        }

        @Test
        void cancellingBeforeTheJobRunsSkipsTheWork() {
            AtomicInteger runs = new AtomicInteger();
            TaskHandle handle = runner.submit(recorder.attach(BackgroundTask.of("never", Lane.INFERENCE,
                    (progress, cancel) -> runs.incrementAndGet())));

            handle.cancel();
            assertThat(handle.isCancelled()).isTrue();
            inference.runAll();
            delivery.runAll();

            assertThat(runs).hasValue(0);
            assertThat(recorder.events).containsExactly("cancelled", "always");
        }

        @Test
        void cancelIsIdempotent() {
            TaskHandle handle = runner.submit(recorder.attach(BackgroundTask.of("never", Lane.IO,
                    (progress, cancel) -> "x")));

            handle.cancel();
            handle.cancel();
            io.runAll();
            delivery.runAll();

            assertThat(recorder.events).containsExactly("cancelled", "always");
        }

        @Test
        void cancellingWhileWorkingMeansCancelledEvenIfTheWorkReturns() {
            AtomicReference<TaskHandle> handle = new AtomicReference<>();
            AtomicReference<Boolean> tokenSawIt = new AtomicReference<>();
            handle.set(runner.submit(recorder.attach(BackgroundTask.of("stopped", Lane.INFERENCE,
                    (progress, cancel) -> {
                        assertThat(cancel.isCancelled()).isFalse();
                        handle.get().cancel();
                        tokenSawIt.set(cancel.isCancelled());
                        return "ignored";
                    }))));

            inference.runAll();
            delivery.runAll();

            assertThat(tokenSawIt.get()).isTrue();
            assertThat(recorder.events).containsExactly("cancelled", "always");
        }

        @Test
        void tokenThrowIfCancelledStopsTheWork() {
            AtomicReference<TaskHandle> handle = new AtomicReference<>();
            List<Integer> batches = new ArrayList<>();
            handle.set(runner.submit(recorder.attach(BackgroundTask.of("batches", Lane.INFERENCE,
                    (progress, cancel) -> {
                        for (int batch = 0; batch < 10; batch++) {
                            cancel.throwIfCancelled();
                            batches.add(batch);
                            if (batch == 2) {
                                handle.get().cancel();
                            }
                        }
                        return "finished";
                    }))));

            inference.runAll();
            delivery.runAll();

            assertThat(batches).containsExactly(0, 1, 2);
            assertThat(recorder.events).containsExactly("cancelled", "always");
        }

        @Test
        void failureIsDeliveredOnTheDeliveryExecutor() {
            IOException boom = new IOException("read error");
            runner.submit(recorder.attach(BackgroundTask.<String>of("fails", Lane.IO, (progress, cancel) -> {
                throw boom;
            })));

            io.runAll();
            assertThat(recorder.events).isEmpty();
            delivery.runAll();

            assertThat(recorder.events).containsExactly("failure:IOException", "always");
            assertThat(recorder.error.get()).isSameAs(boom);
        }

        @Test
        void progressIsCoalescedToTheLatestValue() {
            runner.submit(recorder.attach(BackgroundTask.of("fast", Lane.INFERENCE, (progress, cancel) -> {
                for (int i = 1; i <= 1000; i++) {
                    progress.progress(i, 1000);
                }
                return "done";
            })));

            inference.runAll();
            assertThat(delivery.jobs).as("one progress update and one outcome").hasSize(2);
            delivery.runAll();

            assertThat(recorder.events).containsExactly("progress:1000/1000", "success:done", "always");
        }

        @Test
        void progressAfterADeliveryIsDeliveredAgain() {
            runner.submit(recorder.attach(BackgroundTask.of("steps", Lane.INFERENCE, (progress, cancel) -> {
                progress.progress(1, 10);
                progress.progress(2, 10);
                delivery.runAll();
                progress.progress(3, 10);
                progress.progress(4, 10);
                delivery.runAll();
                delivery.runAll();
                progress.progress(5, 10);
                return "done";
            })));

            inference.runAll();
            delivery.runAll();

            assertThat(recorder.events).containsExactly(
                    "progress:2/10", "progress:4/10", "progress:5/10", "success:done", "always");
        }

        @Test
        void coalescedProgressStillPrecedesTheOutcomeOnFailure() {
            runner.submit(recorder.attach(BackgroundTask.<String>of("half", Lane.IO, (progress, cancel) -> {
                progress.progress(1, 4);
                progress.progress(2, 4);
                throw new IOException("gone");
            })));

            io.runAll();
            delivery.runAll();

            assertThat(recorder.events).containsExactly("progress:2/4", "failure:IOException", "always");
        }

        @Test
        void rejectedSubmissionIsAFailure() {
            ExecutorTaskRunner shuttingDown = new ExecutorTaskRunner(Map.of(
                    Lane.INFERENCE, r -> {
                        throw new RejectedExecutionException("shut down");
                    },
                    Lane.IO, io::execute), delivery::execute);

            shuttingDown.submit(recorder.attach(BackgroundTask.of("late", Lane.INFERENCE, (progress, cancel) -> 1)));
            delivery.runAll();

            assertThat(recorder.events).containsExactly("failure:IllegalStateException", "always");
            assertThat(recorder.error.get())
                    .hasMessage("the application is shutting down")
                    .hasCauseInstanceOf(RejectedExecutionException.class);
        }

        @Test
        void errorsAreDeliveredAndRethrownToTheLaneExecutor() {
            AssertionError error = new AssertionError("broken invariant");
            runner.submit(recorder.attach(BackgroundTask.<String>of("error", Lane.INFERENCE, (progress, cancel) -> {
                throw error;
            })));

            assertThatThrownBy(inference::runAll).isSameAs(error);
            delivery.runAll();

            assertThat(recorder.events).containsExactly("failure:AssertionError", "always");
            assertThat(recorder.error.get()).isSameAs(error);
        }
    }

    @Test
    void workRunsOnTheLaneThreadAndCallbacksOnTheDeliveryExecutor() throws InterruptedException {
        ExecutorService lane = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-lane"));
        Queue delivery = new Queue();
        ExecutorTaskRunner runner = new ExecutorTaskRunner(Map.of(Lane.INFERENCE, lane, Lane.IO, lane),
                delivery::execute);
        AtomicReference<String> workThread = new AtomicReference<>();
        List<String> callbackThreads = new ArrayList<>();
        Recorder recorder = new Recorder();
        try {
            runner.submit(recorder.attach(BackgroundTask.of("threads", Lane.INFERENCE, (progress, cancel) -> {
                workThread.set(Thread.currentThread().getName());
                progress.progress(1, 1);
                return "ok";
            })).always(() -> callbackThreads.add(Thread.currentThread().getName())));
        } finally {
            lane.shutdown();
            assertThat(lane.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        delivery.runAll();

        assertThat(workThread.get()).isEqualTo("test-lane");
        assertThat(callbackThreads).containsExactly(Thread.currentThread().getName());
        assertThat(recorder.events).containsExactly("progress:1/1", "success:ok");
    }

    @Test
    void everyLaneNeedsAnExecutor() {
        assertThatThrownBy(() -> new ExecutorTaskRunner(Map.of(Lane.INFERENCE, Runnable::run), Runnable::run))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("IO");
        assertThatThrownBy(() -> new ExecutorTaskRunner(
                Map.of(Lane.INFERENCE, Runnable::run, Lane.IO, Runnable::run), null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aThrowingSuccessCallbackIsNotReportedAsAFailure() {
        CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
        List<String> events = new ArrayList<>();
        BackgroundTask<String> task = BackgroundTask.of("ok", Lane.IO, (progress, cancel) -> "result")
                .onSuccess(r -> {
                    events.add("success");
                    throw new IllegalStateException("bug in the success callback");
                })
                .onFailure(e -> events.add("failure:" + e.getMessage()))
                .onCancelled(() -> events.add("cancelled"))
                .always(() -> events.add("always"));

        try {
            runner.submit(task);
        } catch (IllegalStateException expected) {
            // the callback's own exception may propagate; it must not turn into a second outcome
        }

        assertThat(events).containsExactly("success", "always");
    }
}
