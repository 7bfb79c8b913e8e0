package io.periscope.events.enforcement;

import io.periscope.events.Versioned;
import java.util.Objects;

/**
 * One enforcement decision or AWS call and its outcome, on {@code periscope.enforcement-audit} keyed by target
 * (or by the AWS resource for a call that concerns a whole IP set or policy).
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param id            unique id of the entry
 * @param atMicros      when it happened
 * @param action        what happened
 * @param target        the CIDR or API key id concerned, or the AWS resource
 * @param blockId       the block concerned, may be null
 * @param incidentId    the incident concerned, may be null
 * @param actor         {@code detection}, {@code admin:<name>} or {@code reconciler}
 * @param operation     the AWS operation ({@code UpdateIPSet}, ...) of an {@link AuditAction#AWS_CALL}, else null
 * @param outcome       {@code ok}, {@code dry-run}, {@code refused}, or an AWS error code
 * @param detail        one sentence (never a credential)
 */
public record AuditEntry(int schemaVersion, String id, long atMicros, AuditAction action, String target, String blockId,
                         String incidentId, String actor, String operation, String outcome, String detail)
        implements Versioned {

    public static final int SCHEMA_VERSION = 1;

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
    }
}
