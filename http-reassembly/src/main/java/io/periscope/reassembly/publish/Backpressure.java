package io.periscope.reassembly.publish;

/**
 * What a full publish queue does to the reassembly worker handing it an exchange. The caller chooses:
 * a live source must never be held by Kafka, a file must never lose an exchange.
 */
public enum Backpressure {
    /**
     * Live capture (UDP, interface): never wait. A full queue drops the exchange and counts it
     * ({@code exchanges.dropped{reason=queue_full}}); packets keep flowing whatever Kafka does.
     */
    DROP,
    /**
     * File replay: wait for room, so the worker stops taking segments, its ring fills and the file
     * reader waits in turn; nothing is dropped. Sender threads retry a send the producer could not take
     * instead of dropping it. A publisher that makes no progress for {@code delivery-timeout-ms} (Kafka
     * away), or whose exchange Kafka refused, fails: from then on it waits for nothing and drops
     * everything, counted, and {@link KafkaExchangePublisher#failure()} says why, so the replay stops
     * with that message instead of hanging.
     */
    BLOCK
}
