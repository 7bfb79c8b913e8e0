package io.periscope.reassembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.events.http.ExchangeFlag;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.time.EpochMicros;
import io.periscope.events.time.ManualClock;
import io.periscope.mirror.config.DecoderConfig;
import io.periscope.mirror.config.DedupConfig;
import io.periscope.mirror.config.DispatchConfig;
import io.periscope.mirror.config.SessionConfig;
import io.periscope.mirror.decode.DecodeOutcome;
import io.periscope.mirror.decode.LinkType;
import io.periscope.mirror.decode.PacketDecoder;
import io.periscope.mirror.decode.VniSessions;
import io.periscope.mirror.dispatch.SegmentDispatcher;
import io.periscope.mirror.dispatch.TickClock;
import io.periscope.mirror.encode.Frames;
import io.periscope.mirror.metrics.ReceiverMetrics;
import io.periscope.reassembly.support.Harness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A live receiver expires idle connections on its injected clock: the test moves the clock instead of waiting 30 s. */
class LiveIdleTimeoutTest {
    @Test
    void anIdleLiveConnectionIsFlushedOnlyOnceTheReceiversClockPassesTheIdleTimeout() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<HttpExchange> exchanges = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ReassemblySinkFactory sinks = new ReassemblySinkFactory(ReassemblyConfig.builder(Harness.SECRET).receiverId("r1")
                .idleTimeout(Duration.ofSeconds(30)).build(), exchanges::add, registry);
        VniSessions sessions = new VniSessions(SessionConfig.defaults());
        ReceiverMetrics metrics = new ReceiverMetrics(registry, sessions);
        PacketDecoder decoder = new PacketDecoder(DecoderConfig.defaults(), sessions);
        SegmentDispatcher dispatcher = new SegmentDispatcher(new DispatchConfig(1, 1048576), DedupConfig.defaults(), sinks,
                metrics, TickClock.wall(clock));
        dispatcher.start();
        try {
            byte[] request = "POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nonly part".getBytes(StandardCharsets.US_ASCII);
            byte[] tcp = Frames.tcp(40000, 80, 1, 1, 0x18, 100, new byte[0], request);
            byte[] ip = Frames.ipv4(Frames.ipv4Address(10, 0, 1, 25), Frames.ipv4Address(10, 0, 2, 80), Frames.PROTO_TCP, 1, tcp);
            byte[] datagram = Frames.vxlan(1, Frames.ethernet(1, 2, Frames.ETHERTYPE_IPV4, ip));
            assertThat(decoder.decode(datagram, 0, datagram.length, LinkType.VXLAN, EpochMicros.now(clock))).isEqualTo(DecodeOutcome.SEGMENT);
            assertThat(dispatcher.offer(decoder.packet())).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> metrics.snapshot().delivered() == 1);

            clock.advance(Duration.ofSeconds(29));
            // two tick periods: each tick reports 29 s of idleness, under the timeout
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(exchanges::isEmpty);

            clock.advance(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).until(() -> exchanges.size() == 1);
            assertThat(exchanges.get(0).flags()).contains(ExchangeFlag.PARTIAL, ExchangeFlag.UNPAIRED_REQUEST);
            assertThat(sinks.metrics().value("connections.closed{reason=idle}")).isEqualTo(1);
        } finally {
            dispatcher.close();
        }
    }
}
