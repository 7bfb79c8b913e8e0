package io.periscope.mirror.source;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes a classic little-endian, microsecond pcap file. */
public final class PcapWriter implements Closeable {
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_RAW = 101;

    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    private long packets;

    public PcapWriter(OutputStream out, int linkType, int snapLength) throws IOException {
        this.out = new BufferedOutputStream(out, 1 << 16);
        header.putInt(PcapReader.MAGIC_MICROS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(snapLength).putInt(linkType);
        this.out.write(header.array(), 0, 24);
    }

    public void write(long timestampMicros, byte[] packet) throws IOException {
        write(timestampMicros, packet, 0, packet.length, packet.length);
    }

    public void write(long timestampMicros, byte[] packet, int offset, int capturedLength, int originalLength) throws IOException {
        header.clear();
        header.putInt((int) (timestampMicros / 1_000_000)).putInt((int) (timestampMicros % 1_000_000))
                .putInt(capturedLength).putInt(originalLength);
        out.write(header.array(), 0, 16);
        out.write(packet, offset, capturedLength);
        packets++;
    }

    /** Packets written so far. */
    public long packets() {
        return packets;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
