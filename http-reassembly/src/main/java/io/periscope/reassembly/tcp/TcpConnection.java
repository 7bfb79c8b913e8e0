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
    /** Whether the tracker's list of connections with a running reorder wait holds this one. */
    private boolean awaitListed;
    private boolean closed;
    /** Closed by FIN or RST and still in the table, so late copies are recognised (see ConnectionTracker). */
    private boolean lingering;
    /** The worker's segment count when the linger began. */
    private int lingerSince;
    /** Neighbours in the worker's access order ({@link ConnectionTable}); null at either end or when not tabled. */
    TcpConnection older;
    TcpConnection newer;

    TcpConnection(FlowKey key, long serial, long firstSeenMicros) {
        this.key = key;
        this.serial = serial;
        this.firstSeenMicros = firstSeenMicros;
        this.lastSeenMicros = firstSeenMicros;
        StreamDirection.pair(d0, d1);
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

    boolean awaiting() {
        return d0.awaiting() || d1.awaiting();
    }

    boolean awaitListed() {
        return awaitListed;
    }

    void awaitListed(boolean listed) {
        awaitListed = listed;
    }

    /** True once the connection was finished (its handler closed); a closed connection is never fed again. */
    boolean closed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    boolean lingering() {
        return lingering;
    }

    /** Keeps the closed connection for the reorder window; its handler is let go at once. */
    void linger(int segment) {
        lingering = true;
        lingerSince = segment;
        handler = null;
    }

    int lingerSince() {
        return lingerSince;
    }

    void forgotten() {
        lingering = false;
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
