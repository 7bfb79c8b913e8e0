package io.periscope.reassembly.tcp;

/**
 * The out-of-order buffer of one stream direction: a sorted singly linked list of non-overlapping
 * pieces, allocated only while a hole or a causal wait exists, every byte counted in the worker's
 * {@link MemoryBudget}. Inserting keeps the <b>first copy</b> of every byte.
 */
abstract class PieceBuffer {
    /** Bytes held (captured bytes of every piece). */
    int bufferedBytes;
    /** The first piece (lowest sequence number), or null. */
    Piece pending;

    /** A buffered range [seq, seq + wire) of which the first {@code captured} bytes are known. */
    static final class Piece {
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

    /** Unlinks the first piece and gives its bytes back to the budget. */
    final Piece takeHead(ReassemblyContext ctx) {
        Piece p = pending;
        pending = p.next;
        bufferedBytes -= p.captured;
        ctx.budget().release(p.captured);
        return p;
    }

    /** Inserts [seq, seq + wire) minus what buffered pieces already cover (first copy wins). */
    final void insert(ReassemblyContext ctx, int seq, byte[] src, int off, int captured, int wire,
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

    /** Forgets buffered data without delivering it (eviction of an ignored stream). */
    final void dropPending(ReassemblyContext ctx) {
        if (pending != null) {
            ctx.budget().release(bufferedBytes);
            bufferedBytes = 0;
            pending = null;
        }
    }
}
