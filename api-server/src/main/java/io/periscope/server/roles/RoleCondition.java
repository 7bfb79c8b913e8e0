package io.periscope.server.roles;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.config.Role;

/** Creates a role's beans only in processes configured to run that role. */
public abstract class RoleCondition implements Condition {
    private final Role role;

    protected RoleCondition(Role role) {
        this.role = role;
    }

    @Override
    public boolean matches(ConditionContext context) {
        return context.getBean(PeriscopeSettings.class).runs(role);
    }
}
