package io.periscope.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String CLIENT = "203.0.113.7";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(3, WINDOW, clock);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(CLIENT);
        }
    }

    @Test
    void anAddressIsBlockedAtTheLimitUntilTheWindowHasPassedSinceItsLastFailure() {
        fail(2);
        assertThat(throttle.blocked(CLIENT)).isFalse();
        fail(1);
        assertThat(throttle.blocked(CLIENT)).isTrue();

        clock.advance(WINDOW.minusSeconds(1));
        assertThat(throttle.blocked(CLIENT)).as("one second before the window ends").isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.blocked(CLIENT)).as("the window has passed").isFalse();
    }

    @Test
    void aFailureLateInTheWindowStartsItAgain() {
        fail(3);
        clock.advance(Duration.ofMinutes(4));
        fail(1);
        clock.advance(Duration.ofMinutes(4));
        assertThat(throttle.blocked(CLIENT)).as("8 minutes after the first failure, 4 after the last").isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.blocked(CLIENT)).isFalse();
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        fail(2);
        clock.advance(WINDOW);
        fail(1);
        assertThat(throttle.blocked(CLIENT)).as("two failures expired before the third").isFalse();
    }

    @Test
    void aSuccessfulSignInClearsTheCount() {
        fail(3);
        throttle.succeeded(CLIENT);
        assertThat(throttle.blocked(CLIENT)).isFalse();
    }
}
