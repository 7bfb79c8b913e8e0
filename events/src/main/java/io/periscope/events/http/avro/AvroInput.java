package io.periscope.events.http.avro;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Avro's binary encoding read from one record's bytes, bounded: every length and item count is checked against the
 * bytes that are left before anything is allocated, so a hostile record claiming a 2 GiB string or a billion
 * headers fails with {@link MalformedAvroException} at once instead of allocating (Avro's own {@code BinaryDecoder}
 * allocates a string's array before it finds the record too short). Depth needs no check: the schema has no
 * recursive type, so nesting is fixed by the schema, not by the data.
 *
 * <p>Messages name what was read and the byte offset, never the bytes.
 */
final class AvroInput {
    /**
     * Items of one array at most: far more than any real exchange has headers, query parameters or credentials
     * (the sensor's parser stops long before), and small enough that a record of one-byte items cannot make a
     * reader build millions of objects.
     */
    static final int MAX_ITEMS = 100_000;

    private final byte[] buf;
    private int pos;

    AvroInput(byte[] buf) {
        this.buf = buf;
    }

    int remaining() {
        return buf.length - pos;
    }

    int position() {
        return pos;
    }

    long readLong() {
        long n = 0;
        int shift = 0;
        while (true) {
            if (pos >= buf.length) {
                throw new MalformedAvroException("the record ends inside a number at byte " + pos);
            }
            int b = buf[pos++] & 0xFF;
            n |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (n >>> 1) ^ -(n & 1);
            }
            shift += 7;
            if (shift > 63) {
                throw new MalformedAvroException("a number longer than 10 bytes at byte " + pos);
            }
        }
    }

    int readInt() {
        int at = pos;
        long v = readLong();
        if (v != (int) v) {
            throw new MalformedAvroException("an int out of range at byte " + at);
        }
        return (int) v;
    }

    boolean readBoolean() {
        int at = pos;
        return switch (readByte()) {
            case 0 -> false;
            case 1 -> true;
            default -> throw new MalformedAvroException("a boolean that is neither 0 nor 1 at byte " + at);
        };
    }

    private int readByte() {
        if (pos >= buf.length) {
            throw new MalformedAvroException("the record ends at byte " + pos + " where more was expected");
        }
        return buf[pos++];
    }

    double readDouble() {
        need(8, "a double");
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (long) (buf[pos++] & 0xFF) << (8 * i);
        }
        return Double.longBitsToDouble(bits);
    }

    private int length(String what) {
        int at = pos;
        long n = readLong();
        if (n < 0 || n > remaining()) {
            throw new MalformedAvroException(what + " of " + n + " bytes at byte " + at + ", but " + remaining()
                    + " bytes are left");
        }
        return (int) n;
    }

    private void need(int n, String what) {
        if (n > remaining()) {
            throw new MalformedAvroException(what + " at byte " + pos + " needs " + n + " bytes, " + remaining()
                    + " are left");
        }
    }

    byte[] readBytes() {
        int n = length("bytes");
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    String readString() {
        int n = length("a string");
        if (n == 0) {
            return "";
        }
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** The branch of a union {@code ["null", X]}: false for null, true for X. */
    boolean readPresent(String field) {
        int at = pos;
        long branch = readLong();
        if (branch != 0 && branch != 1) {
            throw new MalformedAvroException("union branch " + branch + " of " + field + " at byte " + at
                    + " (0 null or 1 value)");
        }
        return branch == 1;
    }

    String readNullableString(String field) {
        return readPresent(field) ? readString() : null;
    }

    /** An enum symbol: its index, checked against the symbols the schema has. */
    <E extends Enum<E>> E readEnum(E[] symbols, String field) {
        int at = pos;
        long i = readLong();
        if (i < 0 || i >= symbols.length) {
            throw new MalformedAvroException("symbol " + i + " of " + field + " at byte " + at + " (the schema has "
                    + symbols.length + ")");
        }
        return symbols[(int) i];
    }

    /**
     * The item count of the next block of an array (0: the array ends). A negative count is followed by the block's
     * size in bytes, which readers may use to skip it; here it is only checked. Every item of this schema takes at
     * least one byte, so a block claiming more items than bytes left is malformed.
     *
     * @param readSoFar items of this array already read, to hold the whole array to {@link #MAX_ITEMS}
     */
    int readBlockCount(int readSoFar, String field) {
        int at = pos;
        long n = readLong();
        if (n < 0) {
            n = -n;
            long size = readLong();
            if (size < 0 || size > remaining()) {
                throw new MalformedAvroException("a block of " + field + " of " + size + " bytes at byte " + at + ", but "
                        + remaining() + " bytes are left");
            }
        }
        if (n > remaining()) {
            throw new MalformedAvroException(n + " items of " + field + " at byte " + at + ", but " + remaining()
                    + " bytes are left");
        }
        if (readSoFar + n > MAX_ITEMS) {
            throw new MalformedAvroException("more than " + MAX_ITEMS + " items of " + field + " at byte " + at);
        }
        return (int) n;
    }
}
