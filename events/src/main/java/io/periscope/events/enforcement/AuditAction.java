package io.periscope.events.enforcement;

/** What an audit entry records. */
public enum AuditAction {
    /** A block was decided (auto or manual); {@code outcome} is {@code recorded} or {@code dry-run}. */
    BLOCK_DECIDED,
    /** A candidate was refused by the safety checks; {@code detail} names the rule. */
    BLOCK_REFUSED,
    /** An incident was not blocked by policy (type, confidence, severity, verdict, mode off). */
    POLICY_SKIPPED,
    /** A cap (per hour or total) stopped auto-blocking: an alert, not a block. */
    CAP_REACHED,
    /** An admin unblocked. */
    UNBLOCKED,
    /** A block lapsed. */
    EXPIRED,
    /** One AWS API call and its outcome ({@code ok} or the error code). */
    AWS_CALL,
    /** The API Gateway resource policy could not hold every address: the rest is enforced by WAF only. */
    POLICY_SIZE_FALLBACK,
    /** After the propagation window the mirrored traffic still shows the blocked address reaching the application. */
    BLOCK_NOT_EFFECTIVE,
    /** An allowlist entry was added or removed. */
    ALLOWLIST_CHANGED
}
