package io.periscope.mirror.dispatch;

import io.periscope.segment.TcpSegment;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * One worker's hand-off queue, sized in bytes: receive threads write each segment (an 84-byte header
 * and exactly its payload) straight into an Agrona {@link ManyToOneRingBuffer}, and the worker reads
 * them in place. A queue of N bytes therefore holds N bytes of traffic whatever the packet sizes (a
 * slot queue sized for jumbo frames holds few ACKs), jumbo and GSO payloads need no extra array,
 * and nothing is allocated per segment on either side.
 *
 * <p>The ring lives in an aligned direct buffer (Agrona's atomic operations need 8-byte alignment,
 * which it cannot verify for a {@code byte[]}); the worker's view copies a payload into one reused
 * array the first time its sink asks for it, since {@link TcpSegment} hands out arrays.
 *
 * <p>Producers claim space with one CAS on the ring's tail and publish with an ordered store of the
 * record length; the single consumer processes records in order and frees them in batches.
 */
final class SegmentQueue {
    private static final int SEGMENT = 1;
    // header field offsets; "_AT" keeps them apart from TcpSegment's flag constants, which the view inherits
    private static final int TIMESTAMP_AT = 0;
    private static final int SRC_HI_AT = 8;
    private static final int SRC_LO_AT = 16;
    private static final int DST_HI_AT = 24;
    private static final int DST_LO_AT = 32;
    private static final int FINGERPRINT_AT = 40;
    private static final int VNI_AT = 48;
    private static final int SESSION_AT = 52;
    private static final int PORTS_AT = 56;
    private static final int SEQ_AT = 60;
    private static final int ACK_AT = 64;
    private static final int FLAGS_AT = 68;
    private static final int WINDOW_AT = 72;
    private static final int WIRE_LENGTH_AT = 76;
    private static final int FLOW_HASH_AT = 80;
    static final int HEADER = 84;
    private static final int IPV6_FLAG = 1 << 16;
    /** Largest TCP payload an IP packet can carry; a queue must hold a few of them. */
    private static final int MAX_PAYLOAD = 65_535;

    private final RingBuffer ring;
    private final UnsafeBuffer buffer;
    private final View view;

    /**
     * @param capacityBytes a power of two, at least {@link #minimumCapacity()}
     * @param sessions      session names by index (the header stores the index: no object crosses the queue)
     */
    SegmentQueue(int capacityBytes, String[] sessions) {
        if (Integer.bitCount(capacityBytes) != 1 || capacityBytes < minimumCapacity()) {
            throw new IllegalArgumentException("queue capacity must be a power of two of at least "
                    + minimumCapacity() + " bytes: " + capacityBytes);
        }
        buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH,
                BitUtil.CACHE_LINE_LENGTH));
        ring = new ManyToOneRingBuffer(buffer);
        view = new View(buffer, sessions);
    }

    /** A ring accepts messages up to an eighth of its capacity: this fits the largest segment. */
    static int minimumCapacity() {
        return Integer.highestOneBit((HEADER + MAX_PAYLOAD) * 8) << 1;
    }

    /** Copies the segment in; false, without waiting, when the bytes it needs are not free. */
    boolean offer(TcpSegment s, int sessionIndex, long fingerprint) {
        int length = s.payloadLength();
        int index = ring.tryClaim(SEGMENT, HEADER + length);
        if (index < 0) {
            return false;
        }
        UnsafeBuffer b = buffer;
        b.putLong(index + TIMESTAMP_AT, s.timestampMicros());
        b.putLong(index + SRC_HI_AT, s.srcAddrHi());
        b.putLong(index + SRC_LO_AT, s.srcAddrLo());
        b.putLong(index + DST_HI_AT, s.dstAddrHi());
        b.putLong(index + DST_LO_AT, s.dstAddrLo());
        b.putLong(index + FINGERPRINT_AT, fingerprint);
        b.putInt(index + VNI_AT, s.vni());
        b.putInt(index + SESSION_AT, sessionIndex);
        b.putInt(index + PORTS_AT, s.srcPort() << 16 | s.dstPort());
        b.putInt(index + SEQ_AT, s.seq());
        b.putInt(index + ACK_AT, s.ack());
        b.putInt(index + FLAGS_AT, s.flags() | (s.ipv6() ? IPV6_FLAG : 0));
        b.putInt(index + WINDOW_AT, s.window());
        b.putInt(index + WIRE_LENGTH_AT, s.wireLength());
        b.putInt(index + FLOW_HASH_AT, s.flowHash());
        b.putBytes(index + HEADER, s.payloadArray(), s.payloadOffset(), length);
        ring.commit(index);
        return true;
    }

    /** Hands up to {@code limit} queued segments to {@code consumer}, in order; consumer thread only. */
    int drain(Consumer consumer, int limit) {
        view.consumer = consumer;
        return ring.read(view, limit);
    }

    boolean isEmpty() {
        return ring.size() == 0;
    }

    /** Bytes taken by queued segments (approximate while producers write). */
    int sizeBytes() {
        return ring.size();
    }

    int capacityBytes() {
        return ring.capacity();
    }

    /** Receives each queued segment; the segment and its payload are valid only during the call. */
    interface Consumer {
        void onSegment(TcpSegment segment, long fingerprint);
    }

    /** The flyweight the worker sees: reads the record in place. */
    private static final class View implements TcpSegment, MessageHandler {
        private final UnsafeBuffer buffer;
        private final byte[] payload = new byte[MAX_PAYLOAD];
        private final String[] sessions;
        private Consumer consumer;
        private int index;
        private int length;
        private boolean payloadCopied;

        View(UnsafeBuffer buffer, String[] sessions) {
            this.buffer = buffer;
            this.sessions = sessions;
        }

        @Override
        public void onMessage(int type, org.agrona.MutableDirectBuffer ignored, int index, int length) {
            this.index = index;
            this.length = length;
            this.payloadCopied = false;
            consumer.onSegment(this, buffer.getLong(index + FINGERPRINT_AT));
        }

        @Override
        public long timestampMicros() {
            return buffer.getLong(index + TIMESTAMP_AT);
        }

        @Override
        public String session() {
            return sessions[buffer.getInt(index + SESSION_AT)];
        }

        @Override
        public int vni() {
            return buffer.getInt(index + VNI_AT);
        }

        @Override
        public boolean ipv6() {
            return (buffer.getInt(index + FLAGS_AT) & IPV6_FLAG) != 0;
        }

        @Override
        public long srcAddrHi() {
            return buffer.getLong(index + SRC_HI_AT);
        }

        @Override
        public long srcAddrLo() {
            return buffer.getLong(index + SRC_LO_AT);
        }

        @Override
        public long dstAddrHi() {
            return buffer.getLong(index + DST_HI_AT);
        }

        @Override
        public long dstAddrLo() {
            return buffer.getLong(index + DST_LO_AT);
        }

        @Override
        public int srcPort() {
            return buffer.getInt(index + PORTS_AT) >>> 16;
        }

        @Override
        public int dstPort() {
            return buffer.getInt(index + PORTS_AT) & 0xFFFF;
        }

        @Override
        public int seq() {
            return buffer.getInt(index + SEQ_AT);
        }

        @Override
        public int ack() {
            return buffer.getInt(index + ACK_AT);
        }

        @Override
        public int flags() {
            return buffer.getInt(index + FLAGS_AT) & 0xFFFF;
        }

        @Override
        public int window() {
            return buffer.getInt(index + WINDOW_AT);
        }

        @Override
        public byte[] payloadArray() {
            if (!payloadCopied) {
                buffer.getBytes(index + HEADER, payload, 0, length - HEADER);
                payloadCopied = true;
            }
            return payload;
        }

        @Override
        public int payloadOffset() {
            return 0;
        }

        @Override
        public int payloadLength() {
            return length - HEADER;
        }

        @Override
        public int wireLength() {
            return buffer.getInt(index + WIRE_LENGTH_AT);
        }

        @Override
        public int flowHash() {
            return buffer.getInt(index + FLOW_HASH_AT);
        }
    }
}
