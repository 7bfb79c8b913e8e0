package io.periscope.mirror.config;

/**
 * Hand-off from the receive threads to the reassembly workers.
 *
 * @param workers    reassembly worker threads (key {@code dispatch.workers})
 * @param queueBytes bytes of queued segments all workers together can hold (key {@code dispatch.queue-bytes}):
 *                   each worker gets an equal share rounded down to a power of two, at least 1 MiB. Sized in
 *                   bytes because what a queue must absorb is a burst of traffic (a segment takes 92 bytes plus
 *                   its payload), and memory is what an operator budgets
 */
public record DispatchConfig(int workers, long queueBytes) {
    static final long MIN_PER_WORKER = 1 << 20;
    static final long MAX_PER_WORKER = 1 << 30;

    public DispatchConfig {
        Checks.range("dispatch.workers", workers, 1, 256);
        if (queueBytes < MIN_PER_WORKER * workers || queueBytes > MAX_PER_WORKER * workers) {
            throw new ConfigException(Checks.PREFIX + "dispatch.queue-bytes", queueBytes,
                    "must be between 1 MiB and 1 GiB per worker (" + workers + " workers)");
        }
    }

    /** One worker's queue: its share of {@link #queueBytes}, rounded down to a power of two. */
    public int queueBytesPerWorker() {
        return (int) Long.highestOneBit(queueBytes / workers);
    }

    /**
     * A worker per core (flows are sharded, so workers share nothing), and an eighth of the heap for
     * the queues, between 16 MiB and 1 GiB: with the launcher's 4 GiB heap, 512 MiB, which holds
     * minutes of a typical mirror rather than the fraction of a second a cold JIT needs.
     */
    public static DispatchConfig defaults() {
        return defaults(Runtime.getRuntime().availableProcessors());
    }

    /** The default queue bytes for {@code workers} workers. */
    public static DispatchConfig defaults(int workers) {
        return new DispatchConfig(workers, defaultQueueBytes(workers, Runtime.getRuntime().maxMemory()));
    }

    static long defaultQueueBytes(int workers, long maxHeap) {
        long bytes = Math.max(16L << 20, Math.min(1L << 30, maxHeap / 8));
        return Math.max(MIN_PER_WORKER * workers, Math.min(MAX_PER_WORKER * workers, bytes));
    }

    /**
     * For file ingest, which waits instead of dropping: the smallest queues (1 MiB of off-heap ring per
     * worker, about 1 000 segments) suffice, since the reader only has to stay ahead of the workers, and
     * keep resident memory low.
     */
    public DispatchConfig forFileIngest() {
        return new DispatchConfig(workers, Math.min(queueBytes, MIN_PER_WORKER * workers));
    }
}
