package io.periscope.events.enforcement;

/** The life of a block record. Only {@link #PENDING} and {@link #ACTIVE} are wanted in AWS. */
public enum BlockState {
    /** Decided, not yet confirmed in every enforcement point (written before any AWS call, so a restart resumes it). */
    PENDING,
    /** Present in every enforcement point it is meant for. */
    ACTIVE,
    /** Decided in {@code dry-run} mode: recorded and audited, never sent to AWS. */
    DRY_RUN,
    /** Its {@code expiresAtMicros} passed; the reconciler removes it from AWS ({@code appliedTo} empties when done). */
    EXPIRED,
    /** Unblocked by an admin; the reconciler removes it from AWS ({@code appliedTo} empties when done). */
    REMOVED,
    /** Refused by the safety checks or by a policy cap; never sent to AWS. {@code stateReason} says why. */
    REFUSED;

    /** Whether the reconciler must make AWS hold this block. */
    public boolean wanted() {
        return this == PENDING || this == ACTIVE;
    }
}
