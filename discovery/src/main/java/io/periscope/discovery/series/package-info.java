/**
 * Time series of calls per endpoint and per service over event time: calls, errors, status mix and latency
 * p50/p95 in one-minute and one-hour buckets, kept in the discovery state store and published to
 * {@code periscope.series}; and the read model the api role serves them from. See docs/discovery.md#time-series.
 */
package io.periscope.discovery.series;
