package io.periscope.server.roles;

import io.periscope.server.config.Role;
import java.util.List;

/**
 * One role of a Periscope process: what it runs, which topics it reads and writes, and the health it
 * reports. {@link Roles} creates the roles this process is configured to run, starts them and closes them.
 *
 * <p>Lifecycle: a constructor only keeps its dependencies; {@link #start()} creates the threads, sockets
 * and Kafka clients; {@link #close()} releases whatever {@code start} created, also after a start that
 * failed half way, and does nothing for a role never started.
 */
public interface PeriscopeRole extends AutoCloseable {
    Role role();

    /** The Kafka topics this role reads (input from elsewhere, such as mirrored packets, is in the class's Javadoc). */
    List<String> consumes();

    /** The Kafka topics this role writes. */
    List<String> produces();

    void start() throws InterruptedException;

    /** The role's state, asked by the health routes on any thread once the role has started. */
    RoleHealth health();

    @Override
    void close() throws InterruptedException;
}
