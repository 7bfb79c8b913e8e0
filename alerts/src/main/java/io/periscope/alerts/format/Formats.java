package io.periscope.alerts.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.periscope.alerts.destination.AlertFormat;
import io.periscope.alerts.outbox.OutboxEntry;
import io.periscope.events.kafka.EventJson;
import java.util.EnumMap;
import java.util.Map;

/** The formatter of each {@link AlertFormat}, and the bytes of a rendered body. */
public final class Formats {
    private final Map<AlertFormat, AlertFormatter> formatters = new EnumMap<>(AlertFormat.class);

    public Formats(IncidentLinks links) {
        formatters.put(AlertFormat.PERISCOPE_JSON, new PeriscopeJsonFormatter(links));
        formatters.put(AlertFormat.SLACK, new SlackFormatter(links));
        formatters.put(AlertFormat.OCSF, new OcsfFormatter(links));
        formatters.put(AlertFormat.PAGERDUTY, new PagerDutyFormatter(links));
    }

    public byte[] body(AlertFormat format, OutboxEntry entry, String routingKey, long sentAtMillis) {
        try {
            return EventJson.mapper().writeValueAsBytes(formatters.get(format).render(entry, routingKey, sentAtMillis));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }
}
