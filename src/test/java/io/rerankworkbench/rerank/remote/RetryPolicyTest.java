package io.rerankworkbench.rerank.remote;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-10-21T07:28:00Z"), ZoneOffset.UTC);

    @Test
    void backoffDoublesWithJitterInTheUpperHalfAndIsCapped() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        assertThat(p.backoff(1, 0)).isEqualTo(Duration.ofMillis(250));
        assertThat(p.backoff(1, 0.999_999)).isBetween(Duration.ofMillis(499), Duration.ofMillis(500));
        assertThat(p.backoff(2, 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.backoff(3, 1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoff(10, 1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.backoff(500, 0)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertThat(RetryPolicy.retryAfter("120", NOW)).hasValue(Duration.ofSeconds(120));
        assertThat(RetryPolicy.retryAfter(" 0 ", NOW)).hasValue(Duration.ZERO);
        assertThat(RetryPolicy.retryAfter("Wed, 21 Oct 2026 07:28:30 GMT", NOW)).hasValue(Duration.ofSeconds(30));
        assertThat(RetryPolicy.retryAfter("Wed, 21 Oct 2026 07:00:00 GMT", NOW)).hasValue(Duration.ZERO);
        assertThat(RetryPolicy.retryAfter("99999999999999999999999", NOW)).get()
                .satisfies(d -> assertThat(d).isGreaterThan(Duration.ofDays(1)));
        assertThat(RetryPolicy.retryAfter("soon", NOW)).isEmpty();
        assertThat(RetryPolicy.retryAfter(null, NOW)).isEmpty();
        assertThat(RetryPolicy.retryAfter("-5", NOW)).isEmpty();
    }

    @Test
    void whichStatusesAreRetried() {
        assertThat(Failures.retryable(429)).isTrue();
        assertThat(Failures.retryable(503)).isTrue();
        assertThat(Failures.retryable(500)).isTrue();
        assertThat(Failures.retryable(501)).isFalse();
        assertThat(Failures.retryable(400)).isFalse();
        assertThat(Failures.retryable(401)).isFalse();
    }
}
