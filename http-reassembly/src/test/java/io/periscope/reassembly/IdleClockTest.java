package io.periscope.reassembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.events.http.HttpExchange;
import io.periscope.reassembly.support.Conversation;
import io.periscope.reassembly.support.Harness;
import io.periscope.reassembly.support.Packet;
import io.periscope.reassembly.support.TestSegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * File replay expires idle connections by each worker's own segments, so where the dispatcher's ticks fall
 * (thread timing, the reader running ahead) cannot change what a replay publishes; live capture expires
 * them on ticks.
 */
class IdleClockTest {
    private static final long T0 = 1_700_000_000_000_000L;
    private static final long LATER = T0 + Duration.ofSeconds(200).toNanos() / 1000;

    private final List<HttpExchange> exchanges = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private ReassemblySink sink(IdleClock clock) {
        ReassemblyConfig config = ReassemblyConfig.builder(Harness.SECRET).idleTimeout(Duration.ofSeconds(120)).build();
        return new ReassemblySinkFactory(config, exchanges::add, registry, clock).createSink(0, 1);
    }

    private static List<Packet> unanswered() {
        return Conversation.between("10.0.1.1", 40000, "10.0.2.2", 80).startingAt(T0).handshake()
                .client("GET /waiting HTTP/1.1\r\nHost: h\r\n\r\n").packets();
    }

    private static List<Packet> later() {
        return Conversation.between("10.0.1.2", 40001, "10.0.2.2", 80).startingAt(LATER).handshake()
                .client("GET /later HTTP/1.1\r\nHost: h\r\n\r\n").server("HTTP/1.1 204 No Content\r\n\r\n").packets();
    }

    private static void feed(ReassemblySink sink, List<Packet> packets) {
        TestSegment flyweight = new TestSegment();
        packets.forEach(p -> sink.onSegment(flyweight.load(p)));
    }

    private double idleUnpaired() {
        return registry.counter(ReassemblyMetrics.PREFIX + "exchanges.unpaired", "side", "request", "reason", "idle_timeout").count();
    }

    @Test
    void aFileWorkerIgnoresTheDispatchersTicksAndExpiresByItsOwnSegments() {
        ReassemblySink sink = sink(IdleClock.SEGMENTS);
        feed(sink, unanswered());
        sink.onTick(LATER + 1_000_000_000L); // a reader far ahead: nothing expires on its word
        assertThat(exchanges).isEmpty();

        feed(sink, later()); // the worker's own clock passes the idle timeout: the waiting request goes first
        assertThat(exchanges).extracting(e -> e.request().path()).containsExactly("/waiting", "/later");
        assertThat(exchanges.get(0).response()).isNull();
        assertThat(idleUnpaired()).isEqualTo(1);
        sink.onClose();
    }

    @Test
    void aLiveWorkerExpiresOnTicksEvenWithoutTraffic() {
        ReassemblySink sink = sink(IdleClock.TICKS);
        feed(sink, unanswered());
        sink.onTick(LATER);
        assertThat(exchanges).extracting(e -> e.request().path()).containsExactly("/waiting");
        assertThat(idleUnpaired()).isEqualTo(1);
    }
}
