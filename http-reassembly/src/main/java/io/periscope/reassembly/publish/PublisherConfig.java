package io.periscope.reassembly.publish;

import io.periscope.events.kafka.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the Kafka exchange publisher (keys under {@code periscope.reassembly.kafka.}).
 *
 * @param bootstrapServers   Kafka bootstrap servers
 * @param topic              destination topic, {@link Topics#EXCHANGES} by default
 * @param senderThreads      threads that serialize and hand exchanges to the producer; a service key always
 *                           maps to the same thread, so per-service order is kept
 * @param maxQueuedExchanges exchanges waiting in front of the producer (all threads); past it new ones are dropped and counted
 * @param maxQueuedBytes     estimated bytes waiting in front of the producer; past it new ones are dropped and counted
 * @param compressionType    producer compression ({@code zstd} by default: 2.2–2.7 times fewer bytes per
 *                           exchange than lz4 at a throughput within the benchmark's noise, see
 *                           docs/http-reassembly.md)
 * @param lingerMs           producer linger.ms (batching)
 * @param batchSize          producer batch.size in bytes
 * @param bufferMemory       producer buffer.memory in bytes
 * @param maxBlockMs         producer max.block.ms: the longest the publisher thread (never a packet thread) waits
 *                           for metadata or buffer space before dropping an exchange
 * @param deliveryTimeoutMs  producer delivery.timeout.ms: how long a batch is retried while the broker is away
 * @param overrides          further producer properties, applied last
 */
public record PublisherConfig(String bootstrapServers, String topic, int senderThreads, int maxQueuedExchanges, long maxQueuedBytes,
                              String compressionType, int lingerMs, int batchSize, long bufferMemory, int maxBlockMs,
                              int deliveryTimeoutMs, Map<String, String> overrides) {

    public PublisherConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        if (maxQueuedExchanges <= 0 || maxQueuedBytes <= 0) {
            throw new IllegalArgumentException("queue limits must be positive");
        }
        if (senderThreads < 1 || senderThreads > maxQueuedExchanges) {
            throw new IllegalArgumentException("senderThreads must be between 1 and maxQueuedExchanges, was " + senderThreads);
        }
        overrides = Map.copyOf(overrides);
    }

    /** The defaults documented in docs/http-reassembly.md. */
    public static PublisherConfig defaults(String bootstrapServers) {
        return new PublisherConfig(bootstrapServers, Topics.EXCHANGES, 2, 50_000, 256L * 1024 * 1024, "zstd", 20,
                256 * 1024, 64L * 1024 * 1024, 1000, 120_000, Map.of());
    }

    public PublisherConfig withQueue(int exchanges, long bytes) {
        return new PublisherConfig(bootstrapServers, topic, senderThreads, exchanges, bytes, compressionType, lingerMs, batchSize,
                bufferMemory, maxBlockMs, deliveryTimeoutMs, overrides);
    }

    public PublisherConfig withSenderThreads(int threads) {
        return new PublisherConfig(bootstrapServers, topic, threads, maxQueuedExchanges, maxQueuedBytes, compressionType,
                lingerMs, batchSize, bufferMemory, maxBlockMs, deliveryTimeoutMs, overrides);
    }

    public PublisherConfig withCompression(String type) {
        return new PublisherConfig(bootstrapServers, topic, senderThreads, maxQueuedExchanges, maxQueuedBytes, type, lingerMs, batchSize,
                bufferMemory, maxBlockMs, deliveryTimeoutMs, overrides);
    }

    public PublisherConfig withTimeouts(int newMaxBlockMs, int newDeliveryTimeoutMs) {
        return new PublisherConfig(bootstrapServers, topic, senderThreads, maxQueuedExchanges, maxQueuedBytes, compressionType,
                lingerMs, batchSize, bufferMemory, newMaxBlockMs, newDeliveryTimeoutMs, overrides);
    }

    /**
     * The same settings for the cluster these client properties reach: their bootstrap servers, and
     * the rest (authentication) under this config's own overrides.
     */
    public PublisherConfig withClientProperties(Map<String, ?> clientProperties) {
        Map<String, String> merged = new HashMap<>();
        clientProperties.forEach((key, value) -> merged.put(key, String.valueOf(value)));
        merged.putAll(overrides);
        String bootstrap = merged.remove("bootstrap.servers");
        return withCluster(bootstrap, merged);
    }

    /** The same settings for a given cluster: its bootstrap servers and client properties (TLS, SASL, ...). */
    public PublisherConfig withCluster(String newBootstrapServers, Map<String, String> newOverrides) {
        return new PublisherConfig(newBootstrapServers, topic, senderThreads, maxQueuedExchanges, maxQueuedBytes, compressionType,
                lingerMs, batchSize, bufferMemory, maxBlockMs, deliveryTimeoutMs, newOverrides);
    }
}
