package io.periscope.analytics.state;

/**
 * Told of each eviction, so that an owner can emit what the evicted state had gathered (a final window, a
 * last rate) instead of losing it silently. Runs on the thread that caused the eviction; must not touch
 * the state it is evicted from.
 */
@FunctionalInterface
public interface EvictionListener<K, V> {
    void evicted(K key, V value, EvictionReason reason);
}
