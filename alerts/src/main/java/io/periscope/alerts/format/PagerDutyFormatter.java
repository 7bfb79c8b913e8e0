package io.periscope.alerts.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periscope.alerts.outbox.OutboxEntry;
import io.periscope.events.detection.Severity;
import io.periscope.events.kafka.EventJson;
import java.time.Instant;

/**
 * A PagerDuty Events API v2 event: {@code trigger} for everything but a resolved incident, which {@code resolve}s the
 * alert triggered for it. {@code dedup_key} is the incident id, so every version of one incident lands on one
 * PagerDuty alert; other alerts use their webhook id.
 */
public final class PagerDutyFormatter implements AlertFormatter {
    private static final int MAX_SUMMARY = 1024;
    private final IncidentLinks links;

    public PagerDutyFormatter(IncidentLinks links) {
        this.links = links;
    }

    @Override
    public ObjectNode render(OutboxEntry e, String routingKey, long sentAtMillis) {
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("routing_key", routingKey == null ? "" : routingKey);
        boolean resolve = e.kind() == io.periscope.alerts.outbox.AlertKind.INCIDENT_RESOLVED;
        root.put("event_action", resolve ? "resolve" : "trigger");
        root.put("dedup_key", e.incident() != null ? e.incident().id() : e.webhookId());
        String link = e.incident() != null ? links.incident(e.incident().id())
                : e.enforcement() != null ? links.blocks() : links.incidents();
        if (!resolve) {
            ObjectNode payload = root.putObject("payload");
            String summary = AlertText.title(e);
            payload.put("summary", summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY));
            payload.put("source", "periscope");
            payload.put("severity", severity(AlertText.severity(e)));
            payload.put("timestamp", Instant.ofEpochMilli(e.eventTimeMillis()).toString());
            payload.put("class", e.kind().type());
            if (e.incident() != null) {
                payload.put("component", AlertText.where(e.incident()));
                ObjectNode details = payload.putObject("custom_details");
                details.put("who", AlertText.who(e.incident()));
                details.put("what", AlertText.what(e.incident()));
                details.put("how_bad", AlertText.howBad(e.incident()));
                details.put("version", e.incident().version());
            } else if (e.enforcement() != null) {
                payload.put("component", "enforcement");
                ObjectNode details = payload.putObject("custom_details");
                details.put("what", e.enforcement().detail());
                details.put("target", e.enforcement().target());
                details.put("block", e.enforcement().blockId());
                details.put("incident", e.enforcement().incidentId());
                details.put("remedy", AlertText.remedy(e.enforcement()));
            }
        }
        root.putArray("links").addObject().put("href", link).put("text", "Open in Periscope");
        return root;
    }

    /** PagerDuty's four severities. */
    private static String severity(Severity s) {
        return switch (s) {
            case CRITICAL -> "critical";
            case HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "info";
        };
    }
}
