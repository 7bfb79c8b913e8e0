package io.periscope.server.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.roles.ApiRoleEnabled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure an admin can sign in. With PERISCOPE_ADMIN_TOKEN set, that token is registered as admin
 * (idempotently). Otherwise, on the very first start (no admin token exists), a new admin token is
 * created and printed once on the console; it is never logged or stored in the clear.
 *
 * <p>In scale-out deployments set PERISCOPE_ADMIN_TOKEN, so several API servers starting at once do
 * not each create one.
 */
@Context
@Requires(condition = ApiRoleEnabled.class)
public class AdminBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    public AdminBootstrap(TokenService tokens, PeriscopeSettings settings) {
        String configured = settings.auth().adminToken();
        if (!configured.isEmpty()) {
            var issued = tokens.register(configured, "admin (PERISCOPE_ADMIN_TOKEN)", AccessRole.ADMIN, "bootstrap");
            LOG.info("admin token from PERISCOPE_ADMIN_TOKEN is registered as {}", issued.record().id());
        } else if (!tokens.anyAdmin()) {
            var issued = tokens.create("initial admin", AccessRole.ADMIN, "bootstrap");
            // Printed, not logged: it must not end up in log files. It is not shown again.
            System.out.println();
            System.out.println("periscope: created the first admin token (shown only this once; store it now):");
            System.out.println();
            System.out.println("    " + issued.token());
            System.out.println();
            LOG.info("created the first admin token {} (printed on the console)", issued.record().id());
        }
    }
}
