package io.periscope.detection.behaviour;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/**
 * Where one credential was last used: its network (a configured location's name, else the {@code /16} or {@code /48}
 * block), that location when configured, when, and the times of its latest network changes. Bounded: at most
 * {@code TravelSettings.hijackChanges} change times are kept, which is all the hijack rule reads.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class CredentialTrail {
    String network;
    String location;
    long lastMicros;
    long[] changes = new long[0];

    /** Appends a change time, keeping the latest {@code keep} that lie within {@code windowMicros} of it. */
    int changed(long atMicros, long windowMicros, int keep) {
        int n = 0;
        long[] next = new long[Math.min(keep, changes.length + 1)];
        for (int i = Math.max(0, changes.length + 1 - keep); i < changes.length; i++) {
            if (atMicros - changes[i] < windowMicros) {
                next[n++] = changes[i];
            }
        }
        next[n++] = atMicros;
        changes = n == next.length ? next : java.util.Arrays.copyOf(next, n);
        return n;
    }
}
