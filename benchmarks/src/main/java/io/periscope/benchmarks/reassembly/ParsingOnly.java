package io.periscope.benchmarks.reassembly;

import io.periscope.reassembly.http.HttpMessage;
import io.periscope.reassembly.http.HttpStreamParser;
import io.periscope.reassembly.http.MessageListener;
import io.periscope.reassembly.http.ParserLimits;
import io.periscope.reassembly.http.Role;
import io.periscope.reassembly.tcp.CloseReason;
import io.periscope.reassembly.tcp.ConnectionHandler;
import io.periscope.reassembly.tcp.StreamConsumer;
import io.periscope.reassembly.tcp.TcpConnection;

/**
 * One connection's two production parsers and nothing else, for measurements of decode + reassembly + parsing alone:
 * roles from the TCP handshake or the first message start, the pending request's method for a response's framing
 * (HEAD), finished messages told to a {@link Tally} and dropped where the sensor would pair, build, redact and
 * publish them.
 */
public final class ParsingOnly implements ConnectionHandler, MessageListener {
    /** What counts the finished messages. */
    @FunctionalInterface
    public interface Tally {
        void message(boolean request);
    }

    /** Methods of the requests still unanswered, a small ring: deeper pipelining is not remembered. */
    private final String[] pending = new String[8];
    private final TcpConnection conn;
    private final Tally tally;
    private final HttpStreamParser p0;
    private final HttpStreamParser p1;
    private int head;
    private int size;

    public ParsingOnly(TcpConnection conn, ParserLimits limits, Tally tally) {
        this.conn = conn;
        this.tally = tally;
        this.p0 = new HttpStreamParser(0, this, limits);
        this.p1 = new HttpStreamParser(1, this, limits);
    }

    @Override
    public StreamConsumer consumer(int direction) {
        return direction == 0 ? p0 : p1;
    }

    @Override
    public void onClose(CloseReason reason, long micros) {
        size = 0;
    }

    @Override
    public void onMessage(int direction, HttpMessage message) {
        tally.message(message.request());
        if (message.request()) {
            if (size < pending.length) {
                pending[(head + size++) % pending.length] = message.method();
            }
        } else if (size > 0) {
            head = (head + 1) % pending.length;
            size--;
        }
    }

    @Override
    public void onRoleDetected(int direction, boolean requests) {
        conn.orient(requests ? direction : 1 - direction);
    }

    @Override
    public String pendingRequestMethod() {
        return size == 0 ? null : pending[head];
    }

    @Override
    public void onFramingLost(int direction) {
    }

    @Override
    public void onProtocolSwitch() {
        p0.stop();
        p1.stop();
    }

    @Override
    public Role role(int direction) {
        int client = conn.clientDirection();
        return client == TcpConnection.UNKNOWN ? Role.UNKNOWN : client == direction ? Role.REQUESTS : Role.RESPONSES;
    }
}
