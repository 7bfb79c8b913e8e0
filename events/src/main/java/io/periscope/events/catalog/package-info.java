/**
 * The Kafka contract of discovery: per-endpoint catalog snapshots ({@code periscope.catalog}), catalog
 * change events ({@code periscope.changes}), posture findings ({@code periscope.findings}) and user
 * template override rules ({@code periscope.template-rules}).
 *
 * <p>Every value here is already masked: no raw sensitive value or credential ever appears in these
 * records. Each top-level record carries a {@code schemaVersion} first, like
 * {@link io.periscope.events.http.HttpExchange}.
 */
package io.periscope.events.catalog;
