package io.periscope.server.roles;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.config.Role;

/** True in processes that manage alert destinations (api role) or deliver alerts (alerting role). */
public final class AlertsEnabled implements Condition {
    @Override
    public boolean matches(ConditionContext context) {
        PeriscopeSettings settings = context.getBean(PeriscopeSettings.class);
        return settings.runs(Role.API) || settings.runs(Role.ALERTING);
    }
}
