package io.periscope.alerts.policy;

import io.periscope.alerts.outbox.IncidentSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * No alert storms: within a window (one minute by default) the first {@code threshold} opened incidents are alerted
 * one by one; the rest are held and sent as one digest when the window ends. Escalations and resolutions are never
 * held (they are about incidents already announced). Not thread-safe: the decider loop owns it.
 *
 * <p>Invariant: {@link #held()} is non-empty only while a window is open; {@link #flush(long)} closes a window whose
 * time has passed and returns what it held.
 */
public final class StormGuard {
    /** Bounds the digest's size; beyond it the digest says how many it left out through its count. */
    static final int MAX_HELD = 500;
    private final int threshold;
    private final long windowMillis;
    private long windowStart = -1;
    private int opened;
    private int overflow;
    private final List<IncidentSummary> held = new ArrayList<>();

    public StormGuard(int threshold, long windowMillis) {
        this.threshold = threshold;
        this.windowMillis = windowMillis;
    }

    /** Whether an opened incident is alerted now; false when it was folded into the coming digest. */
    public boolean admit(IncidentSummary opened, long nowMillis) {
        if (windowStart < 0 || nowMillis >= windowStart + windowMillis) {
            windowStart = nowMillis;
            this.opened = 0;
        }
        this.opened++;
        if (this.opened <= threshold) {
            return true;
        }
        if (held.size() < MAX_HELD) {
            held.add(opened);
        } else {
            overflow++;
        }
        return false;
    }

    /** The digest of a window that has ended (or of the open one when {@code force}), or null when there is none. */
    public Digest flush(long nowMillis, boolean force) {
        if (held.isEmpty() || !force && nowMillis < windowStart + windowMillis) {
            return null;
        }
        Digest d = new Digest(windowStart, List.copyOf(held), overflow);
        held.clear();
        overflow = 0;
        return d;
    }

    public Digest flush(long nowMillis) {
        return flush(nowMillis, false);
    }

    public List<IncidentSummary> held() {
        return List.copyOf(held);
    }

    /** @param omitted incidents held beyond {@link #MAX_HELD}, counted only */
    public record Digest(long windowStartMillis, List<IncidentSummary> incidents, int omitted) {
    }
}
