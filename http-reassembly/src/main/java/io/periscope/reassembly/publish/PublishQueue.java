package io.periscope.reassembly.publish;

import io.periscope.events.http.HttpExchange;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The bounded queue in front of the producer, one lane per sender thread, bounded both in exchanges
 * (each lane's capacity) and in estimated bytes (a semaphore of 1 KiB permits shared by all lanes).
 *
 * <p>Invariant: {@link #queuedBytes()} is the sum of the estimates of the entries in the lanes, and the
 * permits held equal the sum of their {@link Entry#permits()}; an entry takes its permits before it
 * enters a lane and gives them back when a sender takes it out.
 */
final class PublishQueue {
    /** An exchange estimated at more than the whole byte bound still fits alone (it takes every permit). */
    private static final int PERMIT_BYTES = 1024;
    /** How often a waiting caller re-checks whether it should stop waiting (close, failure). */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    record Entry(HttpExchange exchange, long bytes, int permits) {
    }

    private final ArrayBlockingQueue<Entry>[] lanes;
    private final Semaphore bytePermits;
    private final int maxPermits;
    private final AtomicLong queuedBytes = new AtomicLong();

    PublishQueue(int lanes, int maxEntries, long maxBytes) {
        @SuppressWarnings("unchecked")
        ArrayBlockingQueue<Entry>[] qs = new ArrayBlockingQueue[lanes];
        for (int i = 0; i < lanes; i++) {
            qs[i] = new ArrayBlockingQueue<>(Math.max(1, maxEntries / lanes));
        }
        this.lanes = qs;
        this.maxPermits = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxBytes / PERMIT_BYTES));
        this.bytePermits = new Semaphore(maxPermits);
    }

    int lanes() {
        return lanes.length;
    }

    Entry entry(HttpExchange exchange, long bytes) {
        return new Entry(exchange, bytes, (int) Math.min(maxPermits, Math.max(1, (bytes + PERMIT_BYTES - 1) / PERMIT_BYTES)));
    }

    /** Never waits: false when the lane or the byte bound is full. */
    boolean offer(int lane, Entry e) {
        if (!bytePermits.tryAcquire(e.permits())) {
            return false;
        }
        if (!lanes[lane].offer(e)) {
            bytePermits.release(e.permits());
            return false;
        }
        queuedBytes.addAndGet(e.bytes());
        return true;
    }

    /**
     * Waits for room until {@code deadlineNanos} ({@link System#nanoTime()}) or until {@code keepWaiting}
     * turns false (checked at least every 100 ms); false when it gave up.
     */
    boolean put(int lane, Entry e, long deadlineNanos, BooleanSupplier keepWaiting) throws InterruptedException {
        if (!acquire(e.permits(), deadlineNanos, keepWaiting)) {
            return false;
        }
        while (true) {
            long left = deadlineNanos - System.nanoTime();
            if (lanes[lane].offer(e, Math.max(0, Math.min(left, WAIT_SLICE_NANOS)), TimeUnit.NANOSECONDS)) {
                queuedBytes.addAndGet(e.bytes());
                return true;
            }
            if (left <= 0 || !keepWaiting.getAsBoolean()) {
                bytePermits.release(e.permits());
                return false;
            }
        }
    }

    private boolean acquire(int permits, long deadlineNanos, BooleanSupplier keepWaiting) throws InterruptedException {
        while (true) {
            long left = deadlineNanos - System.nanoTime();
            if (bytePermits.tryAcquire(permits, Math.max(0, Math.min(left, WAIT_SLICE_NANOS)), TimeUnit.NANOSECONDS)) {
                return true;
            }
            if (left <= 0 || !keepWaiting.getAsBoolean()) {
                return false;
            }
        }
    }

    /** A sender takes the next entry of its lane, waiting up to {@code timeoutMillis}; null when none came. */
    Entry poll(int lane, long timeoutMillis) throws InterruptedException {
        Entry e = lanes[lane].poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (e != null) {
            taken(e);
        }
        return e;
    }

    /** Takes an entry without waiting (draining at close or after a failure); null when the lane is empty. */
    Entry pollNow(int lane) {
        Entry e = lanes[lane].poll();
        if (e != null) {
            taken(e);
        }
        return e;
    }

    private void taken(Entry e) {
        queuedBytes.addAndGet(-e.bytes());
        bytePermits.release(e.permits());
    }

    boolean isEmpty(int lane) {
        return lanes[lane].isEmpty();
    }

    int size() {
        int n = 0;
        for (ArrayBlockingQueue<Entry> q : lanes) {
            n += q.size();
        }
        return n;
    }

    long queuedBytes() {
        return queuedBytes.get();
    }
}
