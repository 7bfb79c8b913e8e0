package io.periscope.events.enforcement;

/** What an {@link EnforcementFinding} reports; each is an alert event kind a destination selects. */
public enum EnforcementFindingKind {
    /** A cap (new automatic blocks per hour, or blocks in force) stopped auto-blocking: attackers go unblocked. */
    CAP_REACHED,
    /** Mirrored traffic still shows a blocked address reaching the application after the propagation window. */
    BLOCK_NOT_EFFECTIVE
}
