package io.periscope.reassembly.reorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.Timings;
import io.periscope.mirror.sample.SampleCapture;
import io.periscope.reassembly.support.Packet;
import io.periscope.reassembly.support.Perturbation;
import io.periscope.reassembly.support.RecordedCapture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * What a mirror does to real traffic on its way (the shipped sample capture, the JDK's HTTP client
 * against the sample API): reordering by a few positions and duplication change nothing at all, not one
 * exchange, flag or gap; losing segments changes only the exchanges whose bytes were lost.
 */
class ReorderingIsNotLossPropertyTest {
    static final List<Packet> SAMPLE = sample();
    static final CapturedExchanges CLEAN = CapturedExchanges.of(SAMPLE);

    private static List<Packet> sample() {
        try {
            Path dir = Files.createTempDirectory("periscope-sample");
            try {
                return RecordedCapture.read(SampleCapture.extractTo(dir));
            } finally {
                Files.deleteIfExists(dir.resolve("sample-api.pcap"));
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 200)
    void fivePercentOfPacketsMovedUpToThreePositionsLaterYieldTheCleanExchanges(@ForAll long seed) {
        CapturedExchanges reordered = CapturedExchanges.of(Perturbation.reorder(SAMPLE, new Random(seed), 0.05, 3));
        assertSame(reordered, CLEAN);
    }

    @Property(tries = 200)
    void packetsDeliveredTwiceYieldTheCleanExchanges(@ForAll long seed) {
        Random random = new Random(seed);
        double fraction = random.nextBoolean() ? 1.0 : random.nextDouble();
        CapturedExchanges doubled = CapturedExchanges.of(Perturbation.duplicate(SAMPLE, random, fraction, 3));
        assertSame(doubled, CLEAN);
    }

    @Property(tries = 100)
    void reorderingAndDuplicationTogetherYieldTheCleanExchanges(@ForAll long seed) {
        Random random = new Random(seed);
        List<Packet> both = Perturbation.reorder(Perturbation.duplicate(SAMPLE, random, 0.5, 2), random, 0.05, 3);
        assertSame(CapturedExchanges.of(both), CLEAN);
    }

    @Property(tries = 200)
    void droppedDataSegmentsChangeOnlyTheExchangesTheyTouch(@ForAll long seed) {
        Random random = new Random(seed);
        List<Packet> packets = new ArrayList<>(SAMPLE);
        List<Packet> dropped = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            int at = random.nextInt(packets.size());
            if (packets.get(at).payload().length > 0) {
                dropped.add(packets.remove(at));
            }
        }
        CapturedExchanges lossy = CapturedExchanges.of(Perturbation.reorder(packets, random, 0.05, 3));
        Set<String> got = new HashSet<>(lossy.canonical());
        for (HttpExchange e : CLEAN.exchanges()) {
            if (dropped.stream().noneMatch(p -> touches(p, e))) {
                assertThat(got).as("untouched exchange, dropped %d segments", dropped.size())
                        .contains(CapturedExchanges.canonical(e));
            }
        }
    }

    static void assertSame(CapturedExchanges perturbed, CapturedExchanges clean) {
        assertThat(perturbed.canonical()).isEqualTo(clean.canonical());
        assertThat(perturbed.gapBytes()).as("bytes declared lost").isEqualTo(clean.gapBytes());
        assertThat(perturbed.lateSegments()).as("segments that came after their window").isZero();
        assertThat(perturbed.unpaired()).as("unpaired messages").isEqualTo(clean.unpaired());
    }

    /**
     * Whether a packet may have carried bytes of the exchange: same connection, sent by the client while the
     * request was, or by the server between the request's start and the response's end (interim responses
     * such as 100 Continue come before the final response starts).
     */
    static boolean touches(Packet p, HttpExchange e) {
        boolean fromClient = p.src().port() == e.connection().clientPort() && p.dst().port() == e.connection().serverPort();
        boolean fromServer = p.dst().port() == e.connection().clientPort() && p.src().port() == e.connection().serverPort();
        Timings t = e.timings();
        long serverFrom = t.requestStartMicros() == Timings.UNKNOWN ? t.responseStartMicros() : t.requestStartMicros();
        return fromClient && within(p.micros(), t.requestStartMicros(), t.requestEndMicros())
                || fromServer && within(p.micros(), serverFrom, t.responseEndMicros());
    }

    private static boolean within(long micros, long start, long end) {
        return start != Timings.UNKNOWN && micros >= start && micros <= end;
    }
}
