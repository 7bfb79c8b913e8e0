package io.periscope.events.detection;

/**
 * One step of an incident's timeline (bounded: the first steps and the latest ones are kept, runs of one type merged).
 *
 * @param timeMicros  capture time of the first signal of the step
 * @param type        the attack type
 * @param severity    the step's severity
 * @param count       signals merged into this step
 * @param summary     one line for people ({@code 37 SQL injection probes on GET /items/{id}, all 403})
 */
public record TimelineEntry(long timeMicros, String type, Severity severity, long count, String summary) {
}
