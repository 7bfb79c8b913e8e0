package io.periscope.mirror.replay;

import java.util.concurrent.locks.LockSupport;

/** Holds a replay back to a packet rate or to the capture's own timing. */
public abstract sealed class Pacer {

    /** As fast as the sender goes. */
    public static Pacer unlimited() {
        return new Unlimited();
    }

    /** A steady rate, whatever the capture's timestamps say. */
    public static Pacer packetsPerSecond(double pps) {
        if (!(pps > 0)) {
            throw new IllegalArgumentException("packets per second must be positive: " + pps);
        }
        return new Rate(pps);
    }

    /** The capture's own inter-packet gaps, divided by {@code speed} (2 = twice as fast). */
    public static Pacer captureTiming(double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive: " + speed);
        }
        return new CaptureTiming(speed);
    }

    /** Waits until the next packet is due. */
    public abstract void await(long captureTimestampMicros);

    static void sleepUntil(long deadlineNanos) {
        long wait;
        while ((wait = deadlineNanos - System.nanoTime()) > 0) {
            if (wait > 100_000) {
                LockSupport.parkNanos(wait - 50_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private static final class Unlimited extends Pacer {
        @Override
        public void await(long captureTimestampMicros) {
        }
    }

    private static final class Rate extends Pacer {
        private final double intervalNanos;
        private long start;
        private long sent;

        Rate(double pps) {
            intervalNanos = 1e9 / pps;
        }

        @Override
        public void await(long captureTimestampMicros) {
            if (sent == 0) {
                start = System.nanoTime();
            }
            sleepUntil(start + (long) (sent++ * intervalNanos));
        }
    }

    private static final class CaptureTiming extends Pacer {
        private final double speed;
        private long startNanos;
        private long firstMicros = Long.MIN_VALUE;

        CaptureTiming(double speed) {
            this.speed = speed;
        }

        @Override
        public void await(long captureTimestampMicros) {
            if (firstMicros == Long.MIN_VALUE) {
                firstMicros = captureTimestampMicros;
                startNanos = System.nanoTime();
                return;
            }
            long offsetMicros = Math.max(0, captureTimestampMicros - firstMicros); // a clock step back sends at once
            sleepUntil(startNanos + (long) (offsetMicros * 1000 / speed));
        }
    }
}
