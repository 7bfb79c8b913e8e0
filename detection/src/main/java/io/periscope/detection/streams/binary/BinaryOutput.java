package io.periscope.detection.streams.binary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the primitives of the repartition records and stored state of detection into a growing byte array: unsigned varints for lengths and
 * small counts, eight big-endian bytes for longs and doubles, strings as UTF-8 behind a varint of their byte length
 * plus one (zero stands for null). Not thread-safe: one per record written.
 */
public final class BinaryOutput {
    private byte[] buf;
    private int size;

    public BinaryOutput(int initialCapacity) {
        this.buf = new byte[initialCapacity];
    }

    public void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    public void writeBoolean(boolean b) {
        writeByte(b ? 1 : 0);
    }

    /** An unsigned varint: seven bits a byte, low bits first. */
    public void writeVarInt(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    public void writeInt(int v) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
    }

    public void writeLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
    }

    public void writeDouble(double v) {
        writeLong(Double.doubleToRawLongBits(v));
    }

    public void writeString(String s) {
        if (s == null) {
            writeVarInt(0);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeVarInt(utf8.length + 1);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, size, utf8.length);
        size += utf8.length;
    }

    public void writeEnum(Enum<?> e) {
        writeString(e == null ? null : e.name());
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
