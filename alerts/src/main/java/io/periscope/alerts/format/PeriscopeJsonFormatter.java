package io.periscope.alerts.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periscope.alerts.outbox.IncidentSummary;
import io.periscope.alerts.outbox.OutboxEntry;
import io.periscope.events.kafka.EventJson;
import java.time.Instant;

/**
 * Periscope's own event, version {@value #SCHEMA_VERSION}; its JSON Schema is in docs/alerts.md (checked by
 * {@code FormatsTest}). A new optional field keeps the version; a change of meaning bumps it.
 */
public final class PeriscopeJsonFormatter implements AlertFormatter {
    public static final int SCHEMA_VERSION = 1;
    private final IncidentLinks links;

    public PeriscopeJsonFormatter(IncidentLinks links) {
        this.links = links;
    }

    @Override
    public ObjectNode render(OutboxEntry e, String routingKey, long sentAtMillis) {
        ObjectMapper m = EventJson.mapper();
        ObjectNode root = m.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("id", e.webhookId());
        root.put("type", e.kind().type());
        root.put("timestamp", Instant.ofEpochMilli(e.eventTimeMillis()).toString());
        root.put("title", AlertText.title(e));
        root.put("severity", AlertText.severity(e).name());
        switch (e.kind()) {
            case INCIDENT_OPENED, INCIDENT_ESCALATED, INCIDENT_RESOLVED, INCIDENT_REOPENED -> {
                root.put("link", links.incident(e.incident().id()));
                root.set("incident", incident(m, e.incident()));
            }
            case INCIDENT_DIGEST -> {
                root.put("link", links.incidents());
                ArrayNode list = root.putArray("incidents");
                for (IncidentSummary i : e.digest()) {
                    list.add(incident(m, i));
                }
            }
            case CATALOG_CHANGE -> {
                root.put("link", links.endpoint(e.change().endpointId()));
                root.set("change", m.valueToTree(e.change()));
            }
            case POSTURE_FINDING -> {
                root.put("link", links.endpoint(e.finding().endpointId()));
                root.set("finding", m.valueToTree(e.finding()));
            }
            case ENFORCEMENT_CAP_REACHED, ENFORCEMENT_BLOCK_INEFFECTIVE -> {
                root.put("link", links.blocks());
                root.set("enforcement", m.valueToTree(e.enforcement()));
            }
            case TEST -> root.put("link", links.incidents());
        }
        return root;
    }

    private ObjectNode incident(ObjectMapper m, IncidentSummary i) {
        ObjectNode n = m.valueToTree(i);
        n.put("link", links.incident(i.id()));
        return n;
    }
}
