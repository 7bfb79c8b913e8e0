package io.periscope.events.enforcement;

import io.periscope.events.Versioned;
import java.util.List;
import java.util.Objects;

/**
 * One block: the latest record of a key ({@link #key()}, kind + target) on the compacted {@code periscope.blocks} is
 * its state. Expiry is data ({@link #expiresAtMicros}), not a timer, so it survives restarts: whichever enforcer runs
 * next removes an expired block. {@link #appliedTo} names the enforcement points Periscope itself wrote the target
 * into; only those entries are ever removed again (an address someone else put into an IP set is left alone).
 *
 * @param schemaVersion   {@link #SCHEMA_VERSION}
 * @param id              stable id of this block (the API addresses it by id)
 * @param kind            what {@code target} is
 * @param target          a canonical CIDR ({@code 203.0.113.7/32}, {@code 2001:db8::1/128}) or an API key id
 * @param reason          why, in one sentence (never a credential)
 * @param incidentId      the incident that caused it, null for a manual block
 * @param createdBy       {@code detection} or {@code admin:<name>}
 * @param createdAtMicros when the block was decided
 * @param expiresAtMicros when it lapses; {@link Long#MAX_VALUE} for a manual block without expiry
 * @param state           where it is in its life
 * @param stateReason     why it is in that state (refusal reason, unblock reason, AWS error), may be null
 * @param offences        how many blocks this target has had, this one included (drives the TTL escalation)
 * @param appliedTo       enforcement points Periscope wrote the target into and has not removed it from yet, sorted
 * @param appliedAtMicros when it was first confirmed in an enforcement point, 0 before
 * @param updatedAtMicros when this version was written
 */
public record BlockRecord(
        int schemaVersion,
        String id,
        BlockKind kind,
        String target,
        String reason,
        String incidentId,
        String createdBy,
        long createdAtMicros,
        long expiresAtMicros,
        BlockState state,
        String stateReason,
        int offences,
        List<String> appliedTo,
        long appliedAtMicros,
        long updatedAtMicros) implements Versioned {

    public static final int SCHEMA_VERSION = 1;
    /** The {@code createdBy} of blocks decided from incidents. */
    public static final String DETECTION = "detection";

    public BlockRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdBy, "createdBy");
        appliedTo = appliedTo == null ? List.of() : appliedTo.stream().distinct().sorted().toList();
    }

    /** The key on {@code periscope.blocks}: one current record per kind and target. */
    public static String key(BlockKind kind, String target) {
        return kind.name() + "|" + target;
    }

    public String key() {
        return key(kind, target);
    }

    public boolean expiredAt(long nowMicros) {
        return expiresAtMicros <= nowMicros;
    }

    /** Whether the reconciler must make AWS hold this block at {@code nowMicros}. */
    public boolean wantedAt(long nowMicros) {
        return state.wanted() && !expiredAt(nowMicros);
    }

    public boolean automatic() {
        return DETECTION.equals(createdBy);
    }

    public BlockRecord withState(BlockState newState, String why, long nowMicros) {
        return new BlockRecord(schemaVersion, id, kind, target, reason, incidentId, createdBy, createdAtMicros,
                expiresAtMicros, newState, why, offences, appliedTo, appliedAtMicros, nowMicros);
    }

    public BlockRecord withAppliedTo(List<String> points, long nowMicros) {
        long applied = appliedAtMicros == 0 && !points.isEmpty() ? nowMicros : appliedAtMicros;
        return new BlockRecord(schemaVersion, id, kind, target, reason, incidentId, createdBy, createdAtMicros,
                expiresAtMicros, state, stateReason, offences, points, applied, nowMicros);
    }
}
