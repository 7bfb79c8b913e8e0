package io.periscope.reassembly.exchange;

import io.periscope.reassembly.http.HttpMessage;
import io.periscope.reassembly.http.HttpStreamParser;
import io.periscope.reassembly.http.MessageListener;
import io.periscope.reassembly.http.Role;
import io.periscope.reassembly.tcp.CloseReason;
import io.periscope.reassembly.tcp.ConnectionHandler;
import io.periscope.reassembly.tcp.StreamConsumer;
import io.periscope.reassembly.tcp.TcpConnection;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The HTTP side of one connection: its two parsers and the pairing of responses to requests.
 *
 * <p>Pairing is in order (HTTP/1.1 answers in request order, pipelined or not). When a direction
 * lost framing (a gap or malformed input), order alone can pair the wrong messages, so the first
 * response after it is matched by TCP evidence instead: the server acknowledged the client's bytes
 * up to {@code startAck} when it began answering, so the request it answers is the latest pending
 * one that ended at or before that point; requests before it lost their response and are emitted
 * unpaired, and a response no pending request fits is emitted unpaired. Nothing is discarded.
 */
public final class HttpConversation implements ConnectionHandler, MessageListener {
    private final TcpConnection conn;
    private final WorkerExchanges worker;
    private final HttpStreamParser p0;
    private final HttpStreamParser p1;
    private ArrayDeque<HttpMessage> pending;
    /**
     * The method of the first pending request, null when none: read at the end of every response's header
     * section, so kept here when the queue changes (its head is then in cache) rather than read through the
     * queue and the request, three cache misses on a busy worker.
     */
    private String nextMethod;
    private long pendingBytes;
    private long ordinal;
    private boolean framingLost;

    public HttpConversation(TcpConnection conn, WorkerExchanges worker) {
        this.conn = conn;
        this.worker = worker;
        this.p0 = new HttpStreamParser(0, this, worker.limits());
        this.p1 = new HttpStreamParser(1, this, worker.limits());
    }

    @Override
    public StreamConsumer consumer(int direction) {
        return direction == 0 ? p0 : p1;
    }

    @Override
    public Role role(int direction) {
        int client = conn.clientDirection();
        return client == TcpConnection.UNKNOWN ? Role.UNKNOWN : client == direction ? Role.REQUESTS : Role.RESPONSES;
    }

    @Override
    public void onRoleDetected(int direction, boolean requests) {
        conn.orient(requests ? direction : 1 - direction);
    }

    @Override
    public String pendingRequestMethod() {
        return nextMethod;
    }

    /** Called after every change of {@link #pending}. */
    private void headChanged() {
        nextMethod = pending == null || pending.isEmpty() ? null : pending.peekFirst().method();
    }

    @Override
    public void onFramingLost(int direction) {
        framingLost = true;
    }

    @Override
    public void onProtocolSwitch() {
        p0.stop();
        p1.stop();
    }

    @Override
    public void onMessage(int direction, HttpMessage m) {
        if (m.request()) {
            if (pending == null) {
                pending = new ArrayDeque<>(4);
            }
            if (pending.size() >= worker.maxPendingRequests()) {
                HttpMessage oldest = pending.pollFirst();
                headChanged();
                emitRequestOnly(oldest, UnpairedReason.PENDING_LIMIT);
            }
            pending.addLast(m);
            headChanged();
            worker.requestPending();
            pendingBytes += m.body().length;
            worker.budget().add(m.body().length);
        } else if (pending == null || pending.isEmpty()) {
            framingLost = false;
            emit(null, m, UnpairedReason.NO_REQUEST);
        } else {
            HttpMessage request = match(m);
            emit(request, m, request == null ? UnpairedReason.NO_MATCHING_REQUEST : null);
        }
    }

    /** The request a response answers, from a non-empty queue; null when none fits (after lost framing). */
    private HttpMessage match(HttpMessage response) {
        if (framingLost && response.hasAck()) {
            framingLost = false;
            HttpMessage chosen = null;
            for (HttpMessage r : pending) {
                if (response.startAck() - r.endSeq() >= 0) {
                    chosen = r;
                }
            }
            if (chosen == null) {
                return null;
            }
            for (Iterator<HttpMessage> it = pending.iterator(); it.hasNext(); ) {
                HttpMessage r = it.next();
                if (r == chosen) {
                    break;
                }
                it.remove();
                headChanged();
                emitRequestOnly(r, UnpairedReason.RESPONSE_LOST);
            }
        }
        return take();
    }

    private HttpMessage take() {
        HttpMessage r = pending.pollFirst();
        if (pending.isEmpty()) {
            pending = null; // idle connections hold no queue
        }
        headChanged();
        worker.requestAnswered();
        pendingBytes -= r.body().length;
        worker.budget().release(r.body().length);
        return r;
    }

    private void emitRequestOnly(HttpMessage request, UnpairedReason reason) {
        if (request != null) {
            worker.requestAnswered();
            pendingBytes -= request.body().length;
            worker.budget().release(request.body().length);
            emit(request, null, reason);
        }
    }

    private void emit(HttpMessage request, HttpMessage response, UnpairedReason unpaired) {
        int client = conn.clientDirection();
        if (client == TcpConnection.UNKNOWN) {
            client = 0;
        }
        // built per exchange, not kept: an idle connection must stay small (≤ 1 KiB), and formatting
        // two addresses costs less than keeping their strings for the connection's lifetime
        ConnectionInfo info = ConnectionInfo.of(conn.key(), client, worker.index(), conn.serial(), conn.firstSeenMicros());
        worker.emit(info, ordinal++, request, response, !conn.handshakeSeen(), unpaired);
    }

    @Override
    public void onClose(CloseReason reason, long micros) {
        if (pending != null) {
            UnpairedReason why = UnpairedReason.of(reason);
            while (!pending.isEmpty()) {
                HttpMessage r = pending.pollFirst();
                headChanged();
                emitRequestOnly(r, why);
            }
        }
        worker.budget().release(pendingBytes);
        pendingBytes = 0;
    }
}
