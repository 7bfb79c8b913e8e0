package io.periscope.reassembly.support;

import io.periscope.segment.TcpSegment;

/** One captured packet of a test conversation. {@code wireLength > payload.length} models truncation. */
public record Packet(long micros, String session, int vni, Endpoint src, Endpoint dst, boolean fromClient,
                     int seq, int ack, int flags, byte[] payload, int wireLength) {

    public Packet withMicros(long m) {
        return new Packet(m, session, vni, src, dst, fromClient, seq, ack, flags, payload, wireLength);
    }

    /** The same packet with its payload cut to {@code captured} bytes (the TCP length unchanged). */
    public Packet truncatedTo(int captured) {
        byte[] p = java.util.Arrays.copyOf(payload, Math.min(captured, payload.length));
        return new Packet(micros, session, vni, src, dst, fromClient, seq, ack, flags, p, Math.max(wireLength, payload.length));
    }

    public Packet withPayload(byte[] p) {
        return new Packet(micros, session, vni, src, dst, fromClient, seq, ack, flags, p, p.length);
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    public boolean isData() {
        return payload.length > 0 || wireLength > 0;
    }

    public static int flagsOf(boolean syn, boolean ack, boolean fin, boolean rst) {
        return (syn ? TcpSegment.SYN : 0) | (ack ? TcpSegment.ACK : 0) | (fin ? TcpSegment.FIN : 0) | (rst ? TcpSegment.RST : 0);
    }
}
