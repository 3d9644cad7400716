package io.rerankworkbench.rerank.remote;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a request again: after a 429, a 5xx, a timeout or a connection that broke, up to {@code maxRetries} times
 * per request, waiting {@code baseDelay × 2^(retry-1)} (capped at {@code maxDelay}) with jitter (a random point in
 * the upper half), or what the server's {@code Retry-After} asks for. No wait may end past the run's time budget:
 * a request whose next try would is given up instead. A connection that could not be opened at all (refused, unknown
 * host, no route) is not retried: nothing answers at that address, and backing off would only delay saying so.
 *
 * @param maxRetries tries after the first, per request (not per client: every run and request starts afresh)
 * @param runBudget  the longest a whole run may take, retries and waits included
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, Duration runBudget) {

    /** 4 retries, 0.5 s doubling to at most 30 s, 10 minutes per run. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30),
            Duration.ofMinutes(10));

    /** No retries: the first failure is final. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1),
            Duration.ofMinutes(10));

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(runBudget, "runBudget");
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || runBudget.isNegative()
                || runBudget.isZero()) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay and a positive runBudget");
        }
    }

    /**
     * The wait before retry number {@code retry} (1 = the first retry).
     *
     * @param random a uniform value in [0, 1) that places the wait within the upper half of the backoff
     */
    public Duration backoff(int retry, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be >= 1");
        }
        long base = baseDelay.toNanos();
        long cap = maxDelay.toNanos();
        long exp = Math.min(base, cap);
        for (int i = 1; i < retry && exp < cap; i++) {
            exp = exp > cap / 2 ? cap : exp * 2;
        }
        long half = exp / 2;
        return Duration.ofNanos(half + (long) ((exp - half) * Math.max(0, Math.min(random, 1))));
    }

    /**
     * What a {@code Retry-After} header asks for: delay-seconds ({@code 120}) or an HTTP date
     * ({@code Wed, 21 Oct 2026 07:28:00 GMT}, as of {@code clock}); empty when absent or unreadable. A date in the
     * past means "now".
     */
    public static Optional<Duration> retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofDays(365)); // absurdly large: beyond any budget
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(clock.instant(), at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The wait a {@code retry-after-ms} header asks for (milliseconds, possibly fractional, as Mixedbread and
     * OpenAI-style servers send it); empty when absent or not a number.
     */
    public static Optional<Duration> retryAfterMs(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            double ms = Double.parseDouble(header.strip());
            if (!(ms >= 0) || Double.isInfinite(ms)) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.min(ms * 1e6, Duration.ofDays(365).toNanos())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
