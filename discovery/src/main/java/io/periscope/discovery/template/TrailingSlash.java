package io.periscope.discovery.template;

/** Whether a trailing slash makes a path another endpoint ({@code periscope.discovery.paths.trailing-slash}). */
public enum TrailingSlash {
    /** {@code /users/} and {@code /users} are one endpoint: most frameworks route them alike. */
    STRIP,
    /** {@code /users/} stays its own endpoint, for servers that route the two forms differently. */
    KEEP
}
