package io.periscope.alerts.delivery;

import io.periscope.alerts.outbox.OutboxEntry;
import io.periscope.events.Versioned;

/**
 * An alert that will not be delivered, on {@code periscope.alert-dead-letters} keyed by destination id.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param entry         the alert as it was last tried
 * @param result        {@link DeliveryResult#FAILED} or {@link DeliveryResult#REFUSED}
 * @param reason        why, in words
 * @param lastStatus    the last HTTP status, 0 when there was none
 * @param lastBody      the start of the last answer's body (capped)
 * @param atMillis      when it was given up
 */
public record DeadLetter(int schemaVersion, OutboxEntry entry, DeliveryResult result, String reason, int lastStatus,
                         String lastBody, long atMillis) implements Versioned {
    public static final int SCHEMA_VERSION = 1;
}
