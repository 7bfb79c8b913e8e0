package io.periscope.detection.behaviour;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.periscope.analytics.sketch.ValueQuantiles;

import java.util.EnumMap;
import java.util.Map;

/**
 * What the peers of an actor do in one window: the distribution of each {@link Metric} over the closed windows of
 * every actor of this stream task. Actors are spread over tasks by the hash of their id, so each task's peers are a
 * random sample of all actors: a per-task baseline needs no cross-partition traffic. Bounded: one quantile sketch
 * per metric. Windows of trusted actors and of actors with an open incident are not added (the baseline is not
 * poisoned by the traffic it should flag).
 */
public final class Peers {
    /** Per-window measures whose peer distribution sets a threshold. */
    public enum Metric { REQUESTS, BYTES, SUCCESSFUL_READS, DISTINCT_IDS, NOT_FOUND_PATHS, FOREIGN_OBJECTS }

    private final Map<Metric, Sketch> sketches = new EnumMap<>(Metric.class);

    public void add(Metric metric, double value) {
        sketches.computeIfAbsent(metric, m -> new Sketch(new ValueQuantiles())).quantiles.add(value);
    }

    public long windows(Metric metric) {
        Sketch s = sketches.get(metric);
        return s == null ? 0 : s.quantiles.count();
    }

    /** The peers' p99 of {@code metric}, or 0 while fewer than {@code warmup} windows were seen. */
    public double p99(Metric metric, int warmup) {
        Sketch s = sketches.get(metric);
        return s == null || s.quantiles.count() < warmup ? 0 : s.quantiles.quantile(0.99);
    }

    @JsonValue
    Map<Metric, Sketch> sketches() {
        return sketches;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Peers of(Map<Metric, Sketch> stored) {
        Peers p = new Peers();
        p.sketches.putAll(stored);
        return p;
    }

    /** One metric's distribution, stored as its sketch bytes. */
    static final class Sketch {
        final ValueQuantiles quantiles;

        Sketch(ValueQuantiles quantiles) {
            this.quantiles = quantiles;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Sketch of(byte[] bytes) {
            return new Sketch(ValueQuantiles.fromBytes(bytes));
        }

        @JsonValue
        byte[] bytes() {
            return quantiles.toBytes();
        }
    }
}
