/**
 * The detection contract: what the detection stage publishes ({@link io.periscope.events.detection.Signal} on
 * {@code periscope.signals}, {@link io.periscope.events.detection.Incident} on {@code periscope.incidents}) and what
 * alerting and enforcement consume. Every value here is already masked: evidence never carries a raw credential or a
 * raw sensitive value, and actors are named by addresses and keyed fingerprints only.
 */
package io.periscope.events.detection;
