package io.periscope.alerts.delivery;

import io.periscope.alerts.outbox.AlertKind;
import io.periscope.events.Versioned;

/**
 * One delivery attempt, on {@code periscope.alert-deliveries} keyed by destination id: the delivery log the API and
 * UI show.
 *
 * @param schemaVersion     {@link #SCHEMA_VERSION}
 * @param destinationId     the destination
 * @param webhookId         the event's webhook id
 * @param kind              what the alert announced
 * @param attempt           1 for the first attempt
 * @param atMillis          when the attempt ended
 * @param status            the HTTP status, 0 when there was no answer
 * @param result            how it ended
 * @param latencyMillis     time to the answer
 * @param nextAttemptMillis when it is tried again, 0 when it is not
 * @param error             why it failed without an answer (never a secret, never the body)
 */
public record DeliveryRecord(int schemaVersion, String destinationId, String webhookId, AlertKind kind, int attempt,
                             long atMillis, int status, DeliveryResult result, long latencyMillis,
                             long nextAttemptMillis, String error) implements Versioned {
    public static final int SCHEMA_VERSION = 1;
}
