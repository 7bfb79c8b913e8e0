package io.periscope.alerts.format;

import io.periscope.alerts.outbox.AlertKind;
import io.periscope.alerts.outbox.IncidentSummary;
import io.periscope.alerts.outbox.OutboxEntry;
import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.ChangeType;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.detection.IncidentChange;
import io.periscope.events.detection.IncidentStatus;
import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;
import io.periscope.events.detection.Verdict;
import io.periscope.events.enforcement.EnforcementFinding;
import io.periscope.events.enforcement.EnforcementFindingKind;
import java.util.List;

/** Alerts of every kind, for the format tests. */
final class Fixtures {
    static final long T = 1_764_000_000_000L;

    private Fixtures() {
    }

    static IncidentSummary incident(IncidentChange change, Severity severity) {
        return new IncidentSummary("inc-42", 3, change, change == IncidentChange.RESOLVED ? IncidentStatus.RESOLVED
                : IncidentStatus.OPEN, "actor-1", List.of("203.0.113.7"), List.of("mallory"), List.of("SQL_INJECTION"),
                severity, 0.87, Outcome.LIKELY_SUCCESS, Verdict.BLOCK, "union select answered 200", (T - 60_000) * 1000,
                T * 1000, 120, List.of("prod|shop.example"), List.of("GET /users/{id}"));
    }

    static OutboxEntry of(AlertKind kind, IncidentSummary i) {
        return new OutboxEntry(1, "msg_inc_inc-42_v3", "dst_1", kind, i, null, null, null, null, 0, T, T);
    }

    static EnforcementFinding capReached() {
        return new EnforcementFinding(1, "cap-per-hour-1764000000", EnforcementFindingKind.CAP_REACHED, T * 1000,
                Severity.HIGH, "203.0.113.9/32", null, "inc-43", "cap of 50 automatic blocks per hour reached");
    }

    static EnforcementFinding blockIneffective() {
        return new EnforcementFinding(1, "ineffective-b1", EnforcementFindingKind.BLOCK_NOT_EFFECTIVE, T * 1000,
                Severity.HIGH, "203.0.113.7/32", "b1", "inc-42",
                "traffic from the blocked address still reaches shop.example after the propagation window");
    }

    static List<OutboxEntry> everyKind() {
        CatalogChange change = new CatalogChange(1, "chg-1", ChangeType.NEW_ENDPOINT, "prod|shop.example", "e1", "POST",
                "/orders", "endpoint", null, "POST /orders", T * 1000);
        PostureFinding finding = new PostureFinding(1, "fnd-1", FindingType.CREDENTIAL_IN_URL, "high", "prod|shop.example",
                "e1", "GET", "/login", "QUERY api_key", "api_key=[redacted]", "move it", 3, T * 1000, T * 1000);
        return List.of(
                of(AlertKind.INCIDENT_OPENED, incident(IncidentChange.OPENED, Severity.HIGH)),
                of(AlertKind.INCIDENT_ESCALATED, incident(IncidentChange.ESCALATED, Severity.CRITICAL)),
                of(AlertKind.INCIDENT_RESOLVED, incident(IncidentChange.RESOLVED, Severity.HIGH)),
                of(AlertKind.INCIDENT_REOPENED, incident(IncidentChange.REOPENED, Severity.MEDIUM)),
                new OutboxEntry(1, "msg_dig_1_inc-42", "dst_1", AlertKind.INCIDENT_DIGEST, null, null, null,
                        List.of(incident(IncidentChange.OPENED, Severity.LOW), incident(IncidentChange.OPENED, Severity.HIGH)), null, 0, T, T),
                new OutboxEntry(1, "msg_chg_chg-1", "dst_1", AlertKind.CATALOG_CHANGE, null, change, null, null, null, 0, T, T),
                new OutboxEntry(1, "msg_fnd_fnd-1", "dst_1", AlertKind.POSTURE_FINDING, null, null, finding, null, null, 0, T, T),
                new OutboxEntry(1, "msg_enf_cap-per-hour-1764000000", "dst_1", AlertKind.ENFORCEMENT_CAP_REACHED, null,
                        null, null, null, capReached(), 0, T, T),
                new OutboxEntry(1, "msg_enf_ineffective-b1", "dst_1", AlertKind.ENFORCEMENT_BLOCK_INEFFECTIVE, null,
                        null, null, null, blockIneffective(), 0, T, T),
                new OutboxEntry(1, "msg_test_1", "dst_1", AlertKind.TEST, null, null, null, null, null, 0, T, T));
    }
}
