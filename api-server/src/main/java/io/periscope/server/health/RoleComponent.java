package io.periscope.server.health;

import io.periscope.server.config.Role;

/** A running role that reports its own health. One bean per role that runs in this process. */
public interface RoleComponent {
    Role role();

    ComponentHealth health();
}
