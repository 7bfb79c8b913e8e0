package io.periscope.alerts.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periscope.alerts.outbox.IncidentSummary;
import io.periscope.alerts.outbox.OutboxEntry;
import io.periscope.events.kafka.EventJson;

/**
 * A Slack incoming-webhook message in Block Kit, readable at a glance: a header with what happened, fields for who,
 * what, where and how bad, and a button to the incident. {@code text} is the fallback notifications show. Values are
 * escaped for Slack's mrkdwn ({@code & < >}), so an attacker-chosen path cannot ping a channel or forge a link.
 */
public final class SlackFormatter implements AlertFormatter {
    /** Slack truncates a header at 150 characters and rejects a section field over 2000. */
    private static final int MAX_HEADER = 150;

    private final IncidentLinks links;

    public SlackFormatter(IncidentLinks links) {
        this.links = links;
    }

    @Override
    public ObjectNode render(OutboxEntry e, String routingKey, long sentAtMillis) {
        String title = AlertText.title(e);
        String link = e.incident() != null ? links.incident(e.incident().id())
                : e.change() != null ? links.endpoint(e.change().endpointId())
                : e.finding() != null ? links.endpoint(e.finding().endpointId())
                : e.enforcement() != null ? links.blocks() : links.incidents();
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("text", escape(title) + " <" + link + "|open in Periscope>");
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", shorten(title, MAX_HEADER));
        ObjectNode section = blocks.addObject().put("type", "section");
        ArrayNode fields = section.putArray("fields");
        if (e.incident() != null) {
            IncidentSummary i = e.incident();
            field(fields, "Who", AlertText.who(i));
            field(fields, "What", AlertText.what(i));
            field(fields, "Where", AlertText.where(i));
            field(fields, "How bad", AlertText.howBad(i));
        } else if (e.digest() != null) {
            StringBuilder list = new StringBuilder();
            for (IncidentSummary i : e.digest()) {
                if (list.length() > 1500) {
                    list.append("…");
                    break;
                }
                list.append("• ").append(i.severity()).append(' ').append(AlertText.what(i)).append(" from ")
                        .append(AlertText.who(i)).append('\n');
            }
            field(fields, "Incidents", list.toString());
            field(fields, "How bad", "up to " + AlertText.severity(e));
        } else if (e.change() != null) {
            field(fields, "What", e.change().type() + " " + nz(e.change().subject()));
            field(fields, "Where", nz(e.change().method()) + " " + nz(e.change().pathTemplate()) + " on " + nz(e.change().serviceKey()));
        } else if (e.finding() != null) {
            field(fields, "What", e.finding().type() + " " + nz(e.finding().subject()));
            field(fields, "Where", nz(e.finding().method()) + " " + nz(e.finding().pathTemplate()) + " on " + nz(e.finding().serviceKey()));
            field(fields, "How bad", nz(e.finding().severity()));
        } else if (e.enforcement() != null) {
            field(fields, "What", nz(e.enforcement().detail()));
            field(fields, "Where", e.enforcement().target() == null ? "enforcement" : e.enforcement().target());
            field(fields, "How bad", e.enforcement().severity() + ": " + AlertText.remedy(e.enforcement()));
        } else {
            field(fields, "What", "A test of this destination, sent from Periscope");
        }
        ObjectNode actions = blocks.addObject().put("type", "actions");
        ObjectNode button = actions.putArray("elements").addObject().put("type", "button").put("url", link);
        button.putObject("text").put("type", "plain_text").put("text", "Open in Periscope");
        return root;
    }

    private static void field(ArrayNode fields, String label, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + label + "*\n" + shorten(escape(value), 1900));
    }

    /** Slack's mrkdwn escaping: the three characters that start links, mentions and entities. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
