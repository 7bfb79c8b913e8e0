package io.periscope.events.http.avro;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Avro's binary encoding of the primitive types (zig-zag varints, length-prefixed bytes and UTF-8 strings, blocks of
 * arrays) into a growing byte array: what {@code org.apache.avro.io.BinaryEncoder} writes, without the library on the
 * sensor's class path. Not thread-safe; {@link ExchangeAvroCodec} keeps one per thread.
 */
final class AvroOutput {
    /** A buffer grown past this by one large exchange is not kept for the next one. */
    private static final int KEPT_CAPACITY = 256 * 1024;

    private byte[] buf = new byte[8 * 1024];
    private int pos;

    void reset() {
        if (buf.length > KEPT_CAPACITY) {
            buf = new byte[8 * 1024];
        }
        pos = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(int more) {
        if (buf.length - pos < more) {
            long wanted = Math.max((long) buf.length * 2, (long) pos + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("an exchange of more than 2 GiB cannot be encoded");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    void writeInt(int v) {
        writeLong(v);
    }

    void writeLong(long v) {
        ensure(10);
        long n = (v << 1) ^ (v >> 63);
        while ((n & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        buf[pos++] = (byte) n;
    }

    void writeBoolean(boolean b) {
        ensure(1);
        buf[pos++] = (byte) (b ? 1 : 0);
    }

    void writeDouble(double d) {
        ensure(8);
        long bits = Double.doubleToRawLongBits(d);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (bits >>> (8 * i));
        }
    }

    void writeBytes(byte[] b) {
        writeLong(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /**
     * ASCII, nearly every string of an exchange, is copied char by char in one pass with no intermediate array; at the
     * first other char the copy is undone and the string encoded to UTF-8 instead.
     */
    void writeString(String s) {
        int n = s.length();
        int start = pos;
        writeLong(n);
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                pos = start;
                writeBytes(s.getBytes(StandardCharsets.UTF_8));
                return;
            }
            buf[pos + i] = (byte) c;
        }
        pos += n;
    }

    /** A union {@code ["null", "string"]}: branch 0 for null, else branch 1 and the string. */
    void writeNullableString(String s) {
        if (s == null) {
            writeLong(0);
        } else {
            writeLong(1);
            writeString(s);
        }
    }

    /** The start of an array of {@code count} items, written as one block (a count of zero ends the array). */
    void writeArrayStart(int count) {
        writeLong(count);
    }

    /** The end of a non-empty array: the empty block. */
    void writeArrayEnd(int count) {
        if (count > 0) {
            writeLong(0);
        }
    }
}
