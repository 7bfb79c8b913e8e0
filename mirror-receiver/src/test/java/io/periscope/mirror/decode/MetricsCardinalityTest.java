package io.periscope.mirror.decode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.mirror.config.DecoderConfig;
import io.periscope.mirror.config.SessionConfig;
import io.periscope.mirror.dispatch.PacketIntake;
import io.periscope.mirror.dispatch.SegmentDispatcher;
import io.periscope.mirror.dispatch.TickClock;
import io.periscope.mirror.config.DedupConfig;
import io.periscope.mirror.config.DispatchConfig;
import io.periscope.mirror.metrics.ReceiverMetrics;
import io.periscope.mirror.metrics.ReceiverStats;
import io.periscope.segment.SegmentSink;
import io.periscope.segment.TcpSegment;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsCardinalityTest {

    @Test
    void thousandsOfUnknownVnisShareOneSessionTagAndCountsReconcile() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        VniSessions sessions = new VniSessions(new SessionConfig(Map.of(5, "prod"), SessionConfig.UnknownVniPolicy.ACCEPT, "unknown", "default"));
        ReceiverMetrics metrics = new ReceiverMetrics(registry, sessions);
        SegmentDispatcher dispatcher = new SegmentDispatcher(new DispatchConfig(1, 4L * 1048576), DedupConfig.defaults(), (w, n) -> new SegmentSink() {
            public void onSegment(TcpSegment segment) {
            }

            public void onTick(long nowMicros) {
            }

            public void onClose() {
            }
        }, metrics, TickClock.CAPTURE);
        dispatcher.start();
        PacketIntake intake = new PacketIntake(DecoderConfig.defaults(), sessions, metrics, "file", dispatcher);
        int meters = registry.getMeters().size();
        for (int vni = 0; vni < 3000; vni++) {
            byte[] datagram = io.periscope.mirror.encode.Frames.vxlan(vni, TestPackets.innerFrame());
            intake.put(datagram, 0, datagram.length, LinkType.VXLAN, vni * 100_000L);
        }
        byte[] runt = new byte[3];
        intake.put(runt, 0, 3, LinkType.VXLAN, 0);
        dispatcher.close();
        assertThat(registry.getMeters()).as("no meter per VNI").hasSize(meters);
        ReceiverStats stats = metrics.snapshot();
        assertThat(stats.received()).isEqualTo(3001);
        assertThat(stats.decodedBySession()).containsEntry("prod", 1L).containsEntry("unknown", 2999L);
        assertThat(stats.malformedByReason()).containsEntry("truncated_header", 1L);
        assertThat(stats.decoded() + stats.skipped() + stats.malformed()).isEqualTo(stats.received());
        assertThat(stats.delivered() + stats.duplicates() + stats.queueDropped()).isEqualTo(stats.decoded());
        assertThat(registry.get(ReceiverMetrics.PACKETS_DECODED).tag("session", "unknown").counter().count()).isEqualTo(2999);
    }
}
