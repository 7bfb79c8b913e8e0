package io.periscope.reassembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.replay.Pacer;
import io.periscope.mirror.replay.PipelineIngest;
import io.periscope.mirror.replay.Progress;
import io.periscope.mirror.source.CaptureFiles;
import io.periscope.mirror.source.CaptureReader;
import io.periscope.mirror.synthetic.SyntheticCapture;
import io.periscope.mirror.synthetic.Totals;
import io.periscope.mirror.synthetic.TrafficSpec;
import io.periscope.reassembly.support.Harness;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File replay at scale with the default limits: 20,000 keep-alive connections all open at once (their
 * packets interleaved, pipelining, chunked and gzip bodies), ingested twice through the real decoder,
 * dispatcher and reassembly workers. Every generated exchange comes out, paired, both times.
 */
class ScaleReplayTest {
    private static final int CONNECTIONS = 20_000;

    @TempDir
    Path dir;

    private record Run(long exchanges, ReassemblyMetrics metrics) {
    }

    private static Run replay(Path capture) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LongAdder exchanges = new LongAdder();
        ReassemblySinkFactory sinks = new ReassemblySinkFactory(ReassemblyConfig.builder(Harness.SECRET).build(),
                e -> exchanges.increment(), registry, IdleClock.SEGMENTS);
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            PipelineIngest.run(reader, Pacer.unlimited(), ReceiverConfig.defaults(), sinks, registry, Progress.NONE);
        }
        return new Run(exchanges.sum(), sinks.metrics());
    }

    @Test
    void twentyThousandConcurrentKeepAliveConnectionsYieldExactlyTheGeneratedExchangesOnEveryRun() throws Exception {
        Path capture = dir.resolve("scale.pcap");
        Totals totals = SyntheticCapture.write(TrafficSpec.realistic(CONNECTIONS, 12).withConcurrentConnections(CONNECTIONS)
                .withMeanExchanges(3), capture);
        assertThat(totals.connections()).isEqualTo(CONNECTIONS);

        Run first = replay(capture);
        Run second = replay(capture);

        assertThat(first.exchanges()).as("first run: %s", first.metrics().snapshot()).isEqualTo(totals.exchanges());
        assertThat(second.exchanges()).as("second run: %s", second.metrics().snapshot()).isEqualTo(totals.exchanges());
        ReassemblyMetrics m = first.metrics();
        assertThat(m.value("exchanges{pairing=paired}")).isEqualTo(totals.exchanges());
        assertThat(m.value("connections.opened")).isEqualTo(CONNECTIONS);
        assertThat(m.value("connections.closed{reason=fin}")).isEqualTo(CONNECTIONS);
        assertThat(m.value("connections.closed{reason=evicted_memory}") + m.value("connections.closed{reason=evicted_count}")
                + m.value("connections.closed{reason=idle}")).isZero();
    }
}
