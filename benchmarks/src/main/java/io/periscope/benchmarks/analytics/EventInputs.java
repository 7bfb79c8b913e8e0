package io.periscope.benchmarks.analytics;

/**
 * Inputs made before measuring, so that the benchmarks time the primitive and not the making of keys:
 * 4 096 client addresses (drawn so that a few are frequent, as real traffic is), latencies and event times.
 */
final class EventInputs {
    static final int SIZE = 4_096;
    static final int MASK = SIZE - 1;

    final String[] clients = new String[SIZE];
    final long[] latencyMicros = new long[SIZE];
    final long[] eventMicros = new long[SIZE];

    EventInputs() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        long t = 1_764_547_200_000_000L;
        for (int i = 0; i < SIZE; i++) {
            // Squaring a uniform draw skews it towards small ids: a few heavy clients over a tail.
            int client = (int) (Math.pow(random.nextDouble(), 2) * 2_000);
            clients[i] = "10.1." + (client >> 8) + "." + (client & 0xff);
            latencyMicros[i] = 500 + (long) (random.nextDouble() * random.nextDouble() * 200_000);
            t += random.nextInt(2_000);
            // One event in sixteen arrives up to a second late, as mirrored traffic from several sensors does.
            eventMicros[i] = i % 16 == 0 ? t - random.nextInt(1_000_000) : t;
        }
    }
}
