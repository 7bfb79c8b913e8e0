package io.periscope.mirror.synthetic;

import io.periscope.mirror.decode.FlowHash;
import io.periscope.mirror.encode.Frames;
import io.periscope.segment.TcpSegment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;

/**
 * Generates a capture of {@link TrafficSpec#connections()} keep-alive HTTP/1.1 connections, up to
 * {@link TrafficSpec#concurrentConnections()} of them open at once with their packets interleaved at
 * random, in capture-time order. Deterministic: one seed, one byte sequence, one {@link Totals}.
 *
 * <p>Built for volume, not for the packet path: it allocates per packet.
 */
public final class SyntheticTraffic {
    private static final long CLIENT_MAC = 0x0A1B_2C00_0001L;
    private static final long SERVER_MAC = 0x0A1B_2C00_0002L;
    private static final int WINDOW = 502;
    private static final byte[] SYN_OPTIONS = {2, 4, (byte) (TcpFlow.MSS >> 8), (byte) TcpFlow.MSS, 1, 3, 3, 7, 4, 2, 1, 1};
    private static final byte[] NO_OPTIONS = {};
    private static final int MIRROR_SOURCE = Frames.ipv4Address(10, 0, 1, 20);
    private static final int MIRROR_TARGET = Frames.ipv4Address(10, 0, 2, 30);

    private final TrafficSpec spec;

    public SyntheticTraffic(TrafficSpec spec) {
        this.spec = spec;
    }

    /** Streams every frame into {@code sink}; returns what was generated. */
    public Totals generate(PacketSink sink) throws IOException {
        Run run = new Run(sink);
        try {
            return run.all();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** One generation: the scheduler over open connections and the capture clock. */
    private final class Run implements TcpFlow.Wire {
        private final PacketSink sink;
        private final Random random = new Random(spec.seed());
        private final ApiCalls calls = new ApiCalls(spec);
        private final long meanGapMicros2 = Math.max(1, 2_000_000L / spec.packetsPerSecond());
        private long clock = spec.startMicros();
        private long packets;
        private long bytes;

        Run(PacketSink sink) {
            this.sink = sink;
        }

        Totals all() {
            TcpFlow[] open = new TcpFlow[spec.concurrentConnections()];
            int openCount = 0;
            long next = 0;
            long exchanges = 0;
            while (openCount < open.length && next < spec.connections()) {
                open[openCount++] = new TcpFlow(next++, random, spec.meanExchanges());
            }
            while (openCount > 0) {
                int i = random.nextInt(openCount);
                TcpFlow flow = open[i];
                if (!flow.step(random, calls, spec.pipelinedPercent(), this)) {
                    exchanges += flow.exchanges();
                    if (next < spec.connections()) {
                        open[i] = new TcpFlow(next++, random, spec.meanExchanges());
                    } else {
                        open[i] = open[--openCount];
                        open[openCount] = null;
                    }
                }
            }
            return new Totals(next, exchanges, packets, bytes, spec.startMicros(), clock);
        }

        @Override
        public void send(TcpFlow flow, boolean fromClient, int flags, byte[] payload, int offset, int length) {
            byte[] data = payload == null ? NO_OPTIONS : Arrays.copyOfRange(payload, offset, offset + length);
            int seq = fromClient ? flow.clientSeq : flow.serverSeq;
            int ack = (flags & TcpSegment.ACK) != 0 ? (fromClient ? flow.serverSeq : flow.clientSeq) : 0;
            byte[] options = (flags & TcpSegment.SYN) != 0 ? SYN_OPTIONS : NO_OPTIONS;
            byte[] tcp = fromClient
                    ? Frames.tcp(flow.clientPort, flow.serverPort, seq, ack, flags, WINDOW, options, data)
                    : Frames.tcp(flow.serverPort, flow.clientPort, seq, ack, flags, WINDOW, options, data);
            byte[] ip = fromClient
                    ? Frames.ipv4(flow.clientAddress, flow.serverAddress, Frames.PROTO_TCP, flow.clientIpId++ & 0xFFFF, tcp)
                    : Frames.ipv4(flow.serverAddress, flow.clientAddress, Frames.PROTO_TCP, flow.serverIpId++ & 0xFFFF, tcp);
            byte[] frame = fromClient
                    ? Frames.ethernet(SERVER_MAC, CLIENT_MAC, Frames.ETHERTYPE_IPV4, ip)
                    : Frames.ethernet(CLIENT_MAC, SERVER_MAC, Frames.ETHERTYPE_IPV4, ip);
            if (spec.vxlanVni() != 0) {
                int outerPort = 49152 + (int) ((FlowHash.of(0, flow.clientAddress, flow.clientPort, 0, flow.serverAddress,
                        flow.serverPort) & 0xFFFF_FFFFL) % 16384);
                frame = Frames.mirrored(MIRROR_SOURCE, MIRROR_TARGET, outerPort, spec.vxlanVni(), frame);
            }
            clock += 1 + random.nextLong(meanGapMicros2);
            packets++;
            bytes += frame.length;
            try {
                sink.accept(clock, frame);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
