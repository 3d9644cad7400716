package io.rerankworkbench.ui.live;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.RankerRun;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.app.VariantService;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.ui.common.Debounce;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.StringProperty;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Live mode of the query editor: while it is on, editing the query text re-scores the shown query's candidates and
 * the results table follows, with each document's movement against the ranking shown before the edit.
 *
 * <p>A local bi-encoder follows typing: after a pause of {@link #PAUSE} the newest text is scored on the ranker's
 * lane. A cross-encoder (it reads every pair again) and a hosted ranker (billed per call) score on Enter
 * ({@link #scoreNow()}); the status says what that takes. At most one scoring runs at a time: text typed meanwhile
 * is scored when it finishes, and a result is shown only if its text is still the newest — an older computation never
 * overwrites a newer one. Nothing is written to the project until {@link #keep()} keeps the phrasing as a variant of
 * the query, with the live ranking as its run.
 *
 * <p>The window tells this model what the editor shows ({@link #setBase}) and which ranker is selected
 * ({@link #setRanker}); it shows {@link #shownProperty()} in the results table while that is not null (else the kept
 * run). Knows no nodes; use on the thread that owns the {@link TaskRunner}'s callbacks.
 */
public final class LiveQueryViewModel {

    /** How long typing must pause before a bi-encoder re-scores. */
    public static final Duration PAUSE = Duration.ofMillis(150);

    private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.US);

    /**
     * What the editor shows before any live edit.
     *
     * @param queryId          the stored query's key, or null for a query not saved yet (it can be explored, not kept)
     * @param externalId       the query's id as the user sees it ("" for an unsaved one)
     * @param queryText        the stored query's own text (a variant may not repeat it)
     * @param text             the text in the editor when loaded: the query's, or the selected variant's
     * @param candidates       the candidates live mode ranks
     * @param candidatesSaved  whether those are the stored query's candidates (not edited), so a phrasing can be kept
     * @param fixed            whether the query's text is fixed (it has runs or grades): live mode is then the only
     *                         way to edit it, and turning live mode off puts the text back
     * @param shown            the ranking on screen (a kept run), or null: movement is measured against it
     */
    public record Base(Long queryId, String externalId, String queryText, String text, List<Candidate> candidates,
                       boolean candidatesSaved, boolean fixed, Ranking shown) {
        public Base {
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(queryText, "queryText");
            Objects.requireNonNull(text, "text");
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * A live ranking on screen.
     *
     * @param text          the query text it was scored for
     * @param run           the ranking (and for a hosted ranker what it billed)
     * @param previousRanks each document's rank in the ranking shown before this one, by document id
     * @param took          how long scoring took
     */
    public record Shown(String text, RankerRun run, Map<String, Integer> previousRanks, Duration took,
                        Instant startedAt, Instant finishedAt) {
        public Shown {
            previousRanks = Map.copyOf(previousRanks);
        }
    }

    private final TaskRunner tasks;
    private final VariantService service;
    private final Debounce debounce;
    private final StringProperty text;
    private final Supplier<RerankOptions> options;

    private final BooleanProperty live = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper edited = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper keepBlockedReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper keeping = new ReadOnlyBooleanWrapper(false);

    private Base base;
    private String rankerName;
    private Reranker ranker;
    private VariantService.Following following;
    /** Counts text and context changes; a scoring's result is shown only if none came after it started. */
    private long generation;
    private boolean inFlight;
    private boolean pending;
    private Consumer<VariantService.Kept> kept = k -> { };
    private Consumer<String> messages = m -> { };

    public LiveQueryViewModel(TaskRunner tasks, VariantService service, Debounce debounce, StringProperty text,
                              Supplier<RerankOptions> options) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.service = Objects.requireNonNull(service, "service");
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        this.text = Objects.requireNonNull(text, "text");
        this.options = Objects.requireNonNull(options, "options");
        text.addListener((obs, old, now) -> textChanged());
        live.addListener((obs, old, on) -> liveToggled(on));
        shown.addListener((obs, old, now) -> updateKeep());
        keeping.addListener((obs, old, now) -> updateKeep());
    }

    /** Where a kept variant goes: the window lists it and shows its run. */
    public void setKept(Consumer<VariantService.Kept> kept) {
        this.kept = kept == null ? k -> { } : kept;
    }

    /** Where one-line outcomes go (the status bar). */
    public void setMessages(Consumer<String> messages) {
        this.messages = messages == null ? m -> { } : messages;
    }

    /** The editor shows a new query, variant or run: the live ranking (if any) is dropped. Null: nothing to explore. */
    public void setBase(Base base) {
        this.base = base;
        generation++;
        debounce.stop();
        pending = false;
        shown.set(null);
        edited.set(base != null && differs());
        describeIdle();
        updateKeep();
        if (live.get() && edited.get() && following == VariantService.Following.TYPING) {
            debounce.restart(this::scoreLatest);
        }
    }

    /**
     * The selected ranker: {@code ranker} is null while it loads. Live mode turns on by default for a local
     * bi-encoder and off for the others (the analyst may turn it on: they then score on Enter).
     */
    public void setRanker(String name, Reranker ranker) {
        this.rankerName = name;
        this.ranker = ranker;
        VariantService.Following before = following;
        this.following = ranker == null ? null : service.following(name, ranker);
        generation++;
        pending = false;
        if (following != null && following != before) {
            live.set(following == VariantService.Following.TYPING);
        }
        describeIdle();
        if (live.get() && edited.get() && following == VariantService.Following.TYPING) {
            debounce.restart(this::scoreLatest);
        }
    }

    private void textChanged() {
        try {
            followText();
        } finally {
            updateKeep();
        }
    }

    private void followText() {
        if (base == null) {
            return;
        }
        generation++;
        edited.set(differs());
        if (!live.get()) {
            return;
        }
        if (!edited.get()) {
            // Back to the loaded text: the kept ranking is on screen again.
            debounce.stop();
            shown.set(null);
            describeIdle();
            return;
        }
        if (following == VariantService.Following.TYPING) {
            debounce.restart(this::scoreLatest);
        } else {
            describeIdle();
        }
    }

    private boolean differs() {
        return !current().equals(base.text().strip());
    }

    private String current() {
        return text.get() == null ? "" : text.get().strip();
    }

    private void liveToggled(boolean on) {
        generation++;
        debounce.stop();
        pending = false;
        if (!on) {
            shown.set(null);
            if (base != null && base.fixed() && differs()) {
                text.set(base.text()); // the text of a fixed query only changes in live mode
            }
        } else if (base != null && differs() && following == VariantService.Following.TYPING) {
            debounce.restart(this::scoreLatest);
        }
        describeIdle();
        updateKeep();
    }

    /** Enter in the query field: scores the text now (the only way for cross-encoders and hosted rankers). */
    public void scoreNow() {
        if (!live.get() || base == null || !differs() || ranker == null) {
            return;
        }
        debounce.stop();
        scoreLatest();
    }

    /** Puts the loaded text back; the kept ranking shows again. */
    public void revert() {
        if (base != null) {
            text.set(base.text());
        }
    }

    /** Scores the newest text, or — while a scoring runs — once that one has finished. */
    private void scoreLatest() {
        if (base == null || ranker == null || !live.get() || !differs()) {
            return;
        }
        if (base.candidates().isEmpty()) {
            status.set("Live: this query has no candidates to rank yet.");
            return;
        }
        if (inFlight) {
            pending = true;
            return;
        }
        inFlight = true;
        long mine = generation;
        Base on = base;
        String phrasing = current();
        Reranker with = ranker;
        RerankOptions opts = options.get();
        if (following != VariantService.Following.TYPING) {
            status.set("Scoring “" + phrasing + "” with " + with.model() + "…");
        }
        tasks.submit(BackgroundTask.of("live score", service.lane(rankerName), (p, cancel) -> {
                    Instant started = Instant.now();
                    long t0 = System.nanoTime();
                    RankerRun run = service.score(with, on.externalId(), phrasing, on.candidates(), opts, p, cancel);
                    return new Scored(run, Duration.ofNanos(System.nanoTime() - t0), started, Instant.now());
                })
                .onProgress((done, total) -> {
                    if (mine == generation && total > 0 && done < total) {
                        status.set("Live: scoring " + COUNT.format(done) + " of " + COUNT.format(total)
                                + " documents (documents are embedded once, then kept)…");
                    }
                })
                .onSuccess(scored -> {
                    if (mine == generation && on == base) {
                        show(phrasing, scored);
                    }
                })
                .onFailure(e -> {
                    if (mine == generation) {
                        status.set("Live scoring failed: " + message(e));
                    }
                })
                .always(() -> {
                    inFlight = false;
                    if (pending) {
                        pending = false;
                        scoreLatest();
                    }
                }));
    }

    private record Scored(RankerRun run, Duration took, Instant startedAt, Instant finishedAt) {
    }

    private void show(String phrasing, Scored scored) {
        shown.set(new Shown(phrasing, scored.run(), previousRanks(), scored.took(), scored.startedAt(),
                scored.finishedAt()));
        Ranking r = scored.run().ranking();
        status.set(String.format(Locale.ROOT, "Live · %s documents re-scored in %s with %s · not kept%s",
                COUNT.format(r.results().size()), took(scored.took()),
                r.model(), scored.run().usage().isEmpty() ? "" : " · " + scored.run().usage()));
    }

    private static String took(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** The rank of each document on screen now: the live ranking, else the kept one, else the given order. */
    private Map<String, Integer> previousRanks() {
        Map<String, Integer> ranks = new HashMap<>();
        Ranking before = shown.get() != null ? shown.get().run().ranking() : base.shown();
        if (before != null) {
            for (ScoredCandidate c : before.results()) {
                ranks.put(c.candidate().docId(), c.rank());
            }
        } else {
            for (Candidate c : base.candidates()) {
                ranks.put(c.docId(), c.originalRank());
            }
        }
        return ranks;
    }

    /** What the status says while no live ranking is being scored. */
    private void describeIdle() {
        if (base == null) {
            status.set("");
            return;
        }
        if (!live.get()) {
            status.set("");
            return;
        }
        if (following == null) {
            status.set("Live: waiting for the ranker to load.");
            return;
        }
        if (!differs()) {
            status.set(following == VariantService.Following.TYPING
                    ? "Live: edit the query and the ranking follows as you type."
                    : "Live: edit the query and press Enter to re-score.");
            return;
        }
        int n = base.candidates().size();
        switch (following) {
            case TYPING -> status.set(shown.get() == null ? "Live: scoring…" : status.get());
            case ENTER -> status.set("Press Enter to re-score with " + ranker.model() + ": it reads all "
                    + COUNT.format(n) + " pairs again" + estimateOfCrossEncoder(n) + ".");
            case ENTER_PAID -> status.set("Press Enter to re-score with " + rankerName + service.estimate(rankerName,
                    base.candidates()).map(e -> ": " + e).orElse("") + ".");
            default -> throw new IllegalStateException(following.toString());
        }
    }

    /** How long the last cross-encoder ranking of these candidates took, as a guide to the next. */
    private String estimateOfCrossEncoder(int n) {
        Ranking last = shown.get() != null ? shown.get().run().ranking() : base.shown();
        if (last == null || !last.model().equals(ranker.model()) || last.elapsed().isZero()
                || last.results().isEmpty()) {
            return "";
        }
        double seconds = last.elapsed().toNanos() / 1e9 * n / last.results().size();
        return String.format(Locale.ROOT, " (about %s, as the last time)", seconds < 1
                ? Math.max(1, Math.round(seconds * 1000)) + " ms" : String.format(Locale.ROOT, "%.1f s", seconds));
    }

    private void updateKeep() {
        keepBlockedReason.set(keepBlocked());
    }

    private String keepBlocked() {
        if (keeping.get()) {
            return "Keeping the variant…";
        }
        if (base == null || base.queryId() == null) {
            return "Keep as variant needs a saved query: rerank this one first.";
        }
        if (!base.candidatesSaved()) {
            return "The candidates were edited: rerank to save them first.";
        }
        Shown s = shown.get();
        if (s == null || !s.text().equals(current())) {
            return !live.get() ? "Turn on Live to try another phrasing."
                    : !differs() ? "Edit the query text to try another phrasing."
                    : following == VariantService.Following.TYPING ? "Scoring the newest text…"
                    : "Press Enter to score this phrasing first.";
        }
        if (current().equals(base.queryText().strip())) {
            return "This is the query's own text: Rerank keeps a run of it.";
        }
        return "";
    }

    /** Keeps the live phrasing as a variant of the query, with the live ranking as its run. */
    public void keep() {
        if (!keepBlockedReason.get().isEmpty()) {
            return;
        }
        Shown s = shown.get();
        long queryId = base.queryId();
        String externalId = base.externalId();
        RerankOptions opts = options.get();
        keeping.set(true);
        tasks.submit(BackgroundTask.of("keep variant", io.rerankworkbench.app.Lane.IO,
                        (p, c) -> service.keep(queryId, s.text(), s.run(), opts, s.startedAt(), s.finishedAt()))
                .onSuccess(k -> {
                    messages.accept((k.newVariant() ? "Kept “" + k.variant().text() + "” as variant "
                            : "Kept another run of variant ") + k.variant().number() + " of query " + externalId
                            + " (" + s.run().ranking().model() + ").");
                    kept.accept(k);
                })
                .onFailure(e -> messages.accept("Could not keep the variant: " + message(e)))
                .always(() -> keeping.set(false)));
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The Live switch. */
    public BooleanProperty liveProperty() {
        return live;
    }

    /** The live ranking on screen, or null when the kept run is. */
    public ReadOnlyObjectProperty<Shown> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** One line on what live mode is doing or waits for; "" when it is off. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether the editor's text differs from the loaded one. */
    public ReadOnlyBooleanProperty editedProperty() {
        return edited.getReadOnlyProperty();
    }

    /** Why Keep as variant is unavailable, or "" when it is available. */
    public ReadOnlyStringProperty keepBlockedReasonProperty() {
        return keepBlockedReason.getReadOnlyProperty();
    }
}
