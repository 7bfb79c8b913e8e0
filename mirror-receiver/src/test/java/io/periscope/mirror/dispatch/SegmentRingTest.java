package io.periscope.mirror.dispatch;

import io.periscope.segment.TcpSegment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentRingTest {

    /** A minimal segment whose source port names the producer and sequence numbers its segments. */
    private static TcpSegment segment(int producer, int n) {
        return new TcpSegment() {
            public long timestampMicros() { return 0; }
            public String session() { return "s"; }
            public int vni() { return -1; }
            public boolean ipv6() { return false; }
            public long srcAddrHi() { return 0; }
            public long srcAddrLo() { return 0; }
            public long dstAddrHi() { return 0; }
            public long dstAddrLo() { return 0; }
            public int srcPort() { return producer; }
            public int dstPort() { return 0; }
            public int seq() { return n; }
            public int ack() { return 0; }
            public int flags() { return 0; }
            public int window() { return 0; }
            public byte[] payloadArray() { return new byte[] {(byte) n}; }
            public int payloadOffset() { return 0; }
            public int payloadLength() { return 1; }
            public int wireLength() { return 1; }
            public int flowHash() { return 0; }
        };
    }

    @Test
    void offerFailsOnlyWhenEverySlotIsTakenAndSlotsAreReusedAfterRelease() {
        SegmentRing ring = new SegmentRing(4, 16);
        for (int i = 0; i < 4; i++) {
            assertThat(ring.offer(segment(0, i), 0)).isTrue();
        }
        assertThat(ring.offer(segment(0, 4), 0)).isFalse();
        SegmentSlot first = ring.peek();
        assertThat(first.seq()).isZero();
        ring.release(first);
        assertThat(ring.offer(segment(0, 4), 0)).isTrue();
        for (int expected = 1; expected <= 4; expected++) {
            SegmentSlot slot = ring.peek();
            assertThat(slot.seq()).isEqualTo(expected);
            ring.release(slot);
        }
        assertThat(ring.peek()).isNull();
        assertThat(ring.isEmpty()).isTrue();
    }

    @Test
    void concurrentProducersLoseNothingAndKeepTheirOwnOrder() throws InterruptedException {
        SegmentRing ring = new SegmentRing(64, 16);
        int producers = 3;
        int each = 100_000;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    while (!ring.offer(segment(producer, i), 0)) {
                        Thread.onSpinWait();
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        int[] next = new int[producers];
        int received = 0;
        while (received < producers * each) {
            SegmentSlot slot = ring.peek();
            if (slot == null) {
                Thread.onSpinWait();
                continue;
            }
            assertThat(slot.seq()).isEqualTo(next[slot.srcPort()]);
            next[slot.srcPort()]++;
            ring.release(slot);
            received++;
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(next).containsOnly(each);
        assertThat(ring.isEmpty()).isTrue();
    }
}
