package io.periscope.mirror.dispatch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.events.time.EpochMicros;
import io.periscope.events.time.ManualClock;
import io.periscope.mirror.config.DecoderConfig;
import io.periscope.mirror.config.DedupConfig;
import io.periscope.mirror.config.DispatchConfig;
import io.periscope.mirror.config.SessionConfig;
import io.periscope.mirror.decode.DecodeOutcome;
import io.periscope.mirror.decode.DecodedPacket;
import io.periscope.mirror.decode.LinkType;
import io.periscope.mirror.decode.PacketDecoder;
import io.periscope.mirror.decode.VniSessions;
import io.periscope.mirror.encode.Frames;
import io.periscope.mirror.metrics.ReceiverMetrics;
import io.periscope.mirror.metrics.ReceiverStats;
import io.periscope.segment.SegmentSink;
import io.periscope.segment.TcpSegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SegmentDispatcherTest {
    private static final int CLIENT = Frames.ipv4Address(10, 0, 1, 25);
    private static final int SERVER = Frames.ipv4Address(10, 0, 2, 80);

    private final VniSessions sessions = new VniSessions(SessionConfig.defaults());
    private final ReceiverMetrics metrics = new ReceiverMetrics(new SimpleMeterRegistry(), sessions);
    private final PacketDecoder decoder = new PacketDecoder(DecoderConfig.defaults(), sessions);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final TickClock wall = TickClock.wall(clock);
    private SegmentDispatcher dispatcher;

    @AfterEach
    void close() throws InterruptedException {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    /** Recorded view of a delivered segment (the slot itself is only valid during the call). */
    record Seen(int worker, String thread, int srcPort, int dstPort, String payload, long timestamp) {
    }

    static final class RecordingSink implements SegmentSink {
        final int worker;
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        final List<Long> ticks = new CopyOnWriteArrayList<>();
        final AtomicInteger closes = new AtomicInteger();
        volatile CountDownLatch gate;

        RecordingSink(int worker) {
            this.worker = worker;
        }

        @Override
        public void onSegment(TcpSegment s) {
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            seen.add(new Seen(worker, Thread.currentThread().getName(), s.srcPort(), s.dstPort(),
                    new String(s.payloadArray(), s.payloadOffset(), s.payloadLength(), StandardCharsets.ISO_8859_1), s.timestampMicros()));
        }

        @Override
        public void onTick(long nowMicros) {
            ticks.add(nowMicros);
        }

        @Override
        public void onClose() {
            closes.incrementAndGet();
        }
    }

    private final Map<Integer, RecordingSink> sinks = new ConcurrentHashMap<>();

    private static final long MIB = 1 << 20;

    private SegmentDispatcher start(int workers, DedupConfig dedup, TickClock clock) {
        dispatcher = new SegmentDispatcher(new DispatchConfig(workers, workers * MIB), dedup,
                (w, n) -> sinks.computeIfAbsent(w, RecordingSink::new), metrics, clock);
        dispatcher.start();
        return dispatcher;
    }

    private static DedupConfig noDedup() {
        return new DedupConfig(false, Duration.ofMillis(10), 16);
    }

    private DecodedPacket segment(int srcPort, int dstPort, boolean fromClient, int seq, String payload, int vni, long ts) {
        byte[] tcp = Frames.tcp(srcPort, dstPort, seq, 1, 0x18, 100, new byte[0], payload.getBytes(StandardCharsets.ISO_8859_1));
        byte[] ip = Frames.ipv4(fromClient ? CLIENT : SERVER, fromClient ? SERVER : CLIENT, Frames.PROTO_TCP, seq & 0xFFFF, tcp);
        byte[] datagram = Frames.vxlan(vni, Frames.ethernet(1, 2, Frames.ETHERTYPE_IPV4, ip));
        assertThat(decoder.decode(datagram, 0, datagram.length, LinkType.VXLAN, ts)).isEqualTo(DecodeOutcome.SEGMENT);
        return decoder.packet();
    }

    private static void awaitUntil(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(10)).until(condition);
    }

    private int delivered() {
        return sinks.values().stream().mapToInt(s -> s.seen.size()).sum();
    }

    @Test
    void bothDirectionsOfEveryConnectionReachTheSameWorker() throws InterruptedException {
        start(4, noDedup(), wall);
        for (int client = 40000; client < 40200; client++) {
            assertThat(dispatcher.offer(segment(client, 80, true, 1, "q", 1, 0))).isTrue();
            assertThat(dispatcher.offer(segment(80, client, false, 1, "r", 1, 0))).isTrue();
        }
        awaitUntil(() -> delivered() == 400);
        Map<Integer, Set<Integer>> workersByConnection = new ConcurrentHashMap<>();
        sinks.values().forEach(sink -> sink.seen.forEach(s -> workersByConnection
                .computeIfAbsent(s.srcPort() == 80 ? s.dstPort() : s.srcPort(), k -> ConcurrentHashMap.newKeySet()).add(s.worker())));
        assertThat(workersByConnection).hasSize(200).allSatisfy((port, workers) -> assertThat(workers).hasSize(1));
        assertThat(sinks.values().stream().filter(s -> !s.seen.isEmpty()).count()).as("flows spread over workers").isGreaterThan(1);
        sinks.values().forEach(sink -> assertThat(sink.seen).extracting(Seen::thread).containsOnly("periscope-reassembly-" + sink.worker));
    }

    @Test
    void fullQueueDropsAndCountsInsteadOfBlocking() throws InterruptedException {
        start(1, noDedup(), wall);
        CountDownLatch gate = new CountDownLatch(1);
        sinks.get(0).gate = gate;
        String payload = "x".repeat(8000);
        int accepted = 0;
        for (int i = 0; i < 200; i++) {
            if (dispatcher.offer(segment(40000, 80, true, i, payload, 1, 0))) {
                accepted++;
            }
        }
        // the queue holds bytes, not slots: 1 MiB takes 129 records of 8 + 84 + 8000 bytes (8-byte aligned)
        assertThat(accepted).isEqualTo((int) (MIB / 8096));
        gate.countDown();
        int expected = accepted;
        awaitUntil(() -> delivered() == expected);
        ReceiverStats stats = metrics.snapshot();
        assertThat(stats.queueDropped()).isEqualTo(200 - accepted);
        assertThat(stats.delivered()).isEqualTo(accepted);
    }

    @Test
    void putWaitsForRoomSoNothingIsLostAndOrderIsKept() throws InterruptedException {
        start(1, noDedup(), TickClock.CAPTURE);
        String pad = "p".repeat(2000); // 5,000 of these are ten times the queue
        for (int i = 0; i < 5000; i++) {
            dispatcher.put(segment(40000, 80, true, i, i + pad, 1, 1_000_000L + i));
        }
        dispatcher.close();
        assertThat(sinks.get(0).seen).extracting(Seen::payload)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 5000).mapToObj(i -> i + pad).toList());
        assertThat(metrics.snapshot().queueDropped()).isZero();
    }

    @Test
    void payloadIsCopiedOutOfTheReceiveBufferIncludingJumboAndGsoSizedOnes() throws InterruptedException {
        start(1, noDedup(), wall);
        char[] big = new char[60_000];
        Arrays.fill(big, 'b');
        DecodedPacket small = segment(40000, 80, true, 1, "small-payload", 1, 0);
        dispatcher.offer(small);
        Arrays.fill(small.payloadArray(), (byte) 0); // the receive buffer gets reused at once
        dispatcher.offer(segment(40000, 80, true, 2, new String(big), 1, 0));
        dispatcher.offer(segment(40000, 80, true, 3, "after", 1, 0));
        awaitUntil(() -> delivered() == 3);
        assertThat(sinks.get(0).seen).extracting(Seen::payload).containsExactly("small-payload", new String(big), "after");
    }

    @Test
    void copiesOfADoubleMirroredPacketUnderDifferentVnisAreDeliveredOnce() throws InterruptedException {
        start(3, DedupConfig.defaults(), wall);
        dispatcher.offer(segment(40000, 80, true, 7, "GET /", 100, 1_000));
        dispatcher.offer(segment(40000, 80, true, 7, "GET /", 200, 1_050));
        dispatcher.offer(segment(40000, 80, true, 8, "GET /x", 100, 1_100));
        awaitUntil(() -> delivered() == 2 && metrics.snapshot().duplicates() == 1);
        dispatcher.close();
        assertThat(delivered()).isEqualTo(2);
        assertThat(metrics.snapshot().duplicates()).isEqualTo(1);
    }

    @Test
    void idleWorkersTickAtLeastOnceASecondWithTheInjectedClocksTimeAndCloseFlushesEverySink() {
        long started = EpochMicros.now(clock);
        start(2, noDedup(), wall);
        // The sink contract promises a tick at least once a second: one at start, then two more within 2 s of idling.
        await().atMost(Duration.ofSeconds(2))
                .until(() -> sinks.get(0).ticks.size() >= 3 && sinks.get(1).ticks.size() >= 3);
        clock.advance(Duration.ofMinutes(5));
        dispatcher.close();
        for (RecordingSink sink : List.of(sinks.get(0), sinks.get(1))) {
            assertThat(sink.ticks).containsOnly(started, started + 300_000_000L);
            assertThat(sink.ticks.get(sink.ticks.size() - 1)).isEqualTo(started + 300_000_000L);
            assertThat(sink.closes.get()).isEqualTo(1);
        }
    }

    @Test
    void captureClockTicksFollowTheReplayedTimestamps() throws InterruptedException {
        start(1, noDedup(), TickClock.CAPTURE);
        // idle before the first packet: there is no capture time to report yet, through more than one tick period
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(10)).until(() -> sinks.get(0).ticks.isEmpty());
        dispatcher.put(segment(40000, 80, true, 1, "a", 1, 1_500_000_000_000_000L));
        dispatcher.close();
        assertThat(sinks.get(0).ticks).isNotEmpty().containsOnly(1_500_000_000_000_000L);
    }

    @Test
    void sinkThatThrowsIsCountedAndTheWorkerCarriesOn() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        dispatcher = new SegmentDispatcher(new DispatchConfig(1, MIB), noDedup(), (w, n) -> new SegmentSink() {
            @Override
            public void onSegment(TcpSegment s) {
                String p = new String(s.payloadArray(), s.payloadOffset(), s.payloadLength(), StandardCharsets.US_ASCII);
                if (p.equals("boom")) {
                    throw new IllegalStateException("sink bug");
                }
                synchronized (seen) {
                    seen.add(p);
                }
            }

            @Override
            public void onTick(long nowMicros) {
            }

            @Override
            public void onClose() {
            }
        }, metrics, wall);
        dispatcher.start();
        dispatcher.offer(segment(40000, 80, true, 1, "boom", 1, 0));
        dispatcher.offer(segment(40000, 80, true, 2, "fine", 1, 0));
        dispatcher.close();
        assertThat(seen).containsExactly("fine");
        assertThat(metrics.snapshot().sinkErrors()).isEqualTo(1);
    }
}
