package io.periscope.reassembly.tcp;

/**
 * The state of one tracked connection. Kept compact (no buffers until data is out of order, no
 * handler until payload arrives) so that an idle connection costs a few hundred bytes.
 */
public final class TcpConnection {
    /** Orientation not known yet. */
    public static final int UNKNOWN = -1;

    private final FlowKey key;
    private final long serial;
    private final long firstSeenMicros;
    private long lastSeenMicros;
    private byte clientDirection = UNKNOWN;
    private boolean handshakeSeen;
    private final StreamDirection d0 = new StreamDirection();
    private final StreamDirection d1 = new StreamDirection();
    private ConnectionHandler handler;

    TcpConnection(FlowKey key, long serial, long firstSeenMicros) {
        this.key = key;
        this.serial = serial;
        this.firstSeenMicros = firstSeenMicros;
        this.lastSeenMicros = firstSeenMicros;
    }

    public FlowKey key() {
        return key;
    }

    /** Sequence number of this connection within its worker: with the worker index, a unique id. */
    public long serial() {
        return serial;
    }

    public long firstSeenMicros() {
        return firstSeenMicros;
    }

    long lastSeenMicros() {
        return lastSeenMicros;
    }

    void touch(long micros) {
        if (micros > lastSeenMicros) {
            lastSeenMicros = micros;
        }
    }

    /** Direction (0 or 1) in which the client sends, or {@link #UNKNOWN}. */
    public int clientDirection() {
        return clientDirection;
    }

    /** Fixes the orientation; the first evidence wins (handshake before content). */
    public void orient(int clientDir) {
        if (clientDirection == UNKNOWN) {
            clientDirection = (byte) clientDir;
        }
    }

    /** True when a SYN or SYN-ACK was seen, so the streams start at their first byte. */
    public boolean handshakeSeen() {
        return handshakeSeen;
    }

    void markHandshake() {
        handshakeSeen = true;
    }

    StreamDirection direction(int d) {
        return d == 0 ? d0 : d1;
    }

    ConnectionHandler handler() {
        return handler;
    }

    void attach(ConnectionHandler h) {
        handler = h;
    }

    boolean bothEnded() {
        return d0.ended() && d1.ended();
    }
}
