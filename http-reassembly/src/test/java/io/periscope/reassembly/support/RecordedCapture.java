package io.periscope.reassembly.support;

import io.periscope.mirror.source.CaptureFiles;
import io.periscope.segment.SegmentSink;
import io.periscope.segment.TcpSegment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The TCP segments of a capture file as the receiver decodes them (real pcap reader, decoder and
 * duplicate filter), copied into {@link Packet}s so a test can reorder, duplicate or drop them and feed
 * them again the way the receiver would.
 */
public final class RecordedCapture {
    private static final long TICK_MICROS = 1_000_000;

    private RecordedCapture() {
    }

    public static List<Packet> read(Path file) throws IOException {
        List<Packet> packets = new ArrayList<>();
        CaptureFiles.ingest(file, new SegmentSink() {
            @Override
            public void onSegment(TcpSegment s) {
                byte[] payload = Arrays.copyOfRange(s.payloadArray(), s.payloadOffset(), s.payloadOffset() + s.payloadLength());
                packets.add(new Packet(s.timestampMicros(), s.session(), s.vni(),
                        new Endpoint(s.srcAddrHi(), s.srcAddrLo(), s.srcPort()),
                        new Endpoint(s.dstAddrHi(), s.dstAddrLo(), s.dstPort()),
                        false, s.seq(), s.ack(), s.flags(), payload, Math.max(s.wireLength(), payload.length)));
            }

            @Override
            public void onTick(long nowMicros) {
            }

            @Override
            public void onClose() {
            }
        });
        return packets;
    }

    /**
     * Feeds packets through one reused flyweight as the file ingest does: a tick whenever the capture clock
     * (the latest timestamp) advances by a second, a last tick, then close.
     */
    public static void feed(SegmentSink sink, List<Packet> packets) {
        TestSegment flyweight = new TestSegment();
        long clock = Long.MIN_VALUE;
        long lastTick = Long.MIN_VALUE;
        for (Packet p : packets) {
            clock = Math.max(clock, p.micros());
            if (lastTick == Long.MIN_VALUE || clock - lastTick >= TICK_MICROS) {
                sink.onTick(clock);
                lastTick = clock;
            }
            sink.onSegment(flyweight.load(p));
        }
        if (clock != Long.MIN_VALUE) {
            sink.onTick(clock);
        }
        sink.onClose();
    }
}
