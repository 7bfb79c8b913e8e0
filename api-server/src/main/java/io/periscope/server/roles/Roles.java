package io.periscope.server.roles;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.periscope.alerts.Alerting;
import io.periscope.discovery.view.CatalogReadModel;
import io.periscope.enforcement.Enforcer;
import io.periscope.events.log.ThrottledLogger;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.config.Role;
import io.periscope.server.kafka.KafkaRuntime;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roles this process runs, wired in one place: for each role configured in {@code periscope.roles},
 * the object that runs it. They start in the order of {@link Role} (the order of the pipeline) once
 * {@link KafkaRuntime} has provisioned the topics, and close in the reverse order before it. A role that
 * fails to start stops the start: the roles started before it are closed again.
 */
@Context
public class Roles implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Roles.class);
    /** Health is asked every few seconds by load balancers: one failing probe must not flood the log. */
    private final ThrottledLogger probeFailures = new ThrottledLogger(LOG, Duration.ofMinutes(1));

    private final Map<Role, PeriscopeRole> running = new EnumMap<>(Role.class);

    @Inject
    public Roles(PeriscopeSettings settings, KafkaRuntime kafka, MeterRegistry registry,
                 BeanProvider<CatalogReadModel> catalogView, BeanProvider<Alerting> alerting) throws InterruptedException {
        this(configured(settings, kafka, registry, catalogView, alerting));
    }

    /** Starts the given roles in their order; when one fails, closes it and those before it, and rethrows. */
    Roles(List<PeriscopeRole> roles) throws InterruptedException {
        for (PeriscopeRole role : roles) {
            running.put(role.role(), role);
            try {
                role.start();
            } catch (RuntimeException | InterruptedException e) {
                close();
                throw e;
            }
            LOG.info("{} role started (reads {}, writes {})", role.role().id(), role.consumes(), role.produces());
        }
    }

    /** The wiring: the object that runs each role of {@code periscope.roles}, in the order of {@link Role}. */
    private static List<PeriscopeRole> configured(PeriscopeSettings settings, KafkaRuntime kafka, MeterRegistry registry,
                                                  BeanProvider<CatalogReadModel> catalogView,
                                                  BeanProvider<Alerting> alerting) {
        List<PeriscopeRole> roles = new ArrayList<>();
        for (Role role : Role.values()) {
            if (settings.runs(role)) {
                roles.add(switch (role) {
                    case RECEIVER -> new ReceiverRole(settings, kafka.clientProperties(), registry);
                    case DISCOVERY -> new DiscoveryRole(settings.discovery(), kafka.clientProperties(), registry);
                    case DETECTION -> new DetectionRole(settings.detection(), kafka.clientProperties(), registry);
                    case ENFORCEMENT -> new EnforcementRole(settings.enforcement(), kafka.clientProperties(), registry,
                            settings.kafka().startupTimeout());
                    case ALERTING -> new AlertingRole(alerting::get);
                    case API -> new ApiRole(catalogView::get);
                });
            }
        }
        return roles;
    }

    /** The enforcement stage when this process runs the enforcement role (the enforcement API needs it). */
    public Optional<Enforcer> enforcer() {
        return running.get(Role.ENFORCEMENT) instanceof EnforcementRole role ? role.enforcer() : Optional.empty();
    }

    /** The health of a role: its own report when it runs here, {@code DISABLED} when it does not. */
    public RoleHealth health(Role role) {
        PeriscopeRole r = running.get(role);
        if (r == null) {
            return RoleHealth.disabled();
        }
        try {
            return r.health();
        } catch (RuntimeException e) {
            // A failing probe is a DOWN role, not a failed health endpoint; its message may quote internals.
            probeFailures.warn("the health probe of the {} role failed", role.id(), e);
            return RoleHealth.down(Map.of("error", "the health probe failed; see the server log"));
        }
    }

    @PreDestroy
    @Override
    public void close() throws InterruptedException {
        List<PeriscopeRole> stopping = new ArrayList<>(running.values());
        running.clear();
        InterruptedException interrupted = null;
        for (int i = stopping.size() - 1; i >= 0; i--) {
            PeriscopeRole role = stopping.get(i);
            try {
                role.close();
            } catch (InterruptedException e) {
                interrupted = e; // the other roles still get to stop; the interrupt is passed on after
            } catch (RuntimeException e) {
                LOG.warn("the {} role did not stop cleanly", role.role().id(), e);
            }
        }
        if (interrupted != null) {
            throw interrupted;
        }
    }
}
