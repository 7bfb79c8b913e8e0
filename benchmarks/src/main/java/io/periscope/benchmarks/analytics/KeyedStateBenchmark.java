package io.periscope.benchmarks.analytics;

import io.periscope.analytics.decay.DecayedCounter;
import io.periscope.analytics.decay.HalfLife;
import io.periscope.analytics.state.BoundedKeyedState;
import io.periscope.analytics.state.StateBounds;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of finding (or creating) one client's state and counting the event in it, one thread: with room
 * for every client (hits only), and with room for a quarter of them (evictions on the per-event path).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyedStateBenchmark {
    private static final HalfLife HALF_LIFE = HalfLife.of(Duration.ofMinutes(1));

    private EventInputs inputs;
    private BoundedKeyedState<String, DecayedCounter> roomy;
    private BoundedKeyedState<String, DecayedCounter> tight;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        inputs = new EventInputs();
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-12-01T00:00:00Z"));
        roomy = new BoundedKeyedState<>(new StateBounds(10_000, Duration.ofMinutes(10)), clock, (k, v, r) -> { });
        tight = new BoundedKeyedState<>(new StateBounds(500, Duration.ofMinutes(10)), clock, (k, v, r) -> { });
    }

    private static DecayedCounter newCounter(String client) {
        return new DecayedCounter(HALF_LIFE);
    }

    @Benchmark
    public void counterPerClientAllKept() {
        int i = next++ & EventInputs.MASK;
        roomy.getOrCreate(inputs.clients[i], KeyedStateBenchmark::newCounter).increment(inputs.eventMicros[i]);
    }

    @Benchmark
    public void counterPerClientWithEvictions() {
        int i = next++ & EventInputs.MASK;
        tight.getOrCreate(inputs.clients[i], KeyedStateBenchmark::newCounter).increment(inputs.eventMicros[i]);
    }
}
