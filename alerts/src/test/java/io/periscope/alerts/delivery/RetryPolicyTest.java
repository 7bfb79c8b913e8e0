package io.periscope.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofHours(24));
    private final RandomGenerator random = new SplittableRandom(42);

    @Test
    void fullJitterStaysBetweenZeroAndTheDoublingCeiling() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            long ceiling = Math.min(1000L << (attempt - 1), 600_000);
            for (int i = 0; i < 200; i++) {
                long wait = policy.next(0, attempt, 1000, null, random) - 1000;
                assertThat(wait).isBetween(0L, ceiling);
            }
        }
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDateIsHonouredAndCapped() {
        assertThat(policy.next(0, 1, 1000, "7", random)).isEqualTo(8000);
        assertThat(policy.next(0, 1, 0, "Thu, 01 Jan 1970 00:00:30 GMT", random)).isEqualTo(30_000);
        assertThat(policy.next(0, 1, 0, "999999", random)).isEqualTo(600_000);
    }

    @Test
    void noRetryBeyondTheHorizon() {
        long dayMs = Duration.ofHours(24).toMillis();
        assertThat(policy.next(0, 3, dayMs - 10, "60", random)).isEqualTo(-1);
    }

    @Test
    void onlyTimeoutsThrottlingAndServerErrorsAreRetried() {
        assertThat(DeliveryResult.ofStatus(204)).isEqualTo(DeliveryResult.DELIVERED);
        assertThat(DeliveryResult.ofStatus(408)).isEqualTo(DeliveryResult.RETRY);
        assertThat(DeliveryResult.ofStatus(429)).isEqualTo(DeliveryResult.RETRY);
        assertThat(DeliveryResult.ofStatus(503)).isEqualTo(DeliveryResult.RETRY);
        assertThat(DeliveryResult.ofStatus(400)).isEqualTo(DeliveryResult.FAILED);
        assertThat(DeliveryResult.ofStatus(410)).isEqualTo(DeliveryResult.FAILED);
        assertThat(DeliveryResult.ofStatus(301)).isEqualTo(DeliveryResult.FAILED);
    }

    @Test
    void theBreakerOpensAfterTheThresholdAndClosesOnSuccess() {
        CircuitBreaker b = new CircuitBreaker(3, 1000, 8000);
        b.failure(0);
        b.failure(0);
        assertThat(b.allows(0)).isTrue();
        b.failure(0);
        assertThat(b.allows(999)).isFalse();
        assertThat(b.allows(1000)).isTrue();
        b.failure(1000);
        assertThat(b.openUntil()).isEqualTo(3000);
        b.success();
        assertThat(b.allows(1001)).isTrue();
    }
}
