package io.periscope.mirror.config;

/**
 * Hand-off from the receive threads to the reassembly workers.
 *
 * @param workers          reassembly worker threads (key {@code dispatch.workers})
 * @param queueCapacity    preallocated segment slots per worker, a power of two (key {@code dispatch.queue-capacity})
 * @param slotPayloadBytes payload bytes preallocated per slot; larger segments (jumbo, GSO) get a
 *                         temporary array for their trip through the queue (key {@code dispatch.slot-payload-bytes})
 */
public record DispatchConfig(int workers, int queueCapacity, int slotPayloadBytes) {

    public DispatchConfig {
        Checks.range("dispatch.workers", workers, 1, 256);
        Checks.range("dispatch.queue-capacity", queueCapacity, 2, 1 << 20);
        if (Integer.bitCount(queueCapacity) != 1) {
            throw new ConfigException(Checks.PREFIX + "dispatch.queue-capacity", queueCapacity, "must be a power of two");
        }
        Checks.range("dispatch.slot-payload-bytes", slotPayloadBytes, 64, 65535);
    }

    /**
     * One worker per core: reassembly is the sensor's CPU-bound stage and workers share nothing (flows are
     * sharded), so every core can work on it; a worker with an empty ring parks, so the receive and publisher
     * threads lose no core to idle workers.
     */
    public static DispatchConfig defaults() {
        return new DispatchConfig(Math.max(1, Runtime.getRuntime().availableProcessors()), 4096, 9216);
    }
}
