package io.periscope.mirror.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * A refillable window over a stream, so capture readers parse records in place: a record's bytes stay
 * valid in {@link #array()} until the next {@link #request(int)}. The window grows only for a record
 * larger than it, up to {@link #MAX_RECORD}.
 */
final class InputBuffer implements AutoCloseable {
    /** Largest record accepted; larger length fields mean a corrupt file. */
    static final int MAX_RECORD = 16 << 20;

    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int limit;
    private long consumedBefore;

    InputBuffer(InputStream in, int size) {
        this.in = in;
        this.buf = new byte[size];
    }

    /**
     * Makes {@code n} bytes available at {@link #position()}, reading and compacting as needed.
     *
     * @return false when the stream ends first (the bytes that are there stay available)
     */
    boolean request(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (n > buf.length) {
            byte[] bigger = new byte[Math.max(n, Math.min(MAX_RECORD, buf.length * 2))];
            System.arraycopy(buf, pos, bigger, 0, limit - pos);
            buf = bigger;
        } else {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
        }
        consumedBefore += pos;
        limit -= pos;
        pos = 0;
        while (limit < n) {
            int read = in.read(buf, limit, buf.length - limit);
            if (read < 0) {
                return false;
            }
            limit += read;
        }
        return true;
    }

    byte[] array() {
        return buf;
    }

    int position() {
        return pos;
    }

    int available() {
        return limit - pos;
    }

    void advance(int n) {
        pos += n;
    }

    /** Offset in the stream of {@link #position()}, for error messages. */
    long streamOffset() {
        return consumedBefore + pos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
