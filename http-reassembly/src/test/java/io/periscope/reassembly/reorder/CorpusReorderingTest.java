package io.periscope.reassembly.reorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.reassembly.support.Packet;
import io.periscope.reassembly.support.Perturbation;
import io.periscope.reassembly.support.RecordedCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reordering and duplication properties over the real HTTP captures of the shared corpus (skipped
 * when it is absent), with many seeds each; also prints what the same perturbations cost without a
 * reorder window (gaps declared at the first acknowledgement, the behaviour before the window existed).
 */
class CorpusReorderingTest {
    private static final int SEEDS = 40;
    /**
     * Pipelined requests answered by pipelined responses: after a gap, every response acknowledges the same
     * request bytes, so pairing by acknowledgement ({@code HttpConversation}) cannot tell which pending
     * request a response answers and exchanges after the loss change too. Measured the same with and
     * without the reorder window: a limit of pairing, not of reassembly.
     */
    private static final String PIPELINED_AFTER_LOSS = "sv_http-protocol-nodup_40tx.pcap";
    private static List<Path> captures;

    @BeforeAll
    static void locate() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".git"))) {
            dir = dir.getParent();
        }
        Assumptions.assumeTrue(dir != null, "no repository root");
        Path http = dir.getParent().resolve("shared/corpus/http");
        Assumptions.assumeTrue(Files.isDirectory(http), "corpus absent: " + http);
        try (Stream<Path> s = Files.list(http)) {
            captures = s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
    }

    @Test
    void reorderedAndDuplicatedCorpusCapturesYieldTheirCleanExchanges() throws IOException {
        Totals before = new Totals();
        Totals after = new Totals();
        List<String> failures = new ArrayList<>();
        for (Path file : captures) {
            List<Packet> packets = RecordedCapture.read(file);
            CapturedExchanges clean = CapturedExchanges.of(packets);
            for (long seed = 0; seed < SEEDS; seed++) {
                Random random = new Random(seed);
                List<Packet> perturbed = seed % 2 == 0
                        ? Perturbation.reorder(packets, random, 0.05, 3)
                        : Perturbation.duplicate(packets, random, seed % 4 == 1 ? 1.0 : 0.3, 3);
                CapturedExchanges got = CapturedExchanges.of(perturbed);
                after.add(got, clean);
                before.add(CapturedExchanges.of(perturbed, b -> b.reorderWindowSegments(0).reorderWindow(Duration.ZERO)), clean);
                if (!got.canonical().equals(clean.canonical()) || got.gapBytes() != clean.gapBytes() || got.lateSegments() > 0) {
                    failures.add(file.getFileName() + " seed " + seed);
                }
            }
        }
        System.out.printf("%d corpus captures x %d seeds, without a reorder window: %s%n", captures.size(), SEEDS, before);
        System.out.printf("%d corpus captures x %d seeds, with the default window:  %s%n", captures.size(), SEEDS, after);
        assertThat(failures).isEmpty();
    }

    @Test
    void droppedDataSegmentsChangeOnlyTheCorpusExchangesTheyTouch() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Path file : captures) {
            if (file.getFileName().toString().equals(PIPELINED_AFTER_LOSS)) {
                continue;
            }
            List<Packet> packets = RecordedCapture.read(file);
            CapturedExchanges clean = CapturedExchanges.of(packets);
            for (long seed = 0; seed < SEEDS; seed++) {
                long run = seed;
                Random random = new Random(seed);
                List<Packet> kept = new ArrayList<>(packets);
                List<Packet> dropped = new ArrayList<>();
                for (int i = 1 + random.nextInt(3); i > 0 && !kept.isEmpty(); i--) {
                    int at = random.nextInt(kept.size());
                    if (kept.get(at).payload().length > 0) {
                        dropped.add(kept.remove(at));
                    }
                }
                List<String> got = CapturedExchanges.of(Perturbation.reorder(kept, random, 0.05, 3)).canonical();
                clean.exchanges().stream()
                        .filter(e -> dropped.stream().noneMatch(p -> ReorderingIsNotLossPropertyTest.touches(p, e)))
                        .map(CapturedExchanges::canonical)
                        .filter(c -> !got.contains(c))
                        .forEach(c -> failures.add(file.getFileName() + " seed " + run + ": " + c.substring(0, Math.min(160, c.length()))));
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Differences from the clean runs, summed. */
    static final class Totals {
        long changedExchanges;
        double extraGapBytes;
        double extraUnpaired;
        double lateSegments;

        void add(CapturedExchanges got, CapturedExchanges clean) {
            List<String> missing = new ArrayList<>(clean.canonical());
            got.canonical().forEach(missing::remove);
            changedExchanges += missing.size();
            extraGapBytes += got.gapBytes() - clean.gapBytes();
            extraUnpaired += got.unpaired() - clean.unpaired();
            lateSegments += got.lateSegments();
        }

        @Override
        public String toString() {
            return String.format("exchanges changed %d, extra gap bytes %.0f, extra unpaired messages %.0f, late segments %.0f",
                    changedExchanges, extraGapBytes, extraUnpaired, lateSegments);
        }
    }
}
