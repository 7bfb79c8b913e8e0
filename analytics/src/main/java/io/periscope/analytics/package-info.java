/**
 * Analysis primitives shared by discovery and detection, one package per concern: {@code window}
 * (event-time windows), {@code decay} (exponentially decayed counters), {@code sketch} (mergeable,
 * serializable distinct-count, quantile and top-k summaries) and {@code state} (bounded per-key
 * state). Nothing here reads the system clock: time is an argument (event time in epoch
 * microseconds) or an injected {@link java.time.InstantSource}.
 */
package io.periscope.analytics;
