package io.periscope.detection.streams.binary;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link BinaryOutput} wrote, bounded: every length and count is checked against the bytes left and
 * against a cap before anything is allocated, so a malformed or hostile record fails with
 * {@link MalformedRecordException} (which never quotes the payload) instead of allocating what it claims.
 */
public final class BinaryInput {
    private final byte[] buf;
    private int pos;

    public BinaryInput(byte[] buf, int offset) {
        this.buf = buf;
        this.pos = offset;
    }

    public int readByte() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public boolean readBoolean() {
        int b = readByte();
        if (b > 1) {
            throw new MalformedRecordException("a boolean of " + b);
        }
        return b == 1;
    }

    public int readVarInt() {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (v < 0) {
                    throw new MalformedRecordException("a negative length or count");
                }
                return v;
            }
        }
        throw new MalformedRecordException("a varint longer than five bytes");
    }

    public int readInt() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    public long readLong() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    /** A string, or null; it cannot claim more bytes than the record has left. */
    public String readString() {
        return readString(Integer.MAX_VALUE);
    }

    /** A string of at most {@code maxBytes} UTF-8 bytes, or null. */
    public String readString(int maxBytes) {
        int n = readVarInt();
        if (n == 0) {
            return null;
        }
        int len = n - 1;
        if (len > maxBytes) {
            throw new MalformedRecordException("a string of " + len + " bytes, over " + maxBytes);
        }
        need(len);
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    public <E extends Enum<E>> E readEnum(Class<E> type) {
        String name = readString(64);
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            // a constant this build does not know: from a newer build, or garbage
            throw new MalformedRecordException("an unknown " + type.getSimpleName());
        }
    }

    /** A count of list or map entries, each taking at least one byte, at most {@code max}. */
    public int readCount(int max) {
        int n = readVarInt();
        if (n > max || n > buf.length - pos) {
            throw new MalformedRecordException("a count of " + n + ", over " + Math.min(max, buf.length - pos));
        }
        return n;
    }

    /** Fails unless every byte was read: trailing bytes mean the record is not what its version says. */
    public void end() {
        if (pos != buf.length) {
            throw new MalformedRecordException((buf.length - pos) + " trailing bytes");
        }
    }

    private void need(int n) {
        if (n > buf.length - pos) {
            throw new MalformedRecordException("truncated: " + n + " bytes needed, " + (buf.length - pos) + " left");
        }
    }
}
