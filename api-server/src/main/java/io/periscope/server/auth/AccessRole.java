package io.periscope.server.auth;

import java.util.Locale;

/** What a token may do. Each role includes the ones before it. */
public enum AccessRole {
    /** Read everything. */
    VIEWER,
    /** Read, and act on findings, incidents and blocks. */
    OPERATOR,
    /** Everything, including configuration and tokens. */
    ADMIN;

    public boolean includes(AccessRole other) {
        return compareTo(other) >= 0;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code viewer}, {@code operator} or {@code admin}; throws IllegalArgumentException otherwise. */
    public static AccessRole parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("role is required: viewer, operator or admin");
        }
        for (AccessRole role : values()) {
            if (role.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role \"" + value + "\": expected viewer, operator or admin");
    }
}
