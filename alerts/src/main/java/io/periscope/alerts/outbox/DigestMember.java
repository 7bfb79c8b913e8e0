package io.periscope.alerts.outbox;

import io.periscope.events.Versioned;
import java.util.Objects;

/**
 * An opened incident held for a storm digest, on the compacted {@code periscope.alert-digest-members} keyed by
 * {@link #key()}. Written by the decider in the same transaction as the incident's consumed offset, and deleted
 * (tombstone) in the same transaction as the digest's outbox entries: so what was decided to go into a digest is
 * either still on this topic or already in the outbox, never only in memory.
 *
 * @param schemaVersion     {@link #SCHEMA_VERSION}
 * @param windowStartMillis the storm window it belongs to (part of the digest's webhook id)
 * @param sourcePartition   the {@code periscope.incidents} partition it was read from: the decider that owns that
 *                          partition restores it after a restart or a rebalance
 * @param incident          what the digest says about it
 */
public record DigestMember(int schemaVersion, long windowStartMillis, int sourcePartition, IncidentSummary incident)
        implements Versioned {
    public static final int SCHEMA_VERSION = 1;

    public DigestMember {
        Objects.requireNonNull(incident, "incident");
    }

    /** {@code <window start>|<incident id>}: one member per incident and window. */
    public String key() {
        return windowStartMillis + "|" + incident.id();
    }
}
