package io.rerankworkbench.app;

import io.rerankworkbench.app.RerankFlow.Listener;
import io.rerankworkbench.app.RerankFlow.Plan;
import io.rerankworkbench.app.RerankFlow.RankerOutcome;
import io.rerankworkbench.app.RerankFlow.RankerPlan;
import io.rerankworkbench.app.RerankFlow.RankerProgress;
import io.rerankworkbench.app.RerankFlow.Status;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.store.ProjectStore;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of a {@link RerankFlow.Plan} (see {@link RerankFlow#start}): the local rankers one after another on the
 * inference lane and the remote ones one after another on the IO lane, each lane starting its next ranker when the
 * last has finished. Its fields other than {@code cancelled} are used on the task runner's delivery thread only.
 */
final class SeveralRun implements TaskHandle {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final RerankFlow flow;
    private final TaskRunner tasks;
    private final ProjectStore project;
    private final Plan plan;
    private final RerankOptions options;
    private final Listener listener;
    private final long[] ends;
    private final Map<String, RankerOutcome> outcomes = new HashMap<>();

    SeveralRun(RerankFlow flow, TaskRunner tasks, ProjectStore project, Plan plan, RerankOptions options,
               Listener listener) {
        this.flow = flow;
        this.tasks = tasks;
        this.project = project;
        this.plan = plan;
        this.options = options;
        this.listener = listener;
        this.ends = new long[plan.queries().size()];
        long sum = 0;
        for (int i = 0; i < ends.length; i++) {
            sum += plan.queries().get(i).candidates();
            ends[i] = sum;
        }
    }

    void begin() {
        if (plan.rankers().isEmpty()) {
            listener.allFinished(List.of());
            return;
        }
        Deque<RankerPlan> local = new ArrayDeque<>();
        Deque<RankerPlan> remote = new ArrayDeque<>();
        for (RankerPlan r : plan.rankers()) {
            (r.lane() == Lane.INFERENCE ? local : remote).add(r);
        }
        next(local);
        next(remote);
    }

    /** Starts the next ranker of a lane's queue, when the last one has finished. */
    private void next(Deque<RankerPlan> queue) {
        RankerPlan r = queue.poll();
        if (r == null) {
            return;
        }
        if (cancelled.get()) {
            finished(new RankerOutcome(r.ranker(), Status.CANCELLED, 0, plan.queries().size(), List.of(), null));
            next(queue);
            return;
        }
        listener.started(r.ranker());
        tasks.submit(BackgroundTask.of("rerank with " + r.ranker(), r.lane(),
                        (p, c) -> flow.rerankWith(project, r.ranker(), plan.queries(), options, p, cancelled::get))
                .onProgress((done, total) -> listener.progressed(progress(r.ranker(), done)))
                .onSuccess(this::finished)
                .onFailure(e -> finished(new RankerOutcome(r.ranker(), Status.FAILED, 0, plan.queries().size(),
                        List.of(), RerankFlow.message(e))))
                .onCancelled(() -> finished(new RankerOutcome(r.ranker(), Status.CANCELLED, 0,
                        plan.queries().size(), List.of(), null)))
                .always(() -> next(queue)));
    }

    private RankerProgress progress(String ranker, long documentsDone) {
        int done = 0;
        while (done < ends.length && ends[done] <= documentsDone) {
            done++;
        }
        return new RankerProgress(ranker, done, ends.length, documentsDone, plan.documents());
    }

    private void finished(RankerOutcome outcome) {
        outcomes.put(outcome.ranker(), outcome);
        listener.finished(outcome);
        if (outcomes.size() == plan.rankers().size()) {
            listener.allFinished(plan.rankers().stream().map(r -> outcomes.get(r.ranker())).toList());
        }
    }

    @Override
    public void cancel() {
        cancelled.set(true);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }
}
