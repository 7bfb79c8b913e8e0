package io.periscope.server.cli.replay;

import io.periscope.mirror.encode.Frames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A pcapng capture built by hand with one of every flaw the replay summary must name: keep-alive HTTP
 * connections on an Ethernet interface, plus a malformed IPv4 packet, a UDP packet, a packet on an
 * interface of a link type the decoder does not handle, a double-mirrored (duplicated) segment, and a
 * last record cut short by the end of the file.
 */
final class FlawedCapture {
    static final int UNSUPPORTED_LINK_TYPE = 147; // LINKTYPE_USER0
    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;
    private static final long CLIENT_MAC = 0x0200_0000_0001L;
    private static final long SERVER_MAC = 0x0200_0000_0002L;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long micros = 1_700_000_000_000_000L;

    private FlawedCapture() throws IOException {
        out.write(block(0x0A0D0D0A, b -> b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1)));
        out.write(block(1, b -> b.putShort((short) 1).putShort((short) 0).putInt(0))); // interface 0: Ethernet, µs
        out.write(block(1, b -> b.putShort((short) UNSUPPORTED_LINK_TYPE).putShort((short) 0).putInt(0))); // interface 1
    }

    /**
     * Writes {@code connections} keep-alive connections of {@code exchanges} request/response pairs each,
     * and the flaws; returns the file.
     */
    static Path write(Path file, int connections, int exchanges) throws IOException {
        FlawedCapture c = new FlawedCapture();
        for (int i = 0; i < connections; i++) {
            c.connection(i, exchanges, i == 0);
        }
        int client = Frames.ipv4Address(10, 0, 1, 1);
        int server = Frames.ipv4Address(10, 0, 2, 2);
        byte[] badIp = Frames.ipv4(client, server, Frames.PROTO_TCP, 9, Frames.tcp(1, 2, 3, 4, ACK, 100, new byte[0], new byte[0]));
        badIp[0] = 0x43; // IHL 3 words: below the 20-byte minimum
        c.packet(0, Frames.ethernet(SERVER_MAC, CLIENT_MAC, Frames.ETHERTYPE_IPV4, badIp));
        c.packet(0, Frames.ethernet(SERVER_MAC, CLIENT_MAC, Frames.ETHERTYPE_IPV4,
                Frames.ipv4(client, server, Frames.PROTO_UDP, 10, Frames.udp(5353, 5353, new byte[8]))));
        c.packet(1, new byte[60]);
        // a record whose header promises more bytes than the file holds
        ByteBuffer cut = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putInt(6).putInt(200).putInt(0).putInt(0).putInt(0);
        c.out.write(cut.array());
        Files.write(file, c.out.toByteArray());
        return file;
    }

    private void connection(int index, int exchanges, boolean duplicateFirstRequest) throws IOException {
        int client = Frames.ipv4Address(10, 0, 1, 10 + index % 200);
        int server = Frames.ipv4Address(10, 0, 2, 2);
        int cport = 40_000 + index;
        int cseq = 1000;
        int sseq = 5000;
        tcp(client, cport, server, 80, cseq++, 0, SYN, new byte[0]);
        tcp(server, 80, client, cport, sseq++, cseq, SYN | ACK, new byte[0]);
        tcp(client, cport, server, 80, cseq, sseq, ACK, new byte[0]);
        for (int e = 0; e < exchanges; e++) {
            byte[] request = ("GET /items/" + index + "/" + e + " HTTP/1.1\r\nHost: shop.example\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
            byte[] frame = tcp(client, cport, server, 80, cseq, sseq, PSH | ACK, request);
            if (duplicateFirstRequest && e == 0) {
                packet(0, frame); // the second copy of a double-mirrored packet: same bytes, same instant
            }
            cseq += request.length;
            tcp(server, 80, client, cport, sseq, cseq, PSH | ACK, response);
            sseq += response.length;
        }
        tcp(client, cport, server, 80, cseq++, sseq, FIN | ACK, new byte[0]);
        tcp(server, 80, client, cport, sseq++, cseq, FIN | ACK, new byte[0]);
        tcp(client, cport, server, 80, cseq, sseq, ACK, new byte[0]);
    }

    private byte[] tcp(int src, int sport, int dst, int dport, int seq, int ack, int flags, byte[] payload) throws IOException {
        micros += 100;
        byte[] frame = Frames.ethernet(src == Frames.ipv4Address(10, 0, 2, 2) ? CLIENT_MAC : SERVER_MAC,
                src == Frames.ipv4Address(10, 0, 2, 2) ? SERVER_MAC : CLIENT_MAC, Frames.ETHERTYPE_IPV4,
                Frames.ipv4(src, dst, Frames.PROTO_TCP, seq & 0xffff, Frames.tcp(sport, dport, seq, ack, flags, 65535, new byte[0], payload)));
        packet(0, frame);
        return frame;
    }

    private void packet(int iface, byte[] data) throws IOException {
        long t = micros;
        out.write(block(6, b -> b.putInt(iface).putInt((int) (t >>> 32)).putInt((int) t).putInt(data.length)
                .putInt(data.length).put(data).put(new byte[(4 - data.length % 4) % 4])));
    }

    private interface Body {
        void write(ByteBuffer b);
    }

    private static byte[] block(int type, Body body) {
        ByteBuffer content = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        body.write(content);
        int length = 12 + content.position();
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(type).putInt(length).put(content.array(), 0, content.position()).putInt(length).array();
    }
}
