package io.periscope.detection.signature.locate;

import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import io.periscope.sensitive.Markers;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the values of one exchange within its {@link LocateLimits}, counting every cap. Not thread-safe: one per
 * exchange.
 */
final class Collector {
    private final LocateLimits limits;
    private final List<LocatedValue> values = new ArrayList<>();
    private final Map<Cap, Integer> capped = new EnumMap<>(Cap.class);
    private int chars;
    private boolean full;

    Collector(LocateLimits limits) {
        this.limits = limits;
    }

    LocateLimits limits() {
        return limits;
    }

    /** Whether a limit was reached: the caller stops reading. */
    boolean full() {
        return full;
    }

    /**
     * Adds a value unless it is empty or wholly a redaction/masking marker (the sensor's text, not the client's).
     * Cut at the value-length limit; refused when the value or character budget is spent.
     */
    void add(LocationKind kind, String name, String value) {
        if (value == null || value.isEmpty() || Markers.isMarker(value)) {
            return;
        }
        if (full) {
            return;
        }
        if (values.size() >= limits.maxValues()) {
            cap(Cap.VALUES);
            full = true;
            return;
        }
        String v = value;
        if (v.length() > limits.maxValueLength()) {
            cap(Cap.VALUE_LENGTH);
            v = v.substring(0, limits.maxValueLength());
        }
        if (chars + v.length() > limits.maxChars()) {
            cap(Cap.CHARS);
            full = true;
            v = v.substring(0, Math.max(0, limits.maxChars() - chars));
            if (v.isEmpty()) {
                return;
            }
        }
        chars += v.length();
        values.add(new LocatedValue(new InputLocation(kind, name), v));
    }

    void cap(Cap reason) {
        capped.merge(reason, 1, Integer::sum);
    }

    Located result() {
        return new Located(values, capped);
    }
}
