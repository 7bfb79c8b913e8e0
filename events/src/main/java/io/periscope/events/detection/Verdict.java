package io.periscope.events.detection;

/** What should happen about an incident. */
public enum Verdict {
    /** High confidence and an enforceable principal: enforcement may block it (policy decides). */
    BLOCK,
    /** Worth watching; not enough to block. */
    MONITOR,
    /** Judged benign or dismissed by a user. */
    BENIGN
}
