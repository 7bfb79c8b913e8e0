package io.periscope.analytics.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Per-key mutable state (a window set, a decayed counter, a sketch per client) bounded in keys and idle
 * time, over a Caffeine cache.
 *
 * <p>Invariants:
 * <ul>
 *   <li>At most {@link StateBounds#maxEntries()} keys are held once maintenance has run, which it does
 *       on the calling thread after writes (never later on a pool) and always in {@link #size()} and
 *       {@link #evictIdle()}; under concurrent writes the bound may be passed briefly. Which key goes is
 *       Caffeine's W-TinyLFU choice (frequency and recency), not strictly the least recent.</li>
 *   <li>A key not read or written for {@link StateBounds#idleTimeout()} by the injected clock is gone
 *       after the next call that runs maintenance ({@link #evictIdle()} runs it on demand, e.g. from a
 *       punctuator); the clock is the only time source, so tests and replays move it by hand.</li>
 *   <li>Every eviction is counted by reason and told to the listener once; {@link #remove} is the
 *       owner's choice and is neither counted nor told.</li>
 * </ul>
 * Safe for concurrent use, as Caffeine is; the values themselves are the caller's to guard.
 */
public final class BoundedKeyedState<K, V> {
    private final Cache<K, V> cache;
    private final LongAdder evictedBySize = new LongAdder();
    private final LongAdder evictedIdle = new LongAdder();

    public BoundedKeyedState(StateBounds bounds, InstantSource clock, EvictionListener<? super K, ? super V> listener) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(bounds.maxEntries())
                .expireAfterAccess(bounds.idleTimeout())
                .ticker(nanoTicker(clock))
                .executor(Runnable::run)
                .<K, V>evictionListener((key, value, cause) -> {
                    EvictionReason reason = cause == RemovalCause.SIZE ? EvictionReason.SIZE : EvictionReason.IDLE;
                    (reason == EvictionReason.SIZE ? evictedBySize : evictedIdle).increment();
                    listener.evicted(key, value, reason);
                })
                .build();
    }

    /** The state of {@code key}, or null when there is none. A read counts as use for the idle timeout. */
    public V get(K key) {
        return cache.getIfPresent(key);
    }

    /** The state of {@code key}, created by {@code create} when there is none. */
    public V getOrCreate(K key, Function<? super K, ? extends V> create) {
        return cache.get(key, create);
    }

    public void put(K key, V value) {
        cache.put(key, value);
    }

    /** Removes the state of {@code key} (not an eviction: not counted, listener not told). */
    public void remove(K key) {
        cache.invalidate(key);
    }

    /**
     * Visits every key held (to write state back to a store on punctuation). A visit is not a use: it
     * does not hold off the idle timeout, so a flush does not keep quiet keys alive.
     */
    public void forEach(BiConsumer<? super K, ? super V> action) {
        cache.asMap().forEach(action);
    }

    /** The number of keys held, after pending evictions. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Evicts now every key idle for the timeout by the clock. */
    public void evictIdle() {
        cache.cleanUp();
    }

    public long evictedBySize() {
        return evictedBySize.sum();
    }

    public long evictedIdle() {
        return evictedIdle.sum();
    }

    // Caffeine measures idle time in nanoseconds of a Ticker; epoch nanoseconds fit a long until 2262.
    private static Ticker nanoTicker(InstantSource clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }
}
