package io.periscope.mirror.dispatch;

import io.periscope.segment.TcpSegment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentQueueTest {
    private static final String[] SESSIONS = {"default", "unknown", "prod-vpc"};

    /** A segment whose source port names the producer, whose sequence number counts its segments. */
    private static TcpSegment segment(int producer, int n, byte[] payload) {
        return new TcpSegment() {
            public long timestampMicros() { return 1_700_000_000_000_000L + n; }
            public String session() { return "prod-vpc"; }
            public int vni() { return 77; }
            public boolean ipv6() { return producer % 2 == 1; }
            public long srcAddrHi() { return -1L; }
            public long srcAddrLo() { return 0x0A00_0001L; }
            public long dstAddrHi() { return 0x2001_0db8L; }
            public long dstAddrLo() { return Long.MIN_VALUE; }
            public int srcPort() { return producer; }
            public int dstPort() { return 65535; }
            public int seq() { return n; }
            public int ack() { return -n; }
            public int flags() { return TcpSegment.ACK | TcpSegment.PSH; }
            public int window() { return 65535; }
            public byte[] payloadArray() { return payload; }
            public int payloadOffset() { return 0; }
            public int payloadLength() { return payload.length; }
            public int wireLength() { return payload.length + 3; }
            public int flowHash() { return 0xCAFEBABE; }
        };
    }

    @Test
    void everyFieldAndThePayloadArriveAsTheyWereOffered() {
        SegmentQueue queue = new SegmentQueue(1 << 20, SESSIONS);
        byte[] payload = "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(queue.offer(segment(3, 42, payload), 2, 0x1234_5678_9ABCL)).isTrue();
        List<String> seen = new ArrayList<>();
        queue.drain((s, fingerprint) -> {
            assertThat(fingerprint).isEqualTo(0x1234_5678_9ABCL);
            assertThat(s.timestampMicros()).isEqualTo(1_700_000_000_000_042L);
            assertThat(s.session()).isEqualTo("prod-vpc");
            assertThat(s.vni()).isEqualTo(77);
            assertThat(s.ipv6()).isTrue();
            assertThat(new long[] {s.srcAddrHi(), s.srcAddrLo(), s.dstAddrHi(), s.dstAddrLo()})
                    .containsExactly(-1L, 0x0A00_0001L, 0x2001_0db8L, Long.MIN_VALUE);
            assertThat(new int[] {s.srcPort(), s.dstPort(), s.seq(), s.ack(), s.flags(), s.window(), s.wireLength(), s.flowHash()})
                    .containsExactly(3, 65535, 42, -42, TcpSegment.ACK | TcpSegment.PSH, 65535, payload.length + 3, 0xCAFEBABE);
            seen.add(new String(s.payloadArray(), s.payloadOffset(), s.payloadLength(), StandardCharsets.US_ASCII));
        }, 10);
        assertThat(seen).containsExactly("GET / HTTP/1.1\r\n");
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void capacityIsCountedInBytesSoSmallSegmentsFillItFarLaterThanLargeOnes() {
        SegmentQueue small = new SegmentQueue(1 << 20, SESSIONS);
        SegmentQueue large = new SegmentQueue(1 << 20, SESSIONS);
        int acks = 0;
        while (small.offer(segment(0, acks, new byte[0]), 0, 0)) {
            acks++;
        }
        int jumbo = 0;
        while (large.offer(segment(0, jumbo, new byte[8951]), 0, 0)) {
            jumbo++;
        }
        // a record is an 8-byte ring header, the 84-byte segment header and the payload, 8-byte aligned
        assertThat(acks).isEqualTo((1 << 20) / 96);
        assertThat(jumbo).isEqualTo((1 << 20) / 9048);
    }

    @Test
    void queuesSmallerThanEightLargestSegmentsAreRefused() {
        assertThatThrownBy(() -> new SegmentQueue(1 << 19, SESSIONS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SegmentQueue((1 << 20) + 8, SESSIONS)).isInstanceOf(IllegalArgumentException.class);
        SegmentQueue queue = new SegmentQueue(SegmentQueue.minimumCapacity(), SESSIONS);
        assertThat(queue.offer(segment(0, 0, new byte[65_535]), 0, 0)).isTrue();
    }

    @Test
    void concurrentProducersLoseNothingAndKeepTheirOwnOrder() throws InterruptedException {
        SegmentQueue queue = new SegmentQueue(1 << 20, SESSIONS);
        int producers = 3;
        int each = 100_000;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                byte[] payload = new byte[producer * 100];
                for (int i = 0; i < each; i++) {
                    while (!queue.offer(segment(producer, i, payload), 0, 0)) {
                        Thread.onSpinWait();
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        int[] next = new int[producers];
        int[] received = {0};
        while (received[0] < producers * each) {
            if (queue.drain((s, fp) -> {
                assertThat(s.seq()).isEqualTo(next[s.srcPort()]);
                assertThat(s.payloadLength()).isEqualTo(s.srcPort() * 100);
                next[s.srcPort()]++;
                received[0]++;
            }, 64) == 0) {
                Thread.onSpinWait();
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(next).containsOnly(each);
        assertThat(queue.isEmpty()).isTrue();
    }
}
