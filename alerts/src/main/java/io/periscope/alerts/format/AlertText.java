package io.periscope.alerts.format;

import io.periscope.alerts.outbox.IncidentSummary;
import io.periscope.alerts.outbox.OutboxEntry;
import io.periscope.events.detection.Severity;
import io.periscope.events.enforcement.EnforcementFinding;
import java.util.Locale;

/**
 * The words every format shares: a title, who, what, where, how bad. One place, so Slack, OCSF and PagerDuty say the
 * same thing about the same alert.
 */
public final class AlertText {
    private static final int MAX_TEXT = 300;

    private AlertText() {
    }

    public static String title(OutboxEntry e) {
        return switch (e.kind()) {
            case INCIDENT_OPENED -> "Incident opened: " + what(e.incident());
            case INCIDENT_ESCALATED -> "Incident escalated: " + what(e.incident());
            case INCIDENT_RESOLVED -> "Incident resolved: " + what(e.incident());
            case INCIDENT_REOPENED -> "Incident reopened: " + what(e.incident());
            case INCIDENT_DIGEST -> e.digest().size() + " more incidents opened within a minute";
            case CATALOG_CHANGE -> "API change: " + e.change().type() + " " + nz(e.change().method()) + " "
                    + nz(e.change().pathTemplate());
            case POSTURE_FINDING -> "Posture finding: " + e.finding().type() + " on " + nz(e.finding().method()) + " "
                    + nz(e.finding().pathTemplate());
            case ENFORCEMENT_CAP_REACHED -> "Auto-blocking stopped: " + bounded(nz(e.enforcement().detail()));
            case ENFORCEMENT_BLOCK_INEFFECTIVE -> "Block not effective: " + nz(e.enforcement().target())
                    + " still reaches the application";
            case TEST -> "Periscope test alert";
        };
    }

    public static String what(IncidentSummary i) {
        return i.types().isEmpty() ? "suspicious activity" : bounded(String.join(", ", i.types()));
    }

    public static String who(IncidentSummary i) {
        StringBuilder b = new StringBuilder();
        if (!i.addresses().isEmpty()) {
            b.append(String.join(", ", i.addresses()));
        }
        if (!i.users().isEmpty()) {
            b.append(b.length() > 0 ? " as " : "user ").append(String.join(", ", i.users()));
        }
        return b.length() == 0 ? "actor " + i.actorId() : bounded(b.toString());
    }

    public static String where(IncidentSummary i) {
        if (i.endpoints().isEmpty()) {
            return i.services().isEmpty() ? "unknown" : bounded(String.join(", ", i.services()));
        }
        return bounded(String.join(", ", i.endpoints()) + (i.services().isEmpty() ? "" : " on " + String.join(", ", i.services())));
    }

    public static String howBad(IncidentSummary i) {
        return i.severity() + ", " + i.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ", "
                + i.requestCount() + " requests";
    }

    /** The severity of an alert; catalog changes are informational (LOW), findings carry theirs. */
    public static Severity severity(OutboxEntry e) {
        if (e.incident() != null) {
            return e.incident().severity();
        }
        if (e.finding() != null) {
            return findingSeverity(e.finding().severity());
        }
        if (e.enforcement() != null) {
            return e.enforcement().severity();
        }
        if (e.digest() != null) {
            return e.digest().stream().map(IncidentSummary::severity).reduce(Severity.LOW, Severity::max);
        }
        return Severity.LOW;
    }

    /** What an enforcement finding asks a person to do. */
    public static String remedy(EnforcementFinding f) {
        return switch (f.kind()) {
            case CAP_REACHED -> "new attackers are not blocked until blocks expire or the cap is raised"
                    + " (periscope.enforcement.max-new-per-hour, max-active)";
            case BLOCK_NOT_EFFECTIVE -> "check that the web ACL is associated with the resource and that its rule"
                    + " reads the forwarded-IP header at position LAST";
        };
    }

    public static Severity findingSeverity(String s) {
        if (s == null) {
            return Severity.LOW;
        }
        try {
            return Severity.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Severity.LOW;
        }
    }

    static String bounded(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 1) + "…";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
