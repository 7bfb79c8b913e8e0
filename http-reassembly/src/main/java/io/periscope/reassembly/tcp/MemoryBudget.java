package io.periscope.reassembly.tcp;

/**
 * Bytes a worker holds in stream buffers and partial messages. Owned by one worker thread: plain
 * arithmetic, no atomics; published to the shared gauge on tick.
 */
public final class MemoryBudget {
    private final long limit;
    private long used;

    public MemoryBudget(long limit) {
        this.limit = limit;
    }

    public void add(long bytes) {
        used += bytes;
    }

    public void release(long bytes) {
        used -= bytes;
    }

    public long used() {
        return used;
    }

    public boolean exceeded() {
        return used > limit;
    }
}
