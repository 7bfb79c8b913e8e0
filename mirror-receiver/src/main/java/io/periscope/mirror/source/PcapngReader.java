package io.periscope.mirror.source;

import io.periscope.mirror.decode.LinkType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng (RFC draft-ietf-opsawg-pcapng): several sections, each with its own byte order; several
 * interfaces per section, each with its own link type, timestamp resolution and offset. Packets come
 * from Enhanced, Simple and (obsolete) Packet blocks; every other block type is skipped.
 */
final class PcapngReader implements CaptureReader {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int OBSOLETE_PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;
    private static final int OPTION_TSRESOL = 9;
    private static final int OPTION_TSOFFSET = 14;
    private static final int MAX_INTERFACES = 65536;

    private record Interface(int linkTypeNumber, LinkType linkType, int snapLength, long ticksPerSecond, long offsetSeconds) {
    }

    private final InputBuffer in;
    private final List<Interface> interfaces = new ArrayList<>();
    private boolean littleEndian;
    private int pending;
    private int offset;
    private int captured;
    private int original;
    private long timestamp;
    private Interface current;
    private boolean endedInsideRecord;

    PcapngReader(InputBuffer in) {
        this.in = in;
    }

    @Override
    public boolean next() throws IOException {
        while (true) {
            in.advance(pending);
            pending = 0;
            if (!in.request(12)) {
                endedInsideRecord |= in.available() > 0;
                return false;
            }
            int p = in.position();
            int type = Bytes.bigEndianInt(in.array(), p);
            if (type == SECTION_HEADER) {
                int magic = Bytes.bigEndianInt(in.array(), p + 8);
                if (magic == BYTE_ORDER_MAGIC) {
                    littleEndian = false;
                } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                    littleEndian = true;
                } else {
                    throw new CaptureFormatException("pcapng section at byte " + in.streamOffset() + " has no byte-order magic");
                }
                interfaces.clear();
            } else {
                type = readInt(p);
            }
            int length = readInt(p + 4);
            if (length < 12 || (length & 3) != 0 || length > InputBuffer.MAX_RECORD) {
                throw new CaptureFormatException("pcapng block at byte " + in.streamOffset() + " has length " + (length & 0xFFFF_FFFFL));
            }
            if (!in.request(length)) {
                endedInsideRecord = true;
                return false;
            }
            pending = length;
            p = in.position();
            switch (type) {
                case INTERFACE_DESCRIPTION -> addInterface(p, length);
                case ENHANCED_PACKET -> {
                    if (enhancedPacket(p, length)) {
                        return true;
                    }
                }
                case SIMPLE_PACKET -> {
                    if (simplePacket(p, length)) {
                        return true;
                    }
                }
                case OBSOLETE_PACKET -> {
                    if (obsoletePacket(p, length)) {
                        return true;
                    }
                }
                default -> {
                    // section headers, name resolution, statistics, custom blocks: nothing to deliver
                }
            }
        }
    }

    private void addInterface(int p, int length) throws CaptureFormatException {
        if (length < 20) {
            throw new CaptureFormatException("pcapng interface block too short at byte " + in.streamOffset());
        }
        if (interfaces.size() >= MAX_INTERFACES) {
            throw new CaptureFormatException("pcapng section declares more than " + MAX_INTERFACES + " interfaces");
        }
        int linkTypeNumber = readShort(p + 8);
        int snapLength = readInt(p + 12);
        long ticks = 1_000_000;
        long offsetSeconds = 0;
        int o = p + 16;
        int optionsEnd = p + length - 4;
        while (o + 4 <= optionsEnd) {
            int code = readShort(o);
            int optionLength = readShort(o + 2);
            int value = o + 4;
            if (code == 0 || value + optionLength > optionsEnd) {
                break;
            }
            if (code == OPTION_TSRESOL && optionLength >= 1) {
                int r = in.array()[value] & 0xff;
                int exponent = r & 0x7f;
                ticks = (r & 0x80) != 0 ? (exponent >= 63 ? Long.MAX_VALUE : 1L << exponent) : powerOfTen(exponent);
            } else if (code == OPTION_TSOFFSET && optionLength >= 8) {
                long hi = readInt(value) & 0xFFFF_FFFFL;
                long lo = readInt(value + 4) & 0xFFFF_FFFFL;
                offsetSeconds = littleEndian ? (lo << 32 | hi) : (hi << 32 | lo);
            }
            o = value + ((optionLength + 3) & ~3);
        }
        interfaces.add(new Interface(linkTypeNumber, LinkType.fromPcap(linkTypeNumber), snapLength, ticks, offsetSeconds));
    }

    private static long powerOfTen(int exponent) {
        long v = 1;
        for (int i = 0; i < Math.min(exponent, 18); i++) {
            v *= 10;
        }
        return v;
    }

    private Interface iface(int id) throws CaptureFormatException {
        if (id < 0 || id >= interfaces.size()) {
            throw new CaptureFormatException("pcapng packet at byte " + in.streamOffset() + " names undeclared interface " + id);
        }
        return interfaces.get(id);
    }

    private boolean enhancedPacket(int p, int length) throws CaptureFormatException {
        if (length < 32) {
            throw new CaptureFormatException("pcapng enhanced packet block too short at byte " + in.streamOffset());
        }
        current = iface(readInt(p + 8));
        long ticks = (readInt(p + 12) & 0xFFFF_FFFFL) << 32 | (readInt(p + 16) & 0xFFFF_FFFFL);
        return packet(p + 28, readInt(p + 20), readInt(p + 24), length - 32, ticks);
    }

    private boolean obsoletePacket(int p, int length) throws CaptureFormatException {
        if (length < 32) {
            throw new CaptureFormatException("pcapng packet block too short at byte " + in.streamOffset());
        }
        current = iface(readShort(p + 8));
        long ticks = (readInt(p + 12) & 0xFFFF_FFFFL) << 32 | (readInt(p + 16) & 0xFFFF_FFFFL);
        return packet(p + 28, readInt(p + 20), readInt(p + 24), length - 32, ticks);
    }

    private boolean simplePacket(int p, int length) throws CaptureFormatException {
        if (length < 16) {
            throw new CaptureFormatException("pcapng simple packet block too short at byte " + in.streamOffset());
        }
        current = iface(0);
        int originalLength = readInt(p + 8);
        int room = length - 16;
        int capturedLength = originalLength < 0 ? room : Math.min(originalLength, room);
        if (current.snapLength() > 0) {
            capturedLength = Math.min(capturedLength, current.snapLength());
        }
        timestamp = 0; // simple packet blocks carry no timestamp
        offset = p + 12;
        captured = capturedLength;
        original = originalLength < 0 ? Integer.MAX_VALUE : Math.max(originalLength, capturedLength);
        return true;
    }

    private boolean packet(int data, int capturedLength, int originalLength, int room, long ticks) throws CaptureFormatException {
        if (capturedLength < 0 || capturedLength > room) {
            throw new CaptureFormatException("pcapng packet at byte " + in.streamOffset() + " claims " + (capturedLength & 0xFFFF_FFFFL)
                    + " captured bytes in a block with room for " + room);
        }
        offset = data;
        captured = capturedLength;
        original = originalLength < 0 ? Integer.MAX_VALUE : Math.max(originalLength, capturedLength);
        timestamp = toMicros(ticks, current.ticksPerSecond()) + current.offsetSeconds() * 1_000_000L;
        return true;
    }

    static long toMicros(long ticks, long ticksPerSecond) {
        if (ticksPerSecond == 1_000_000) {
            return ticks;
        }
        long seconds = Long.divideUnsigned(ticks, ticksPerSecond);
        long rest = Long.remainderUnsigned(ticks, ticksPerSecond);
        long fraction = ticksPerSecond <= 1_000_000_000_000L
                ? rest * 1_000_000 / ticksPerSecond
                : rest / (ticksPerSecond / 1_000_000);
        return seconds * 1_000_000 + fraction;
    }

    private int readInt(int i) {
        int v = Bytes.bigEndianInt(in.array(), i);
        return littleEndian ? Integer.reverseBytes(v) : v;
    }

    private int readShort(int i) {
        int v = Bytes.bigEndianShort(in.array(), i);
        return littleEndian ? Integer.reverseBytes(v) >>> 16 : v;
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
        return current.linkTypeNumber();
    }

    @Override
    public LinkType linkType() {
        return current.linkType();
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
