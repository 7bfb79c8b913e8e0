package io.periscope.benchmarks.receiver;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.mirror.MirrorReceiver;
import io.periscope.mirror.config.DispatchConfig;
import io.periscope.mirror.config.HealthCheckConfig;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.config.UdpConfig;
import io.periscope.mirror.metrics.ReceiverStats;
import io.periscope.segment.SegmentSink;
import io.periscope.segment.TcpSegment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * UDP loopback receive: a connected JDK datagram channel (one send system call per datagram; it measured
 * ~3x faster here than a Netty sender) pushes VXLAN datagrams at
 * {@code rate} per second (0 = as fast as it can) into a running {@link MirrorReceiver} with its
 * real receive threads, dispatcher and workers. Score = datagrams offered per second; after each
 * iteration the receiver's own counters give what was received and decoded, printed as
 * {@code loss}. Target: 500 k/s with less than 0.1 % loss. The sender shares the machine's cores
 * with the receiver, so this understates what a dedicated receiver does.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar UdpReceiveBenchmark -f 1 -wi 1 -w 3s -i 3 -r 5s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
public class UdpReceiveBenchmark {
    private static final int BATCH = 64;
    private static final int PACKETS = 1024;

    @Param({"500000", "0"})
    public int rate;

    private MirrorReceiver receiver;
    private DatagramChannel sender;
    private ByteBuffer[] datagrams;
    private long sent;
    private long sentAtIterationStart;
    private ReceiverStats atIterationStart;
    private long startNanos;
    private int next;

    @Setup(Level.Trial)
    public void start() throws Exception {
        ReceiverConfig config = ReceiverConfig.defaults()
                .withUdp(new UdpConfig(true, "127.0.0.1", 0, 0, 1, 32 << 20, 64, 9216, true))
                .withHealth(new HealthCheckConfig(false, "127.0.0.1", 0))
                .withDispatch(new DispatchConfig(1, 64L * 1048576));
        receiver = new MirrorReceiver(config, (w, n) -> new SegmentSink() {
            private long seen;

            @Override
            public void onSegment(TcpSegment segment) {
                seen += segment.payloadLength();
            }

            @Override
            public void onTick(long nowMicros) {
            }

            @Override
            public void onClose() {
            }
        }, new SimpleMeterRegistry());
        receiver.start();
        sender = DatagramChannel.open();
        sender.connect(new InetSocketAddress("127.0.0.1", receiver.udpPort()));
        byte[][] raw = BenchmarkPackets.vxlanDatagrams(PACKETS, 5569041);
        datagrams = new ByteBuffer[PACKETS];
        for (int i = 0; i < PACKETS; i++) {
            datagrams[i] = ByteBuffer.allocateDirect(raw[i].length).put(raw[i]);
        }
    }

    @Setup(Level.Iteration)
    public void markIteration() {
        sentAtIterationStart = sent;
        atIterationStart = receiver.stats();
        startNanos = System.nanoTime();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void sendBatch() throws IOException {
        if (rate > 0) {
            long due = startNanos + (long) ((sent - sentAtIterationStart) * 1e9 / rate);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                if (wait > 50_000) {
                    LockSupport.parkNanos(wait - 20_000);
                } else {
                    Thread.onSpinWait();
                }
            }
        }
        for (int i = 0; i < BATCH; i++) {
            ByteBuffer d = datagrams[next++ & (PACKETS - 1)];
            d.clear();
            sender.write(d);
        }
        sent += BATCH;
    }

    @TearDown(Level.Iteration)
    public void reportLoss() throws InterruptedException {
        long offered = sent - sentAtIterationStart;
        // let the receive path drain before reading its counters
        long last = -1;
        ReceiverStats now = receiver.stats();
        while (now.received() != last) {
            last = now.received();
            Thread.sleep(200);
            now = receiver.stats();
        }
        long received = now.received() - atIterationStart.received();
        long decoded = now.decoded() - atIterationStart.decoded();
        long dropped = now.queueDropped() - atIterationStart.queueDropped();
        System.out.printf("%n  rate=%d offered=%d received=%d decoded=%d queue-dropped=%d loss=%.4f%%%n", rate, offered, received,
                decoded, dropped, offered == 0 ? 0 : 100.0 * (offered - received) / offered);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException, IOException {
        sender.close();
        receiver.close();
    }
}
