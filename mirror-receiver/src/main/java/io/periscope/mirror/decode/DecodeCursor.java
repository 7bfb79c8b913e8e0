package io.periscope.mirror.decode;

/**
 * The packet one {@link PacketDecoder} is decoding, shared by its layer readers: the buffer, the
 * read position, the end of the readable bytes, and the outcome once a layer decided it. One per
 * decoder, reused for every packet, so layers hand over position and bounds without allocating.
 *
 * <p>{@link #end} only ever shrinks ({@link #narrow}): it starts at the captured length and each
 * length field can narrow it but never widen it, so no read goes past the captured bytes whatever
 * the headers claim.
 */
final class DecodeCursor {
    /** The layer a decoder reads next; {@link #DONE} once the outcome is decided. */
    enum Layer { ETHERNET, IPV4, IPV6, UDP, VXLAN, GENEVE, TCP, DONE }

    byte[] buf;
    int pos;
    int end;
    DecodeOutcome outcome;

    void reset(byte[] packet, int offset, int capturedLength) {
        buf = packet;
        pos = offset;
        end = offset + capturedLength;
        outcome = null;
    }

    /** Bytes readable from {@link #pos}. */
    int remaining() {
        return end - pos;
    }

    /** A length field says the current layer ends at {@code limit}: bytes past it are not the packet's. */
    void narrow(int limit) {
        end = Math.min(end, limit);
    }

    Layer finish(DecodeOutcome result) {
        outcome = result;
        return Layer.DONE;
    }

    int u8(int i) {
        return buf[i] & 0xff;
    }

    int u16(int i) {
        return ((buf[i] & 0xff) << 8) | (buf[i + 1] & 0xff);
    }

    int i32(int i) {
        return ((buf[i] & 0xff) << 24) | ((buf[i + 1] & 0xff) << 16) | ((buf[i + 2] & 0xff) << 8) | (buf[i + 3] & 0xff);
    }

    long i64(int i) {
        return ((long) i32(i) << 32) | (i32(i + 4) & 0xFFFF_FFFFL);
    }
}
