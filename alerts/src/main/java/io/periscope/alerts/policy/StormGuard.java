package io.periscope.alerts.policy;

import io.periscope.alerts.outbox.DigestMember;
import io.periscope.alerts.outbox.IncidentSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * No alert storms: within a window (one minute by default) the first {@code threshold} opened incidents are alerted
 * one by one; the rest are held and sent as one digest when the window ends. Escalations and resolutions are never
 * held (they are about incidents already announced). Not thread-safe: the decider loop owns it.
 *
 * <p>What is held is durable: the decider writes every {@link DigestMember} that {@link #admit} returns to
 * {@code periscope.alert-digest-members} in the transaction that commits the incident's offset, and a restarted
 * decider hands the members still there back through {@link #restore}. The guard itself only decides.
 *
 * <p>Invariants: {@link #held()} is non-empty only while a window is open or until the first {@link #flush} after it
 * ends; {@link #flush(long)} closes a window whose time has passed and returns what it held, with the members' keys so
 * the decider can delete them in the digest's transaction.
 */
public final class StormGuard {
    /** Bounds the digest's size; beyond it the digest says how many it left out through its count. */
    static final int MAX_HELD = 500;
    private final int threshold;
    private final long windowMillis;
    private long windowStart = -1;
    private int opened;
    private int overflow;
    private final List<DigestMember> held = new ArrayList<>();

    public StormGuard(int threshold, long windowMillis) {
        this.threshold = threshold;
        this.windowMillis = windowMillis;
    }

    /**
     * Whether an opened incident is alerted now. When it is not, the member returned holds it for the coming digest
     * (null when it is alerted now, or only counted because the digest is full).
     *
     * @param sourcePartition the {@code periscope.incidents} partition it came from (its owner restores it)
     */
    public Admission admit(IncidentSummary opened, int sourcePartition, long nowMillis) {
        if (windowStart < 0 || nowMillis >= windowStart + windowMillis && held.isEmpty()) {
            windowStart = nowMillis;
            this.opened = 0;
        }
        this.opened++;
        if (this.opened <= threshold) {
            return Admission.ALERT_NOW;
        }
        if (held.size() >= MAX_HELD) {
            overflow++;
            return Admission.OMITTED;
        }
        DigestMember member = new DigestMember(DigestMember.SCHEMA_VERSION, windowStart, sourcePartition, opened);
        held.add(member);
        return new Admission(false, member);
    }

    /**
     * Takes back members a previous decider held and did not send (read from the members topic): the window they
     * belong to counts as full, and its digest goes out at that window's end (at once when it is over).
     */
    public void restore(Collection<DigestMember> members) {
        for (DigestMember m : members) {
            if (held.stream().anyMatch(h -> h.key().equals(m.key()))) {
                continue;
            }
            if (held.isEmpty()) {
                windowStart = m.windowStartMillis();
                opened = Math.max(opened, threshold);
            }
            held.add(m);
            opened++;
        }
    }

    /** Forgets the members of partitions this decider no longer owns: their new owner restores and sends them. */
    public void release(Collection<Integer> sourcePartitions) {
        held.removeIf(m -> sourcePartitions.contains(m.sourcePartition()));
    }

    /** The digest of a window that has ended (or of the open one when {@code force}), or null when there is none. */
    public Digest flush(long nowMillis, boolean force) {
        if (held.isEmpty() || !force && nowMillis < windowStart + windowMillis) {
            return null;
        }
        Digest d = new Digest(held.get(0).windowStartMillis(), List.copyOf(held), overflow);
        held.clear();
        overflow = 0;
        return d;
    }

    public Digest flush(long nowMillis) {
        return flush(nowMillis, false);
    }

    public List<DigestMember> held() {
        return List.copyOf(held);
    }

    /**
     * @param alertNow whether the incident is alerted on its own now
     * @param member   the member to write durably when it was held for the digest, else null
     */
    public record Admission(boolean alertNow, DigestMember member) {
        static final Admission ALERT_NOW = new Admission(true, null);
        static final Admission OMITTED = new Admission(false, null);
    }

    /** @param omitted incidents held beyond {@link #MAX_HELD}, counted only */
    public record Digest(long windowStartMillis, List<DigestMember> members, int omitted) {

        public List<IncidentSummary> incidents() {
            return members.stream().map(DigestMember::incident).toList();
        }
    }
}
