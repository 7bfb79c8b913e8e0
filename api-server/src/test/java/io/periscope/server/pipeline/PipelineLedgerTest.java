package io.periscope.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The ledger reads the same meters as /metrics and shows a missing count instead of hiding it. */
class PipelineLedgerTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private void count(String name, double n, String... tags) {
        registry.counter(name, tags).increment(n);
    }

    private PipelineLedger.Balance stage(String prefix) {
        List<PipelineLedger.Balance> all = PipelineLedger.of(registry);
        return all.stream().filter(b -> b.stage().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void aLiveReceiverWithSegmentsStillQueuedPutsTheRemainderDownToItsQueues() {
        count("periscope.mirror.packets.received", 10, "source", "udp");
        count("periscope.mirror.packets.decoded", 9, "session", "a");
        count("periscope.mirror.packets.skipped", 1, "reason", "non_tcp");
        count("periscope.mirror.segments.delivered", 6, "worker", "0");
        count("periscope.mirror.queue.dropped", 1, "worker", "0");
        registry.gauge("periscope.mirror.queue.bytes", new AtomicLong(300));

        assertThat(stage("packets received").reconciles()).isTrue();
        PipelineLedger.Balance segments = stage("TCP segments decoded");
        assertThat(segments.reconciles()).isTrue();
        assertThat(segments.count("still in worker queues (300 bytes)")).isEqualTo(2);
        assertThat(segments.dropped()).isEqualTo(1);
    }

    @Test
    void exchangesThatNoCounterExplainsAreShownAsUnexplained() {
        count("periscope.reassembly.messages", 10, "type", "request");
        count("periscope.reassembly.messages", 9, "type", "response");
        count("periscope.reassembly.exchanges", 9, "pairing", "paired");
        count("periscope.reassembly.exchanges", 1, "pairing", "unpaired_request");
        count("periscope.reassembly.exchanges.unpaired", 1, "side", "request", "reason", "end_of_input");
        count("periscope.publish.exchanges", 8, "outcome", "published");
        count("periscope.publish.exchanges.dropped", 1, "reason", "queue_full");

        assertThat(stage("HTTP messages").reconciles()).isTrue();
        PipelineLedger.Balance exchanges = stage(PipelineLedger.EXCHANGES);
        assertThat(exchanges.total()).isEqualTo(10);
        assertThat(exchanges.count(PipelineLedger.PUBLISHED)).isEqualTo(8);
        assertThat(exchanges.unexplained()).isEqualTo(1);
    }
}
