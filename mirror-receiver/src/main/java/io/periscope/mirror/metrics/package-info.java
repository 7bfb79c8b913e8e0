/** Micrometer counters of the receiver with bounded tag sets, and their snapshot for status pages. */
package io.periscope.mirror.metrics;
