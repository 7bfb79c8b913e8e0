package io.periscope.server.roles;

import io.periscope.alerts.Alerting;
import io.periscope.alerts.delivery.DeliveryMetrics;
import io.periscope.alerts.delivery.DeliveryWorker;
import io.periscope.alerts.outbox.AlertDecider;
import io.periscope.events.kafka.Topics;
import io.periscope.server.config.Role;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The alerting role: decides alerts from incidents, catalog changes and posture findings
 * ({@value AlertDecider#GROUP_ID}) and delivers the outbox ({@value DeliveryWorker#GROUP_ID}) to the destinations.
 */
public final class AlertingRole implements PeriscopeRole {
    private final Supplier<Alerting> alerting;
    private Alerting started;

    public AlertingRole(Supplier<Alerting> alerting) {
        this.alerting = alerting;
    }

    @Override
    public Role role() {
        return Role.ALERTING;
    }

    @Override
    public List<String> consumes() {
        return List.of(Topics.INCIDENTS, Topics.CHANGES, Topics.FINDINGS, Topics.ENFORCEMENT_FINDINGS,
                Topics.ALERT_DESTINATIONS, Topics.ALERT_OUTBOX, Topics.ALERT_DIGEST_MEMBERS);
    }

    @Override
    public List<String> produces() {
        return List.of(Topics.ALERT_OUTBOX, Topics.ALERT_DIGEST_MEMBERS, Topics.ALERT_DELIVERIES,
                Topics.ALERT_DEAD_LETTERS);
    }

    @Override
    public void start() throws InterruptedException {
        started = alerting.get().startDelivery();
    }

    @Override
    public RoleHealth health() {
        DeliveryMetrics m = started.metrics();
        List<String> failures = started.failures();
        if (!failures.isEmpty()) {
            Map<String, Object> details = Map.of("failures", failures, "restarts", started.restarts(),
                    "destinations", started.destinations().all().size());
            // a loop restarts by itself after a backoff; one that fails again right after every restart will not
            return started.notRecovering() ? RoleHealth.down(details) : RoleHealth.notReady(details);
        }
        return RoleHealth.up(Map.of(
                "destinations", started.destinations().all().size(),
                "restarts", started.restarts(),
                "decided", started.decided(),
                "sent", m.sentCount(),
                "retried", m.retriedCount(),
                "deadLettered", m.deadLetteredCount(),
                "queued", m.queueSize()));
    }

    @Override
    public void close() throws InterruptedException {
        if (started != null) {
            started.stopDelivery();
        }
    }
}
