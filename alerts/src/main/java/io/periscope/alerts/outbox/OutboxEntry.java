package io.periscope.alerts.outbox;

import io.periscope.events.Versioned;
import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.enforcement.EnforcementFinding;
import java.util.List;
import java.util.Objects;

/**
 * One alert decided for one destination, on {@code periscope.alert-outbox} keyed by destination id. The body is
 * rendered from it at send time in the destination's format. A failed attempt is written back with
 * {@link #attempt()} + 1 and a later {@link #notBeforeMillis()}, so pending retries live in Kafka, not in memory.
 * Exactly one of {@link #incident()}, {@link #change()}, {@link #finding()}, {@link #digest()},
 * {@link #enforcement()} is set (none for {@link AlertKind#TEST}).
 *
 * @param schemaVersion   {@link #SCHEMA_VERSION}
 * @param webhookId       the {@code webhook-id}: the same for every attempt of this event version
 * @param destinationId   the destination
 * @param kind            what the alert announces
 * @param incident        the incident version, for incident kinds
 * @param change          the catalog change, for {@link AlertKind#CATALOG_CHANGE}
 * @param finding         the finding, for {@link AlertKind#POSTURE_FINDING}
 * @param digest          the incidents folded into a {@link AlertKind#INCIDENT_DIGEST}
 * @param enforcement     the enforcement finding, for the {@code ENFORCEMENT_*} kinds
 * @param attempt         attempts made so far (0 when decided)
 * @param decidedAtMillis when the alert was decided: the retry horizon and the queue age count from here
 * @param notBeforeMillis the earliest time of the next attempt
 */
public record OutboxEntry(int schemaVersion, String webhookId, String destinationId, AlertKind kind,
                          IncidentSummary incident, CatalogChange change, PostureFinding finding,
                          List<IncidentSummary> digest, EnforcementFinding enforcement, int attempt, long decidedAtMillis, long notBeforeMillis)
        implements Versioned {
    public static final int SCHEMA_VERSION = 1;

    public OutboxEntry {
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(destinationId, "destinationId");
        Objects.requireNonNull(kind, "kind");
        digest = digest == null ? null : List.copyOf(digest);
    }

    /** The same alert, after a failed attempt, due again at {@code notBefore}. */
    public OutboxEntry retry(long notBefore) {
        return new OutboxEntry(schemaVersion, webhookId, destinationId, kind, incident, change, finding, digest,
                enforcement, attempt + 1, decidedAtMillis, notBefore);
    }

    /** The time the event happened, in ms: the incident's change, the catalog change, the finding (posture or
     * enforcement), or the decision. */
    public long eventTimeMillis() {
        if (incident != null) {
            return incident.lastSeenMicros() / 1000;
        }
        if (change != null) {
            return change.atMicros() / 1000;
        }
        if (finding != null) {
            return finding.lastSeenMicros() / 1000;
        }
        if (enforcement != null) {
            return enforcement.atMicros() / 1000;
        }
        return decidedAtMillis;
    }
}
