package io.periscope.server.catalog;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.periscope.discovery.view.CatalogReadModel;
import io.periscope.server.config.Role;
import io.periscope.server.health.ComponentHealth;
import io.periscope.server.health.RoleComponent;
import io.periscope.server.roles.ApiRoleEnabled;
import java.util.Map;

/**
 * The api role in the health: UP once the catalog read model has read what was on its topics at start;
 * NOT_READY before (the API would answer from a partial catalog, so a load balancer should wait).
 */
@Context
@Requires(condition = ApiRoleEnabled.class)
public class ApiRole implements RoleComponent {
    private final CatalogReadModel readModel;

    public ApiRole(CatalogReadModel readModel) {
        this.readModel = readModel;
    }

    @Override
    public Role role() {
        return Role.API;
    }

    @Override
    public ComponentHealth health() {
        Map<String, Object> details = Map.of("catalogCaughtUp", caughtUp(), "endpoints", readModel.index().endpointCount());
        return caughtUp() ? ComponentHealth.up(details) : ComponentHealth.notReady(details);
    }

    /** True once the read model has read up to the end offsets it saw at start. */
    public boolean caughtUp() {
        return readModel.caughtUp();
    }
}
