package io.periscope.enforcement.block;

/** What became of one block candidate; the tag of {@code periscope.enforcement.decisions}. */
public enum BlockOutcome {
    /** Recorded as PENDING: the reconciler applies it. */
    BLOCKED,
    /** Recorded as DRY_RUN: nothing is sent to AWS. */
    DRY_RUN,
    /** A block of the same target is already in force. */
    ALREADY_BLOCKED,
    /** Refused by {@link io.periscope.enforcement.safety.BlockSafety}. */
    REFUSED,
    /** The hourly or total cap was reached: alerted, not blocked. */
    CAPPED,
    /** The incident does not block under the policy. */
    NOT_BY_POLICY
}
