package io.periscope.alerts.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest version alerted per key (incident id, finding id), so a version seen twice (a producer retry, a
 * compacted topic read again) is alerted once. Bounded: the least recently alerted keys are forgotten first; a
 * forgotten key that comes back is alerted again with the same webhook id, which receivers dedupe.
 */
public final class VersionLedger {
    private final Map<String, Long> latest;

    public VersionLedger(int capacity) {
        this.latest = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records the version and tells whether it is new (above every version recorded for the key). */
    public boolean firstTime(String key, long version) {
        Long seen = latest.get(key);
        if (seen != null && seen >= version) {
            return false;
        }
        latest.put(key, version);
        return true;
    }
}
