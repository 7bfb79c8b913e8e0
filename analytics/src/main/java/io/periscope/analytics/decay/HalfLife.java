package io.periscope.analytics.decay;

import java.time.Duration;

/**
 * How fast a {@link DecayedCounter} forgets: an event's weight halves every {@code micros}. One instance is
 * shared by every counter of a kind, so a counter holds only its value and its time.
 */
public record HalfLife(long micros) {
    private static final double LN2 = Math.log(2);

    public HalfLife {
        if (micros <= 0) {
            throw new IllegalArgumentException("half-life must be positive, was " + micros + " µs");
        }
    }

    public static HalfLife of(Duration duration) {
        return new HalfLife(Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000));
    }

    /** The weight left after {@code elapsedMicros}: 1 at zero, 0.5 after one half-life. */
    public double factor(long elapsedMicros) {
        return Math.exp(-LN2 * elapsedMicros / micros);
    }

    /**
     * The event rate, per second, that a decayed count of {@code value} stands for in the steady state: a
     * constant rate r gives a count of {@code r * halfLife / ln 2}.
     */
    public double ratePerSecond(double value) {
        return value * LN2 * 1_000_000.0 / micros;
    }
}
