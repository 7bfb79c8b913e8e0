package io.periscope.server.receiver;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import io.periscope.reassembly.ReassemblySinkFactory;
import io.periscope.server.config.PeriscopeSettings;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reassembly sinks for the receiver's warm-up: the install's real reassembly settings (so the same
 * parser, redaction and enrichment code runs), counters of their own, and an exchange sink that
 * serializes each exchange as the publisher would (warming that code too) and throws the bytes away.
 * Nothing reaches Kafka.
 */
public final class WarmUpSinks {
    private final ReassemblySinkFactory sinks;
    private final LongAdder exchanges = new LongAdder();

    public WarmUpSinks(PeriscopeSettings settings) {
        byte[] key = FingerprintKey.load(settings.reassembly().fingerprintSecret(), settings.dataDir());
        JsonSerde<HttpExchange> serializer = JsonSerde.of(HttpExchange.class);
        this.sinks = new ReassemblySinkFactory(settings.reassembly().reassembly(key), exchange -> {
            serializer.serialize(Topics.EXCHANGES, exchange);
            exchanges.increment();
        }, new SimpleMeterRegistry());
    }

    public ReassemblySinkFactory sinks() {
        return sinks;
    }

    /** Exchanges the warm-up sinks have emitted so far. */
    public long exchanges() {
        return exchanges.sum();
    }
}
