package io.periscope.server.receiver;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.events.kafka.ExchangeSerializer;
import io.periscope.events.kafka.Topics;
import io.periscope.reassembly.ReassemblySinkFactory;
import io.periscope.server.config.PeriscopeSettings;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Reassembly sinks for the receiver's warm-up: the install's real reassembly settings (so the same
 * parser, redaction and enrichment code runs), counters of their own, and an exchange sink that
 * serializes each exchange as the publisher would, in its record format (warming that code too) and throws the bytes away.
 * Nothing reaches Kafka.
 */
public final class WarmUpSinks {
    private final ReassemblySinkFactory sinks;
    private final LongAdder exchanges = new LongAdder();

    public WarmUpSinks(PeriscopeSettings settings) {
        byte[] key = FingerprintKey.load(settings.reassembly().fingerprintSecret(), settings.dataDir());
        ExchangeSerializer serializer = new ExchangeSerializer(settings.reassembly().publisherTemplate().recordFormat());
        this.sinks = new ReassemblySinkFactory(settings.reassembly().reassembly(key), exchange -> {
            serializer.serialize(Topics.EXCHANGES, new RecordHeaders(), exchange);
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
