package io.periscope.benchmarks.reassembly;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblySink;
import io.periscope.reassembly.ReassemblySinkFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Retained heap per tracked connection: {@value #CONNECTIONS} keep-alive connections held by one worker,
 * either idle ({@code state=idle}: each completed one exchange and went quiet) or with a request in
 * flight ({@code state=awaiting-response}: the request parsed and pending, its response not yet seen,
 * the state of most connections of a busy capture). The score is the time to build them; the teardown
 * prints the retained bytes per connection (heap after full GC, minus the heap before), which is the
 * figure that matters.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar IdleConnectionMemoryBenchmark -wi 0 -i 2</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-XX:+UseParallelGC"})
public class IdleConnectionMemoryBenchmark {
    static final int CONNECTIONS = 300_000;

    private SegmentStream stream;
    private final SegmentStream.Flyweight flyweight = new SegmentStream.Flyweight();
    private ReassemblySink sink;
    private long baseline;

    /** What each connection holds when measured. */
    @Param({"idle", "awaiting-response"})
    public String state;

    @Setup(Level.Iteration)
    public void prepare() {
        QuietLogs.apply();
        stream = null;
        sink = null;
        stream = new SegmentStream(CONNECTIONS, 1, 1_700_000_000_000_000L, false);
        sink = new ReassemblySinkFactory(ReassemblyConfig.builder("benchmark-secret-0123456789".getBytes(StandardCharsets.UTF_8))
                .maxConnections(2_000_000).build(), exchange -> { }, new SimpleMeterRegistry()).createSink(0, 1);
        baseline = retainedHeap();
    }

    @Benchmark
    public int trackIdleConnections() {
        if (state.equals("idle")) {
            stream.replay(sink, flyweight);
        } else {
            stream.replayWithoutResponses(sink, flyweight);
        }
        return sink.connections();
    }

    @TearDown(Level.Iteration)
    public void measure() {
        long after = retainedHeap();
        System.out.printf("%n[%s connections] %d tracked, %.0f retained bytes per connection, %d bytes buffered%n",
                state, sink.connections(), (after - baseline) / (double) sink.connections(), sink.bufferedBytes());
    }

    private static long retainedHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
