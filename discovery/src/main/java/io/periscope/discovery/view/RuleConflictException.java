package io.periscope.discovery.view;

/** A template rule change that was not made because the rule set changed under it; nothing was written. */
public final class RuleConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the change was not made. */
    public enum Kind {
        /** The caller's {@code If-Match} version is not the current one: it must read the set again (HTTP 412). */
        STALE_VERSION,
        /** Another API server kept changing the same partition's rules while this one retried (HTTP 409). */
        CONCURRENT_WRITE
    }

    private final Kind kind;
    private final long currentVersion;

    public RuleConflictException(Kind kind, long currentVersion, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.currentVersion = currentVersion;
    }

    public Kind kind() {
        return kind;
    }

    /** The version of the set when the change was refused. */
    public long currentVersion() {
        return currentVersion;
    }
}
