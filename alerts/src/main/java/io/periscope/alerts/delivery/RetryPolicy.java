package io.periscope.alerts.delivery;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.random.RandomGenerator;

/**
 * When to try again: exponential backoff with full jitter (a uniformly random wait between 0 and
 * {@code min(maxDelay, base × 2^attempt)}, so that receivers coming back from an outage are not hit by every
 * sender at once), a receiver's {@code Retry-After} when it gives one (bounded by {@code maxDelay}), and never
 * beyond the horizon counted from when the alert was decided.
 *
 * @param base     the first backoff ceiling
 * @param maxDelay the largest wait between two attempts
 * @param horizon  how long after the decision an alert is still tried (default 24 h); then it is dead-lettered
 */
public record RetryPolicy(Duration base, Duration maxDelay, Duration horizon) {

    /**
     * The time of the next attempt, or -1 when the horizon is passed.
     *
     * @param attempt     attempts made so far, this one included (1 after the first failure)
     * @param retryAfter  the receiver's {@code Retry-After}, or null
     */
    public long next(long decidedAtMillis, int attempt, long nowMillis, String retryAfter, RandomGenerator random) {
        long wait = retryAfterMillis(retryAfter, nowMillis);
        if (wait < 0) {
            long ceiling = base.toMillis() << Math.min(attempt - 1, 30);
            ceiling = Math.min(ceiling <= 0 ? Long.MAX_VALUE : ceiling, maxDelay.toMillis());
            wait = random.nextLong(ceiling + 1);
        }
        wait = Math.min(wait, maxDelay.toMillis());
        long next = nowMillis + wait;
        return next > decidedAtMillis + horizon.toMillis() ? -1 : next;
    }

    /** {@code Retry-After} as a wait in ms: delta-seconds or an HTTP-date (RFC 9110 §10.2.3); -1 when absent or bad. */
    static long retryAfterMillis(String value, long nowMillis) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            return v.length() > 9 ? Long.MAX_VALUE / 2 : Long.parseLong(v) * 1000;
        }
        try {
            long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return Math.max(0, at - nowMillis);
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
