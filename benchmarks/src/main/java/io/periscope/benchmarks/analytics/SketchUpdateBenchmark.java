package io.periscope.benchmarks.analytics;

import io.periscope.analytics.sketch.DistinctCount;
import io.periscope.analytics.sketch.LatencyQuantiles;
import io.periscope.analytics.sketch.TopK;
import io.periscope.analytics.sketch.ValueQuantiles;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Cost of adding one event to each sketch, one thread; the sketches are warm (past their exact phase). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SketchUpdateBenchmark {
    private EventInputs inputs;
    private DistinctCount distinct;
    private ValueQuantiles values;
    private LatencyQuantiles latencies;
    private TopK top;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        inputs = new EventInputs();
        distinct = new DistinctCount();
        values = new ValueQuantiles();
        latencies = new LatencyQuantiles();
        top = new TopK(10, 256);
        for (int i = 0; i < 100_000; i++) {
            distinct.add("warm-" + i);
            values.add(i);
            latencies.record(i);
            top.add("warm-" + (i % 500));
        }
    }

    @Benchmark
    public void distinctCountAdd() {
        distinct.add(inputs.clients[next++ & EventInputs.MASK]);
    }

    @Benchmark
    public void valueQuantilesAdd() {
        values.add(inputs.latencyMicros[next++ & EventInputs.MASK]);
    }

    @Benchmark
    public void latencyQuantilesRecord() {
        latencies.record(inputs.latencyMicros[next++ & EventInputs.MASK]);
    }

    @Benchmark
    public void topKAdd() {
        top.add(inputs.clients[next++ & EventInputs.MASK]);
    }
}
