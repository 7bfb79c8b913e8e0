package io.periscope.alerts.destination;

import io.periscope.events.Versioned;
import io.periscope.events.detection.Severity;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where alerts go. Stored on {@code periscope.alert-destinations} keyed by {@link #id()} (compacted; a tombstone
 * deletes), or declared in configuration ({@link #declared()}), which the API shows but cannot change.
 *
 * @param schemaVersion  {@link #SCHEMA_VERSION}
 * @param id             stable id
 * @param name           a label for people
 * @param url            the receiver (https unless {@code periscope.alerts.allow-http})
 * @param format         the body it receives
 * @param events         which events it receives
 * @param minSeverity    incidents and findings below it are not sent
 * @param services       service keys it is limited to; empty for all
 * @param enabled        a disabled destination receives nothing, not even retries
 * @param headers        extra headers sent with every delivery (names checked by {@link DestinationRules})
 * @param secrets        signing secrets, sealed; the current one first, then those in their rotation grace period
 * @param routingKey     the PagerDuty routing key, sealed; null for other formats
 * @param declared       true when it comes from {@code periscope.alerts.destinations} rather than the API
 * @param updatedAtMillis when it was last written
 */
public record Destination(
        int schemaVersion,
        String id,
        String name,
        String url,
        AlertFormat format,
        EventSelection events,
        Severity minSeverity,
        List<String> services,
        boolean enabled,
        Map<String, String> headers,
        List<SealedSecret> secrets,
        String routingKey,
        boolean declared,
        long updatedAtMillis) implements Versioned {

    public static final int SCHEMA_VERSION = 1;

    public Destination {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        events = events == null ? EventSelection.defaults() : events;
        minSeverity = minSeverity == null ? Severity.LOW : minSeverity;
        services = services == null ? List.of() : List.copyOf(services);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
    }

    /** The same destination with other secrets (a rotation). */
    public Destination withSecrets(List<SealedSecret> newSecrets, long nowMillis) {
        return new Destination(schemaVersion, id, name, url, format, events, minSeverity, services, enabled, headers,
                newSecrets, routingKey, declared, nowMillis);
    }

    @Override
    public String toString() {
        // headers and the routing key may hold credentials of the receiver
        return "Destination[" + id + " " + format + (enabled ? "" : " disabled") + "]";
    }
}
