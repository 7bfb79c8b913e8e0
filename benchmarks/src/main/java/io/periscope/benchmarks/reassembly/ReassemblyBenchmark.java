package io.periscope.benchmarks.reassembly;

import io.periscope.benchmarks.ThreadCpuTime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblySink;
import io.periscope.reassembly.ReassemblySinkFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reassembly + HTTP parsing + exchange building (client IP, redaction, pairing) on one thread, from a
 * realistic segment stream to finished {@code HttpExchange} records. Score: segments per second;
 * exchanges per second = score × {@value #EXCHANGES} / {@value #SEGMENTS_HINT} (printed at setup).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReassemblyBenchmark {
    static final int CONNECTIONS = 2000;
    static final int PER_CONNECTION = 5;
    static final int EXCHANGES = CONNECTIONS * PER_CONNECTION;
    /** Segments in the stream (checked at setup). */
    static final int SEGMENTS_HINT = 42_000;

    private SegmentStream stream;
    private final SegmentStream.Flyweight flyweight = new SegmentStream.Flyweight();
    private ReassemblySink sink;
    private Blackhole blackhole;

    @Setup(Level.Trial)
    public void prepare(Blackhole bh) {
        QuietLogs.apply();
        stream = new SegmentStream(CONNECTIONS, PER_CONNECTION, 1_700_000_000_000_000L, true);
        if (stream.segments() != SEGMENTS_HINT) {
            throw new IllegalStateException("stream has " + stream.segments() + " segments, update SEGMENTS_HINT");
        }
        blackhole = bh;
        System.out.printf("%n[reassembly] %d segments carry %d exchanges (%.3f exchanges per segment)%n",
                stream.segments(), stream.exchanges(), stream.exchanges() / (double) stream.segments());
        ReassemblySinkFactory factory = new ReassemblySinkFactory(
                ReassemblyConfig.builder("benchmark-secret-0123456789".getBytes(StandardCharsets.UTF_8)).build(),
                blackhole::consume, new SimpleMeterRegistry());
        sink = factory.createSink(0, 1);
    }

    private final ThreadCpuTime cpu = new ThreadCpuTime();
    private long replays;

    @Setup(Level.Iteration)
    public void startClock() {
        cpu.start();
        replays = 0;
    }

    @Benchmark
    @OperationsPerInvocation(SEGMENTS_HINT)
    public void segmentsToExchanges() {
        stream.replay(sink, flyweight);
        replays++;
    }

    /** On a shared machine wall-clock throughput measures the neighbours; CPU time of this thread does not. */
    @TearDown(Level.Iteration)
    public void reportCpuRate() {
        System.out.printf("%n[reassembly cpu] %.0f segments and %.0f exchanges per CPU-second of the worker thread%n",
                cpu.perCpuSecond(replays * SEGMENTS_HINT), cpu.perCpuSecond(replays * EXCHANGES));
    }
}
