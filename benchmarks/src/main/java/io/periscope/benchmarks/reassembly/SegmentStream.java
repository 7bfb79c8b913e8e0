package io.periscope.benchmarks.reassembly;

import io.periscope.mirror.encode.Frames;
import io.periscope.segment.SegmentSink;
import io.periscope.segment.TcpSegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A realistic API segment stream held in memory: many keep-alive connections (handshake, several
 * JSON request/response exchanges, some chunked, FIN), segments of at most 1460 bytes, with the
 * connections' packets interleaved the way a busy mirror session interleaves them. Replayed through
 * one reused flyweight, as the receiver does.
 */
public final class SegmentStream {
    private final List<Rec> records = new ArrayList<>();
    private final int exchanges;

    /** @param answer part of a response: its payload, or the client's acknowledgement of it */
    private record Rec(long micros, long srcLo, long dstLo, int srcPort, int dstPort, int seq, int ack, int flags,
                       byte[] payload, boolean answer) {
    }

    /** Mutable flyweight like the receiver's. */
    public static final class Flyweight implements TcpSegment {
        Rec r;
        @Override public long timestampMicros() { return r.micros; }
        @Override public String session() { return "bench"; }
        @Override public int vni() { return 42; }
        @Override public boolean ipv6() { return false; }
        @Override public long srcAddrHi() { return 0; }
        @Override public long srcAddrLo() { return r.srcLo; }
        @Override public long dstAddrHi() { return 0; }
        @Override public long dstAddrLo() { return r.dstLo; }
        @Override public int srcPort() { return r.srcPort; }
        @Override public int dstPort() { return r.dstPort; }
        @Override public int seq() { return r.seq; }
        @Override public int ack() { return r.ack; }
        @Override public int flags() { return r.flags; }
        @Override public int window() { return 65535; }
        @Override public byte[] payloadArray() { return r.payload; }
        @Override public int payloadOffset() { return 0; }
        @Override public int payloadLength() { return r.payload.length; }
        @Override public int wireLength() { return r.payload.length; }
        @Override public int flowHash() { return (int) (r.srcLo ^ r.dstLo) ^ r.srcPort ^ r.dstPort; }
    }

    private static final int SERVER_PORT = 8080;

    public SegmentStream(int connections, int exchangesPerConnection, long baseMicros, boolean finish) {
        List<List<Rec>> perConnection = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            perConnection.add(connection(c, exchangesPerConnection, baseMicros, finish));
        }
        // round-robin interleaving of the connections' packets
        boolean more = true;
        for (int i = 0; more; i++) {
            more = false;
            for (List<Rec> recs : perConnection) {
                if (i < recs.size()) {
                    records.add(recs.get(i));
                    more = true;
                }
            }
        }
        exchanges = connections * exchangesPerConnection;
    }

    int segments() {
        return records.size();
    }

    int exchanges() {
        return exchanges;
    }

    /**
     * The stream as the receiver gets it from AWS: each segment in an Ethernet/IPv4/TCP frame behind a
     * VXLAN header of the given VNI (the decoder's input), in stream order.
     */
    byte[][] vxlanDatagrams(int vni) {
        byte[][] out = new byte[records.size()][];
        for (int i = 0; i < out.length; i++) {
            Rec r = records.get(i);
            byte[] tcp = Frames.tcp(r.srcPort, r.dstPort, r.seq, r.ack, r.flags, 502, new byte[0], r.payload);
            byte[] ip = Frames.ipv4((int) r.srcLo, (int) r.dstLo, Frames.PROTO_TCP, i & 0xFFFF, tcp);
            out[i] = Frames.vxlan(vni, Frames.ethernet(1, 2, Frames.ETHERTYPE_IPV4, ip));
        }
        return out;
    }

    /** Capture time of each segment, in stream order. */
    long[] timestamps() {
        long[] out = new long[records.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = records.get(i).micros;
        }
        return out;
    }

    public void replay(SegmentSink sink, Flyweight flyweight) {
        for (Rec r : records) {
            flyweight.r = r;
            sink.onSegment(flyweight);
        }
    }

    /**
     * The stream without the server's payload (its handshake and acknowledgements stay): every request
     * is parsed and then waits for a response that never comes, as in a busy capture where most
     * connections have a request in flight.
     */
    public void replayWithoutResponses(SegmentSink sink, Flyweight flyweight) {
        for (Rec r : records) {
            if (r.answer()) {
                continue;
            }
            flyweight.r = r;
            sink.onSegment(flyweight);
        }
    }

    private static List<Rec> connection(int c, int count, long micros, boolean finish) {
        List<Rec> out = new ArrayList<>();
        long client = 0x0000_FFFF_0A00_0000L | (c & 0xFFFF);          // 10.0.x.y
        long server = 0x0000_FFFF_0A64_0001L;                          // 10.100.0.1
        int cport = 20000 + (c % 40000);
        int cseq = c * 7919;
        int sseq = c * 104729;
        long t = micros + c;
        out.add(new Rec(t, client, server, cport, SERVER_PORT, cseq, 0, TcpSegment.SYN, new byte[0], false));
        out.add(new Rec(t + 50, server, client, SERVER_PORT, cport, sseq, cseq + 1, TcpSegment.SYN | TcpSegment.ACK, new byte[0], false));
        cseq++;
        sseq++;
        out.add(new Rec(t + 100, client, server, cport, SERVER_PORT, cseq, sseq, TcpSegment.ACK, new byte[0], false));
        for (int i = 0; i < count; i++) {
            t += 1000;
            byte[] req = request(c, i).getBytes(StandardCharsets.ISO_8859_1);
            byte[] resp = response(c, i).getBytes(StandardCharsets.ISO_8859_1);
            cseq = segments(out, t, client, server, cport, SERVER_PORT, cseq, sseq, req, false);
            sseq = segments(out, t + 300, server, client, SERVER_PORT, cport, sseq, cseq, resp, true);
            out.add(new Rec(t + 400, client, server, cport, SERVER_PORT, cseq, sseq, TcpSegment.ACK, new byte[0], true));
        }
        if (finish) {
            out.add(new Rec(t + 500, client, server, cport, SERVER_PORT, cseq, sseq, TcpSegment.FIN | TcpSegment.ACK, new byte[0], false));
            out.add(new Rec(t + 550, server, client, SERVER_PORT, cport, sseq, cseq + 1, TcpSegment.FIN | TcpSegment.ACK, new byte[0], false));
            out.add(new Rec(t + 600, client, server, cport, SERVER_PORT, cseq + 1, sseq + 1, TcpSegment.ACK, new byte[0], false));
        }
        return out;
    }

    private static int segments(List<Rec> out, long t, long src, long dst, int sport, int dport, int seq, int ack, byte[] data,
                                boolean answer) {
        for (int off = 0; off < data.length; off += 1460) {
            byte[] chunk = java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + 1460));
            out.add(new Rec(t + off / 1460, src, dst, sport, dport, seq, ack, TcpSegment.ACK | TcpSegment.PSH, chunk, answer));
            seq += chunk.length;
        }
        return seq;
    }

    private static String request(int c, int i) {
        if (i % 3 == 1) {
            String body = "{\"customerId\":" + c + ",\"items\":[{\"sku\":\"A-" + i + "\",\"qty\":2}],\"note\":\"" + "n".repeat(200) + "\"}";
            return "POST /api/v1/orders HTTP/1.1\r\nHost: svc-" + (c % 16) + ".internal\r\nUser-Agent: okhttp/4.12.0\r\nAccept: application/json\r\n"
                    + "Content-Type: application/json\r\nAuthorization: Bearer tok-" + c + "\r\nX-Forwarded-For: 198.51.100." + (c % 250)
                    + ", 10.0.0.2\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        }
        return "GET /api/v1/orders/" + (c * 31 + i) + "?expand=items&limit=20 HTTP/1.1\r\nHost: svc-" + (c % 16) + ".internal\r\n"
                + "User-Agent: okhttp/4.12.0\r\nAccept: application/json\r\nAuthorization: Bearer tok-" + c
                + "\r\nX-Forwarded-For: 198.51.100." + (c % 250) + ", 10.0.0.2\r\nX-Request-Id: " + c + "-" + i + "\r\n\r\n";
    }

    private static String response(int c, int i) {
        String body = "{\"id\":" + (c * 31 + i) + ",\"status\":\"shipped\",\"items\":[" + "{\"sku\":\"A-1\",\"qty\":2,\"price\":19.99},".repeat(12)
                + "{\"sku\":\"Z\",\"qty\":1,\"price\":1}]}";
        if (i % 4 == 3) {
            int half = body.length() / 2;
            return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nServer: envoy\r\n\r\n"
                    + Integer.toHexString(half) + "\r\n" + body.substring(0, half) + "\r\n"
                    + Integer.toHexString(body.length() - half) + "\r\n" + body.substring(half) + "\r\n0\r\n\r\n";
        }
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nServer: envoy\r\nCache-Control: no-store\r\nSet-Cookie: SESSION=s-" + c + "; Path=/; HttpOnly\r\n\r\n" + body;
    }
}
