package io.periscope.mirror.dispatch;

import io.periscope.segment.TcpSegment;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded multi-producer, single-consumer queue whose cells are the preallocated {@link SegmentSlot}s
 * (Dmitry Vyukov's bounded queue): producers claim a position with one CAS, copy the segment into that
 * position's slot and publish it by advancing the slot's sequence; the single consumer processes the
 * slot in place and hands it back the same way. No locks, no allocation, and a full queue is detected
 * without blocking.
 *
 * <p>Slot {@code i} cycles through sequences: {@code pos} (free for the producer of position
 * {@code pos}), {@code pos + 1} (filled, readable by the consumer at {@code pos}),
 * {@code pos + capacity} (free for the next lap).
 */
final class SegmentRing {
    private final SegmentSlot[] slots;
    private final int mask;
    private final AtomicLong tail = new AtomicLong();
    /** Consumer-owned; read by other threads only for the approximate {@link #size()}. */
    private volatile long head;

    SegmentRing(int capacity, int payloadCapacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        slots = new SegmentSlot[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new SegmentSlot(i, payloadCapacity);
        }
        mask = capacity - 1;
    }

    /** Copies the segment into a free slot; false, without waiting, when every slot is taken. */
    boolean offer(TcpSegment segment, long fingerprint) {
        long pos = tail.get();
        SegmentSlot slot;
        while (true) {
            slot = slots[(int) pos & mask];
            long difference = slot.sequence() - pos;
            if (difference == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    break;
                }
                pos = tail.get();
            } else if (difference < 0) {
                return false; // the slot of this position still holds last lap's segment: full
            } else {
                pos = tail.get(); // another producer took this position
            }
        }
        slot.copyFrom(segment, fingerprint);
        slot.publish(pos + 1);
        return true;
    }

    /** The oldest filled slot, or null when empty. Consumer thread only; follow with {@link #release}. */
    SegmentSlot peek() {
        long h = head;
        SegmentSlot slot = slots[(int) h & mask];
        return slot.sequence() == h + 1 ? slot : null;
    }

    /** Frees the slot returned by the last {@link #peek()}. Consumer thread only. */
    void release(SegmentSlot slot) {
        long h = head;
        slot.release();
        slot.publish(h + slots.length);
        head = h + 1;
    }

    boolean isEmpty() {
        long h = head;
        return slots[(int) h & mask].sequence() != h + 1;
    }

    int size() {
        return (int) Math.max(0, Math.min(slots.length, tail.get() - head));
    }

    int capacity() {
        return slots.length;
    }
}
