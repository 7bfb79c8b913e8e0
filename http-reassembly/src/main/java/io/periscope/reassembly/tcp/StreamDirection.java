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
 * <p>Acknowledgements from the peer bound waiting, after the reorder window: bytes the peer acknowledged
 * were received by it, so the capture showed them before, unless the mirror reordered them (by a few
 * positions, a few ms). The first acknowledgement beyond the stream position opens a <em>wait</em>; its
 * bytes become a gap ({@link GapReason#ACKNOWLEDGED}) only when the window has passed
 * ({@link #awaitExpired}); a copy arriving before fills the hole as if nothing happened.
 *
 * <p>Causal order across directions: a segment is delivered only once the peer delivered (or gave up)
 * every byte it acknowledges, so a response overtaking the end of its request is still parsed after it;
 * meanwhile it waits in the out-of-order buffer ({@link PieceBuffer}), bounded by
 * {@code maxOutOfOrderBytes} like any out-of-order data. A direction not seen yet (mid-stream pick-up)
 * lacks whatever its peer acknowledges; if its window passes without data it starts there.
 *
 * <p>Invariants: {@code pending} starts at or after {@code nextSeq} unless its head is held for the
 * peer; {@code awaiting} implies {@code ackedTo} is after {@code nextSeq} (checked after every delivery) and
 * {@code awaitTo <= ackedTo}; an ENDED direction holds nothing and awaits nothing.
 */
final class StreamDirection extends PieceBuffer {
    private static final byte UNSYNCED = 0;
    private static final byte SYNCED = 1;
    private static final byte ENDED = 2;
    /** An acknowledgement further ahead than this is not believed (corrupt or from another connection). */
    private static final int MAX_ACK_LEAP = 16 * 1024 * 1024;

    private int nextSeq;
    private int finSeq;
    private byte state;
    private boolean finSeen;
    /** The peer acknowledged bytes beyond {@code nextSeq} the capture has not shown yet. */
    private boolean awaiting;
    /** The highest such acknowledgement. */
    private int ackedTo;
    /** The acknowledgement the running window is for: bytes before it are a gap when it passes. */
    private int awaitTo;
    private long awaitSinceMicros;
    private int awaitSinceSegment;
    /** The last range declared a gap: a copy of it arriving afterwards is late, not a retransmission. */
    private int gapStart;
    private int gapEnd;
    private StreamDirection peer;

    /** Links the two directions of a connection (each consults the other's position). */
    static void pair(StreamDirection a, StreamDirection b) {
        a.peer = b;
        b.peer = a;
    }

    boolean synced() {
        return state != UNSYNCED;
    }

    boolean ended() {
        return state == ENDED;
    }

    boolean awaiting() {
        return awaiting;
    }

    boolean finSeen() {
        return finSeen;
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
            afterEnd(ctx, seq, wire);
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
        endIfFinReached(ctx, consumer, micros);
    }

    /** A segment after the end (also of a closed connection): counted like {@link #dropped}. */
    void afterEnd(ReassemblyContext ctx, int seq, int wire) {
        if (wire > 0) {
            dropped(ctx, seq, wire);
        }
    }

    /** A segment wholly before the stream position: a copy of delivered bytes, or of bytes given up too early. */
    private void dropped(ReassemblyContext ctx, int seq, int wire) {
        if (gapEnd != gapStart && seq + wire - gapStart > 0 && gapEnd - seq > 0) {
            ctx.metrics().late();
        } else {
            ctx.metrics().retransmitted();
        }
    }

    private void advancePastIgnored(ReassemblyContext ctx, int seq, int wire) {
        dropPending(ctx);
        awaiting = false;
        if (seq + wire - nextSeq > 0) {
            nextSeq = seq + wire;
        }
    }

    private void accept(ReassemblyContext ctx, StreamConsumer consumer, int seq, byte[] data, int off, int captured,
                        int wire, int ack, boolean hasAck, long micros) {
        int rel = seq - nextSeq;
        if (rel + wire <= 0) {
            dropped(ctx, seq, wire);
            return;
        }
        boolean held = hasAck && peer.lacks(ack);
        if (rel <= 0 && !held) {
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
        if (rel < 0) { // held: keep only what was not delivered yet
            seq = nextSeq;
            off += Math.min(-rel, captured);
            captured = Math.max(0, captured + rel);
            wire += rel;
        }
        if (held && rel <= 0) {
            ctx.metrics().heldForPeer();
        }
        insert(ctx, seq, data, off, captured, wire, ack, hasAck, micros);
        while (bufferedBytes > ctx.maxOutOfOrderBytes() && pending != null) {
            // memory first: the hole in front is given up, a held head goes out without its peer's bytes
            if (pending.seq - nextSeq > 0) {
                declareGap(ctx, consumer, pending.seq - nextSeq, GapReason.OUT_OF_ORDER_OVERFLOW, micros);
            }
            deliverHead(ctx, consumer);
            drain(ctx, consumer);
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

    /** Whether this direction has not shown bytes before {@code ack} yet that its peer acknowledged. */
    private boolean lacks(int ack) {
        return awaiting && (state == UNSYNCED || ack - nextSeq > 0);
    }

    private boolean heldForPeer(Piece p) {
        return p.hasAck && peer.lacks(p.ack);
    }

    /**
     * Delivers every buffered piece that is now in order and not held for the peer.
     *
     * @return whether the stream position moved
     */
    boolean drain(ReassemblyContext ctx, StreamConsumer consumer) {
        int before = nextSeq;
        while (pending != null && pending.seq - nextSeq <= 0 && !heldForPeer(pending)) {
            deliverHead(ctx, consumer);
        }
        if (!consumer.wantsData()) {
            // no longer parsed: nothing is awaited, and nothing of the peer's waits for this direction
            dropPending(ctx);
            awaiting = false;
        }
        if (awaiting && (ackedTo - nextSeq <= 0 || finReached())) {
            awaiting = false;
            ctx.metrics().reorderWaitFilled();
        }
        return nextSeq != before;
    }

    /** Takes the first buffered piece off the list and delivers what of it is after the stream position. */
    private void deliverHead(ReassemblyContext ctx, StreamConsumer consumer) {
        Piece p = takeHead(ctx);
        if (p.seq + p.wire - nextSeq <= 0) {
            return;
        }
        if (consumer.wantsData()) {
            deliver(ctx, consumer, p.seq, p.data, p.off, p.captured, p.wire, nextSeq - p.seq, p.ack, p.hasAck, p.micros);
        } else {
            nextSeq = p.seq + p.wire; // the parser stopped on an earlier piece: the rest is ignored, in order
        }
    }

    private void declareGap(ReassemblyContext ctx, StreamConsumer consumer, int len, GapReason reason, long micros) {
        ctx.metrics().gap(reason, len);
        consumer.onGap(len, reason, micros);
        gapStart = nextSeq;
        gapEnd = nextSeq + len;
        nextSeq = gapEnd;
    }

    /**
     * The peer acknowledged up to {@code ack}: bytes before it not shown yet are awaited ({@link #awaitExpired}).
     *
     * @param parsed  whether this direction's bytes are wanted (false once its consumer stopped parsing)
     * @param segment the worker's segment count, one of the window's two clocks
     */
    void onPeerAck(boolean parsed, int ack, long micros, int segment) {
        int ahead = ack - nextSeq;
        boolean unseen = state == UNSYNCED; // picked up mid-stream: nothing of this direction shown yet
        if (!parsed || state == ENDED || finReached() || !unseen && (ahead <= 0 || ahead > MAX_ACK_LEAP)) {
            return;
        }
        if (!awaiting) {
            awaiting = true;
            ackedTo = ack;
            awaitTo = ack;
            awaitSinceMicros = micros;
            awaitSinceSegment = segment;
        } else if (ack - ackedTo > 0) {
            ackedTo = ack;
        }
    }

    /**
     * Whether the window of the running wait has passed: both its capture time and the worker's segments
     * (busy worker: time decides; quiet one: segments decide; see docs/http-reassembly.md).
     */
    boolean awaitExpired(ReassemblyContext ctx, long micros, int segment) {
        return awaiting && micros - awaitSinceMicros >= ctx.reorderWindowMicros()
                && segment - awaitSinceSegment >= ctx.reorderWindowSegments();
    }

    /**
     * The window passed: bytes before the acknowledgement it was for that never showed are a gap, and what
     * is buffered between the holes is delivered, up to a piece held for the peer. Bytes acknowledged since
     * get a window of their own, from now.
     */
    void expireAwait(ReassemblyContext ctx, StreamConsumer consumer, long micros, int segment) {
        if (state == UNSYNCED) { // mid-stream, nothing came: start where the peer acknowledged (no gap: size unknown)
            nextSeq = ackedTo;
            state = SYNCED;
            awaiting = false;
            ctx.metrics().reorderWaitExpired();
            return;
        }
        if (forceTo(ctx, consumer, awaitTo, GapReason.ACKNOWLEDGED, micros)) {
            ctx.metrics().reorderWaitExpired();
        } // else the bytes this window was for arrived, or wait behind a hold: later ones are outstanding
        drain(ctx, consumer);
        if (awaiting && awaitTo - nextSeq <= 0) {
            awaitTo = ackedTo;
            awaitSinceMicros = micros;
            awaitSinceSegment = segment;
        } // else stopped at a held piece: the window stays expired, so the next check goes on once it is released
    }

    /**
     * Moves the stream position towards {@code target}: holes become gaps, buffered pieces are delivered,
     * up to a piece held for the peer (its turn comes when the peer moves).
     *
     * @return whether a gap was declared
     */
    private boolean forceTo(ReassemblyContext ctx, StreamConsumer consumer, int target, GapReason reason, long micros) {
        if (finSeen && target - finSeq > 0) {
            target = finSeq; // the FIN's own sequence number is no byte
        }
        boolean gap = false;
        while (target - nextSeq > 0 && consumer.wantsData()) {
            if (pending != null && pending.seq - nextSeq <= 0) {
                if (heldForPeer(pending)) {
                    break;
                }
                deliverHead(ctx, consumer);
            } else {
                int holeEnd = pending != null && pending.seq - target < 0 ? pending.seq : target;
                declareGap(ctx, consumer, holeEnd - nextSeq, reason, micros);
                gap = true;
            }
        }
        return gap;
    }

    /**
     * The connection is going away: bytes the peer acknowledged that never showed are a gap now, and what is
     * buffered before them is delivered, up to a piece held for the peer.
     *
     * @return whether the stream position moved (the caller repeats until neither direction moves)
     */
    boolean giveUpAwait(ReassemblyContext ctx, StreamConsumer consumer, long micros) {
        int before = nextSeq;
        if (awaiting && state == UNSYNCED) {
            awaiting = false;
        } else if (awaiting && forceTo(ctx, consumer, ackedTo, GapReason.ACKNOWLEDGED, micros)) {
            ctx.metrics().reorderWaitClosed();
        }
        drain(ctx, consumer);
        return nextSeq != before;
    }

    /** Capture time of the first buffered piece if it is next in order but held for the peer, else MAX_VALUE. */
    long heldHeadMicros() {
        return pending != null && pending.seq - nextSeq <= 0 && heldForPeer(pending) ? pending.micros : Long.MAX_VALUE;
    }

    /**
     * Delivers the held first piece without waiting for the peer: only when both directions hold their next
     * bytes for each other, which causal traffic never does (a retransmission's newer acknowledgement can).
     */
    void releaseHead(ReassemblyContext ctx, StreamConsumer consumer) {
        deliverHead(ctx, consumer);
        ctx.metrics().circularHold();
    }

    /** Ends the direction now: buffered data is delivered behind gaps, then the consumer is told. */
    void end(ReassemblyContext ctx, StreamConsumer consumer, long micros) {
        if (state == ENDED) {
            return;
        }
        giveUpAwait(ctx, consumer, micros);
        while (pending != null && consumer.wantsData()) {
            if (pending.seq - nextSeq > 0) {
                declareGap(ctx, consumer, pending.seq - nextSeq, GapReason.LOST, micros);
            }
            deliverHead(ctx, consumer);
        }
        dropPending(ctx);
        awaiting = false;
        state = ENDED;
        consumer.onEnd(micros);
    }

    private boolean finReached() {
        return finSeen && nextSeq - finSeq >= 0;
    }

    /** Ends the direction once its FIN is reached with nothing buffered (also after delivery the peer triggered). */
    void endIfFinReached(ReassemblyContext ctx, StreamConsumer consumer, long micros) {
        if (state == SYNCED && finReached() && pending == null) {
            if (awaiting) {
                awaiting = false; // only the FIN was acknowledged ahead, and it is here
                ctx.metrics().reorderWaitFilled();
            }
            state = ENDED;
            consumer.onEnd(micros);
        }
    }
}
