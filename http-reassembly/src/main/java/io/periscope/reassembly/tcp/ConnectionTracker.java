package io.periscope.reassembly.tcp;

import io.periscope.segment.TcpSegment;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * One worker's connections: finds (without allocating) the connection of a segment, feeds the
 * direction's reassembly, expires idle connections and enforces the connection and memory limits.
 *
 * <p>The table ({@link ConnectionTable}) keeps its connections in access order, so its eldest is always the
 * least recently active connection: eviction and idle expiry both take from there, O(1) per connection.
 *
 * <p>Reorder windows (see {@link StreamDirection}) are checked on every segment of their connection;
 * connections with a running wait are also listed, so that the tick ends the waits of connections that
 * fell silent without visiting the whole table.
 */
public final class ConnectionTracker {
    private final ReassemblyContext ctx;
    private final int maxConnections;
    private final long idleTimeoutMicros;
    private final Function<TcpConnection, ConnectionHandler> handlers;
    private final ConnectionTable table = new ConnectionTable();
    private final FlowKey probe = new FlowKey();
    /** Connections with a reorder window running: a wait for acknowledged bytes, or a linger after close. */
    private final ArrayDeque<TcpConnection> watched = new ArrayDeque<>();
    /** Closed connections kept in the table until their window passed (not counted by {@link #size()}). */
    private int lingering;
    private long serials;
    /**
     * Segments this worker received: the reorder window's packet clock (wraps harmlessly, compared by
     * difference). The worker's, not the connection's: a mirror displaces a packet by positions of the
     * stream it forwards, and this count also advances while a waiting connection is silent.
     */
    private int segments;
    /** Segments received since they were last added to the shared counter ({@link #publishCounts()}). */
    private long uncountedSegments;
    /** The capture clock: the latest timestamp seen, so the window never runs backwards. */
    private long clock = Long.MIN_VALUE;

    public ConnectionTracker(ReassemblyContext ctx, int maxConnections, long idleTimeoutMicros,
                             Function<TcpConnection, ConnectionHandler> handlers) {
        this.ctx = ctx;
        this.maxConnections = maxConnections;
        this.idleTimeoutMicros = idleTimeoutMicros;
        this.handlers = handlers;
    }

    /** Connections tracked (those lingering after their close only to recognise late copies not included). */
    public int size() {
        return table.size() - lingering;
    }

    public void onSegment(TcpSegment s) {
        uncountedSegments++;
        segments++;
        int dir = probe.load(s);
        long micros = s.timestampMicros();
        clock = Math.max(clock, micros);
        boolean syn = s.hasFlag(TcpSegment.SYN);
        boolean ack = s.hasFlag(TcpSegment.ACK);
        TcpConnection c = table.get(probe);
        if (c != null && c.lingering()) {
            if (!(syn && !ack)) {
                c.direction(dir).afterEnd(ctx, s.seq(), Math.max(s.wireLength(), s.payloadLength()));
                return; // a copy of the closed connection's traffic that came late, or its last ACKs
            }
            forget(c); // the 4-tuple is reused by a new connection
            c = null;
        }
        if (c != null && syn && !ack && c.direction(dir).synced() && c.direction(dir).finSeen()) {
            // the 4-tuple is reused by a new connection: finish the old one first
            close(c, CloseReason.REPLACED, micros);
            c = null;
        }
        if (c == null) {
            if (!syn && s.payloadLength() == 0 && s.wireLength() == 0) {
                return; // a bare ACK, FIN or RST of a connection we do not track (any more) carries nothing
            }
            c = open(micros);
        }
        c.touch(micros);
        StreamDirection d = c.direction(dir);
        if (syn) {
            c.markHandshake();
            c.orient(ack ? 1 - dir : dir);
            d.onSyn(s.seq());
            if (ack) {
                c.direction(1 - dir).onSyn(s.ack() - 1); // the SYN-ACK fixes the client's stream even if its SYN was missed
            }
        }
        if (s.hasFlag(TcpSegment.RST)) {
            endAndFinish(c, CloseReason.RST, micros);
            linger(c);
            return;
        }
        if (ack) {
            // the peer had received those bytes before it sent this segment: awaited from now on (also
            // before any payload: an acknowledgement overtaken by the request it acknowledges still counts)
            boolean parsed = c.handler() == null || c.handler().consumer(1 - dir).wantsData();
            c.direction(1 - dir).onPeerAck(parsed, s.ack(), clock, segments);
        }
        int captured = s.payloadLength();
        int wire = Math.max(s.wireLength(), captured);
        boolean fin = s.hasFlag(TcpSegment.FIN);
        if (wire > 0 || fin) {
            ConnectionHandler h = handler(c);
            int dataSeq = syn ? s.seq() + 1 : s.seq();
            d.onSegment(ctx, h.consumer(dir), dataSeq, s.payloadArray(), s.payloadOffset(), captured, wire, fin,
                    s.ack(), ack, micros);
        }
        ConnectionHandler h = c.handler();
        if (h != null) {
            expireWaits(c, h, clock);
            settle(c, h, micros);
            listIfAwaiting(c);
        }
        if (c.bothEnded()) {
            finish(c, CloseReason.FIN, micros);
            linger(c);
        } else if (ctx.budget().exceeded()) {
            evictForMemory(c, micros);
        }
    }

    private void expireWaits(TcpConnection c, ConnectionHandler h, long now) {
        for (int i = 0; i < 2; i++) {
            if (c.direction(i).awaitExpired(ctx, now, segments)) {
                c.direction(i).expireAwait(ctx, h.consumer(i), now, segments);
            }
        }
    }

    /**
     * Delivers what one direction held for the other until neither moves: each direction's progress may
     * release segments of the other that acknowledge it.
     *
     * @return whether either direction moved
     */
    private boolean settle(TcpConnection c, ConnectionHandler h, long micros) {
        StreamDirection d0 = c.direction(0);
        StreamDirection d1 = c.direction(1);
        boolean any = false;
        boolean moved;
        do {
            moved = d0.drain(ctx, h.consumer(0));
            moved |= d1.drain(ctx, h.consumer(1));
            long held0 = d0.heldHeadMicros();
            long held1 = d1.heldHeadMicros();
            if (!moved && held0 != Long.MAX_VALUE && held1 != Long.MAX_VALUE) {
                // each holds its next bytes for the other: the older goes first
                int older = held1 < held0 ? 1 : 0;
                c.direction(older).releaseHead(ctx, h.consumer(older));
                moved = true;
            }
            any |= moved;
        } while (moved);
        d0.endIfFinReached(ctx, h.consumer(0), micros);
        d1.endIfFinReached(ctx, h.consumer(1), micros);
        return any;
    }

    private void listIfAwaiting(TcpConnection c) {
        if (!c.awaitListed() && c.awaiting()) {
            watch(c);
        }
    }

    private void watch(TcpConnection c) {
        c.awaitListed(true);
        watched.addLast(c);
    }

    /**
     * A connection closed by FIN or RST stays in the table for the reorder window, so that a copy of its
     * traffic arriving late (a duplicate, or data reordered behind the close) is counted against it instead
     * of opening a connection that starts mid-stream.
     */
    private void linger(TcpConnection c) {
        c.linger(segments);
        lingering++;
        if (!c.awaitListed()) {
            watch(c);
        }
    }

    private boolean lingerOver(TcpConnection c) {
        return clock - c.lastSeenMicros() >= ctx.reorderWindowMicros()
                && segments - c.lingerSince() >= ctx.reorderWindowSegments();
    }

    /** Removes a lingering connection from the table (if a new one took its key meanwhile, that one stays). */
    private void forget(TcpConnection c) {
        if (c.lingering()) {
            c.forgotten();
            lingering--;
            table.remove(c);
        }
    }

    /** Handles what an iterator over the table just removed: a lingering connection is only forgotten. */
    private void removed(TcpConnection c, CloseReason reason, long micros) {
        if (c.lingering()) {
            c.forgotten();
            lingering--;
        } else {
            endAndFinish(c, reason, micros);
        }
    }

    private ConnectionHandler handler(TcpConnection c) {
        ConnectionHandler h = c.handler();
        if (h == null) {
            h = handlers.apply(c);
            c.attach(h);
        }
        return h;
    }

    private TcpConnection open(long micros) {
        if (table.size() >= maxConnections) {
            TcpConnection eldest = table.eldest();
            table.remove(eldest);
            removed(eldest, CloseReason.EVICTED_COUNT, micros);
        }
        TcpConnection c = new TcpConnection(probe.copy(), serials++, micros);
        table.add(c);
        ctx.metrics().connectionOpened();
        return c;
    }

    private void evictForMemory(TcpConnection current, long micros) {
        TcpConnection eldest;
        while (ctx.budget().exceeded() && (eldest = table.eldest()) != null) {
            if (eldest == current) {
                break; // the table holds only the connection being fed; its own bounds apply
            }
            table.remove(eldest);
            removed(eldest, CloseReason.EVICTED_MEMORY, micros);
        }
    }

    /**
     * Ends the reorder waits whose window passed on connections that fell silent and forgets closed
     * connections whose linger passed, then expires connections idle for longer than the timeout, all by
     * the capture clock.
     */
    public void onTick(long nowMicros) {
        publishCounts();
        clock = Math.max(clock, nowMicros);
        expireWindows();
        TcpConnection c;
        while ((c = table.eldest()) != null) {
            if (nowMicros - c.lastSeenMicros() < idleTimeoutMicros) {
                break; // access order: everything after is more recent
            }
            table.remove(c);
            removed(c, CloseReason.IDLE, nowMicros);
        }
    }

    private void expireWindows() {
        for (int n = watched.size(); n > 0; n--) {
            TcpConnection c = watched.pollFirst();
            c.awaitListed(false);
            if (c.lingering()) {
                if (lingerOver(c)) {
                    forget(c);
                } else {
                    watch(c);
                }
                continue;
            }
            ConnectionHandler h = c.handler();
            if (c.closed() || h == null) {
                continue;
            }
            expireWaits(c, h, clock);
            settle(c, h, clock);
            if (c.bothEnded()) {
                finish(c, CloseReason.FIN, clock);
                linger(c);
            } else {
                listIfAwaiting(c);
            }
        }
    }

    /**
     * Adds the segments received since the last call to the shared counter: on every tick and at the end, as
     * the worker's other figures, instead of a contended add per segment.
     */
    public void publishCounts() {
        if (uncountedSegments > 0) {
            ctx.metrics().segments(uncountedSegments);
            uncountedSegments = 0;
        }
    }

    /** Flushes and forgets every connection. */
    public void closeAll(long micros) {
        publishCounts();
        TcpConnection c;
        while ((c = table.eldest()) != null) {
            table.remove(c);
            removed(c, CloseReason.END_OF_INPUT, micros);
        }
    }

    private void close(TcpConnection c, CloseReason reason, long micros) {
        table.remove(c);
        endAndFinish(c, reason, micros);
    }

    private void endAndFinish(TcpConnection c, CloseReason reason, long micros) {
        ConnectionHandler h = c.handler();
        if (h != null) {
            // acknowledged bytes first, so what either side held for the other still goes out in order
            boolean moved;
            do {
                moved = c.direction(0).giveUpAwait(ctx, h.consumer(0), micros);
                moved |= c.direction(1).giveUpAwait(ctx, h.consumer(1), micros);
                moved |= settle(c, h, micros);
            } while (moved);
            c.direction(0).end(ctx, h.consumer(0), micros);
            c.direction(1).end(ctx, h.consumer(1), micros);
        }
        finish(c, reason, micros);
    }

    private void finish(TcpConnection c, CloseReason reason, long micros) {
        c.markClosed();
        ConnectionHandler h = c.handler();
        if (h != null) {
            h.onClose(reason, micros);
        }
        ctx.metrics().connectionClosed(reason);
    }
}
