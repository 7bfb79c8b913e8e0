/**
 * The Kafka contract of the call time series ({@code periscope.series}): per endpoint and per service, calls,
 * errors, status mix and latency quantiles over fixed event-time buckets. Carries counts and durations only.
 */
package io.periscope.events.series;
