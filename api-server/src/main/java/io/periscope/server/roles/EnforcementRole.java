package io.periscope.server.roles;

import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.enforcement.EnforcementSettings;
import io.periscope.enforcement.Enforcer;
import io.periscope.enforcement.block.IncidentIntake;
import io.periscope.enforcement.policy.EnforcementMode;
import io.periscope.events.kafka.Topics;
import io.periscope.server.config.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The enforcement role ({@code enforcement-aws}): reads {@code periscope.incidents} in consumer group
 * {@value IncidentIntake#GROUP_ID}, decides blocks under the policy and the safety rules, records them on the compacted
 * {@code periscope.blocks}, audits to {@code periscope.enforcement-audit}, and in {@code enforce} mode reconciles WAF
 * IP sets and API Gateway with the records and watches {@code periscope.exchanges} for blocks that are not effective.
 * Allowlist entries added through the API live on {@code periscope.enforcement-allowlist}.
 *
 * <p>Health: UP with the mode; in {@code enforce} mode the reconcile rounds and how many could not reach AWS.
 */
public final class EnforcementRole implements PeriscopeRole {
    private final EnforcementSettings settings;
    private final Map<String, Object> clientProperties;
    private final MeterRegistry registry;
    private final Duration startupTimeout;
    private Enforcer enforcer;

    public EnforcementRole(EnforcementSettings settings, Map<String, Object> clientProperties, MeterRegistry registry,
                           Duration startupTimeout) {
        this.settings = settings;
        this.clientProperties = Map.copyOf(clientProperties);
        this.registry = registry;
        this.startupTimeout = startupTimeout;
    }

    @Override
    public Role role() {
        return Role.ENFORCEMENT;
    }

    @Override
    public List<String> consumes() {
        return List.of(Topics.EXCHANGES, Topics.INCIDENTS, Topics.BLOCKS, Topics.ENFORCEMENT_AUDIT,
                Topics.ENFORCEMENT_ALLOWLIST);
    }

    @Override
    public List<String> produces() {
        return List.of(Topics.BLOCKS, Topics.ENFORCEMENT_AUDIT, Topics.ENFORCEMENT_ALLOWLIST,
                Topics.ENFORCEMENT_FINDINGS);
    }

    @Override
    public void start() throws InterruptedException {
        enforcer = new Enforcer(settings, clientProperties, Clock.systemUTC(), registry).start(startupTimeout);
    }

    /** The running stage, for the enforcement API; empty before start. */
    public Optional<Enforcer> enforcer() {
        return Optional.ofNullable(enforcer);
    }

    @Override
    public RoleHealth health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", settings.policy().mode().name().toLowerCase().replace('_', '-'));
        details.put("consumerGroup", IncidentIntake.GROUP_ID);
        details.put("incidentsConsumed", enforcer.incidentsConsumed());
        if (settings.policy().mode() == EnforcementMode.ENFORCE) {
            details.put("reconcileRounds", enforcer.reconcileRounds());
            details.put("incompleteRounds", enforcer.incompleteRounds());
        }
        return RoleHealth.up(details);
    }

    @Override
    public void close() throws InterruptedException {
        if (enforcer != null) {
            enforcer.close();
        }
    }
}
