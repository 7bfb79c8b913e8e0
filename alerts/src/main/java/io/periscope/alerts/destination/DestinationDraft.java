package io.periscope.alerts.destination;

import io.periscope.events.detection.Severity;
import java.util.List;
import java.util.Map;

/**
 * What an admin submits to create or replace a destination: everything but the id and the secrets, which Periscope
 * generates.
 *
 * @param routingKey the PagerDuty routing key (format {@link AlertFormat#PAGERDUTY} only); on replace, null keeps the
 *                   stored one
 */
public record DestinationDraft(String name, String url, AlertFormat format, EventSelection events, Severity minSeverity,
                               List<String> services, Boolean enabled, Map<String, String> headers, String routingKey) {

    @Override
    public String toString() {
        return "DestinationDraft[" + name + " " + format + "]";
    }
}
