package io.periscope.server.roles;

import io.periscope.server.config.Role;
import java.util.List;

/**
 * The enforcement role: will turn incidents into AWS WAF IP-set entries and API Gateway actions
 * ({@code enforcement-aws}). Nothing produces incidents yet, so a process configured with this role
 * runs nothing for it and says so: {@code IDLE}, which does not hold back readiness.
 */
public final class EnforcementRole implements PeriscopeRole {
    @Override
    public Role role() {
        return Role.ENFORCEMENT;
    }

    @Override
    public List<String> consumes() {
        return List.of();
    }

    @Override
    public List<String> produces() {
        return List.of();
    }

    @Override
    public void start() {
        // nothing to run until detection produces incidents
    }

    @Override
    public RoleHealth health() {
        return RoleHealth.idle("this build has nothing to run for the enforcement role yet");
    }

    @Override
    public void close() {
        // nothing was started
    }
}
