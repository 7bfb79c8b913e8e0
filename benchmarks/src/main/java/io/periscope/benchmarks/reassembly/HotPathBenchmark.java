package io.periscope.benchmarks.reassembly;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.benchmarks.ThreadCpuTime;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblyMetrics;
import io.periscope.reassembly.http.ParserLimits;
import io.periscope.reassembly.tcp.ConnectionTracker;
import io.periscope.reassembly.tcp.MemoryBudget;
import io.periscope.segment.TcpSegment;
import java.lang.management.ManagementFactory;
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
 * The sensor's hot path alone: VXLAN decode → TCP reassembly → HTTP parsing, up to the finished
 * {@code HttpMessage}, which is then dropped: no pairing, no exchange building, no redaction (those are
 * per exchange, and {@link PacketPipelineBenchmark} measures the whole). Same stream and worker setup as
 * {@link PacketPipelineBenchmark}; one op = one packet. Run with {@code -prof gc} for the bytes allocated
 * per packet.
 *
 * <p>After each iteration one more pass over the stream reads this thread's allocation counter around
 * every packet and splits the bytes between packets that complete a message (the message's own strings,
 * headers and body), packets that open a connection, and the rest: the per-packet cost, which must be near zero.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar HotPathBenchmark -f 1 -wi 3 -w 3s -i 5 -r 3s -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HotPathBenchmark {
    private MirroredStream stream;
    private ConnectionTracker tracker;
    private Consumer<TcpSegment> toTracker;
    private final MessageCount messages = new MessageCount();
    private final ThreadCpuTime cpu = new ThreadCpuTime();
    private long replays;

    @Setup(Level.Trial)
    public void prepare() {
        QuietLogs.apply();
        stream = new MirroredStream();
        // the worker's defaults, as ReassemblySinkFactory builds them for one worker
        ReassemblyConfig config = ReassemblyConfig.builder("benchmark-secret-0123456789".getBytes(StandardCharsets.UTF_8)).build();
        ReassemblyMetrics metrics = new ReassemblyMetrics(new SimpleMeterRegistry());
        MemoryBudget budget = new MemoryBudget(config.maxBufferedBytes());
        ParserLimits limits = config.parserLimits(budget, metrics);
        tracker = new ConnectionTracker(config.reassemblyContext(budget, metrics), config.maxConnections(),
                config.idleTimeout().toNanos() / 1000, c -> new ParsingOnly(c, limits, request -> messages.count++));
        toTracker = tracker::onSegment;
    }

    @Setup(Level.Iteration)
    public void startClock() {
        cpu.start();
        replays = 0;
    }

    /** Every packet of the stream once: its connections open, carry their messages and close. */
    @Benchmark
    @OperationsPerInvocation(ReassemblyBenchmark.SEGMENTS_HINT)
    public long packetsToMessages() {
        for (int i = 0; i < stream.packets(); i++) {
            stream.decode(i, toTracker);
        }
        replays++;
        return messages.count;
    }

    /** On a shared machine wall-clock throughput measures the neighbours; CPU time of this thread does not. */
    @TearDown(Level.Iteration)
    public void report() {
        System.out.printf("%n[hot path cpu] %.0f packets and %.0f messages per CPU-second of the benchmark thread%n",
                cpu.perCpuSecond(replays * ReassemblyBenchmark.SEGMENTS_HINT),
                cpu.perCpuSecond(replays * 2L * ReassemblyBenchmark.EXCHANGES));
        AllocationSplit split = new AllocationSplit();
        for (int i = 0; i < stream.packets(); i++) {
            long before = messages.count;
            int connections = tracker.size();
            long bytes = AllocationSplit.allocated();
            stream.decode(i, toTracker);
            split.add(AllocationSplit.allocated() - bytes, messages.count != before, tracker.size() > connections);
        }
        System.out.printf("[hot path allocation] %s%n", split.describe("message"));
    }

    /** Messages the parsers finished (read by the benchmark so nothing is optimised away). */
    static final class MessageCount {
        long count;
    }

    /**
     * Bytes this thread allocated per packet, split three ways: packets that complete a unit of work (a
     * message here, an exchange in {@link PacketPipelineBenchmark}), packets that open a connection (its
     * table entry, sequence tracking and parsers, allocated once per connection), and the rest, the
     * per-packet cost proper. The counter read is
     * {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}, which allocates nothing itself.
     */
    static final class AllocationSplit {
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private final long[] packets = new long[3];
        private final long[] bytes = new long[3];

        static long allocated() {
            return THREADS.getCurrentThreadAllocatedBytes();
        }

        void add(long allocated, boolean completed, boolean opened) {
            int kind = completed ? 2 : opened ? 1 : 0;
            packets[kind]++;
            bytes[kind] += allocated;
        }

        String describe(String unit) {
            return String.format("%d packets neither open a connection nor complete a %s: %.1f bytes each; "
                            + "%d open a connection: %.0f bytes each; %d complete a %s: %.0f bytes each",
                    packets[0], unit, average(0), packets[1], average(1), packets[2], unit, average(2));
        }

        private double average(int kind) {
            return bytes[kind] / (double) Math.max(1, packets[kind]);
        }
    }
}
