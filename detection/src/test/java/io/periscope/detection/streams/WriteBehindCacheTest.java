package io.periscope.detection.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WriteBehindCacheTest {
    KeyValueStore<String, byte[]> store;
    AtomicInteger writes = new AtomicInteger();
    AtomicInteger unreadable = new AtomicInteger();
    WriteBehindCache<StringBuilder> cache;

    @BeforeEach
    void open() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("test"), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        cache = cache(3);
    }

    private WriteBehindCache<StringBuilder> cache(int max) {
        return new WriteBehindCache<>(store,
                b -> b[0] == '!' ? null : new StringBuilder(new String(b, StandardCharsets.UTF_8)),
                v -> {
                    writes.incrementAndGet();
                    return v.toString().getBytes(StandardCharsets.UTF_8);
                }, unreadable::incrementAndGet, max);
    }

    @Test
    void changesReachTheStoreOnlyAtFlushSerializedOncePerKeyHoweverOftenTheyChanged() {
        for (int i = 0; i < 100; i++) {
            cache.get("a", StringBuilder::new).append('x');
            cache.changed("a");
        }
        assertThat(store.get("a")).isNull();
        assertThat(writes).hasValue(0);
        cache.flush();
        assertThat(new String(store.get("a"), StandardCharsets.UTF_8)).hasSize(100);
        assertThat(writes).hasValue(1);
        cache.flush();
        assertThat(writes).as("nothing changed since the last flush").hasValue(1);
    }

    @Test
    void beyondItsSizeTheLeastRecentlyUsedValueIsWrittenAndReadBackWhenItReturns() {
        for (String k : new String[] {"a", "b", "c"}) {
            cache.get(k, StringBuilder::new).append(k);
            cache.changed(k);
        }
        cache.get("a", StringBuilder::new);
        cache.get("d", StringBuilder::new).append("d");
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.cached("b")).as("b was least recently used").isNull();
        assertThat(new String(store.get("b"), StandardCharsets.UTF_8)).isEqualTo("b");
        assertThat(cache.get("b", StringBuilder::new)).hasToString("b");
    }

    @Test
    void aFreshCacheOnTheSameStoreContinuesFromTheFlushedState() {
        cache.get("a", StringBuilder::new).append("one");
        cache.changed("a");
        cache.flush();
        WriteBehindCache<StringBuilder> restarted = cache(3);
        assertThat(restarted.get("a", StringBuilder::new)).hasToString("one");
    }

    @Test
    void anUnreadableStoredValueIsCountedAndReplacedInTheStore() {
        store.put("a", "!old format".getBytes(StandardCharsets.UTF_8));
        assertThat(cache.get("a", () -> new StringBuilder("fresh"))).hasToString("fresh");
        assertThat(unreadable).hasValue(1);
        cache.flush();
        assertThat(new String(store.get("a"), StandardCharsets.UTF_8)).isEqualTo("fresh");
    }

    @Test
    void aRemovedKeyIsGoneFromMemoryAndStore() {
        cache.get("a", StringBuilder::new).append("a");
        cache.changed("a");
        cache.flush();
        cache.remove("a");
        assertThat(cache.cached("a")).isNull();
        assertThat(store.get("a")).isNull();
    }

    @Test
    void cachedKeysAreASortedCopyThatMayBeWalkedWhileValuesChangeOrGo() {
        for (String k : new String[] {"c", "a", "b"}) {
            cache.get(k, StringBuilder::new).append(k);
        }
        var keys = cache.cachedKeys();
        assertThat(keys).containsExactly("a", "b", "c");
        for (String k : keys) {
            cache.cached(k).append('!');
            cache.changed(k);
            if (k.equals("b")) {
                cache.remove(k);
            }
        }
        assertThat(store.get("a")).as("a walk writes nothing by itself").isNull();
        cache.flush();
        assertThat(new String(store.get("a"), StandardCharsets.UTF_8)).isEqualTo("a!");
        assertThat(store.get("b")).isNull();
        assertThat(cache.cachedKeys()).containsExactly("a", "c");
    }
}
