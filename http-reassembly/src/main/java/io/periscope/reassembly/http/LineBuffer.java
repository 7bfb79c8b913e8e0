package io.periscope.reassembly.http;

import java.util.Arrays;

/**
 * The framing state of the line a parser is reading: the bytes of a line that spans segments (a
 * line within one segment is read in place and never copied), whether the rest of an over-long line
 * is being discarded, and the capture time and acknowledgement of the segment the line started in,
 * which become a message's first-byte time and pairing evidence when the line is a start line.
 */
final class LineBuffer {
    private static final int INITIAL_SIZE = 256;

    private final ParserLimits limits;
    private byte[] bytes;
    private int length;
    private boolean discarding;
    private long startMicros;
    private int startAck;
    private boolean startHasAck;
    // where the line's part from the latest segment begins, and that segment's time and acknowledgement
    private int tailOffset;
    private long tailMicros;
    private int tailAck;
    private boolean tailHasAck;

    LineBuffer(ParserLimits limits) {
        this.limits = limits;
    }

    /** Bytes of a segment with this time and acknowledgement are about to be read as (the rest of) a line. */
    void enterSegment(long micros, int ack, boolean hasAck) {
        tailAck = ack;
        tailHasAck = hasAck;
        if (length == 0 && !discarding) {
            startMicros = micros;
            startAck = ack;
            startHasAck = hasAck;
            tailOffset = 0;
        } else if (length > 0) {
            // the line continues in this segment: a message found from here on starts in it
            tailOffset = length;
            tailMicros = micros;
        }
    }

    /** Whether the rest of an over-long line is being skipped up to its line feed. */
    boolean discarding() {
        return discarding;
    }

    void stopDiscarding() {
        discarding = false;
    }

    /** Whether {@code n} more bytes keep the line within {@code maxLineLength}. */
    boolean fits(int n) {
        return length + n <= limits.maxLineLength();
    }

    /** The line got too long: forget it and, unless its end was seen, skip the rest of it. */
    void overflow(boolean endSeen) {
        length = 0;
        discarding = !endSeen;
    }

    boolean isEmpty() {
        return length == 0;
    }

    void append(byte[] b, int p, int n) {
        if (bytes == null || length + n > bytes.length) {
            int size = Math.max(INITIAL_SIZE, Math.max(length + n, bytes == null ? 0 : bytes.length * 2));
            size = Math.min(size, limits.maxLineLength() + 2);
            limits.budget().add(size - (bytes == null ? 0 : bytes.length));
            bytes = bytes == null ? new byte[size] : Arrays.copyOf(bytes, size);
        }
        System.arraycopy(b, p, bytes, length, n);
        length += n;
    }

    /** The buffered line's bytes, valid from index 0 for the length {@link #take()} returned. */
    byte[] array() {
        return bytes;
    }

    /** Ends the buffered line: returns its length and starts the next line empty. */
    int take() {
        int l = length;
        length = 0;
        return l;
    }

    /**
     * A message start was found {@code at} bytes into the line just read. A start past the bytes of
     * earlier segments began in the latest one; a start after other bytes has no known first segment
     * when the line spanned several, so the segment completing the line gives the acknowledgement the
     * sender had when writing it, which is what pairing after a gap relies on.
     */
    void messageStartsAt(int at) {
        if (tailOffset > 0 && at >= tailOffset) {
            startMicros = tailMicros;
        }
        if (at > 0) {
            startAck = tailAck;
            startHasAck = tailHasAck;
        }
    }

    long startMicros() {
        return startMicros;
    }

    int startAck() {
        return startAck;
    }

    boolean startHasAck() {
        return startHasAck;
    }

    /** The length of the line {@code b[o..o+l)} without a carriage return before its line feed. */
    static int stripCr(byte[] b, int o, int l) {
        return l > 0 && b[o + l - 1] == '\r' ? l - 1 : l;
    }

    /** Bytes went missing: whatever line was in progress is gone. */
    void gap() {
        length = 0;
        discarding = false;
    }

    /** Gives the buffer back to the memory budget (an idle parser holds none). */
    void release() {
        if (bytes != null) {
            limits.budget().release(bytes.length);
            bytes = null;
        }
        length = 0;
    }
}
