/**
 * Per-event update cost of the analysis primitives in {@code io.periscope.analytics}: what one exchange
 * costs detection for each primitive it updates. Figures in docs/performance.md.
 */
package io.periscope.benchmarks.analytics;
