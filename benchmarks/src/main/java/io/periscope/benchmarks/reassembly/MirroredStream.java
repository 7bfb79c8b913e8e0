package io.periscope.benchmarks.reassembly;

import io.periscope.mirror.config.DecoderConfig;
import io.periscope.mirror.config.SessionConfig;
import io.periscope.mirror.decode.DecodeOutcome;
import io.periscope.mirror.decode.LinkType;
import io.periscope.mirror.decode.PacketDecoder;
import io.periscope.mirror.decode.VniSessions;
import io.periscope.segment.TcpSegment;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The benchmark stream ({@link SegmentStream}: {@link ReassemblyBenchmark#CONNECTIONS} keep-alive connections) as
 * the VXLAN datagrams a mirror sends, with the receiver's decoder that turns each back into a TCP segment: the input
 * of every benchmark that starts at the packet.
 */
final class MirroredStream {
    private static final int VNI = 5569041;

    private final byte[][] datagrams;
    private final long[] timestamps;
    private final PacketDecoder decoder = new PacketDecoder(DecoderConfig.defaults(), new VniSessions(
            new SessionConfig(Map.of(VNI, "prod"), SessionConfig.UnknownVniPolicy.ACCEPT, "unknown", "default")));

    MirroredStream() {
        SegmentStream stream = new SegmentStream(ReassemblyBenchmark.CONNECTIONS, ReassemblyBenchmark.PER_CONNECTION,
                1_700_000_000_000_000L, true);
        if (stream.segments() != ReassemblyBenchmark.SEGMENTS_HINT) {
            throw new IllegalStateException("stream has " + stream.segments() + " segments, update SEGMENTS_HINT");
        }
        datagrams = stream.vxlanDatagrams(VNI);
        timestamps = stream.timestamps();
    }

    int packets() {
        return datagrams.length;
    }

    /** Decodes packet {@code i} and hands its segment to {@code segments}; false when it carries none. */
    boolean decode(int i, Consumer<TcpSegment> segments) {
        byte[] d = datagrams[i];
        if (decoder.decode(d, 0, d.length, LinkType.VXLAN, timestamps[i]) != DecodeOutcome.SEGMENT) {
            return false;
        }
        segments.accept(decoder.packet());
        return true;
    }
}
