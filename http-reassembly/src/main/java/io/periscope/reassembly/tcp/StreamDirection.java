package io.periscope.reassembly.tcp;

/**
 * Reassembly of one direction of a connection into an ordered stream with explicit gaps.
 *
 * <p>Sequence numbers are unsigned 32-bit values held in ints; every comparison is a signed
 * difference ({@code a - b > 0} means a is after b), which is correct across wrap-around as long as
 * the two are less than 2 GiB apart.
 *
 * <p>Overlap policy: <b>the first copy wins</b>. Bytes already delivered are never replaced, and a
 * segment that overlaps buffered out-of-order data is trimmed to the ranges nobody covers yet, so a
 * retransmission with different bytes cannot rewrite what a parser saw (the policy of Suricata's
 * default and of most IDS evasion guidance).
 *
 * <p>Acknowledgements from the peer bound waiting: bytes the peer acknowledged were received by it, so
 * if the capture has not shown them they never will, and the direction moves past them at once (a
 * mirror of one connection is taken at one interface, so its data precedes the acknowledgement).
 *
 * <p>The out-of-order buffer is a sorted singly linked list of non-overlapping pieces, allocated only
 * while a hole exists and bounded by {@code maxOutOfOrderBytes}: past the bound, the hole in front is
 * declared a gap and the stream moves on.
 */
final class StreamDirection {
    private static final byte UNSYNCED = 0;
    private static final byte SYNCED = 1;
    private static final byte ENDED = 2;
    /** An acknowledgement further ahead than this is not believed (corrupt or from another connection). */
    private static final int MAX_ACK_LEAP = 16 * 1024 * 1024;

    private int nextSeq;
    private int finSeq;
    private byte state;
    private boolean finSeen;
    private int bufferedBytes;
    private Piece pending;

    /** A buffered range [seq, seq + wire) of which the first {@code captured} bytes are known. */
    private static final class Piece {
        final int seq;
        final int wire;
        final byte[] data;
        final int off;
        final int captured;
        final int ack;
        final boolean hasAck;
        final long micros;
        Piece next;

        Piece(int seq, int wire, byte[] data, int off, int captured, int ack, boolean hasAck, long micros) {
            this.seq = seq; this.wire = wire; this.data = data; this.off = off; this.captured = captured;
            this.ack = ack; this.hasAck = hasAck; this.micros = micros;
        }
    }

    boolean synced() {
        return state != UNSYNCED;
    }

    boolean ended() {
        return state == ENDED;
    }

    /** A SYN fixes the initial sequence number: data starts one after it. */
    void onSyn(int seq) {
        if (state == UNSYNCED) {
            nextSeq = seq + 1;
            state = SYNCED;
        }
    }

    /**
     * One segment's payload (possibly empty) and FIN.
     *
     * @param captured bytes present in {@code data[off..]}
     * @param wire     bytes the TCP header announced ({@code >= captured}); the rest is a capture gap
     */
    void onSegment(ReassemblyContext ctx, StreamConsumer consumer, int seq, byte[] data, int off, int captured,
                   int wire, boolean fin, int ack, boolean hasAck, long micros) {
        if (state == ENDED) {
            if (wire > 0) {
                ctx.metrics().retransmitted();
            }
            return;
        }
        if (wire > 0) {
            if (state == UNSYNCED) {
                nextSeq = seq; // mid-stream pick-up: the first payload seen starts the stream
                state = SYNCED;
            }
            if (!consumer.wantsData()) {
                ctx.metrics().ignored();
                advancePastIgnored(ctx, seq, wire);
            } else {
                accept(ctx, consumer, seq, data, off, captured, wire, ack, hasAck, micros);
            }
        }
        if (fin) {
            if (state == UNSYNCED) {
                nextSeq = seq;
                state = SYNCED;
            }
            finSeen = true;
            finSeq = seq + wire;
        }
        endIfFinReached(consumer, micros);
    }

    private void advancePastIgnored(ReassemblyContext ctx, int seq, int wire) {
        dropPending(ctx);
        if (seq + wire - nextSeq > 0) {
            nextSeq = seq + wire;
        }
    }

    private void accept(ReassemblyContext ctx, StreamConsumer consumer, int seq, byte[] data, int off, int captured,
                        int wire, int ack, boolean hasAck, long micros) {
        int rel = seq - nextSeq;
        if (rel + wire <= 0) {
            ctx.metrics().retransmitted();
            return;
        }
        if (rel <= 0) {
            if (pending != null && seq + wire - pending.seq > 0) {
                // the segment reaches into buffered data: that data arrived first and wins, so only the
                // part before it is delivered directly; the rest is inserted (and trimmed) like any other
                int head = pending.seq - seq;
                insert(ctx, seq + head, data, off + Math.min(head, captured), Math.max(0, captured - head),
                        wire - head, ack, hasAck, micros);
                deliver(ctx, consumer, seq, data, off, Math.min(captured, head), head, -rel, ack, hasAck, micros);
            } else {
                deliver(ctx, consumer, seq, data, off, captured, wire, -rel, ack, hasAck, micros);
            }
            drain(ctx, consumer);
            return;
        }
        insert(ctx, seq, data, off, captured, wire, ack, hasAck, micros);
        while (bufferedBytes > ctx.maxOutOfOrderBytes() && pending != null) {
            skipToPending(ctx, consumer, GapReason.OUT_OF_ORDER_OVERFLOW, micros);
        }
    }

    /** Delivers [seq + skip, seq + wire) and moves the stream position past it. */
    private void deliver(ReassemblyContext ctx, StreamConsumer consumer, int seq, byte[] data, int off, int captured,
                         int wire, int skip, int ack, boolean hasAck, long micros) {
        if (skip < captured) {
            consumer.onData(data, off + skip, captured - skip, seq + skip, ack, hasAck, micros);
        }
        int missing = wire - Math.max(skip, captured);
        nextSeq = seq + wire;
        if (missing > 0) {
            ctx.metrics().gap(GapReason.TRUNCATED_CAPTURE, missing);
            consumer.onGap(missing, GapReason.TRUNCATED_CAPTURE, micros);
        }
    }

    private void drain(ReassemblyContext ctx, StreamConsumer consumer) {
        while (pending != null && pending.seq - nextSeq <= 0) {
            Piece p = pending;
            pending = p.next;
            bufferedBytes -= p.captured;
            ctx.budget().release(p.captured);
            if (p.seq + p.wire - nextSeq > 0 && consumer.wantsData()) {
                deliver(ctx, consumer, p.seq, p.data, p.off, p.captured, p.wire, nextSeq - p.seq, p.ack, p.hasAck, p.micros);
            }
        }
        if (!consumer.wantsData()) {
            dropPending(ctx);
        }
    }

    /** Inserts [seq, seq + wire) minus what buffered pieces already cover (first copy wins). */
    private void insert(ReassemblyContext ctx, int seq, byte[] src, int off, int captured, int wire,
                        int ack, boolean hasAck, long micros) {
        byte[] copy = null;
        int s = seq;
        int e = seq + wire;
        Piece prev = null;
        Piece n = pending;
        while (n != null && e - s > 0) {
            int ns = n.seq;
            int ne = n.seq + n.wire;
            if (ne - s <= 0) {
                prev = n;
                n = n.next;
                continue;
            }
            if (ns - s > 0) {
                int pieceEnd = e - ns > 0 ? ns : e;
                if (copy == null) {
                    copy = copyOf(src, off, captured);
                }
                prev = link(ctx, prev, n, piece(copy, seq, captured, s, pieceEnd, ack, hasAck, micros));
                s = pieceEnd;
            }
            if (ne - s > 0) {
                s = ne;
            }
            prev = n;
            n = n.next;
        }
        if (e - s > 0) {
            if (copy == null) {
                copy = copyOf(src, off, captured);
            }
            link(ctx, prev, n, piece(copy, seq, captured, s, e, ack, hasAck, micros));
        }
    }

    private static byte[] copyOf(byte[] src, int off, int len) {
        byte[] copy = new byte[len];
        System.arraycopy(src, off, copy, 0, len);
        return copy;
    }

    private static Piece piece(byte[] copy, int seq, int captured, int s, int e, int ack, boolean hasAck, long micros) {
        int start = s - seq;
        int wire = e - s;
        int known = Math.max(0, Math.min(captured - start, wire));
        return new Piece(s, wire, copy, Math.min(start, captured), known, ack, hasAck, micros);
    }

    private Piece link(ReassemblyContext ctx, Piece prev, Piece next, Piece p) {
        p.next = next;
        if (prev == null) {
            pending = p;
        } else {
            prev.next = p;
        }
        bufferedBytes += p.captured;
        ctx.budget().add(p.captured);
        return p;
    }

    /** Declares the hole in front of the first buffered piece a gap and delivers what follows it. */
    private void skipToPending(ReassemblyContext ctx, StreamConsumer consumer, GapReason reason, long micros) {
        int hole = pending.seq - nextSeq;
        if (hole > 0) {
            ctx.metrics().gap(reason, hole);
            consumer.onGap(hole, reason, micros);
            nextSeq = pending.seq;
        }
        drain(ctx, consumer);
    }

    /**
     * The peer acknowledged up to {@code ack}: when that covers the start of buffered data, the hole
     * before it was received by the endpoint but missed by the capture, so waiting is pointless.
     */
    void onPeerAck(ReassemblyContext ctx, StreamConsumer consumer, int ack, long micros) {
        int ahead = ack - nextSeq;
        if (state != SYNCED || ahead <= 0 || ahead > MAX_ACK_LEAP || !consumer.wantsData()) {
            return;
        }
        if (pending != null && ack - pending.seq >= 0) {
            skipToPending(ctx, consumer, GapReason.ACKNOWLEDGED, micros);
        } else if (!(finSeen && ack - finSeq > 0)) {
            // the endpoint received [nextSeq, ack) but the capture never showed it: lost for good, and
            // saying so now keeps the parser and the pairing in step with the peer's answer
            ctx.metrics().gap(GapReason.ACKNOWLEDGED, ahead);
            consumer.onGap(ahead, GapReason.ACKNOWLEDGED, micros);
            nextSeq = ack;
            drain(ctx, consumer);
        }
        endIfFinReached(consumer, micros);
    }

    /** Ends the direction now: buffered data is delivered behind gaps, then the consumer is told. */
    void end(ReassemblyContext ctx, StreamConsumer consumer, long micros) {
        if (state == ENDED) {
            return;
        }
        while (pending != null && consumer.wantsData()) {
            skipToPending(ctx, consumer, GapReason.LOST, micros);
        }
        dropPending(ctx);
        state = ENDED;
        consumer.onEnd(micros);
    }

    private void endIfFinReached(StreamConsumer consumer, long micros) {
        if (finSeen && state == SYNCED && nextSeq - finSeq >= 0 && pending == null) {
            state = ENDED;
            consumer.onEnd(micros);
        }
    }

    /** Forgets buffered data without delivering it (eviction of an ignored stream). */
    private void dropPending(ReassemblyContext ctx) {
        if (pending != null) {
            ctx.budget().release(bufferedBytes);
            bufferedBytes = 0;
            pending = null;
        }
    }

    boolean finSeen() {
        return finSeen;
    }
}
