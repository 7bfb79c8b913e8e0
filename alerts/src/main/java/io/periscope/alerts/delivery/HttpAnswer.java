package io.periscope.alerts.delivery;

/**
 * What a receiver answered.
 *
 * @param status      the HTTP status
 * @param retryAfter  the raw {@code Retry-After} value, or null
 * @param body        the start of the body (at most the configured cap), as text
 * @param latencyMillis from connect to the end of what was read
 */
public record HttpAnswer(int status, String retryAfter, String body, long latencyMillis) {
}
