/**
 * The enforcement contract: block records (compacted {@code periscope.blocks}), allowlist entries (compacted
 * {@code periscope.enforcement-allowlist}), audit entries ({@code periscope.enforcement-audit}) and the findings
 * enforcement raises for alerting ({@code periscope.enforcement-findings}).
 */
package io.periscope.events.enforcement;
