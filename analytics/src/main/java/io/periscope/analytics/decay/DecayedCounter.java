package io.periscope.analytics.decay;

import java.nio.ByteBuffer;

/**
 * A count in which every event's weight halves each {@link HalfLife}: a recent rate per key (requests per
 * client, errors per endpoint) in one double and one timestamp.
 *
 * <p>Invariants: the value is the sum over events of {@code amount * 2^(-(t - eventTime) / halfLife)} at
 * the counter's time {@code t}, the largest event time seen; time never goes back: an event older than
 * the counter's time is added already decayed by its age, and a read at an older time returns the value
 * at the counter's time; amounts are finite and not negative, so the value is too; adding allocates nothing.
 * Not thread-safe: one counter belongs to one stream task.
 */
public final class DecayedCounter {
    /** Bytes of {@link #toBytes()}: the value and the time. */
    public static final int SERIALIZED_BYTES = Double.BYTES + Long.BYTES;

    private final HalfLife halfLife;
    private double value;
    private long atMicros;

    public DecayedCounter(HalfLife halfLife) {
        this(halfLife, 0, Long.MIN_VALUE);
    }

    private DecayedCounter(HalfLife halfLife, double value, long atMicros) {
        this.halfLife = halfLife;
        this.value = value;
        this.atMicros = atMicros;
    }

    /** Adds one event at {@code eventMicros}. */
    public void increment(long eventMicros) {
        add(eventMicros, 1.0);
    }

    public void add(long eventMicros, double amount) {
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("amount must be finite and not negative, was " + amount);
        }
        if (atMicros == Long.MIN_VALUE) {
            atMicros = eventMicros;
            value = amount;
        } else if (eventMicros >= atMicros) {
            value = value * halfLife.factor(eventMicros - atMicros) + amount;
            atMicros = eventMicros;
        } else {
            value += amount * halfLife.factor(atMicros - eventMicros);
        }
    }

    /** The decayed count at {@code atMicros} (or at the counter's own time, if that is later). */
    public double valueAt(long readMicros) {
        if (atMicros == Long.MIN_VALUE || readMicros <= atMicros) {
            return value;
        }
        return value * halfLife.factor(readMicros - atMicros);
    }

    /** The steady-state event rate per second the count stands for at {@code readMicros}. */
    public double ratePerSecondAt(long readMicros) {
        return halfLife.ratePerSecond(valueAt(readMicros));
    }

    /** The time of the latest event, or {@code Long.MIN_VALUE} before the first. */
    public long atMicros() {
        return atMicros;
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(SERIALIZED_BYTES).putDouble(value).putLong(atMicros).array();
    }

    /**
     * Reads {@link #toBytes()}; the half-life is configuration, not state, so a restart may change it.
     *
     * @throws IllegalArgumentException when the bytes are not a counter
     */
    public static DecayedCounter fromBytes(HalfLife halfLife, byte[] bytes) {
        if (bytes.length != SERIALIZED_BYTES) {
            throw new IllegalArgumentException("a decayed counter is " + SERIALIZED_BYTES + " bytes, was " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        double value = buffer.getDouble();
        long at = buffer.getLong();
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("a decayed count must be finite and not negative, was " + value);
        }
        return new DecayedCounter(halfLife, value, at);
    }
}
