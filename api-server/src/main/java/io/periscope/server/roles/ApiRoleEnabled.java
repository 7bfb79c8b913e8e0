package io.periscope.server.roles;

import io.periscope.server.config.Role;

/** True in processes that run the api role (REST API, UI, admin bootstrap). */
public final class ApiRoleEnabled extends RoleCondition {
    public ApiRoleEnabled() {
        super(Role.API);
    }
}
