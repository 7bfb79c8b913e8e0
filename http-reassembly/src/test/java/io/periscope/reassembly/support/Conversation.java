package io.periscope.reassembly.support;

import io.periscope.segment.SegmentSink;
import io.periscope.segment.TcpSegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the packets of one TCP connection from byte streams: handshake, data cut into segments with
 * correct sequence and acknowledgement numbers, FIN or RST. Timestamps advance 100 µs per packet.
 */
public final class Conversation {
    private final Endpoint client;
    private final Endpoint server;
    private final List<Packet> packets = new ArrayList<>();
    private String session = "test";
    private int vni = 7;
    private int clientSeq;
    private int serverSeq;
    private long micros = 1_700_000_000_000_000L;
    private int segmentSize = 1460;

    public Conversation(Endpoint client, Endpoint server, int clientIsn, int serverIsn) {
        this.client = client;
        this.server = server;
        this.clientSeq = clientIsn;
        this.serverSeq = serverIsn;
    }

    public static Conversation between(String clientAddress, int clientPort, String serverAddress, int serverPort) {
        return new Conversation(Endpoint.of(clientAddress, clientPort), Endpoint.of(serverAddress, serverPort),
                1000, 50_000);
    }

    public Conversation isns(int clientIsn, int serverIsn) {
        clientSeq = clientIsn;
        serverSeq = serverIsn;
        return this;
    }

    public Conversation segmentSize(int size) {
        segmentSize = size;
        return this;
    }

    public Conversation session(String s, int v) {
        session = s;
        vni = v;
        return this;
    }

    public Conversation startingAt(long m) {
        micros = m;
        return this;
    }

    public Conversation handshake() {
        add(true, clientSeq, 0, Packet.flagsOf(true, false, false, false), new byte[0]);
        clientSeq++;
        add(false, serverSeq, clientSeq, Packet.flagsOf(true, true, false, false), new byte[0]);
        serverSeq++;
        add(true, clientSeq, serverSeq, Packet.flagsOf(false, true, false, false), new byte[0]);
        return this;
    }

    public Conversation client(String text) {
        return client(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public Conversation server(String text) {
        return server(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public Conversation client(byte[] data) {
        clientSeq = send(true, clientSeq, serverSeq, data);
        return this;
    }

    public Conversation server(byte[] data) {
        serverSeq = send(false, serverSeq, clientSeq, data);
        return this;
    }

    private int send(boolean fromClient, int seq, int ack, byte[] data) {
        for (int off = 0; off < data.length; off += segmentSize) {
            byte[] chunk = Arrays.copyOfRange(data, off, Math.min(data.length, off + segmentSize));
            add(fromClient, seq, ack, TcpSegment.ACK | TcpSegment.PSH, chunk);
            seq += chunk.length;
        }
        return seq;
    }

    public Conversation clientFin() {
        add(true, clientSeq, serverSeq, Packet.flagsOf(false, true, true, false), new byte[0]);
        clientSeq++;
        return this;
    }

    public Conversation serverFin() {
        add(false, serverSeq, clientSeq, Packet.flagsOf(false, true, true, false), new byte[0]);
        serverSeq++;
        return this;
    }

    public Conversation clientRst() {
        add(true, clientSeq, 0, TcpSegment.RST, new byte[0]);
        return this;
    }

    public Conversation close() {
        return clientFin().serverFin().serverAck();
    }

    private Conversation serverAck() {
        add(true, clientSeq, serverSeq, TcpSegment.ACK, new byte[0]);
        return this;
    }

    private void add(boolean fromClient, int seq, int ack, int flags, byte[] payload) {
        micros += 100;
        packets.add(new Packet(micros, session, vni, fromClient ? client : server, fromClient ? server : client,
                fromClient, seq, ack, flags, payload, payload.length));
    }

    public List<Packet> packets() {
        return new ArrayList<>(packets);
    }

    /** Feeds packets through one reused flyweight, then closes the sink. */
    public static void feed(SegmentSink sink, List<Packet> packets) {
        TestSegment flyweight = new TestSegment();
        for (Packet p : packets) {
            sink.onSegment(flyweight.load(p));
        }
        sink.onClose();
    }

    public void feed(SegmentSink sink) {
        feed(sink, packets);
    }
}
