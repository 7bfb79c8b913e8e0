package io.periscope.detection.streams;

import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One task's live per-key state (e.g. actors) in front of its key-value store: a value is read from the store once,
 * then changed in memory, and serialized into the store only by {@link #flush()} — which the topology's
 * {@link io.periscope.events.kafka.streams.CommitHookStore} runs before every offset commit — or when it is evicted
 * to make room. Serializing on every record cost more than everything else detection does per exchange.
 *
 * <p>Invariants: a dirty value is cached; the store holds the last written form of every value that is not dirty
 * (so after {@link #flush()} the store alone is the whole state, which is what a restart or a moved task reads back
 * through the changelog); at most {@code maxEntries} values are cached, the least recently used one is written (if
 * dirty) and dropped when another is added. The list of changed entries holds at most one entry per change of a
 * clean value between two flushes. Used by one stream thread only, like the processor that owns it.
 *
 * @param <V> the mutable state kept per key
 */
final class WriteBehindCache<V> {
    private final KeyValueStore<String, byte[]> store;
    private final Function<byte[], V> read;
    private final Function<V, byte[]> write;
    private final Runnable unreadable;
    private final Map<String, Entry<V>> entries;
    /** The entries changed since the last flush, so that a flush costs what changed, not what is cached. */
    private final List<Entry<V>> dirty = new ArrayList<>();

    /**
     * @param read       the stored form back to a value, or null when it cannot be read (a format of another build)
     * @param unreadable counts a stored value that could not be read (it is replaced by a fresh one)
     * @param maxEntries values kept in memory; the least recently used beyond it go back to the store
     */
    WriteBehindCache(KeyValueStore<String, byte[]> store, Function<byte[], V> read, Function<V, byte[]> write,
                     Runnable unreadable, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the cache must hold at least one value");
        }
        this.store = store;
        this.read = read;
        this.write = write;
        this.unreadable = unreadable;
        this.entries = new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                if (size() <= maxEntries) {
                    return false;
                }
                Entry<V> e = eldest.getValue();
                if (e.dirty) {
                    store.put(e.key, write.apply(e.value));
                    e.dirty = false;
                }
                return true;
            }
        };
    }

    /** The live value of {@code key}: cached, else read from the store, else {@code fresh}; cached from now on. */
    V get(String key, Supplier<V> fresh) {
        Entry<V> e = entries.get(key);
        if (e != null) {
            return e.value;
        }
        byte[] bytes = store.get(key);
        V value = bytes == null ? null : read.apply(bytes);
        e = new Entry<>(key, value == null ? fresh.get() : value);
        entries.put(key, e);
        if (bytes != null && value == null) {
            unreadable.run();
            // the value that replaced an unreadable one must reach the store even if it is never changed
            markDirty(e);
        }
        return e.value;
    }

    /** The cached value of {@code key}, or null when it is not in memory; does not read the store. */
    V cached(String key) {
        Entry<V> e = entries.get(key);
        return e == null ? null : e.value;
    }

    /**
     * The keys held in memory, in their natural order: a copy, so the caller may {@link #get}, {@link #changed} or
     * {@link #remove} while it walks them.
     */
    List<String> cachedKeys() {
        List<String> keys = new ArrayList<>(entries.keySet());
        keys.sort(null);
        return keys;
    }

    /** The value of {@code key} (as returned by {@link #get}) was changed: it is written at the next flush. */
    void changed(String key) {
        Entry<V> e = entries.get(key);
        if (e == null) {
            throw new IllegalStateException("only a cached value can change");
        }
        markDirty(e);
    }

    private void markDirty(Entry<V> e) {
        if (!e.dirty) {
            e.dirty = true;
            dirty.add(e);
        }
    }

    /** Forgets {@code key} in memory and in the store. */
    void remove(String key) {
        Entry<V> e = entries.remove(key);
        if (e != null) {
            e.dirty = false;
        }
        store.delete(key);
    }

    /** Writes every value changed since the last flush (and still cached) to the store. */
    void flush() {
        for (Entry<V> e : dirty) {
            // an entry evicted or removed since it changed was written or deleted then
            if (e.dirty) {
                store.put(e.key, write.apply(e.value));
                e.dirty = false;
            }
        }
        dirty.clear();
    }

    int size() {
        return entries.size();
    }

    private static final class Entry<V> {
        final String key;
        final V value;
        boolean dirty;

        Entry(String key, V value) {
            this.key = key;
            this.value = value;
        }
    }
}
