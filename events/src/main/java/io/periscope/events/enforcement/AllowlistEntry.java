package io.periscope.events.enforcement;

import io.periscope.events.Versioned;
import java.util.Objects;

/**
 * A CIDR enforcement must never block, added through the API; keyed by the canonical CIDR on the compacted
 * {@code periscope.enforcement-allowlist} (a tombstone removes it). Configured entries
 * ({@code periscope.enforcement.allowlist}) are not records.
 *
 * @param schemaVersion   {@link #SCHEMA_VERSION}
 * @param cidr            canonical CIDR (the key)
 * @param note            why it is allowlisted
 * @param createdBy       {@code admin:<name>}
 * @param createdAtMicros when it was added
 */
public record AllowlistEntry(int schemaVersion, String cidr, String note, String createdBy, long createdAtMicros)
        implements Versioned {

    public static final int SCHEMA_VERSION = 1;

    public AllowlistEntry {
        Objects.requireNonNull(cidr, "cidr");
    }
}
