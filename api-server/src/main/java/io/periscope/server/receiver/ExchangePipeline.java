package io.periscope.server.receiver;

import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.reassembly.IdleClock;
import io.periscope.reassembly.ReassemblySinkFactory;
import io.periscope.reassembly.publish.Backpressure;
import io.periscope.reassembly.publish.PublisherConfig;
import io.periscope.reassembly.publish.KafkaExchangePublisher;
import io.periscope.server.config.PeriscopeSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Reassembly publishing to Kafka: the install's fingerprint key, the exchange publisher for a
 * cluster, and the per-worker reassembly sinks that feed it. Shared by the receiver role and the
 * replay command, so both publish exactly the same exchanges.
 */
public final class ExchangePipeline {
    private final KafkaExchangePublisher publisher;
    private final ReassemblySinkFactory sinks;
    /**
     * Publisher queue and producer buffer of a file replay, each: enough to keep the producer's batches
     * full (the sender drains a few 256 KiB batches at a time); more only holds heap, since a file waits
     * instead of dropping (docs/performance.md, "Memory and allocation").
     */
    private static final long FILE_QUEUE_BYTES = 8L << 20;

    /**
     * @param clientProperties bootstrap servers and pass-through client settings of the cluster
     */
    public ExchangePipeline(PeriscopeSettings settings, Map<String, Object> clientProperties, MeterRegistry registry) {
        this(settings, clientProperties, registry, Backpressure.DROP);
    }

    /**
     * @param backpressure {@link Backpressure#DROP} for live sources (the receiver role), {@link Backpressure#BLOCK}
     *                     for a file, which must lose nothing
     */
    public ExchangePipeline(PeriscopeSettings settings, Map<String, Object> clientProperties, MeterRegistry registry,
                            Backpressure backpressure) {
        byte[] key = FingerprintKey.load(settings.reassembly().fingerprintSecret(), settings.dataDir());
        PublisherConfig publisherConfig = settings.reassembly().publisher(clientProperties);
        if (backpressure == Backpressure.BLOCK) {
            // a file waits for Kafka instead of dropping: a deep queue would only hold memory, not absorb bursts
            publisherConfig = publisherConfig.toBuilder()
                    .maxQueuedBytes(Math.min(publisherConfig.maxQueuedBytes(), FILE_QUEUE_BYTES))
                    .bufferMemory(Math.min(publisherConfig.bufferMemory(), FILE_QUEUE_BYTES)).build();
        }
        this.publisher = new KafkaExchangePublisher(publisherConfig, backpressure, registry);
        // a file (the only source that blocks) expires idle connections by its own segments: deterministic
        IdleClock idleClock = backpressure == Backpressure.BLOCK ? IdleClock.SEGMENTS : IdleClock.TICKS;
        this.sinks = new ReassemblySinkFactory(settings.reassembly().reassembly(key), publisher, registry, idleClock);
    }

    /** The reassembly sinks to hand to a receiver or a file ingest. */
    public ReassemblySinkFactory sinks() {
        return sinks;
    }

    /** See {@link KafkaExchangePublisher#awaitReady}: for a bulk ingest that must not drop its first exchanges. */
    public void awaitReady(Duration timeout) {
        publisher.awaitReady(timeout);
    }

    /** Why a blocking publisher gave up (see {@link KafkaExchangePublisher#failure()}); empty while it works. */
    public Optional<String> failure() {
        return publisher.failure();
    }

    public long accepted() {
        return (long) publisher.value("exchanges{outcome=accepted}");
    }

    public long published() {
        return (long) publisher.value("exchanges{outcome=published}");
    }

    /**
     * Stops accepting and waits up to {@code drain} for Kafka to acknowledge what is queued. Call it
     * after the receiver that feeds the sinks has closed, so everything reassembled is published.
     */
    public void close(Duration drain) {
        publisher.close(drain);
    }
}
