/** Mergeable, serializable statistics: latency histograms and distinct-client sketches. */
package io.periscope.discovery.stats;
