/**
 * Mergeable summaries whose state is bytes, so that detection state can live in Kafka state stores
 * and survive restarts: {@link io.periscope.analytics.sketch.DistinctCount} (HyperLogLog),
 * {@link io.periscope.analytics.sketch.ValueQuantiles} (KLL), {@link io.periscope.analytics.sketch.LatencyQuantiles}
 * (HdrHistogram) and {@link io.periscope.analytics.sketch.TopK} (frequent items). The byte formats are
 * the libraries' own, which they keep readable across versions; see docs/analytics.md.
 */
package io.periscope.analytics.sketch;
