package io.periscope.server.cli.sample;

import io.periscope.mirror.decode.FlowHash;
import io.periscope.mirror.encode.Frames;
import io.periscope.segment.TcpSegment;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Turns the byte streams of one recorded connection into the TCP packets a NIC would have carried
 * (three-way handshake, MSS-sized data segments, ACKs, FIN exchange) and writes each one as AWS
 * Traffic Mirroring delivers it: wrapped in VXLAN with the session's VNI, outer UDP source port derived
 * from the inner flow, outer addresses from the mirrored ENI to the mirror target. Each connection's
 * packets come out in strictly increasing time.
 */
final class TcpConversationWriter {
    static final int MSS = 1448;
    private static final long CLIENT_MAC = 0x0A1B_2C00_0001L;
    private static final long SERVER_MAC = 0x0A1B_2C00_0002L;
    private static final int WINDOW = 502;
    private static final byte[] SYN_OPTIONS = {2, 4, (byte) (MSS >> 8), (byte) MSS, 1, 3, 3, 7, 4, 2, 1, 1};

    /** A mirrored packet and its capture time. */
    record TimedPacket(long timeMicros, byte[] bytes) {
    }

    private final List<TimedPacket> sink;
    private final int vni;
    private final int outerSource;
    private final int outerTarget;

    TcpConversationWriter(List<TimedPacket> sink, int vni, int outerSource, int outerTarget) {
        this.sink = sink;
        this.vni = vni;
        this.outerSource = outerSource;
        this.outerTarget = outerTarget;
    }

    /** State of one side of the connection. */
    private static final class Side {
        final int address;
        final int port;
        final long mac;
        int seq;
        int ipId;

        Side(int address, int port, long mac, int isn, int ipId) {
            this.address = address;
            this.port = port;
            this.mac = mac;
            this.seq = isn;
            this.ipId = ipId;
        }
    }

    /**
     * @param captureMicros the capture time (epoch microseconds) of a {@link System#nanoTime()} reading of the relay
     */
    void write(RecordingRelay.Connection connection, int clientAddress, int serverAddress, int serverPort,
               LongUnaryOperator captureMicros) {
        int isnSeed = Integer.rotateLeft(connection.clientPort * 0x9E3779B1, 7);
        Side client = new Side(clientAddress, connection.clientPort, CLIENT_MAC, isnSeed, connection.clientPort * 7);
        Side server = new Side(serverAddress, serverPort, SERVER_MAC, ~isnSeed, connection.clientPort * 13);
        int outerPort = 49152 + (int) ((FlowHash.of(0, clientAddress, client.port, 0, serverAddress, server.port) & 0xFFFF_FFFFL) % 16384);
        long t = captureMicros.applyAsLong(connection.openedNanos);

        send(t, client, server, TcpSegment.SYN, SYN_OPTIONS, new byte[0], outerPort);
        client.seq++;
        send(t + 45, server, client, TcpSegment.SYN | TcpSegment.ACK, SYN_OPTIONS, new byte[0], outerPort);
        server.seq++;
        send(t + 90, client, server, TcpSegment.ACK, new byte[0], new byte[0], outerPort);

        long last = t + 90;
        for (RecordingRelay.Chunk chunk : connection.chunks()) {
            long at = Math.max(last + 1, captureMicros.applyAsLong(chunk.timeNanos()));
            Side from = chunk.fromClient() ? client : server;
            Side to = chunk.fromClient() ? server : client;
            byte[] bytes = chunk.bytes();
            for (int off = 0; off < bytes.length; off += MSS) {
                int end = Math.min(bytes.length, off + MSS);
                int flags = TcpSegment.ACK | (end == bytes.length ? TcpSegment.PSH : 0);
                send(at++, from, to, flags, new byte[0], Arrays.copyOfRange(bytes, off, end), outerPort);
                from.seq += end - off;
            }
            send(at + 40, to, from, TcpSegment.ACK, new byte[0], new byte[0], outerPort); // the receiver acknowledges
            last = at + 40;
        }
        send(last + 500, client, server, TcpSegment.FIN | TcpSegment.ACK, new byte[0], new byte[0], outerPort);
        client.seq++;
        send(last + 545, server, client, TcpSegment.FIN | TcpSegment.ACK, new byte[0], new byte[0], outerPort);
        server.seq++;
        send(last + 590, client, server, TcpSegment.ACK, new byte[0], new byte[0], outerPort);
    }

    private void send(long timeMicros, Side from, Side to, int flags, byte[] options, byte[] payload, int outerPort) {
        int ack = (flags & TcpSegment.ACK) != 0 ? to.seq : 0;
        byte[] tcp = Frames.tcp(from.port, to.port, from.seq, ack, flags, WINDOW, options, payload);
        byte[] inner = Frames.ethernet(to.mac, from.mac, Frames.ETHERTYPE_IPV4, Frames.ipv4(from.address, to.address, Frames.PROTO_TCP, from.ipId++ & 0xFFFF, tcp));
        sink.add(new TimedPacket(timeMicros, Frames.mirrored(outerSource, outerTarget, outerPort, vni, inner)));
    }
}
