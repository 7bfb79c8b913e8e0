package io.periscope.events.detection;

/**
 * One sample of what the attacker sent, masked.
 *
 * @param type        the attack type it is evidence of
 * @param exchangeId  the exchange, null for a behaviour summary
 * @param location    where in the request
 * @param value       the masked, decoded value (at most {@link Signal#MAX_EVIDENCE} characters)
 * @param status      the response status, 0 when none was seen
 * @param timeMicros  capture time
 */
public record Evidence(String type, String exchangeId, String location, String value, int status, long timeMicros) {
}
