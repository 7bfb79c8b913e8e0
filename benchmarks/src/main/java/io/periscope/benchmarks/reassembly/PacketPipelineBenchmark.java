package io.periscope.benchmarks.reassembly;

import io.periscope.benchmarks.ThreadCpuTime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblySink;
import io.periscope.reassembly.ReassemblySinkFactory;
import io.periscope.segment.TcpSegment;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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

/**
 * The sensor's per-packet work on one worker, from the VXLAN datagram to the finished
 * {@code HttpExchange}: decode, TCP reassembly, HTTP parsing, pairing and exchange building
 * (client IP, credential redaction, body redaction), with a sink that drops every exchange, so
 * nothing after the worker (serialization, Kafka) is counted. The receive thread's hand-off to the
 * worker (a copy into a ring slot) is not included. One op = one packet; run with {@code -prof gc}
 * for {@code gc.alloc.rate.norm}, the bytes allocated per packet. {@link HotPathBenchmark} measures the
 * same stream up to the parsed messages only; after each iteration this one splits its allocation between
 * packets that complete an exchange, open a connection or neither (see {@link HotPathBenchmark.AllocationSplit}).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar PacketPipelineBenchmark -f 1 -wi 3 -w 3s -i 5 -r 3s -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PacketPipelineBenchmark {
    private MirroredStream stream;
    private ReassemblySink sink;
    private Consumer<TcpSegment> toSink;
    private final HotPathBenchmark.MessageCount exchanges = new HotPathBenchmark.MessageCount();
    private final ThreadCpuTime cpu = new ThreadCpuTime();
    private long replays;

    @Setup(Level.Trial)
    public void prepare() {
        QuietLogs.apply();
        stream = new MirroredStream();
        sink = new ReassemblySinkFactory(
                ReassemblyConfig.builder("benchmark-secret-0123456789".getBytes(StandardCharsets.UTF_8)).build(),
                exchange -> exchanges.count++, new SimpleMeterRegistry()).createSink(0, 1);
        toSink = sink::onSegment;
    }

    @Setup(Level.Iteration)
    public void startClock() {
        cpu.start();
        replays = 0;
    }

    /** Every packet of the stream once: its connections open, carry their exchanges and close. */
    @Benchmark
    @OperationsPerInvocation(ReassemblyBenchmark.SEGMENTS_HINT)
    public int packetsToExchanges() {
        int segments = 0;
        for (int i = 0; i < stream.packets(); i++) {
            if (stream.decode(i, toSink)) {
                segments++;
            }
        }
        replays++;
        return segments;
    }

    /** On a shared machine wall-clock throughput measures the neighbours; CPU time of this thread does not. */
    @TearDown(Level.Iteration)
    public void reportCpuRate() {
        System.out.printf("%n[pipeline cpu] %.0f packets and %.0f exchanges per CPU-second of the benchmark thread%n",
                cpu.perCpuSecond(replays * ReassemblyBenchmark.SEGMENTS_HINT),
                cpu.perCpuSecond(replays * ReassemblyBenchmark.EXCHANGES));
        HotPathBenchmark.AllocationSplit split = new HotPathBenchmark.AllocationSplit();
        for (int i = 0; i < stream.packets(); i++) {
            long before = exchanges.count;
            int connections = sink.connections();
            long bytes = HotPathBenchmark.AllocationSplit.allocated();
            stream.decode(i, toSink);
            split.add(HotPathBenchmark.AllocationSplit.allocated() - bytes, exchanges.count != before,
                    sink.connections() > connections);
        }
        System.out.printf("[pipeline allocation] %s%n", split.describe("exchange"));
    }
}
