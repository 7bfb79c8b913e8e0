package io.periscope.mirror.source;

import io.periscope.mirror.decode.LinkType;

import java.io.IOException;

/**
 * Classic libpcap format: microsecond or nanosecond timestamps, either byte order.
 * See https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html.
 */
final class PcapReader implements CaptureReader {
    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int MAGIC_NANOS = 0xA1B23C4D;
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private final InputBuffer in;
    private final boolean littleEndian;
    private final boolean nanos;
    private final int linkTypeNumber;
    private final LinkType linkType;
    private int pending;
    private int offset;
    private int captured;
    private int original;
    private long timestamp;
    private boolean endedInsideRecord;

    PcapReader(InputBuffer in) throws IOException {
        this.in = in;
        if (!in.request(FILE_HEADER)) {
            throw new CaptureFormatException("pcap file header cut short");
        }
        int magic = Bytes.bigEndianInt(in.array(), in.position());
        littleEndian = magic == Integer.reverseBytes(MAGIC_MICROS) || magic == Integer.reverseBytes(MAGIC_NANOS);
        nanos = magic == MAGIC_NANOS || magic == Integer.reverseBytes(MAGIC_NANOS);
        linkTypeNumber = readInt(in.position() + 20) & 0xFFFF; // upper bits carry FCS information
        linkType = LinkType.fromPcap(linkTypeNumber);
        in.advance(FILE_HEADER);
    }

    @Override
    public boolean next() throws IOException {
        in.advance(pending);
        pending = 0;
        if (!in.request(RECORD_HEADER)) {
            endedInsideRecord |= in.available() > 0;
            return false;
        }
        int p = in.position();
        long seconds = readInt(p) & 0xFFFF_FFFFL;
        long fraction = readInt(p + 4) & 0xFFFF_FFFFL;
        int capturedLength = readInt(p + 8);
        int originalLength = readInt(p + 12);
        if (capturedLength < 0 || capturedLength > InputBuffer.MAX_RECORD) {
            throw new CaptureFormatException("pcap record at byte " + in.streamOffset() + " claims " + (capturedLength & 0xFFFF_FFFFL) + " captured bytes");
        }
        if (!in.request(RECORD_HEADER + capturedLength)) {
            endedInsideRecord = true;
            return false;
        }
        offset = in.position() + RECORD_HEADER;
        captured = capturedLength;
        original = originalLength < 0 ? Integer.MAX_VALUE : Math.max(originalLength, capturedLength);
        timestamp = seconds * 1_000_000L + (nanos ? fraction / 1000 : fraction);
        pending = RECORD_HEADER + capturedLength;
        return true;
    }

    private int readInt(int i) {
        int v = Bytes.bigEndianInt(in.array(), i);
        return littleEndian ? Integer.reverseBytes(v) : v;
    }

    @Override
    public byte[] array() {
        return in.array();
    }

    @Override
    public int offset() {
        return offset;
    }

    @Override
    public int capturedLength() {
        return captured;
    }

    @Override
    public int originalLength() {
        return original;
    }

    @Override
    public long timestampMicros() {
        return timestamp;
    }

    @Override
    public int linkTypeNumber() {
        return linkTypeNumber;
    }

    @Override
    public LinkType linkType() {
        return linkType;
    }

    @Override
    public boolean endedInsideRecord() {
        return endedInsideRecord;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
