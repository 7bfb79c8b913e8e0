package io.periscope.reassembly.publish;

import io.periscope.events.kafka.RecordFormat;
import io.periscope.events.kafka.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the Kafka exchange publisher (keys under {@code periscope.reassembly.kafka.}), validated on
 * construction: a bad value fails with a message naming its key.
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
 * @param recordFormat       how exchanges are written ({@code record-format}): {@link RecordFormat#AVRO} by default
 *                           (a third of JSON's CPU to write and to read, half the bytes before compression; every
 *                           in-house reader tells the formats apart by the record header, docs/events.md), or
 *                           {@link RecordFormat#JSON} for consumers that want JSON
 */
public record PublisherConfig(String bootstrapServers, String topic, int senderThreads, int maxQueuedExchanges, long maxQueuedBytes,
                              String compressionType, int lingerMs, int batchSize, long bufferMemory, int maxBlockMs,
                              int deliveryTimeoutMs, Map<String, String> overrides, RecordFormat recordFormat) {

    /** The compression types the Kafka producer knows. */
    private static final List<String> COMPRESSION_TYPES = List.of("none", "gzip", "snappy", "lz4", "zstd");
    private static final String P = "periscope.reassembly.kafka.";

    public PublisherConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(recordFormat, "recordFormat");
        atLeast("max-queued-exchanges", maxQueuedExchanges, 1, "a positive whole number");
        atLeast("max-queued-bytes", maxQueuedBytes, 1, "a positive whole number");
        if (senderThreads < 1 || senderThreads > Math.min(64, maxQueuedExchanges)) {
            throw invalid("sender-threads", senderThreads, "expected 1 to 64, and at most max-queued-exchanges");
        }
        if (!COMPRESSION_TYPES.contains(compressionType)) {
            throw invalid("compression-type", compressionType, "expected none, gzip, snappy, lz4 or zstd");
        }
        if (lingerMs < 0 || lingerMs > 60_000) {
            throw invalid("linger-ms", lingerMs, "expected a whole number from 0 to 60000");
        }
        atLeast("batch-size", batchSize, 1, "a positive whole number");
        atLeast("buffer-memory", bufferMemory, 1, "a positive whole number");
        if (maxBlockMs < 0 || maxBlockMs > 600_000) {
            throw invalid("max-block-ms", maxBlockMs, "expected a whole number from 0 to 600000");
        }
        atLeast("delivery-timeout-ms", deliveryTimeoutMs, 1, "a positive whole number");
        overrides = Map.copyOf(overrides);
    }

    private static void atLeast(String key, long value, long min, String expected) {
        if (value < min) {
            throw invalid(key, value, "expected " + expected);
        }
    }

    private static IllegalArgumentException invalid(String key, Object value, String expected) {
        return new IllegalArgumentException(P + key + " = \"" + value + "\": " + expected);
    }

    /** The defaults documented in docs/configuration.md, for this cluster. */
    public static PublisherConfig defaults(String bootstrapServers) {
        return new Builder().bootstrapServers(bootstrapServers).build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().bootstrapServers(bootstrapServers).topic(topic).senderThreads(senderThreads)
                .maxQueuedExchanges(maxQueuedExchanges).maxQueuedBytes(maxQueuedBytes).compressionType(compressionType)
                .lingerMs(lingerMs).batchSize(batchSize).bufferMemory(bufferMemory).maxBlockMs(maxBlockMs)
                .deliveryTimeoutMs(deliveryTimeoutMs).overrides(overrides).recordFormat(recordFormat);
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
        return toBuilder().bootstrapServers(bootstrap).overrides(merged).build();
    }

    /** Defaults as documented in docs/configuration.md; {@link #build()} validates. */
    public static final class Builder {
        private String bootstrapServers = "";
        private String topic = Topics.EXCHANGES;
        private int senderThreads = 2;
        private int maxQueuedExchanges = 50_000;
        private long maxQueuedBytes = 256L * 1024 * 1024;
        private String compressionType = "zstd";
        private int lingerMs = 20;
        private int batchSize = 256 * 1024;
        private long bufferMemory = 64L * 1024 * 1024;
        private int maxBlockMs = 1000;
        private int deliveryTimeoutMs = 120_000;
        private Map<String, String> overrides = Map.of();
        private RecordFormat recordFormat = RecordFormat.AVRO;

        private Builder() {
        }

        public Builder bootstrapServers(String v) { bootstrapServers = v; return this; }
        public Builder topic(String v) { topic = v; return this; }
        public Builder senderThreads(int v) { senderThreads = v; return this; }
        public Builder maxQueuedExchanges(int v) { maxQueuedExchanges = v; return this; }
        public Builder maxQueuedBytes(long v) { maxQueuedBytes = v; return this; }
        public Builder compressionType(String v) { compressionType = v; return this; }
        public Builder lingerMs(int v) { lingerMs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder bufferMemory(long v) { bufferMemory = v; return this; }
        public Builder maxBlockMs(int v) { maxBlockMs = v; return this; }
        public Builder deliveryTimeoutMs(int v) { deliveryTimeoutMs = v; return this; }
        public Builder overrides(Map<String, String> v) { overrides = v; return this; }
        public Builder recordFormat(RecordFormat v) { recordFormat = v; return this; }

        public PublisherConfig build() {
            return new PublisherConfig(bootstrapServers, topic, senderThreads, maxQueuedExchanges, maxQueuedBytes,
                    compressionType, lingerMs, batchSize, bufferMemory, maxBlockMs, deliveryTimeoutMs, overrides,
                    recordFormat);
        }
    }
}
