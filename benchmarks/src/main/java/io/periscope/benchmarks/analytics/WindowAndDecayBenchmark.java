package io.periscope.benchmarks.analytics;

import io.periscope.analytics.decay.DecayedCounter;
import io.periscope.analytics.decay.HalfLife;
import io.periscope.analytics.window.EventTimeWindows;
import io.periscope.analytics.window.WindowSpec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of adding one event to a window set (a tumbling one, and a sliding one where each event lands in
 * five windows) and to a decayed counter, one thread. Event times move forward about 1 ms per event with
 * one event in sixteen up to a second late, so windows keep closing as they would in a stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WindowAndDecayBenchmark {
    private EventInputs inputs;
    private EventTimeWindows<long[]> tumbling;
    private EventTimeWindows<long[]> sliding;
    private DecayedCounter counter;
    private long offset;
    private int next;

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        inputs = new EventInputs();
        tumbling = new EventTimeWindows<>(WindowSpec.tumbling(Duration.ofSeconds(1), Duration.ofSeconds(2)),
                () -> new long[1], blackhole::consume);
        sliding = new EventTimeWindows<>(WindowSpec.sliding(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(2)),
                () -> new long[1], blackhole::consume);
        counter = new DecayedCounter(HalfLife.of(Duration.ofMinutes(1)));
    }

    private static void count(long[] tally, long[] unused) {
        tally[0]++;
    }

    /** Event times keep moving forward across passes over the inputs, as a stream's do. */
    private long nextEventMicros() {
        int i = next++ & EventInputs.MASK;
        if (i == EventInputs.MASK) {
            offset += inputs.eventMicros[EventInputs.MASK] - inputs.eventMicros[0] + 1_000;
        }
        return inputs.eventMicros[i] + offset;
    }

    @Benchmark
    public boolean tumblingWindowAdd() {
        return tumbling.add(nextEventMicros(), null, WindowAndDecayBenchmark::count);
    }

    @Benchmark
    public boolean slidingWindowAdd() {
        return sliding.add(nextEventMicros(), null, WindowAndDecayBenchmark::count);
    }

    @Benchmark
    public void decayedCounterIncrement() {
        counter.increment(nextEventMicros());
    }
}
