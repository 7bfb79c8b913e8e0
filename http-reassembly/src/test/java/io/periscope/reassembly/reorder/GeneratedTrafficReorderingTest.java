package io.periscope.reassembly.reorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.http.HttpExchange;
import io.periscope.mirror.synthetic.SyntheticCapture;
import io.periscope.mirror.synthetic.TrafficSpec;
import io.periscope.reassembly.support.Packet;
import io.periscope.reassembly.support.Perturbation;
import io.periscope.reassembly.support.RecordedCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reordering, duplication and loss properties on generated mirrored traffic
 * ({@code io.periscope.mirror.synthetic}): hundreds of interleaved keep-alive connections (pipelining,
 * chunked and gzip responses, client ports reused once a connection closed), written to a pcap and read
 * back through the receiver's ingest, so reordering moves packets between connections as a mirror does.
 */
class GeneratedTrafficReorderingTest {
    private static final int SEEDS = 6;

    @TempDir
    Path dir;

    private List<Packet> generate(TrafficSpec spec) throws IOException {
        Path file = dir.resolve("generated-" + spec.seed() + ".pcap");
        SyntheticCapture.write(spec, file);
        List<Packet> packets = RecordedCapture.read(file);
        Files.delete(file);
        return packets;
    }

    @Test
    void reorderedAndDuplicatedGeneratedTrafficYieldsTheCleanExchanges() throws IOException {
        List<Packet> packets = generate(TrafficSpec.realistic(400, 11).withConcurrentConnections(120));
        CapturedExchanges clean = CapturedExchanges.of(packets);
        assertThat(clean.exchanges()).hasSizeGreaterThan(2000);
        assertThat(clean.gapBytes()).isZero();
        for (long seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            ReorderingIsNotLossPropertyTest.assertSame(
                    CapturedExchanges.of(Perturbation.reorder(packets, random, 0.05, 3)), clean);
            ReorderingIsNotLossPropertyTest.assertSame(
                    CapturedExchanges.of(Perturbation.duplicate(packets, random, seed % 2 == 0 ? 1.0 : 0.3, 3)), clean);
        }
    }

    @Test
    void droppedDataSegmentsChangeOnlyTheGeneratedExchangesTheyTouch() throws IOException {
        // without pipelining: after a loss, pipelined responses cannot be told apart by acknowledgement
        TrafficSpec spec = new TrafficSpec(300, 100, 10, 0, 20, 25, 50_000, 7, 23, TrafficSpec.DEFAULT_START_MICROS);
        List<Packet> packets = generate(spec);
        CapturedExchanges clean = CapturedExchanges.of(packets);
        for (long seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            List<Packet> kept = new ArrayList<>(packets);
            List<Packet> dropped = new ArrayList<>();
            while (dropped.size() < 20) {
                int at = random.nextInt(kept.size());
                if (kept.get(at).payload().length > 0) {
                    dropped.add(kept.remove(at));
                }
            }
            Set<String> got = new HashSet<>(CapturedExchanges.of(Perturbation.reorder(kept, random, 0.05, 3)).canonical());
            for (HttpExchange e : clean.exchanges()) {
                if (dropped.stream().noneMatch(p -> ReorderingIsNotLossPropertyTest.touches(p, e))) {
                    assertThat(got).as("untouched exchange, seed %d", seed).contains(CapturedExchanges.canonical(e));
                }
            }
        }
    }
}
