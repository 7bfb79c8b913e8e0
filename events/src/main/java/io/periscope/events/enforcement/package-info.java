/**
 * The enforcement contract: block records (compacted {@code periscope.blocks}), allowlist entries (compacted
 * {@code periscope.enforcement-allowlist}) and audit entries ({@code periscope.enforcement-audit}).
 */
package io.periscope.events.enforcement;
