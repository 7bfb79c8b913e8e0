package io.periscope.alerts.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periscope.alerts.outbox.IncidentSummary;
import io.periscope.alerts.outbox.OutboxEntry;
import io.periscope.events.detection.Severity;
import io.periscope.events.kafka.EventJson;

/**
 * An OCSF {@value #OCSF_VERSION} Detection Finding (category 2 Findings, class 2004), the shape SIEMs such as Security
 * Lake, Splunk and Sentinel ingest. activity_id: 1 Create (opened, and catalog changes, findings, digests, tests),
 * 2 Update (escalated, reopened), 3 Close (resolved); type_uid = class_uid × 100 + activity_id. Times are epoch ms.
 */
public final class OcsfFormatter implements AlertFormatter {
    static final String OCSF_VERSION = "1.3.0";
    static final int CATEGORY_FINDINGS = 2;
    static final int CLASS_DETECTION_FINDING = 2004;

    private final IncidentLinks links;

    public OcsfFormatter(IncidentLinks links) {
        this.links = links;
    }

    @Override
    public ObjectNode render(OutboxEntry e, String routingKey, long sentAtMillis) {
        int activity = switch (e.kind()) {
            case INCIDENT_ESCALATED, INCIDENT_REOPENED -> 2;
            case INCIDENT_RESOLVED -> 3;
            default -> 1;
        };
        Severity severity = AlertText.severity(e);
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("category_uid", CATEGORY_FINDINGS);
        root.put("category_name", "Findings");
        root.put("class_uid", CLASS_DETECTION_FINDING);
        root.put("class_name", "Detection Finding");
        root.put("activity_id", activity);
        root.put("activity_name", activity == 1 ? "Create" : activity == 2 ? "Update" : "Close");
        root.put("type_uid", CLASS_DETECTION_FINDING * 100 + activity);
        root.put("type_name", "Detection Finding: " + root.get("activity_name").asText());
        root.put("severity_id", severityId(severity));
        root.put("severity", capitalized(severity));
        root.put("status_id", activity == 3 ? 4 : activity == 2 ? 2 : 1);
        root.put("status", activity == 3 ? "Resolved" : activity == 2 ? "In Progress" : "New");
        root.put("time", e.eventTimeMillis());
        root.put("message", AlertText.title(e));
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("version", OCSF_VERSION);
        metadata.put("uid", e.webhookId());
        ObjectNode product = metadata.putObject("product");
        product.put("name", "Periscope");
        product.put("vendor_name", "Periscope");
        ObjectNode info = root.putObject("finding_info");
        info.put("title", AlertText.title(e));
        ArrayNode types = info.putArray("types");
        if (e.incident() != null) {
            IncidentSummary i = e.incident();
            info.put("uid", i.id());
            info.put("src_url", links.incident(i.id()));
            info.put("desc", i.verdictReason() == null ? AlertText.what(i) : i.verdictReason());
            info.put("first_seen_time", i.firstSeenMicros() / 1000);
            info.put("last_seen_time", i.lastSeenMicros() / 1000);
            i.types().forEach(types::add);
            root.put("confidence_score", (int) Math.round(i.confidence() * 100));
            if (!i.addresses().isEmpty()) {
                root.putObject("src_endpoint").put("ip", i.addresses().get(0));
            }
            ArrayNode resources = root.putArray("resources");
            i.services().forEach(s -> resources.addObject().put("name", s).put("type", "API service"));
        } else if (e.change() != null) {
            info.put("uid", e.change().id());
            info.put("src_url", links.endpoint(e.change().endpointId()));
            types.add(e.change().type().name());
        } else if (e.finding() != null) {
            info.put("uid", e.finding().id());
            info.put("src_url", links.endpoint(e.finding().endpointId()));
            info.put("desc", e.finding().remediation());
            info.put("first_seen_time", e.finding().firstSeenMicros() / 1000);
            info.put("last_seen_time", e.finding().lastSeenMicros() / 1000);
            types.add(e.finding().type().name());
        } else if (e.enforcement() != null) {
            info.put("uid", e.enforcement().id());
            info.put("src_url", links.blocks());
            info.put("desc", e.enforcement().detail() + "; " + AlertText.remedy(e.enforcement()));
            types.add(e.kind().type());
            String target = e.enforcement().target();
            if (target != null && target.matches("[0-9a-fA-F:.]+/(32|128)")) {
                root.putObject("src_endpoint").put("ip", target.substring(0, target.indexOf('/')));
            }
        } else {
            info.put("uid", e.webhookId());
            info.put("src_url", links.incidents());
            types.add(e.kind().type());
        }
        return root;
    }

    /** OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
    static int severityId(Severity s) {
        return switch (s) {
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
        };
    }

    private static String capitalized(Severity s) {
        return s.name().charAt(0) + s.name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
