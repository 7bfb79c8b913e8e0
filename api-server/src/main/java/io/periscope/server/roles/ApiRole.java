package io.periscope.server.roles;

import io.periscope.discovery.view.CatalogReadModel;
import io.periscope.events.kafka.Topics;
import io.periscope.server.config.Role;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The api role: the REST API and the web UI over the catalog read model. Its controllers are HTTP routes
 * that exist only in processes running this role ({@link ApiRoleEnabled}); the read model
 * ({@link CatalogReadModel}, created and closed by the application context) starts reading when this role
 * starts. Health: UP once the read model has read what was on its topics at start; NOT_READY before
 * (the API would answer from a partial catalog, so a load balancer should wait).
 */
public final class ApiRole implements PeriscopeRole {
    private final Supplier<CatalogReadModel> catalogView;
    private CatalogReadModel view;

    /** @param catalogView the application's read model, created on first use */
    public ApiRole(Supplier<CatalogReadModel> catalogView) {
        this.catalogView = catalogView;
    }

    @Override
    public Role role() {
        return Role.API;
    }

    @Override
    public List<String> consumes() {
        return List.of(Topics.CATALOG, Topics.CHANGES, Topics.FINDINGS, Topics.TEMPLATE_RULES, Topics.PROBED_PATHS, Topics.SERIES,
                Topics.INCIDENTS, Topics.DETECTION_FEEDBACK);
    }

    /** Template override rules, written by the rules API; decisions on incidents and actors. */
    @Override
    public List<String> produces() {
        return List.of(Topics.TEMPLATE_RULES, Topics.DETECTION_FEEDBACK);
    }

    @Override
    public void start() {
        view = catalogView.get();
    }

    @Override
    public RoleHealth health() {
        boolean caughtUp = view.caughtUp();
        Map<String, Object> details = Map.of("catalogCaughtUp", caughtUp, "endpoints", view.index().endpointCount());
        return caughtUp ? RoleHealth.up(details) : RoleHealth.notReady(details);
    }

    @Override
    public void close() {
        // the application context closes the read model after the controllers that use it
    }
}
