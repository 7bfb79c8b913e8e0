package io.periscope.detection.behaviour;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.periscope.analytics.sketch.DistinctCount;

/**
 * A distinct count that serializes as its sketch bytes in the actor's stored profile. {@value #LG_K} bits of
 * registers: at most 256 bytes, exact at the small counts thresholds live at (the sketch starts in list mode), about
 * 6 % error beyond, which does not move a decision of "far above the threshold".
 */
public final class Distinct {
    static final int LG_K = 8;
    private final DistinctCount sketch;

    public Distinct() {
        this(new DistinctCount(LG_K));
    }

    private Distinct(DistinctCount sketch) {
        this.sketch = sketch;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Distinct fromBytes(byte[] bytes) {
        return new Distinct(DistinctCount.fromBytes(bytes));
    }

    @JsonValue
    byte[] toBytes() {
        return sketch.toBytes();
    }

    public void add(String value) {
        sketch.add(value);
    }

    /** Adds every value {@code other} counted (the union of both sets). */
    public void merge(Distinct other) {
        sketch.merge(other.sketch);
    }

    public long count() {
        return sketch.estimate();
    }
}
