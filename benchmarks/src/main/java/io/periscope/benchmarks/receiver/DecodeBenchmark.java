package io.periscope.benchmarks.receiver;

import io.periscope.mirror.config.DecoderConfig;
import io.periscope.mirror.config.SessionConfig;
import io.periscope.mirror.decode.DecodeOutcome;
import io.periscope.mirror.decode.LinkType;
import io.periscope.mirror.decode.PacketDecoder;
import io.periscope.mirror.decode.VniSessions;
import io.periscope.mirror.dedup.DuplicateFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Decode throughput, VXLAN datagram to TCP segment, one core: what each UDP receive thread does per
 * datagram. Score = datagrams per second. Target: 5 M/s per core.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar DecodeBenchmark -f 1 -wi 2 -w 2s -i 3 -r 3s</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class DecodeBenchmark {
    private static final int PACKETS = 1024;

    private byte[][] datagrams;
    private PacketDecoder decoder;
    private int next;

    @Setup
    public void setUp() {
        datagrams = BenchmarkPackets.vxlanDatagrams(PACKETS, 5569041);
        decoder = new PacketDecoder(DecoderConfig.defaults(), new VniSessions(
                new SessionConfig(Map.of(5569041, "prod"), SessionConfig.UnknownVniPolicy.ACCEPT, "unknown", "default")));
    }

    /** Decode only: the segment view (addresses, ports, seq/ack, payload bounds, flow hash). */
    @Benchmark
    public int decode() {
        byte[] d = datagrams[next++ & (PACKETS - 1)];
        DecodeOutcome outcome = decoder.decode(d, 0, d.length, LinkType.VXLAN, 1L);
        return outcome.ordinal() + decoder.packet().flowHash();
    }

    /** Decode plus the duplicate fingerprint the dispatcher computes on the receive thread. */
    @Benchmark
    public long decodeAndFingerprint() {
        byte[] d = datagrams[next++ & (PACKETS - 1)];
        decoder.decode(d, 0, d.length, LinkType.VXLAN, 1L);
        return DuplicateFilter.fingerprint(decoder.packet());
    }
}
